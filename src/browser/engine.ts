/**
 * DuckDB-WASM in the browser: started lazily, once per page, from files the site itself serves
 * (no CDN), with the published database attached read-only over HTTP range requests.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { toSqlRow, type QueryRunner, type SqlRow } from '../lib/query-runner.ts';
import { sql } from '../lib/sql.ts';

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
  // No values: each runs as written (the cached prepared statements below are for queries).
  for (const statement of [
    sql`SET autoinstall_known_extensions = false`,
    sql`SET autoload_known_extensions = false`,
    sql`ATTACH 'published.duckdb' AS db (READ_ONLY)`,
    sql`USE db`,
  ]) {
    await connection.query(statement.sql);
  }
  return cachedResults(cachedStatements(connection));
}

/** Answers kept per query and values: the database is read-only, so an answer never changes. */
const RESULT_LIMIT = 200;
/** Chart answers are a few hundred rows; a larger one (the CSV export) is not kept. */
const RESULT_ROWS_LIMIT = 5_000;

/**
 * A view the reader returns to (a filter cleared again, 批次 ⇄ 人次, back in history) is drawn
 * without asking DuckDB again. Least recently used answers go first; failures are not kept.
 */
function cachedResults(run: QueryRunner): QueryRunner {
  const kept = new Map<string, Promise<SqlRow[]>>();
  return async (query) => {
    const key = JSON.stringify([query.sql, query.params]);
    let rows = kept.get(key);
    if (rows) kept.delete(key);
    else {
      rows = run(query);
      rows.then(
        (answer) => {
          if (answer.length > RESULT_ROWS_LIMIT && kept.get(key) === rows) kept.delete(key);
        },
        () => kept.delete(key),
      );
    }
    kept.set(key, rows); // most recently used last
    for (const old of kept.keys()) {
      if (kept.size <= RESULT_LIMIT) break;
      kept.delete(old);
    }
    return (await rows).slice();
  };
}

/** Prepared statements kept per SQL text: a filter change's text repeats, only its values vary. */
const STATEMENT_LIMIT = 64;

interface Kept {
  statement: Promise<duckdb.AsyncPreparedStatement>;
  running: number;
  evicted: boolean;
}

/**
 * Each query is one round trip to the worker once its statement exists (prepare → run → close
 * was three). The least recently used statement is closed when the cache is full, once idle.
 */
function cachedStatements(connection: duckdb.AsyncDuckDBConnection): QueryRunner {
  const kept = new Map<string, Kept>();
  const close = (entry: Kept): void => {
    void entry.statement.then((statement) => statement.close()).catch(() => undefined);
  };
  return async (query) => {
    let entry = kept.get(query.sql);
    if (entry) kept.delete(query.sql);
    else {
      entry = { statement: connection.prepare(query.sql), running: 0, evicted: false };
      entry.statement.catch(() => kept.delete(query.sql));
    }
    kept.set(query.sql, entry); // most recently used last
    for (const [sql, old] of kept) {
      if (kept.size <= STATEMENT_LIMIT) break;
      kept.delete(sql);
      old.evicted = true;
      if (old.running === 0) close(old);
    }
    entry.running++;
    try {
      const table = await (await entry.statement).query(...query.params);
      return table
        .toArray()
        .map((row: { toJSON(): Record<string, unknown> }) => toSqlRow(row.toJSON()));
    } finally {
      if (--entry.running === 0 && entry.evicted) close(entry);
    }
  };
}
