/**
 * DuckDB-WASM in the browser: started lazily, once per page, from files the site itself serves
 * (no CDN), with the published database attached read-only over HTTP range requests.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { toSqlRow, type QueryRunner } from '../lib/query-runner.ts';

const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

let started: Promise<QueryRunner> | null = null;

/** `databaseUrl` is absolute or relative to the page; the promise is shared by every caller. */
export function startEngine(databaseUrl: string): Promise<QueryRunner> {
  started ??= open(new URL(databaseUrl, document.baseURI).href);
  return started;
}

async function open(databaseUrl: string): Promise<QueryRunner> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker ?? ehWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({
    path: ':memory:',
    query: { castBigIntToDouble: true },
    // Read the database in pieces with range requests, not whole: its size grows with the data.
    filesystem: { reliableHeadRequests: true, forceFullHTTPReads: false, allowFullHTTPReads: true },
  });
  await db.registerFileURL('published.duckdb', databaseUrl, duckdb.DuckDBDataProtocol.HTTP, false);
  const connection = await db.connect();
  await connection.query('SET autoinstall_known_extensions = false');
  await connection.query('SET autoload_known_extensions = false');
  await connection.query(`ATTACH 'published.duckdb' AS db (READ_ONLY)`);
  await connection.query('USE db');
  return async (query) => {
    const statement = await connection.prepare(query.sql);
    try {
      const table = await statement.query(...query.params);
      return table
        .toArray()
        .map((row: { toJSON(): Record<string, unknown> }) => toSqlRow(row.toJSON()));
    } finally {
      await statement.close();
    }
  };
}
