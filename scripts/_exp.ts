import { DuckDBInstance } from '@duckdb/node-api';
import { CATEGORIES } from '../src/lib/schema.ts';
import { StagingWriter } from './data/staging.ts';
import { ingestFile, type BuildContext } from './data/ingest.ts';
import { CsvFileWriter } from './data/csv-writer.ts';
import { PersonalValues } from './data/personal-values.ts';
import { attachPublished, createPublishedTables } from './data/publish-db.ts';
import fs from 'node:fs';
const t = () => (performance.now() / 1000).toFixed(2);
const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '1GB' });
const connection = await instance.connect();
const ctx: BuildContext = {
  staging: await StagingWriter.create(connection, Buffer.alloc(32)),
  rejects: new CsvFileWriter('/tmp/xf/rej.csv', ['a']), personal: new PersonalValues(), caseIds: new Map(),
  fileNames: ['a.csv'], categoryMisses: new Map(), rejectColumns: new Set(), categories: [...CATEGORIES], latestDay: 30000, log: () => {},
};
console.log(t(), 'start');
await ingestFile({ name: 'a.csv', path: process.argv[2]!, format: 'csv' }, 0, undefined, ctx);
console.log(t(), 'ingested');
await ctx.staging.finish();
console.log(t(), 'finished');
fs.rmSync('/tmp/xf/exp.duckdb', { force: true });
await attachPublished(connection, '/tmp/xf/exp.duckdb');
const orig = connection.run.bind(connection);
(connection as any).run = async (sql: string) => { const s = performance.now(); const r = await orig(sql); console.log(((performance.now() - s)/1000).toFixed(2), sql.trim().slice(0, 60).replace(/\s+/g, ' ')); return r; };
await createPublishedTables(connection, [...CATEGORIES]);
await connection.run('CHECKPOINT pub');
await connection.run('DETACH pub');
console.log(t(), 'done', fs.statSync('/tmp/xf/exp.duckdb').size);
await connection.run(`COPY staging TO '/tmp/xf/staging.parquet'`);
await connection.run(`COPY dictionary TO '/tmp/xf/dictionary.parquet'`);
await connection.run(`COPY pseudonyms TO '/tmp/xf/pseudonyms.parquet'`);
