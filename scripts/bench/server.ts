/**
 * The measured site served as the intranet would (scripts/serve.ts), plus the bare pages the
 * first chart is compared with, and a count of the bytes sent of each published data file.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { staticHandler } from '../serve.ts';

export const BARE_PREFIX = '__bench-bare/';

export interface DataRead {
  /** Bytes of petitions.duckdb sent, in how many responses, how many of them 206. */
  database: number;
  responses: number;
  ranged: number;
  /** Bytes of every other file under data/ (the manifest, alerts…). */
  otherData: number;
  /** Bytes of the recorded answers (answers/), in how many responses. */
  answers: number;
  answerFiles: number;
}

export interface BenchServer {
  origin: string;
  read: DataRead;
  /** Zeroes the counts (the start of a visit). */
  resetRead(): void;
  close(): Promise<void>;
}

export async function startServer(
  site: string,
  basePath: string,
  barePages: ReadonlyMap<string, string>,
): Promise<BenchServer> {
  const files = staticHandler(site, basePath);
  const zero: DataRead = {
    database: 0,
    responses: 0,
    ranged: 0,
    otherData: 0,
    answers: 0,
    answerFiles: 0,
  };
  const read: DataRead = { ...zero };
  const count = (pathname: string, response: ServerResponse): void => {
    if (pathname.startsWith(`${basePath}answers/`)) {
      const write = response.write.bind(response) as (chunk: unknown, ...r: unknown[]) => boolean;
      response.write = ((chunk: { length?: number }, ...rest: unknown[]) => {
        read.answers += chunk?.length ?? 0;
        return write(chunk, ...rest);
      }) as ServerResponse['write'];
      response.on('finish', () => read.answerFiles++);
      return;
    }
    if (!pathname.startsWith(`${basePath}data/`)) return;
    const database = pathname.endsWith('/petitions.duckdb');
    const write = response.write.bind(response) as (chunk: unknown, ...rest: unknown[]) => boolean;
    response.write = ((chunk: { length?: number }, ...rest: unknown[]) => {
      if (database) read.database += chunk?.length ?? 0;
      else read.otherData += chunk?.length ?? 0;
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    if (database) {
      response.on('finish', () => {
        read.responses++;
        if (response.statusCode === 206) read.ranged++;
      });
    }
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const bare = barePages.get(pathname.slice(basePath.length + BARE_PREFIX.length));
    if (pathname.startsWith(`${basePath}${BARE_PREFIX}`) && bare !== undefined) {
      response.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-cache',
        'Content-Length': Buffer.byteLength(bare),
      });
      response.end(bare);
      return;
    }
    count(pathname, response);
    void files(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    read,
    resetRead: () => Object.assign(read, zero),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
