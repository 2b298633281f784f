/**
 * node scripts/bench/table-rows.ts DATABASE… — each published table's rows and columns, per
 * database (what grows with records and what is sized by months × dimensions; docs/scale.md).
 */
import { sql } from '../../src/lib/sql.ts';
import { openPublished } from '../../src/node/duckdb-node.ts';
import { textTable } from './table.ts';

const files = process.argv.slice(2);
if (files.length === 0) throw new Error('usage: node scripts/bench/table-rows.ts DATABASE…');
const counts = new Map<string, string[]>();
const columns = new Map<string, number>();
const header = ['table', 'columns'];
for (const [index, file] of files.entries()) {
  const db = await openPublished(file);
  try {
    const tables = await db.run(
      sql`SELECT table_name, column_count FROM duckdb_tables() WHERE database_name = 'db' ORDER BY table_name`,
    );
    const [records] = await db.run(sql`SELECT count(*) AS n FROM records`);
    header.push(`${Number(records?.['n'] ?? 0).toLocaleString('en-US')} records`);
    for (const table of tables) {
      const name = String(table['table_name']);
      const [row] = await db.run(sql`SELECT count(*) AS n FROM query_table(${name})`);
      columns.set(name, Number(table['column_count']));
      const cells = counts.get(name) ?? Array.from({ length: files.length }, () => '—');
      cells[index] = Number(row?.['n'] ?? 0).toLocaleString('en-US');
      counts.set(name, cells);
    }
  } finally {
    db.close();
  }
}
console.log(
  textTable([
    header,
    ...[...counts].map(([name, cells]) => [name, String(columns.get(name) ?? ''), ...cells]),
  ]),
);
