import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { toSqlRow, type QueryRunner } from '../../src/lib/query-runner.ts';
import { sql } from '../../src/lib/sql.ts';

const require = createRequire(import.meta.url);

/**
 * DuckDB-WASM (the browser's engine, same wasm binary) under Node, extension autoloading and
 * autoinstall off: proves the published database needs nothing the npm package does not ship.
 */
export async function openPublishedInWasm(
  databaseFile: string,
): Promise<{ run: QueryRunner; version: string; close: () => void }> {
  const duckdb =
    require('@duckdb/duckdb-wasm/blocking') as typeof import('@duckdb/duckdb-wasm/blocking');
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bundles = {
    mvp: {
      mainModule: path.join(dist, 'duckdb-mvp.wasm'),
      mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs'),
    },
    eh: {
      mainModule: path.join(dist, 'duckdb-eh.wasm'),
      mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs'),
    },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({ path: ':memory:', allowUnsignedExtensions: false });
  const connection = db.connect();
  const run: QueryRunner = async (query) => {
    const statement = connection.prepare(query.sql);
    try {
      const table = statement.query(...query.params);
      return table.toArray().map((row) => toSqlRow(row.toJSON()));
    } finally {
      statement.close();
    }
  };
  await run(sql`SET autoinstall_known_extensions = false`);
  await run(sql`SET autoload_known_extensions = false`);
  // Any extension fetch would fail at once here instead of waiting on the internet.
  await run(sql`SET custom_extension_repository = 'http://127.0.0.1:9'`);
  db.registerFileBuffer('published.duckdb', new Uint8Array(await readFile(databaseFile)));
  await run(sql`ATTACH 'published.duckdb' AS db (READ_ONLY)`);
  await run(sql`USE db`);
  const [row] = await run(sql`SELECT version() AS v`);
  return {
    version: String(row?.['v']),
    run,
    close: () => {
      connection.close();
      db.reset();
    },
  };
}
