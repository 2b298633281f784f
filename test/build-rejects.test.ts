import { readdirSync, readFileSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BuildError } from '../scripts/data/build-error.ts';
import {
  HEADER,
  build,
  csvText,
  readManifest,
  readRejects,
  row,
  snapshot,
  testFolders,
  writeInput,
  type TestBuild,
} from './helpers/build-fixtures.ts';

/** Values that must never show up in a message or a published file. */
const ODD = '奇怪值甲';

describe('bad rows', () => {
  const folders = testFolders();
  const header = [
    ...HEADER,
    '记录类型',
    '受理情况',
    '满意度评价',
    '来源',
    '信访目的',
    '督办',
    '办结日期',
  ];
  const cases: [Record<string, string>, string, string, string][] = [
    [{ 信访件编号: '' }, '信访件编号', '空', '缺少必填值'],
    [{ 登记日期: '' }, '登记日期', '空', '缺少必填值'],
    [{ 信访形式: ' ' }, '信访形式', '空', '缺少必填值'],
    [{ 信访层级: '' }, '信访层级', '空', '缺少必填值'],
    [{ 问题类别: '' }, '问题类别', '空', '缺少必填值'],
    [{ 问题属地: '' }, '问题属地', '空', '缺少必填值'],
    [{ 登记日期: ODD }, '登记日期', '非日期文本', '日期无法识别'],
    [{ 登记日期: '2024-02-30' }, '登记日期', '不存在的日期', '日期无法识别'],
    [{ 受理日期: ODD }, '受理日期', '非日期文本', '日期无法识别'],
    [
      { 登记日期: '1999-12-31' },
      '登记日期',
      '早于2000年的日期',
      '日期超出范围（应在2000-01-01至构建日期之间）',
    ],
    [
      { 办结日期: '2025-07-01' },
      '办结日期',
      '晚于构建日期的日期',
      '日期超出范围（应在2000-01-01至构建日期之间）',
    ],
    [{ 人数: '0' }, '人数', '零或负数', '人数不是正整数'],
    [{ 人数: '1.5' }, '人数', '小数', '人数不是正整数'],
    [{ 人数: ODD }, '人数', '非数字文本', '人数不是正整数'],
    [
      { 信访形式: ODD },
      '信访形式',
      '未识别的取值',
      '信访形式不在取值范围内（可用：来信、来访、网上信访、电话）',
    ],
    [
      { 信访层级: ODD },
      '信访层级',
      '未识别的取值',
      '信访层级不在取值范围内（可用：进京、赴省、到市、本级）',
    ],
    [{ 记录类型: ODD }, '记录类型', '未识别的取值', '记录类型不在取值范围内（可用：登记、劝返）'],
    [
      { 受理情况: ODD },
      '受理情况',
      '未识别的取值',
      '受理情况不在取值范围内（可用：受理、不予受理、不再受理、待受理）',
    ],
    [
      { 满意度评价: ODD },
      '满意度评价',
      '未识别的取值',
      '满意度评价不在取值范围内（可用：满意、基本满意、不满意、未评价）',
    ],
    [
      { 来源: ODD },
      '来源',
      '未识别的取值',
      '来源不在取值范围内（可用：本级登记、国家系统转送、省系统转送、上级交办）',
    ],
    [
      { 信访目的: ODD },
      '信访目的',
      '未识别的取值',
      '信访目的不在取值范围内（可用：求决、投诉、建议、揭发控告、咨询）',
    ],
    [{ 督办: ODD }, '督办', '未识别的取值', '不是是/否值（可用：是/否、Y/N、1/0、true/false）'],
  ];

  beforeAll(async () => {
    await fs.mkdir(folders.input, { recursive: true });
    const rows = [row({ 信访件编号: 'GOOD-1' }), ...cases.map(([values]) => row(values))];
    rows.push(row({ 信访件编号: 'GOOD-1', 诉求内容: ODD }));
    const body = csvText(rows as never, header);
    // A row with an extra field and one cut short, both after every other row.
    const extra = `${csvText([row()] as never, header).split('\r\n')[1]},多出来的${ODD}\r\n`;
    await writeInput(folders.input, 'bad.csv', `${body}${extra}XF-short,2024-03-05\r\n`);
    await build(folders);
  });

  it('rejects each bad row with file, line, column (as written), value kind and reason', () => {
    const rejects = readRejects(folders.out);
    const expected = cases.map(([, column, kind, reason], index) => ({
      file: 'bad.csv',
      line: index + 3,
      column,
      kind,
      reason,
    }));
    const last = cases.length + 3;
    expected.push(
      {
        file: 'bad.csv',
        line: last,
        column: '信访件编号',
        kind: '重复的编号',
        reason: '信访件编号重复：与 bad.csv 第2行相同，以先读到的为准',
      },
      {
        file: 'bad.csv',
        line: last + 1,
        column: '（整行）',
        kind: `字段数${header.length + 1}（表头${header.length}）`,
        reason: '字段数与表头不一致',
      },
      {
        file: 'bad.csv',
        line: last + 2,
        column: '（整行）',
        kind: `字段数2（表头${header.length}）`,
        reason: '字段数与表头不一致',
      },
    );
    expect(rejects).toEqual(expected);
  });

  it('accounts for every row: read = published + rejected', () => {
    const manifest = readManifest(folders.out);
    expect(manifest.inputs[0]).toMatchObject({
      read: cases.length + 4,
      published: 1,
      rejected: cases.length + 3,
    });
    expect(manifest.published + manifest.rejected).toBe(manifest.inputs[0]!.read);
  });

  it('never writes the offending values anywhere', () => {
    for (const [name, bytes] of snapshot(folders.out)) {
      expect(bytes.includes(Buffer.from(ODD)), name).toBe(false);
    }
  });

  it('writes rejects.csv for Excel: UTF-8 BOM, CRLF, Chinese header', () => {
    const bytes = readFileSync(path.join(folders.out, 'rejects.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.startsWith('文件,行,列,值类型,原因\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
  });
});

async function expectFailure(folders: TestBuild, pattern: RegExp): Promise<void> {
  const before = snapshot(folders.out);
  await expect(build(folders)).rejects.toThrow(pattern);
  expect(snapshot(folders.out)).toEqual(before);
  const parent = path.dirname(folders.out);
  expect(readdirSync(parent).filter((name) => name !== 'data')).toEqual([]);
}

describe('bad files stop the build and leave the published data untouched', () => {
  let shared: TestBuild | undefined;
  /** One published folder for the failures below: each adds its bad file, then removes it. */
  async function published(): Promise<TestBuild> {
    if (shared) {
      for (const name of readdirSync(shared.input)) {
        if (name !== 'a.csv') await fs.rm(path.join(shared.input, name));
      }
      await writeInput(shared.input, 'a.csv', csvText([row(), row()]));
      return shared;
    }
    shared = testFolders();
    await fs.mkdir(shared.input, { recursive: true });
    await writeInput(shared.input, 'a.csv', csvText([row(), row()]));
    await build(shared);
    return shared;
  }

  async function fresh(): Promise<TestBuild> {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await writeInput(folders.input, 'a.csv', csvText([row(), row()]));
    await build(folders);
    return folders;
  }

  it('garbage bytes', async () => {
    const folders = await published();
    await writeInput(
      folders.input,
      'b.csv',
      Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x00, 0x89, 0x50]),
    );
    await expectFailure(folders, /b\.csv.*不是文本 CSV/);
  });

  it('an empty file', async () => {
    const folders = await published();
    await writeInput(folders.input, 'b.csv', '');
    await expectFailure(folders, /b\.csv.*空文件/);
  });

  it('a file with only blank lines', async () => {
    const folders = await published();
    await writeInput(folders.input, 'b.csv', '\r\n,,\r\n');
    await expectFailure(folders, /b\.csv.*没有任何内容/);
  });

  it('an .xlsx that is not a spreadsheet', async () => {
    const folders = await published();
    await writeInput(folders.input, 'b.xlsx', 'just text');
    await expectFailure(folders, /b\.xlsx.*无法作为 Excel/);
  });

  it('a spreadsheet named .csv', async () => {
    const folders = await published();
    await writeInput(folders.input, 'b.csv', Buffer.from('PK\u0003\u0004rest-of-zip'));
    await expectFailure(folders, /b\.csv.*xlsx/);
  });

  it('not a table at all', async () => {
    const folders = await published();
    await writeInput(folders.input, 'b.csv', '这不是导出文件\r\n只是一段文字\r\n');
    await expectFailure(folders, /b\.csv 缺少必填列/);
  });

  it('a missing required column, naming it and pointing to the mapping file', async () => {
    const folders = await published();
    const header = HEADER.filter((h) => h !== '问题属地');
    await writeInput(folders.input, 'b.csv', csvText([row()], header));
    await expectFailure(folders, /b\.csv 缺少必填列：问题属地（region.*映射文件/);
  });

  it('two headers for one column', async () => {
    const folders = await published();
    await writeInput(folders.input, 'b.csv', csvText([row()], [...HEADER, '信访日期']));
    await expectFailure(folders, /b\.csv 有多个表头都对应 registered_on/);
  });

  it('an unterminated quote', async () => {
    const folders = await published();
    await writeInput(folders.input, 'b.csv', `${csvText([row()])}XF-9,"2024-03-05,来访\r\n`);
    await expectFailure(folders, /b\.csv 第3行起无法按 CSV 读取/);
  });

  it('a failure at the last moment (injected before the swap)', async () => {
    const folders = await published();
    await writeInput(folders.input, 'b.csv', csvText([row()]));
    const before = snapshot(folders.out);
    await expect(
      build(folders, {
        beforeSwap: () => {
          throw new Error('injected');
        },
      }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/^内部错误：.*时出错（Error），未发布任何数据/),
      cause: new Error('injected'),
    });
    expect(snapshot(folders.out)).toEqual(before);
    expect(readdirSync(path.dirname(folders.out))).toEqual(['data']);
  });

  it('an empty input folder', async () => {
    const folders = await published();
    await fs.rm(path.join(folders.input, 'a.csv'));
    await expectFailure(folders, /没有 \.csv 或 \.xlsx 文件/);
  });

  it('an output folder holding other files', async () => {
    const folders = await fresh();
    await fs.writeFile(path.join(folders.out, 'keep-me.txt'), 'x');
    await expect(build(folders)).rejects.toThrow(BuildError);
    await expect(build(folders)).rejects.toThrow(/keep-me\.txt/);
    expect(readFileSync(path.join(folders.out, 'keep-me.txt'), 'utf8')).toBe('x');
  });

  it('repairs a swap interrupted between its two renames', async () => {
    const folders = await fresh();
    const before = snapshot(folders.out);
    const aside = path.join(path.dirname(folders.out), '.data.old-1-abcd');
    await fs.rename(folders.out, aside);
    await writeInput(folders.input, 'b.csv', '');
    await expect(build(folders)).rejects.toThrow(/空文件/);
    expect(snapshot(folders.out)).toEqual(before);
  });
});
