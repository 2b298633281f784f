/** Small export files and build runs for the data-build tests. Everything lives under os.tmpdir(). */
import { mkdtempSync, promises as fs, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll } from 'vitest';
import { buildData, type BuildOptions, type BuildResult } from '../../scripts/data/build.ts';
import { openPublished } from '../../src/node/duckdb-node.ts';
import type { SqlRow } from '../../src/lib/query-runner.ts';
import type { Manifest } from '../../src/lib/schema.ts';

const made: string[] = [];
afterAll(() => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

export function tempFolder(label = 'xf-build-'): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), label));
  made.push(folder);
  return folder;
}

export const TEST_KEY = 'test-key-0123456789abcdef-not-secret';
/** Build day used by the tests: later dates are "after the build date". */
export const BUILD_NOW = new Date('2025-06-30T10:00:00+08:00');

export const HEADER = [
  '信访件编号',
  '登记日期',
  '信访形式',
  '信访层级',
  '人数',
  '问题类别',
  '问题属地',
  '责任单位',
  '受理日期',
  '信访人证件号码',
  '信访人姓名',
  '联系电话',
  '诉求内容',
] as const;

export type Row = Partial<Record<(typeof HEADER)[number], string>>;

let counter = 0;
/** A valid row; `values` override single cells. */
export function row(values: Row = {}): Row {
  counter++;
  return {
    信访件编号: `XF-${String(counter).padStart(6, '0')}`,
    登记日期: '2024-03-05',
    信访形式: '来访',
    信访层级: '本级',
    人数: '1',
    问题类别: '城乡建设',
    问题属地: '城关镇',
    责任单位: '住建局',
    受理日期: '',
    信访人证件号码: '',
    信访人姓名: '',
    联系电话: '',
    诉求内容: '',
    ...values,
  };
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvText(
  rows: readonly Row[],
  header: readonly string[] = HEADER,
  eol = '\r\n',
): string {
  const lines = [header.map(csvCell).join(',')];
  for (const r of rows) {
    lines.push(header.map((h) => csvCell((r as Record<string, string>)[h] ?? '')).join(','));
  }
  return lines.join(eol) + eol;
}

export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

export function encode(text: string, encoding: FileEncoding = 'utf-8'): Buffer {
  if (encoding === 'gb18030') return iconv.encode(text, 'gb18030');
  const bytes = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes;
}

export async function writeInput(
  folder: string,
  name: string,
  content: string | Buffer,
  encoding: FileEncoding = 'utf-8',
): Promise<string> {
  const file = path.join(folder, name);
  await fs.writeFile(file, typeof content === 'string' ? encode(content, encoding) : content);
  return file;
}

export interface TestBuild {
  input: string;
  out: string;
  keyFile: string;
}

export function testFolders(): TestBuild {
  const root = tempFolder();
  const input = path.join(root, 'raw');
  const out = path.join(root, 'public', 'data');
  rmSync(input, { recursive: true, force: true });
  return { input, out, keyFile: path.join(root, '.pseudonym-key') };
}

export async function build(
  folders: TestBuild,
  options: Partial<BuildOptions> = {},
): Promise<BuildResult> {
  await fs.mkdir(folders.input, { recursive: true });
  return buildData({
    inputDir: folders.input,
    outDir: folders.out,
    keyFile: folders.keyFile,
    keyFromEnv: TEST_KEY,
    now: BUILD_NOW,
    ...options,
  });
}

export async function query(out: string, sql: string): Promise<SqlRow[]> {
  const db = await openPublished(path.join(out, 'petitions.duckdb'));
  try {
    return await db.run({ sql, params: [] });
  } finally {
    db.close();
  }
}

export function readManifest(out: string): Manifest {
  return JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
}

export interface RejectLine {
  file: string;
  line: number;
  column: string;
  kind: string;
  reason: string;
}

/** rejects.csv parsed (fields never contain commas in these tests). */
export function readRejects(out: string): RejectLine[] {
  const text = readFileSync(path.join(out, 'rejects.csv'), 'utf8');
  const [header, ...lines] = text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean);
  if (header !== '文件,行,列,值类型,原因') throw new Error(`unexpected rejects header ${header}`);
  return lines.map((line) => {
    const [file = '', lineNo = '', column = '', kind = '', reason = ''] = line.split(',');
    return { file, line: Number(lineNo), column, kind, reason };
  });
}

/** Every file below a folder, path → bytes (for "nothing changed" and canary checks). */
export function snapshot(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(path.relative(folder, full), readFileSync(full));
    }
  };
  walk(folder);
  return files;
}

/** All text values of every table in the published database, list elements included. */
export async function publishedTexts(out: string): Promise<string[]> {
  const db = await openPublished(path.join(out, 'petitions.duckdb'));
  try {
    const columns = await db.run({
      sql: `SELECT table_name, column_name FROM information_schema.columns
            WHERE table_catalog = 'db'`,
      params: [],
    });
    const texts: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      const rows = await db.run({
        sql: `SELECT DISTINCT CAST("${String(column)}" AS VARCHAR) AS v FROM "${String(table)}"`,
        params: [],
      });
      for (const r of rows) if (r['v'] !== null) texts.push(String(r['v']));
    }
    return texts;
  } finally {
    db.close();
  }
}
