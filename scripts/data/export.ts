/**
 * data:export — the published records (with the petitioner number), as one CSV for analysts
 * (UTF-8 with BOM so that Excel reads it; tags joined with ";", booleans 是/否).
 */
import { readablePublishedFolder } from '../../src/node/published-folder.ts';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { PUBLISHED_FILES } from '../../src/lib/schema.ts';
import { EXPORT_COLUMNS, exportQuery } from '../../src/lib/export-csv.ts';
import { sql } from '../../src/lib/sql.ts';
import { attachReadOnly, runQuery, runStatement } from '../../src/node/duckdb-node.ts';
import { BuildError } from './build-error.ts';
import { BOM } from './csv-writer.ts';

export interface ExportOptions {
  dataDir: string;
  outFile: string;
}

export { EXPORT_COLUMNS };

export async function exportRecords(options: ExportOptions): Promise<number> {
  const database = path.join(readablePublishedFolder(options.dataDir), PUBLISHED_FILES.database);
  try {
    await fs.access(database);
  } catch {
    throw new BuildError(
      `找不到已发布的数据 ${database}：请先运行 npm run build:data，或用 --data 指定目录`,
    );
  }
  const outFile = path.resolve(options.outFile);
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const body = `${outFile}.body-${suffix}`;
  const whole = `${outFile}.tmp-${suffix}`;
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    await attachReadOnly(connection, database, 'db');
    await runStatement(connection, sql`USE db`);
    await runStatement(
      connection,
      sql`COPY (${exportQuery()}) TO ${body} (FORMAT csv, HEADER true)`,
    );
    const [row] = await runQuery(connection, sql`SELECT count(*)::INTEGER AS n FROM db.records`);
    const count = Number(row?.['n'] ?? 0);
    const output = createWriteStream(whole);
    output.write(BOM);
    await pipeline(createReadStream(body), output);
    await fs.rename(whole, outFile);
    return count;
  } finally {
    connection.closeSync();
    instance.closeSync();
    await fs.rm(body, { force: true });
    await fs.rm(whole, { force: true });
  }
}
