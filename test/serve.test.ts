/** The local server of `npm start`: garbage paths never kill it or escape dist/, headers are sent. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileFor, serveStatic } from '../scripts/serve.ts';
import { PAGE_CSP, SECURITY_HEADERS } from '../src/lib/security-headers.ts';
import { tempFolder } from './helpers/build-fixtures.ts';

const root = tempFolder('xf-serve-');
const dist = path.join(root, 'dist');
let server: Server;
let port = 0;

beforeAll(async () => {
  mkdirSync(path.join(dist, 'about'), { recursive: true });
  mkdirSync(path.join(root, 'dist-secret'), { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), '<p>home</p>');
  writeFileSync(path.join(dist, 'about', 'index.html'), '<p>about</p>');
  writeFileSync(path.join(dist, 'data.bin'), Buffer.from('0123456789'));
  writeFileSync(path.join(root, 'dist-secret', 'secret.txt'), 'SECRET');
  writeFileSync(path.join(root, 'secret.txt'), 'SECRET');
  server = serveStatic(dist, '/xf/');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(
  rawPath: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          headers: res.headers,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const ESCAPES = [
  '/%',
  '/xf/%',
  '/xf/%E0%A4%A',
  '/xf/..%2fdist-secret/secret.txt',
  '/xf/..%2Fdist-secret%2Fsecret.txt',
  '/xf/%2e%2e/dist-secret/secret.txt',
  '/xf/%2e%2e%2fsecret.txt',
  '/xf/..%5csecret.txt',
  '/xf/%00',
  '/xf/index.html%00.txt',
  '/xf/../secret.txt',
  '/xf//..%2f..%2fsecret.txt',
];

describe('serve.ts', () => {
  it.each(ESCAPES)('%s: 404, nothing outside dist/, the server lives on', async (rawPath) => {
    const response = await get(rawPath);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('SECRET');
    expect((await get('/xf/')).body).toBe('<p>home</p>');
  });

  it('serves pages, folders and ranges, with the security headers', async () => {
    const page = await get('/xf/about/');
    expect(page.status).toBe(200);
    expect(page.body).toBe('<p>about</p>');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(page.headers['content-security-policy']).toBe(`${PAGE_CSP}; frame-ancestors 'self'`);
    const range = await get('/xf/data.bin', { Range: 'bytes=2-4' });
    expect([range.status, range.body]).toEqual([206, '234']);
    expect((await get('/xf/missing.js')).status).toBe(404);
  });

  it('fileFor keeps every path inside the root', () => {
    expect(fileFor('/xf/a/b.js', '/xf/', dist)).toBe(path.join(dist, 'a', 'b.js'));
    expect(fileFor('/xf/', '/xf/', dist)).toBe(dist);
    expect(fileFor('/other/', '/xf/', dist)).toBeNull();
    for (const raw of ESCAPES) {
      const file = fileFor(raw, '/xf/', dist);
      if (file !== null) expect(file.startsWith(`${dist}${path.sep}`)).toBe(true);
    }
  });

  it('README documents exactly the headers it sends', () => {
    const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(readme).toContain(`\n${name}: ${value}\n`);
    }
  });
});
