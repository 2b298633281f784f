/**
 * Kinds of personal data put in every published text column, and through mapping files: the
 * build refuses, names column, count and rule, never the value, and the previous data stays
 * byte-identical.
 */
import { promises as fs } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  HEADER,
  build,
  csvText,
  row,
  snapshot,
  testFolders,
  writeInput,
  type Row,
  type TestBuild,
} from './helpers/build-fixtures.ts';

/** Published text columns of the export and the published column each one feeds. */
const COLUMNS = [
  ['责任单位', 'records.unit'],
  ['二级分类', 'records.subcategory'],
  ['专项标签', 'records.tags'],
  ['问题属地', 'records.region'],
] as const;

interface Kind {
  name: string;
  value: string;
  rule: RegExp;
  /** Cells of the personal columns of the same row. */
  row?: Row;
}

const KINDS: Kind[] = [
  { name: '18-digit ID', value: '11010519491231002X', rule: /疑似身份证号/ },
  { name: '18-digit ID, lower-case x', value: '11010519491231002x', rule: /疑似身份证号/ },
  { name: '18 digits, wrong check digit', value: '110105194912310021', rule: /疑似身份证号/ },
  { name: '15-digit ID', value: '110105491231002', rule: /疑似身份证号/ },
  {
    name: 'ID in full-width digits',
    value: '１１０１０５１９４９１２３１００２Ｘ',
    rule: /疑似身份证号/,
  },
  { name: 'ID split by spaces', value: '110105 19491231 002X', rule: /疑似身份证号/ },
  {
    name: 'ID in Chinese numerals',
    value: '一一〇一〇五一九四九一二三一〇〇二X',
    rule: /疑似身份证号/,
  },
  { name: 'mobile', value: '联系13912345678', rule: /疑似手机号/ },
  { name: 'mobile +86', value: '+8613912345678', rule: /疑似手机号/ },
  { name: 'mobile 86', value: '8613912345678', rule: /疑似手机号/ },
  { name: 'mobile 0086', value: '008613912345678', rule: /疑似手机号/ },
  { name: 'mobile with dots', value: '139.1234.5678', rule: /疑似手机号/ },
  { name: 'mobile with dashes', value: '139-1234-5678', rule: /疑似手机号/ },
  { name: 'mobile with spaces', value: '139 1234 5678', rule: /疑似手机号/ },
  { name: 'mobile in full-width digits', value: '１３９１２３４５６７８', rule: /疑似手机号/ },
  { name: 'mobile in Chinese numerals', value: '一三九一二三四五六七八', rule: /疑似手机号/ },
  { name: 'mobile in 大写 numerals', value: '壹叁玖壹贰叁肆伍陆柒捌', rule: /疑似手机号/ },
  { name: 'mobile read aloud with 幺', value: '幺三九幺二三四五六七八', rule: /疑似手机号/ },
  { name: 'landline', value: '0791-86123456', rule: /疑似固定电话/ },
  { name: 'landline in brackets', value: '(0791)86123456', rule: /疑似固定电话/ },
  { name: 'e-mail', value: 'zhangsan@example.com', rule: /疑似电子邮箱/ },
  { name: 'full-width e-mail', value: 'ｚｓ１２３＠ｑｑ．ｃｏｍ', rule: /疑似电子邮箱/ },
  { name: 'bank card, 19 digits', value: '6222020200112233446', rule: /疑似银行卡号/ },
  { name: 'bank card, 16 digits', value: '4111111111111111', rule: /疑似银行卡号/ },
  { name: 'passport E', value: 'E12345678', rule: /疑似护照或通行证号/ },
  { name: 'passport G', value: 'G12345678', rule: /疑似护照或通行证号/ },
  { name: 'passport EA', value: 'EA1234567', rule: /疑似护照或通行证号/ },
  { name: 'QQ number', value: 'QQ号588886123', rule: /疑似QQ号/ },
  { name: 'WeChat wxid', value: 'wxid_k3j2h1', rule: /疑似微信号/ },
  { name: 'WeChat account', value: '微信zhangsan_88', rule: /疑似微信号/ },
  {
    name: 'two-character name inside a longer value',
    value: '王芳城关所',
    rule: /与个人信息列/,
    row: { 信访人姓名: '王芳' },
  },
  { name: 'name equal', value: '甄测试员', rule: /与个人信息列/, row: { 信访人姓名: '甄测试员' } },
  {
    name: 'phone column value',
    value: '8123456',
    rule: /与个人信息列/,
    row: { 联系电话: '8123456' },
  },
  {
    name: 'address equal',
    value: '城关镇幸福路甲12号',
    rule: /与个人信息列/,
    row: { 住址: '城关镇幸福路甲12号' } as Row,
  },
  {
    name: 'long free text',
    value: '反映小区物业长期不作为导致电梯多次故障居民出行困难希望尽快协调解决',
    rule: /像自由文本的值/,
  },
  { name: 'a sentence', value: '要求退款。', rule: /像自由文本的值/ },
];

const HEADER_WITH_ADDRESS = [...HEADER, '住址', '二级分类', '专项标签'];

let base: TestBuild;
let before: Map<string, Buffer>;

beforeAll(async () => {
  base = testFolders();
  await fs.mkdir(base.input, { recursive: true });
  await writeInput(base.input, 'a.csv', csvText([row(), row()]));
  await build(base);
  before = snapshot(base.out);
});

/** A build over a copy of the base data; resolves to the failure's message and the log. */
async function refused(
  rows: Row[],
  header: readonly string[],
  files: Record<string, string> = {},
): Promise<{ message: string; log: string; folders: TestBuild }> {
  const folders = testFolders();
  await fs.mkdir(folders.input, { recursive: true });
  await fs.cp(base.out, folders.out, { recursive: true });
  await writeInput(folders.input, 'a.csv', csvText(rows, header));
  for (const [name, text] of Object.entries(files)) await writeInput(folders.input, name, text);
  const lines: string[] = [];
  const message = await build(folders, { log: (line) => lines.push(line) }).then(
    () => '',
    (error: Error) => error.message,
  );
  return { message, log: lines.join('\n'), folders };
}

function expectNoValue(text: string, value: string): void {
  expect(text).not.toContain(value);
  const digits = value.replace(/\D/g, '');
  if (digits.length >= 5) expect(text.replace(/\D/g, ' ')).not.toContain(digits);
}

describe(`${KINDS.length} kinds of personal data in every published column`, () => {
  it.each(KINDS.map((kind) => [kind.name, kind] as const))('%s', async (_, kind) => {
    const cells = Object.fromEntries(COLUMNS.map(([column]) => [column, kind.value]));
    const rows = [{ ...row(kind.row), ...cells } as Row, row()];
    const { message, log, folders } = await refused(rows, HEADER_WITH_ADDRESS);
    expect(message).toMatch(/发布前检查发现疑似个人信息，未发布任何数据/);
    for (const [, where] of COLUMNS) {
      expect(message).toMatch(
        new RegExp(`${where.replace('.', '\\.')}：[^；]*${kind.rule.source}`),
      );
    }
    expectNoValue(message, kind.value);
    expectNoValue(log, kind.value);
    expect(snapshot(folders.out)).toEqual(before);
  });

  it('a mobile split across tags', async () => {
    const rows = [row({}), { ...row(), 专项标签: '139;1234;5678' } as Row];
    const { message, folders } = await refused(rows, HEADER_WITH_ADDRESS);
    expect(message).toMatch(/records\.tags：疑似手机号 1 个/);
    expectNoValue(message, '13912345678');
    expect(snapshot(folders.out)).toEqual(before);
  });

  it("a name from a rejected row in another row's unit", async () => {
    const rows = [
      row({ 信访人姓名: '欧阳明', 登记日期: '' }),
      { ...row(), 责任单位: '欧阳明工作室' } as Row,
      row(),
    ];
    const { message, folders } = await refused(rows, HEADER);
    expect(message).toMatch(
      /records\.unit：与个人信息列（姓名\/电话\/住址）的值相同或包含其值的 1 个/,
    );
    expectNoValue(message, '欧阳明');
    expect(snapshot(folders.out)).toEqual(before);
  });

  it('a column of mostly different values (per-person values)', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => row({ 责任单位: `单位${i}号` }));
    const { message, folders } = await refused(rows, HEADER);
    expect(message).toMatch(
      /records\.unit：像每人各异的值：120 个值中有 120 种（超过一半互不相同）/,
    );
    expect(snapshot(folders.out)).toEqual(before);
  });

  it('publishes the ordinary vocabulary labels', async () => {
    const labels = ['城关街道', '2023年专项', '12345热线', 'G318国道', '三跨三分离', '区住建局'];
    const rows = labels.map(
      (label) =>
        ({
          ...row({ 信访人姓名: '李明远' }),
          责任单位: label,
          二级分类: label,
          专项标签: label,
        }) as Row,
    );
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await writeInput(folders.input, 'a.csv', csvText(rows, HEADER_WITH_ADDRESS));
    const { manifest } = await build(folders);
    expect(manifest.published).toBe(labels.length);
  });
});

const ROUTES: [string, string, string][] = [
  ['姓名', 'unit', '甄测试员'],
  ['地址', 'region', '城关镇幸福路甲12号'],
  ['留言详情', 'tags', '小区停车难'],
  ['留言用户', 'unit', 'user_20240305'],
  ['留言主题', 'subcategory', '关于停车难的问题'],
  ['联系电话', 'subcategory', '13912345678'],
  ['身份证号', 'unit', '11010519491231002X'],
  ['网友昵称', 'region', '城关小王'],
  ['反映内容', 'category', '小区停车难'],
  ['联系人', 'unit', '王芳'],
];

describe('mapping files that route a personal column to a published one', () => {
  it.each(ROUTES)('%s → %s is refused', async (header, column, value) => {
    const mapping = JSON.stringify({ files: [{ match: '*.csv', columns: { [header]: column } }] });
    const target = {
      unit: '责任单位',
      region: '问题属地',
      tags: '专项标签',
      subcategory: '二级分类',
      category: '问题类别',
    }[column]!;
    const headerRow = HEADER.filter((h) => h !== target && h !== header);
    const rows = [
      { ...row(), [header]: value },
      { ...row(), [header]: value },
    ] as Row[];
    const { message, log, folders } = await refused(rows, [...headerRow, header], {
      'mapping.json': mapping,
    });
    expect(message).toMatch(
      new RegExp(`映射文件 .*files\\[0\\]\\.columns\\."${header}" 把像个人信息或自由文本的表头`),
    );
    expect(message).toContain(`${column}（`);
    expectNoValue(message, value);
    expectNoValue(log, value);
    expect(snapshot(folders.out)).toEqual(before);
  });

  it('a category alias still maps (内容分类 → category)', async () => {
    const mapping = JSON.stringify({
      files: [{ match: '*.csv', columns: { 内容分类: 'category' } }],
    });
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    const header = HEADER.map((h) => (h === '问题类别' ? '内容分类' : h));
    const rows = [row(), row()].map((r) => ({ ...r, 内容分类: r.问题类别 }) as Row);
    await writeInput(folders.input, 'a.csv', csvText(rows, header));
    await writeInput(folders.input, 'mapping.json', mapping);
    const { manifest } = await build(folders);
    expect(manifest.published).toBe(2);
  });
});
