import { openPublished } from '/work/main/scripts/lib/duckdb-node.ts';
const db = await openPublished(process.argv[2]!);
for (const sql of process.argv.slice(3)) console.log(await db.run({ sql, params: [] }));
db.close();
