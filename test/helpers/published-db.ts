/**
 * Writes a published database (the schema of src/lib/schema.ts, its ENUM columns included, storage
 * readable by DuckDB 1.4) from record objects, for tests of everything that reads one. Unset fields
 * take the defaults below; the rows keep their order.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { buildSettings } from '../../src/lib/build-settings.ts';
import {
  PUBLISHED_FILES,
  RECORD_COLUMNS,
  RECORD_ENUM_COLUMNS,
  columnsSql,
  recordEnumType,
  recordEnumTypeSql,
  storedRecordColumns,
  SCHEMA_VERSION,
  type Manifest,
  type RecordColumn,
} from '../../src/lib/schema.ts';
import { siteConfig } from '../../src/site.config.ts';
import { literal, name, sql } from '../../src/lib/sql.ts';
import { runStatement } from '../../src/node/duckdb-node.ts';
import { PUBLISHED_OPTIONS } from '../../scripts/data/publish-db.ts';

type FieldValue = string | number | boolean | null | string[];

export type TestRecord = { registered_on: string } & Partial<Record<RecordColumn, FieldValue>>;

const CHUNK = 200;

const DEFAULTS: Record<RecordColumn, FieldValue> = {
  registered_on: '2024-01-01',
  record_type: '登记',
  channel: '来访',
  level: '本级',
  persons: 1,
  category: '其他',
  category_raw: null,
  subcategory: null,
  tags: [],
  purpose: null,
  region: '示例街道',
  unit: null,
  source: '本级登记',
  acceptance: '待受理',
  accepted_on: null,
  due_on: null,
  closed_on: null,
  satisfaction: '未评价',
  is_repeat: false,
  leader_received: false,
  leader_case: false,
  supervised: false,
  resolved: false,
  petitioner: null,
};

/** How each column's bound value becomes its type (tags travel as one ';'-joined string). */
function placeholder(column: RecordColumn): string {
  const type = RECORD_COLUMNS[column].replace(' NOT NULL', '');
  if (column === 'tags') return `CASE WHEN ? = '' THEN []::VARCHAR[] ELSE string_split(?, ';') END`;
  return `CAST(? AS ${type})`;
}

function bound(column: RecordColumn, value: FieldValue): DuckDBValue[] {
  if (column === 'tags') {
    const joined = Array.isArray(value) ? value.join(';') : String(value ?? '');
    return [joined, joined];
  }
  if (Array.isArray(value)) throw new Error(`${column} 不能是数组`);
  return [value];
}

/** Writes `<dir>/petitions.duckdb` and returns its path. */
export async function writePublishedDb(
  dir: string,
  records: readonly TestRecord[],
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, PUBLISHED_FILES.database);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await runStatement(connection, sql`ATTACH ${literal(file)} AS db (${PUBLISHED_OPTIONS})`);
    await connection.run('USE db');
    await connection.run('DROP TABLE IF EXISTS records');
    for (const column of RECORD_ENUM_COLUMNS) {
      await connection.run(`DROP TYPE IF EXISTS ${recordEnumType(column)}`);
    }
    await runStatement(connection, sql`CREATE TEMP TABLE texts (${columnsSql(RECORD_COLUMNS)})`);
    const columns = Object.keys(RECORD_COLUMNS) as RecordColumn[];
    const rowSql = `(${columns.map(placeholder).join(', ')})`;
    for (let start = 0; start < records.length; start += CHUNK) {
      const chunk = records.slice(start, start + CHUNK).map((record) => ({
        ...DEFAULTS,
        ...record,
        category_raw: record.category_raw ?? record.category ?? DEFAULTS.category,
      }));
      await connection.run(
        `INSERT INTO texts (${columns.join(', ')}) VALUES ${chunk.map(() => rowSql).join(', ')}`,
        chunk.flatMap((row) => columns.flatMap((column) => bound(column, row[column] ?? null))),
      );
    }
    for (const column of RECORD_ENUM_COLUMNS) {
      const values = sql`SELECT ${name(column)} AS v FROM texts`;
      await runStatement(connection, recordEnumTypeSql(column, values));
    }
    await runStatement(
      connection,
      sql`CREATE TABLE records (${columnsSql(storedRecordColumns())})`,
    );
    await connection.run('INSERT INTO records SELECT * FROM texts ORDER BY rowid');
    await connection.run('DROP TABLE texts');
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return file;
}

/**
 * `<dir>/manifest.json` as a data build under the current src/site.config.ts writes it (no input
 * files, every column carried): the report command refuses a folder without one.
 */
export async function writePublishedManifest(
  dir: string,
  overrides: Partial<Manifest> = {},
): Promise<void> {
  const manifest: Manifest = {
    builtAt: '2025-01-01T00:00:00.000Z',
    inputs: [],
    published: 0,
    rejected: 0,
    dateRange: null,
    vocabularyMisses: {},
    files: { database: PUBLISHED_FILES.database, rejects: PUBLISHED_FILES.rejects },
    columns: {},
    categoryLabels: [],
    settings: buildSettings(siteConfig),
    schemaVersion: SCHEMA_VERSION,
    ...overrides,
  };
  await writeFile(join(dir, PUBLISHED_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
}
