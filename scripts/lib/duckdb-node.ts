import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { Query, QueryRunner, SqlRow, SqlValue } from '../../src/lib/query-runner.ts';

function toSqlValue(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  return String(value);
}

export async function runQuery(connection: DuckDBConnection, query: Query): Promise<SqlRow[]> {
  const reader = await connection.runAndReadAll(query.sql, query.params as DuckDBValue[]);
  return reader.getRowObjectsJS().map((row) => {
    const out: SqlRow = {};
    for (const [key, value] of Object.entries(row)) out[key] = toSqlValue(value);
    return out;
  });
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
