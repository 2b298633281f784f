/**
 * npm run bench:data [-- --records N --keep DIR]
 * Builds an N-record sample (default 1,000,000) and prints records/s, published bytes per record
 * and peak memory of the data build. A benchmark, not a test: it prints figures, it never fails on them.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from '../src/lib/sql.ts';
import { PUBLISHED_FILES, type Manifest } from '../src/lib/schema.ts';
import { openPublished } from '../src/node/duckdb-node.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { records: { type: 'string', default: '1000000' }, keep: { type: 'string' } },
});
const records = Number(values.records.replaceAll('_', ''));

function run(args: string[], label: string): Promise<{ seconds: number; maxRssKiB: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['--import', path.join(root, 'scripts/lib/rusage-on-exit.ts'), ...args],
      { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.length > 1_000_000) stderr = stderr.slice(-100_000);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const match = /@@rusage (\{.*\})/.exec(stderr);
      if (code !== 0 || !match) {
        reject(new Error(`${label} 失败（退出码 ${code}）：\n${stderr.slice(-2000)}`));
        return;
      }
      resolve({
        seconds,
        maxRssKiB: (JSON.parse(match[1] ?? '{}') as { maxRssKiB: number }).maxRssKiB,
      });
    });
  });
}

/** Bytes of the database's blocks that hold each table (a block shared by n tables: 1/n each). */
async function tableBytes(databaseFile: string): Promise<Map<string, number>> {
  const db = await openPublished(databaseFile);
  try {
    const [block] = await db.run(
      sql`SELECT block_size FROM pragma_database_size() WHERE database_name = 'db'`,
    );
    const tables = await db.run(
      sql`SELECT table_name FROM duckdb_tables() WHERE database_name = 'db' ORDER BY table_name`,
    );
    const owners = new Map<number, string[]>();
    for (const { table_name: table } of tables) {
      const blocks = await db.run(
        sql`SELECT DISTINCT block_id FROM pragma_storage_info(${String(table)}) WHERE persistent AND block_id >= 0`,
      );
      for (const { block_id: id } of blocks) {
        owners.set(Number(id), [...(owners.get(Number(id)) ?? []), String(table)]);
      }
    }
    const blockSize = Number(block?.['block_size'] ?? 0);
    const sizes = new Map<string, number>(tables.map((row) => [String(row['table_name']), 0]));
    for (const names of owners.values()) {
      for (const name of names) {
        sizes.set(name, (sizes.get(name) ?? 0) + blockSize / names.length);
      }
    }
    return sizes;
  } finally {
    db.close();
  }
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) total += (await stat(path.join(dir, name))).size;
  return total;
}

const work = values.keep
  ? path.resolve(values.keep)
  : await mkdtemp(path.join(tmpdir(), 'bench-data-'));
const sampleDir = path.join(work, 'sample');
const outDir = path.join(work, 'published');
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const loadBefore = load();
try {
  console.error(`· 生成 ${records.toLocaleString('zh-CN')} 条示例记录 …`);
  const sample = await run(
    ['scripts/sample.ts', '--records', String(records), '--out', sampleDir],
    '生成示例',
  );
  const inputBytes = await folderBytes(sampleDir);
  console.error('· 构建数据 …');
  const build = await run(
    ['scripts/build-data.ts', '--input', sampleDir, '--out', outDir],
    '数据构建',
  );
  const manifest = JSON.parse(
    await readFile(path.join(outDir, PUBLISHED_FILES.manifest), 'utf8'),
  ) as Manifest;
  const read = manifest.published + manifest.rejected;
  const database = (await stat(path.join(outDir, PUBLISHED_FILES.database))).size;
  const published = await folderBytes(outDir);
  const databaseFile = path.join(outDir, PUBLISHED_FILES.database);
  const sizes = await tableBytes(databaseFile);
  const recordsBytes = sizes.get('records') ?? 0;
  const derived = [...sizes].filter(([table]) => table !== 'records').sort((a, b) => b[1] - a[1]);
  const derivedBytes = derived.reduce((sum, [, bytes]) => sum + bytes, 0);
  const perRecord = (bytes: number) => (bytes / manifest.published).toFixed(1);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  console.log(
    `machine                  ${availableParallelism()} cores, load average ${loadBefore} before, ${load()} after`,
  );
  console.log(`records requested        ${records.toLocaleString('en-US')}`);
  console.log(`sample generation        ${sample.seconds.toFixed(1)} s, input ${mb(inputBytes)}`);
  console.log(
    `rows read / published    ${read.toLocaleString('en-US')} / ${manifest.published.toLocaleString('en-US')} (rejected ${manifest.rejected})`,
  );
  console.log(`data build               ${build.seconds.toFixed(1)} s`);
  console.log(
    `records/s                ${Math.round(read / build.seconds).toLocaleString('en-US')}  (target ≥ 50,000)`,
  );
  console.log(`published bytes          ${mb(published)} (database ${mb(database)})`);
  console.log(
    `petitions.duckdb         ${perRecord(database)} B/record: records ≈ ${perRecord(recordsBytes)}, pre-aggregated tables ≈ ${perRecord(derivedBytes)}, the rest ≈ ${perRecord(database - recordsBytes - derivedBytes)}  (target ≤ 12)`,
  );
  console.log(
    `  pre-aggregated, B/rec  ${derived.map(([table, bytes]) => `${table} ${perRecord(bytes)}`).join(', ')}`,
  );
  console.log(
    `bytes per record         ${(published / manifest.published).toFixed(2)} (everything published)`,
  );
  console.log(`peak memory (max RSS)    ${mb(build.maxRssKiB * 1024)}  (target ≤ 2 GB)`);
} finally {
  if (!values.keep) await rm(work, { recursive: true, force: true });
}
