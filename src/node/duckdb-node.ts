import {
  DuckDBInstance,
  type DuckDBConnection,
  type DuckDBResult,
  type DuckDBResultReader,
  type DuckDBValue,
} from '@duckdb/node-api';
import { toSqlRow, type Query, type QueryRunner, type SqlRow } from '../lib/query-runner.ts';
import { literal, name, sql } from '../lib/sql.ts';

/**
 * Every statement Node sends to DuckDB goes through these: a query of the SQL builder
 * (src/lib/sql.ts), its values bound.
 */
export async function runStatement(connection: DuckDBConnection, query: Query): Promise<void> {
  await connection.run(query.sql, query.params as DuckDBValue[]);
}

/** The whole answer, for readers that need DuckDB's own values (lists) or plain row arrays. */
export function readQuery(connection: DuckDBConnection, query: Query): Promise<DuckDBResultReader> {
  return connection.runAndReadAll(query.sql, query.params as DuckDBValue[]);
}

/** The answer chunk by chunk, for answers too large to hold at once. */
export function streamQuery(connection: DuckDBConnection, query: Query): Promise<DuckDBResult> {
  return connection.stream(query.sql, query.params as DuckDBValue[]);
}

export async function runQuery(connection: DuckDBConnection, query: Query): Promise<SqlRow[]> {
  const reader = await readQuery(connection, query);
  return reader.getRowObjectsJS().map((row) => toSqlRow(row));
}

/** Runs `work` with catalog `catalog` as the default (unqualified tables are its own), then switches back. */
export async function inCatalog<T>(
  connection: DuckDBConnection,
  catalog: string,
  work: () => Promise<T>,
): Promise<T> {
  const [current] = await runQuery(connection, sql`SELECT current_database() AS name`);
  const previous = String(current?.['name'] ?? 'memory');
  await runStatement(connection, sql`USE ${name(catalog)}`);
  try {
    return await work();
  } finally {
    await runStatement(connection, sql`USE ${name(previous)}`);
  }
}

/** Attaches database file `file` read-only as catalog `catalog`. */
export function attachReadOnly(
  connection: DuckDBConnection,
  file: string,
  catalog: string,
): Promise<void> {
  return runStatement(connection, sql`ATTACH ${literal(file)} AS ${name(catalog)} (READ_ONLY)`);
}

/** Opens a published database read-only, attached as `db` and made the default schema. */
export async function openPublished(
  databaseFile: string,
): Promise<{ run: QueryRunner; close: () => void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await attachReadOnly(connection, databaseFile, 'db');
  await runStatement(connection, sql`USE db`);
  return {
    run: (query) => runQuery(connection, query),
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
