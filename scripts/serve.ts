import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { SECURITY_HEADERS } from '../src/lib/security-headers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.duckdb': 'application/octet-stream',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file a request path names inside `top`, or null: outside the base path, undecodable
 * (`/%`), holding a NUL, or leaving `top` (`/..%2fdist-old/`) once decoded and resolved.
 */
export function fileFor(requestUrl: string, base: string, top: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (!pathname.startsWith(base) || pathname.includes('\0')) return null;
  const file = path.resolve(top, `.${path.sep}${pathname.slice(base.length)}`);
  return file === top || file.startsWith(`${top}${path.sep}`) ? file : null;
}

function send(stream: ReadStream, res: ServerResponse): void {
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/**
 * A static file server like the intranet's: serves `root` under `basePath`, honours Range
 * requests (DuckDB-WASM reads the database in pieces), sends the security headers of
 * src/lib/security-headers.ts, and nothing else.
 */
export function serveStatic(root: string, basePath = '/'): Server {
  return createServer(staticHandler(root, basePath));
}

/** serveStatic's request handler, for a server that answers a few paths of its own first. */
export function staticHandler(
  root: string,
  basePath = '/',
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const base = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const top = path.resolve(root);
  return async (req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const file = fileFor(req.url ?? '/', base, top);
    if (file === null) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    try {
      let target = file;
      let info = await stat(target);
      if (info.isDirectory()) {
        target = path.join(target, 'index.html');
        info = await stat(target);
      }
      const type = TYPES[path.extname(target)] ?? 'application/octet-stream';
      const headers = {
        'Content-Type': type,
        'Accept-Ranges': 'bytes',
        'Cache-Control': 'no-cache',
      };
      const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
      if (range && (range[1] || range[2])) {
        const start = range[1] ? Number(range[1]) : Math.max(0, info.size - Number(range[2]));
        const end =
          range[1] && range[2] ? Math.min(Number(range[2]), info.size - 1) : info.size - 1;
        if (start > end || start >= info.size) {
          res.writeHead(416, { 'Content-Range': `bytes */${info.size}` }).end();
          return;
        }
        res.writeHead(206, {
          ...headers,
          'Content-Range': `bytes ${start}-${end}/${info.size}`,
          'Content-Length': end - start + 1,
        });
        if (req.method === 'HEAD') res.end();
        else send(createReadStream(target, { start, end }), res);
        return;
      }
      res.writeHead(200, { ...headers, 'Content-Length': info.size });
      if (req.method === 'HEAD') res.end();
      else send(createReadStream(target), res);
    } catch {
      if (!res.headersSent) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      } else res.destroy();
    }
  };
}
