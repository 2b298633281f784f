/** A published database with the dashboard's tables, from record objects, for query tests. */
import { DuckDBInstance } from '@duckdb/node-api';
import { createDerivedTables } from '../../scripts/data/derived-tables.ts';
import { writePublishedDb, type TestRecord } from './published-db.ts';

export async function writeDashboardDb(
  dir: string,
  records: readonly TestRecord[],
  collectiveThreshold?: number,
): Promise<string> {
  const file = await writePublishedDb(dir, records);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`ATTACH '${file.replaceAll("'", "''")}' AS pub`);
    await createDerivedTables(connection, 'pub', collectiveThreshold);
    await connection.run('DETACH pub');
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return file;
}
