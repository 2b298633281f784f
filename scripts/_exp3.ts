import { DuckDBInstance } from '@duckdb/node-api';
const instance = await DuckDBInstance.create(process.argv[2]!, { access_mode: 'READ_ONLY' });
const c = await instance.connect();
for (const t of ['records', 'petitioners']) {
const r = await c.runAndReadAll(`
WITH s AS (SELECT column_name, segment_type, compression, block_id, block_offset FROM pragma_storage_info('${t}') WHERE persistent AND block_id >= 0),
o AS (SELECT *, coalesce(lead(block_offset) OVER (PARTITION BY block_id ORDER BY block_offset), 262144) - block_offset AS size FROM s)
SELECT column_name, string_agg(DISTINCT compression, ',') comp, (sum(size)/1024)::INTEGER kb FROM o GROUP BY column_name ORDER BY kb DESC`);
for (const row of r.getRowObjectsJS()) console.log(t, JSON.stringify(row));
}
