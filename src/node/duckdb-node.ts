import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { toSqlRow, type Query, type QueryRunner, type SqlRow } from '../lib/query-runner.ts';

/** Runs `work` with catalog `name` as the default (unqualified tables are its own), then switches back. */
export async function inCatalog<T>(
  connection: DuckDBConnection,
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  const reader = await connection.runAndReadAll('SELECT current_database() AS name');
  const previous = String(reader.getRowObjectsJS()[0]?.['name'] ?? 'memory');
  const quote = (catalog: string): string => `"${catalog.replaceAll('"', '""')}"`;
  await connection.run(`USE ${quote(name)}`);
  try {
    return await work();
  } finally {
    await connection.run(`USE ${quote(previous)}`);
  }
}

export async function runQuery(connection: DuckDBConnection, query: Query): Promise<SqlRow[]> {
  const reader = await connection.runAndReadAll(query.sql, query.params as DuckDBValue[]);
  return reader.getRowObjectsJS().map((row) => toSqlRow(row));
}

/** Opens a published database read-only, attached as `db` and made the default schema. */
export async function openPublished(
  databaseFile: string,
): Promise<{ run: QueryRunner; close: () => void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`ATTACH '${databaseFile.replaceAll("'", "''")}' AS db (READ_ONLY)`);
  await connection.run('USE db');
  return {
    run: (query) => runQuery(connection, query),
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
