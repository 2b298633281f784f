import { DuckDBInstance } from '@duckdb/node-api';
import { CATEGORIES } from '../src/lib/schema.ts';
import { StagingWriter } from './data/staging.ts';
import { ingestFile, type BuildContext } from './data/ingest.ts';
import { CsvFileWriter } from './data/csv-writer.ts';
import { PersonalValues } from './data/personal-values.ts';
const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '1GB' });
const connection = await instance.connect();
const ctx: BuildContext = {
  staging: await StagingWriter.create(connection, Buffer.alloc(32)),
  rejects: new CsvFileWriter('/tmp/xf/rej.csv', ['a']), personal: new PersonalValues(), caseIds: new Map(),
  fileNames: ['a.csv'], categoryMisses: new Map(), rejectColumns: new Set(), categories: [...CATEGORIES], latestDay: 30000, log: () => {},
};
const cpu0 = process.cpuUsage(); const s = performance.now();
await ingestFile({ name: 'a.csv', path: process.argv[2]!, format: 'csv' }, 0, undefined, ctx);
const cpu = process.cpuUsage(cpu0);
console.log('ingest wall', ((performance.now() - s)/1000).toFixed(2), 'cpu', ((cpu.user + cpu.system)/1e6).toFixed(2), 'rss', (process.memoryUsage().rss/1e6).toFixed(0));
