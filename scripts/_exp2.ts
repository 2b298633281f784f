import { DuckDBInstance } from '@duckdb/node-api';
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const c = await instance.connect();
for (const sql of process.argv.slice(2)) { const s = performance.now(); const r = await c.runAndReadAll(sql); console.log(((performance.now()-s)/1000).toFixed(2), JSON.stringify(r.getRowObjectsJS()).slice(0, 300)); }
