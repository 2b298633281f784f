/**
 * A table of bad inputs, each with what the build says: a refusal (message; the command exits 1
 * for every BuildError, see scripts/data/cli.ts) that leaves the published data byte-identical,
 * or a build whose rows are all accounted for (read = published + rejected) with the expected
 * counts and reject kinds.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import writeXlsxFile from 'write-excel-file/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { BuildError } from '../scripts/data/build-error.ts';
import {
  HEADER,
  build,
  csvText,
  readRejects,
  row,
  snapshot,
  testFolders,
  type Row,
  type TestBuild,
} from './helpers/build-fixtures.ts';

type Files = Record<string, string | Buffer | (() => Promise<Buffer>)>;

interface Refused {
  name: string;
  files: Files;
  refused: RegExp;
}

interface Built {
  name: string;
  files: Files;
  published: number;
  rejected: number;
  /** Reject kinds, in file and line order. */
  kinds?: string[];
}

const good = (rows = 2): string => csvText(Array.from({ length: rows }, () => row()));
const one = (values: Row): string => csvText([row(values), row()]);
const withHeader = (header: string[], cells: string[][]): string =>
  [header, ...cells].map((line) => line.join(',')).join('\r\n') + '\r\n';
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const gb = (text: string): Buffer => iconv.encode(text, 'gb18030');
const values = (r: Row): string[] => HEADER.map((h) => r[h] ?? '');

async function xlsx(sheets: { name: string; data: string[][] }[]): Promise<Buffer> {
  return writeXlsxFile(
    sheets.map((sheet) => ({
      sheet: sheet.name,
      data: sheet.data.map((line) => line.map((value) => ({ value }))),
    })),
  ).toBuffer();
}
const sheetRows = (n: number): string[][] => [
  [...HEADER],
  ...Array.from({ length: n }, () => values(row())),
];

const REFUSED: Refused[] = [
  { name: 'empty file', files: { 'a.csv': '' }, refused: /文件 a\.csv 是空文件/ },
  { name: 'only a BOM', files: { 'a.csv': '\uFEFF' }, refused: /是空文件|没有任何内容|只有表头/ },
  { name: 'header only', files: { 'a.csv': csvText([]) }, refused: /只有表头，没有任何记录/ },
  {
    name: 'header only, GB18030',
    files: { 'a.csv': gb(csvText([])) },
    refused: /只有表头，没有任何记录/,
  },
  {
    name: 'UTF-32 LE with BOM',
    files: {
      'a.csv': Buffer.concat([
        Buffer.from([0xff, 0xfe, 0, 0]),
        iconv.encode(good(), 'utf32le' as never),
      ]),
    },
    refused: /是 UTF-32 编码/,
  },
  {
    name: 'UTF-16 LE without BOM',
    files: { 'a.csv': iconv.encode(good(), 'utf16le') },
    refused: /像是没有 BOM 的 UTF-16 或 UTF-32 编码/,
  },
  {
    name: 'UTF-16 BE without BOM',
    files: { 'a.csv': iconv.encode(good(), 'utf16be') },
    refused: /像是没有 BOM 的 UTF-16 或 UTF-32 编码/,
  },
  {
    name: 'semicolon-separated',
    files: { 'a.csv': good().replaceAll(',', ';') },
    refused: /分隔符看起来是分号（;）/,
  },
  {
    name: 'pipe-separated',
    files: { 'a.csv': good().replaceAll(',', '|') },
    refused: /分隔符看起来是竖线/,
  },
  {
    name: 'UTF-8 header, GB18030 rows (mixed encodings)',
    files: {
      'a.csv': Buffer.concat([
        utf8(good(1)),
        gb(csvText([row({ 问题属地: '城关镇' })]).split('\r\n')[1]! + '\r\n'),
      ]),
    },
    refused: /UTF-8 与 GB18030 混在一个文件里/,
  },
  {
    name: 'a stray invalid byte in a UTF-8 file',
    files: { 'a.csv': Buffer.concat([utf8(good(3)), Buffer.from([0xff, 0x0d, 0x0a])]) },
    refused: /夹着个别无效字节/,
  },
  {
    name: 'binary content',
    files: { 'a.csv': Buffer.from([1, 2, 0, 0, 5, 0, 7, 8, 0, 0, 0, 1]) },
    refused: /不是文本 CSV 文件|UTF-16 或 UTF-32/,
  },
  {
    name: 'an XLSX named .csv',
    files: { 'a.csv': () => xlsx([{ name: '信访事项', data: sheetRows(2) }]) },
    refused: /实际是 Excel（xlsx）文件而不是 CSV/,
  },
  {
    name: 'a CSV named .xlsx',
    files: { 'a.xlsx': good() },
    refused: /a\.xlsx/,
  },
  {
    name: 'a truncated XLSX',
    files: {
      'a.xlsx': async () => (await xlsx([{ name: 'x', data: sheetRows(2) }])).subarray(0, 200),
    },
    refused: /a\.xlsx/,
  },
  {
    name: 'no required columns',
    files: { 'a.csv': withHeader(['甲', '乙'], [['1', '2']]) },
    refused: /缺少必填列/,
  },
  {
    name: 'missing 登记日期 column',
    files: {
      'a.csv': csvText(
        [row()],
        HEADER.filter((h) => h !== '登记日期'),
      ),
    },
    refused: /缺少必填列：登记日期/,
  },
  {
    name: 'missing 信访件编号 column',
    files: {
      'a.csv': csvText(
        [row()],
        HEADER.filter((h) => h !== '信访件编号'),
      ),
    },
    refused: /缺少必填列：信访件编号/,
  },
  {
    name: 'two headers for one column',
    files: { 'a.csv': csvText([row()], [...HEADER, '信访日期']) },
    refused: /有多个表头都对应 registered_on/,
  },
  {
    name: 'unterminated quote',
    files: { 'a.csv': `${good(1)}XF-1,"2024-03-05,来访\r\n` },
    refused: /无法按 CSV 读取/,
  },
  {
    name: 'every row rejected',
    files: { 'a.csv': csvText([row({ 登记日期: '' }), row({ 人数: '-1' })]) },
    refused: /没有可发布的记录/,
  },
  {
    name: 'an ID number in the file name',
    files: { '导出11010519491231002X.csv': good() },
    refused: /文件名含疑似个人信息/,
  },
  {
    name: 'a mobile number in the file name',
    files: { '张三13912345678.csv': good() },
    refused: /文件名含疑似个人信息：按文件名排序的第 1 个文件（疑似手机号）/,
  },
  {
    name: 'a mapping that is not JSON',
    files: { 'a.csv': good(), 'mapping.json': '{files:' },
    refused: /不是有效的 JSON/,
  },
  {
    name: 'a mapping with an unknown key',
    files: { 'a.csv': good(), 'mapping.json': '{"file": []}' },
    refused: /"file" 不是可用的键/,
  },
  {
    name: 'a mapping to an unknown column',
    files: {
      'a.csv': good(),
      'mapping.json': JSON.stringify({ files: [{ match: '*', columns: { 甲: 'nope' } }] }),
    },
    refused: /列名不可用/,
  },
  {
    name: 'a mapping default for a personal column',
    files: {
      'a.csv': good(),
      'mapping.json': JSON.stringify({ files: [{ match: '*', defaults: { phone: '1' } }] }),
    },
    refused: /不能设默认值/,
  },
  {
    name: 'a mapping default that is no valid value',
    files: {
      'a.csv': good(),
      'mapping.json': JSON.stringify({ files: [{ match: '*', defaults: { channel: '飞鸽' } }] }),
    },
    refused: /的值不可用/,
  },
  {
    name: 'a mapping routing 姓名 to unit',
    files: {
      'a.csv': good(),
      'mapping.json': JSON.stringify({ files: [{ match: '*', columns: { 姓名: 'unit' } }] }),
    },
    refused: /把像个人信息或自由文本的表头（含“姓名”）映射到了会发布的列 unit/,
  },
  {
    name: 'a mapping routing 留言详情 to tags',
    files: {
      'a.csv': good(),
      'mapping.json': JSON.stringify({ files: [{ match: '*', columns: { 留言详情: 'tags' } }] }),
    },
    refused: /含“详情”/,
  },
  {
    name: 'a mobile number in 责任单位',
    files: { 'a.csv': one({ 责任单位: '13912345678' }) },
    refused: /records\.unit：疑似手机号 1 个/,
  },
  {
    name: 'a 15-digit ID in 问题属地',
    files: { 'a.csv': one({ 问题属地: '110105491231002' }) },
    refused: /records\.region：疑似身份证号 1 个/,
  },
  {
    name: 'an e-mail address in 责任单位',
    files: { 'a.csv': one({ 责任单位: 'a@b.cn' }) },
    refused: /records\.unit：疑似电子邮箱 1 个/,
  },
  {
    name: 'a long sentence in 责任单位',
    files: { 'a.csv': one({ 责任单位: '请尽快处理。' }) },
    refused: /records\.unit：像自由文本的值/,
  },
  {
    name: 'a name inside 责任单位',
    files: { 'a.csv': one({ 信访人姓名: '王芳', 责任单位: '王芳所在村' }) },
    refused: /records\.unit：与个人信息列/,
  },
  {
    name: 'a workbook with a data sheet that lacks the header',
    files: {
      'a.xlsx': () => xlsx([{ name: '说明', data: [['本表为导出说明']] }]),
    },
    refused: /a\.xlsx/,
  },
];

const BUILT: Built[] = [
  { name: 'a plain UTF-8 file', files: { 'a.csv': good() }, published: 2, rejected: 0 },
  { name: 'UTF-8 with BOM', files: { 'a.csv': `\uFEFF${good()}` }, published: 2, rejected: 0 },
  { name: 'GB18030', files: { 'a.csv': gb(good()) }, published: 2, rejected: 0 },
  {
    name: 'UTF-16 LE with BOM',
    files: { 'a.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(good(), 'utf16le')]) },
    published: 2,
    rejected: 0,
  },
  {
    name: 'tab-separated, named .csv',
    files: { 'a.csv': good().replaceAll(',', '\t') },
    published: 2,
    rejected: 0,
  },
  {
    name: 'LF line ends',
    files: { 'a.csv': good().replaceAll('\r\n', '\n') },
    published: 2,
    rejected: 0,
  },
  {
    name: 'CR line ends',
    files: { 'a.csv': good().replaceAll('\r\n', '\r') },
    published: 2,
    rejected: 0,
  },
  { name: 'no final line end', files: { 'a.csv': good().trimEnd() }, published: 2, rejected: 0 },
  {
    name: 'blank lines between rows',
    files: { 'a.csv': good().replace('\r\n', '\r\n\r\n') },
    published: 2,
    rejected: 0,
  },
  {
    name: 'a title row above the header',
    files: { 'a.csv': `某区信访事项登记表\r\n${good()}` },
    published: 2,
    rejected: 0,
  },
  {
    name: 'quoted cells with commas and quotes',
    files: { 'a.csv': one({ 责任单位: '区住建局, "二科"' }) },
    published: 2,
    rejected: 0,
  },
  {
    name: 'a quoted line break inside a cell',
    files: { 'a.csv': one({ 责任单位: '区住建局\n二科' }) },
    published: 2,
    rejected: 0,
  },
  {
    name: 'an empty 登记日期',
    files: { 'a.csv': one({ 登记日期: '' }) },
    published: 1,
    rejected: 1,
    kinds: ['空'],
  },
  {
    name: 'a text 登记日期',
    files: { 'a.csv': one({ 登记日期: '去年' }) },
    published: 1,
    rejected: 1,
  },
  {
    name: 'a 13th month',
    files: { 'a.csv': one({ 登记日期: '2024-13-01' }) },
    published: 1,
    rejected: 1,
  },
  {
    name: 'February 30',
    files: { 'a.csv': one({ 登记日期: '2024-02-30' }) },
    published: 1,
    rejected: 1,
  },
  {
    name: 'a date after the build',
    files: { 'a.csv': one({ 登记日期: '2030-01-01' }) },
    published: 1,
    rejected: 1,
  },
  {
    name: 'a slash date',
    files: { 'a.csv': one({ 登记日期: '2024/3/5' }) },
    published: 2,
    rejected: 0,
  },
  {
    name: 'a Chinese date',
    files: { 'a.csv': one({ 登记日期: '2024年3月5日' }) },
    published: 2,
    rejected: 0,
  },
  { name: 'zero persons', files: { 'a.csv': one({ 人数: '0' }) }, published: 1, rejected: 1 },
  { name: 'negative persons', files: { 'a.csv': one({ 人数: '-3' }) }, published: 1, rejected: 1 },
  {
    name: 'fractional persons',
    files: { 'a.csv': one({ 人数: '1.5' }) },
    published: 1,
    rejected: 1,
  },
  { name: 'text persons', files: { 'a.csv': one({ 人数: '多人' }) }, published: 1, rejected: 1 },
  {
    name: 'an unknown 信访形式',
    files: { 'a.csv': one({ 信访形式: '飞鸽' }) },
    published: 1,
    rejected: 1,
  },
  {
    name: 'an unknown 信访层级',
    files: { 'a.csv': one({ 信访层级: '火星' }) },
    published: 1,
    rejected: 1,
  },
  {
    name: 'an empty 问题类别',
    files: { 'a.csv': one({ 问题类别: '' }) },
    published: 1,
    rejected: 1,
  },
  {
    name: 'an empty 问题属地',
    files: { 'a.csv': one({ 问题属地: '' }) },
    published: 1,
    rejected: 1,
  },
  {
    name: 'an empty 信访件编号',
    files: { 'a.csv': one({ 信访件编号: '' }) },
    published: 1,
    rejected: 1,
  },
  {
    name: 'a duplicate 信访件编号',
    files: { 'a.csv': csvText([row({ 信访件编号: 'D1' }), row({ 信访件编号: 'D1' })]) },
    published: 1,
    rejected: 1,
    kinds: ['重复的编号'],
  },
  {
    name: 'a duplicate across two files',
    files: {
      'a.csv': csvText([row({ 信访件编号: 'D2' })]),
      'b.csv': csvText([row({ 信访件编号: 'D2' })]),
    },
    published: 1,
    rejected: 1,
  },
  {
    name: 'a row with too many fields',
    files: { 'a.csv': `${good(1)}${values(row()).join(',')},多余\r\n` },
    published: 1,
    rejected: 1,
  },
  {
    name: 'a row with too few fields',
    files: { 'a.csv': `${good(1)}XF-9,2024-03-05\r\n` },
    published: 1,
    rejected: 1,
  },
  {
    name: 'a NUL byte after the first 64 KB',
    files: {
      'a.csv': csvText(
        Array.from({ length: 1500 }, (_, i) =>
          row({ 责任单位: i === 1400 ? '区\u0000局' : '区住建局' }),
        ),
      ),
    },
    published: 1499,
    rejected: 1,
    kinds: ['控制字符'],
  },
  {
    name: 'an unknown category is 其他 and published',
    files: { 'a.csv': one({ 问题类别: '其它事项' }) },
    published: 2,
    rejected: 0,
  },
  {
    name: 'an extra unknown column',
    files: { 'a.csv': csvText([row(), row()], [...HEADER, '浏览次数']) },
    published: 2,
    rejected: 0,
  },
  {
    name: 'full-width header names',
    files: { 'a.csv': good().replace('信访件编号', '信访件编号　') },
    published: 2,
    rejected: 0,
  },
  {
    name: 'a 12345 hotline unit',
    files: { 'a.csv': one({ 责任单位: '12345热线办' }) },
    published: 2,
    rejected: 0,
  },
  {
    name: 'a dated file name',
    files: { '信访导出20240305.csv': good() },
    published: 2,
    rejected: 0,
  },
  {
    name: 'a file name beginning with =',
    files: { '=HYPERLINK.csv': one({ 人数: '0' }) },
    published: 1,
    rejected: 1,
  },
  {
    name: 'an XLSX',
    files: { 'a.xlsx': () => xlsx([{ name: '信访事项', data: sheetRows(3) }]) },
    published: 3,
    rejected: 0,
  },
  {
    name: 'an XLSX with a title row',
    files: {
      'a.xlsx': () => xlsx([{ name: '信访事项', data: [['某区登记表'], ...sheetRows(2)] }]),
    },
    published: 2,
    rejected: 0,
  },
  {
    name: 'a CSV and an XLSX together',
    files: { 'a.csv': good(2), 'b.xlsx': () => xlsx([{ name: 's', data: sheetRows(2) }]) },
    published: 4,
    rejected: 0,
  },
];

let base: TestBuild;
let before: Map<string, Buffer>;

beforeAll(async () => {
  base = testFolders();
  await fs.mkdir(base.input, { recursive: true });
  await fs.writeFile(path.join(base.input, 'a.csv'), good(2));
  await build(base);
  before = snapshot(base.out);
});

async function setUp(files: Files, withPrevious: boolean): Promise<TestBuild> {
  const folders = testFolders();
  await fs.mkdir(folders.input, { recursive: true });
  if (withPrevious) await fs.cp(base.out, folders.out, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const bytes = typeof content === 'function' ? await content() : content;
    await fs.writeFile(path.join(folders.input, name), bytes);
  }
  return folders;
}

describe(`${REFUSED.length + BUILT.length} kinds of bad input`, () => {
  it.each(REFUSED.map((c) => [c.name, c] as const))('refused: %s', async (_, c) => {
    const folders = await setUp(c.files, true);
    const error = await build(folders).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BuildError);
    expect((error as Error).message).toMatch(c.refused);
    expect((error as Error).message).not.toMatch(/^内部错误/);
    expect(snapshot(folders.out)).toEqual(before);
  });

  it.each(BUILT.map((c) => [c.name, c] as const))('built: %s', async (_, c) => {
    const folders = await setUp(c.files, false);
    const { manifest } = await build(folders);
    for (const input of manifest.inputs) expect(input.read).toBe(input.published + input.rejected);
    expect([manifest.published, manifest.rejected]).toEqual([c.published, c.rejected]);
    if (c.kinds) expect(readRejects(folders.out).map((r) => r.kind)).toEqual(c.kinds);
  });
});
