import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '1GB' });
const c = await instance.connect();
await c.run(`CREATE TABLE staging AS FROM '/tmp/xf/staging.parquet'`);
await c.run(`CREATE TABLE dictionary AS FROM '/tmp/xf/dictionary.parquet'`);
const time = async (label: string, sql: string) => { const cpu0 = process.cpuUsage(); const s = performance.now(); await c.run(sql); const cpu = process.cpuUsage(cpu0); console.log(label, 'wall', ((performance.now() - s)/1000).toFixed(2), 'cpu', ((cpu.user + cpu.system)/1e6).toFixed(2)); };
await time('mem', `CREATE OR REPLACE TABLE fullt AS SELECT ['a','b','c','d'][((codes >> 1) & 3) + 1] AS ch, ['a','b','c','d'][((codes >> 3) & 3) + 1] AS lv, rg.value AS region, un.value AS unit, sub.value AS sub FROM staging s LEFT JOIN (SELECT id, value FROM dictionary WHERE name = 'region') rg ON rg.id = s.region LEFT JOIN (SELECT id, value FROM dictionary WHERE name = 'unit') un ON un.id = s.unit LEFT JOIN (SELECT id, value FROM dictionary WHERE name = 'subcategory') sub ON sub.id = s.subcategory ORDER BY reg, seq`);
for (const mode of ['auto', 'dictionary', 'dict_fsst', 'fsst', 'zstd', 'uncompressed']) {
  const f = `/tmp/xf/e6-${mode}.duckdb`; fs.rmSync(f, { force: true });
  await c.run(`ATTACH '${f}' AS p (STORAGE_VERSION 'v1.4.0')`);
  try { await c.run(`SET force_compression='${mode}'`); } catch (e) { console.log(mode, String(e).slice(0, 100)); }
  await time(mode, `CREATE TABLE p.strs AS SELECT * FROM fullt`);
  await c.run('DETACH p');
  console.log(mode, fs.statSync(f).size);
}
