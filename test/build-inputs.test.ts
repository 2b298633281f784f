import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { manifestVersionProblem, SCHEMA_VERSION } from '../src/lib/schema.ts';
import {
  HEADER,
  build,
  csvText,
  query,
  readManifest,
  readRejects,
  row,
  testFolders,
  writeInput,
  type FileEncoding,
} from './helpers/build-fixtures.ts';

describe('encodings', () => {
  it('detects UTF-8, UTF-8 with BOM and GB18030 and reads the same rows', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    const encodings: FileEncoding[] = ['utf-8', 'utf-8-bom', 'gb18030'];
    for (const [index, encoding] of encodings.entries()) {
      const rows = [
        row({ 信访件编号: `${encoding}-1`, 问题属地: '东关街道', 问题类别: '劳动和社会保障' }),
        row({ 信访件编号: `${encoding}-2`, 问题属地: '西湖乡', 信访形式: '网信' }),
      ];
      await writeInput(folders.input, `${index}-${encoding}.csv`, csvText(rows), encoding);
    }
    const { manifest } = await build(folders);
    expect(manifest.inputs.map((input) => input.encoding)).toEqual([
      'utf-8',
      'utf-8-bom',
      'gb18030',
    ]);
    expect(manifest.inputs.map((input) => input.published)).toEqual([2, 2, 2]);
    const regions = await query(
      folders.out,
      `SELECT region, category, channel, count(*)::INTEGER AS n FROM records
       GROUP BY ALL ORDER BY region`,
    );
    expect(regions).toEqual([
      { region: '东关街道', category: '劳动和社会保障', channel: '来访', n: 3 },
      { region: '西湖乡', category: '城乡建设', channel: '网上信访', n: 3 },
    ]);
  });
});

describe('headers', () => {
  it('matches aliases with full-width and inner spaces; lists unknown columns', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    const header = [
      '　事项编号 ',
      '信访 日期',
      '形式',
      '走访去向',
      '信访人数',
      '内容分类',
      '属地',
      '备注',
    ];
    const text =
      csvText([], header) +
      [
        'A-1,2024/3/5,走访,省,2,国土资源,城关镇,随便写的备注',
        'A-2,2024.3.6,信件,京,,卫生计生,城关镇,',
      ].join('\r\n');
    await writeInput(folders.input, 'a.csv', text);
    const { manifest } = await build(folders);
    expect(manifest.inputs[0]).toMatchObject({
      read: 2,
      published: 2,
      rejected: 0,
      unknownColumns: ['备注'],
    });
    expect(
      await query(
        folders.out,
        'SELECT registered_on::VARCHAR AS d, channel, level, persons, category FROM records ORDER BY d',
      ),
    ).toEqual([
      { d: '2024-03-05', channel: '来访', level: '赴省', persons: 2, category: '自然资源' },
      { d: '2024-03-06', channel: '来信', level: '进京', persons: 1, category: '卫生健康' },
    ]);
  });

  it('skips title rows above the header', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await writeInput(
      folders.input,
      'a.csv',
      `某区信访事项登记表,,\r\n导出时间：2024年,,\r\n${csvText([row(), row()])}`,
    );
    const { manifest } = await build(folders);
    expect(manifest.inputs[0]).toMatchObject({ read: 2, published: 2 });
  });
});

describe('values', () => {
  it('reads every date format, booleans and defaults', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    const header = [
      '编号',
      '登记日期',
      '形式',
      '信访层级',
      '问题类别',
      '属地',
      '受理日期',
      '办结日期',
      '领导包案',
      '督办',
      '是否化解',
      '领导接访',
      '专项标签',
    ];
    const lines = [
      'D1,2024-03-05,来访,本级,教育,城关镇,2024/3/6,2024.4.1,是,Y,1,true,两拖欠；涉法涉诉',
      'D2,2024/3/5,来访,本级,教育,城关镇,,,否,N,0,false,',
      'D3,2024.3.5,来访,本级,教育,城关镇,45357,,,,,,',
      'D4,2024年3月5日,来访,本级,教育,城关镇,,,y,n,,FALSE,三跨三分离、逾期交房',
      'D5,45356,来访,本级,教育,城关镇,,,,,,,',
    ];
    await writeInput(folders.input, 'a.csv', `${header.join(',')}\n${lines.join('\n')}\n`);
    await build(folders);
    const rows = await query(
      folders.out,
      `SELECT registered_on::VARCHAR AS d, accepted_on::VARCHAR AS a, due_on::VARCHAR AS due,
              closed_on::VARCHAR AS c, leader_case, supervised, resolved, leader_received,
              array_to_string(tags, '|') AS tags, record_type, source, acceptance, satisfaction,
              persons, is_repeat
       FROM records ORDER BY rowid`,
    );
    expect(new Set(rows.map((r) => r['d']))).toEqual(new Set(['2024-03-05']));
    const byTags = rows.map((r) => [
      r['a'],
      r['due'],
      r['c'],
      r['leader_case'],
      r['supervised'],
      r['resolved'],
      r['leader_received'],
      r['tags'],
    ]);
    expect(byTags).toEqual(
      expect.arrayContaining([
        ['2024-03-06', '2024-05-05', '2024-04-01', true, true, true, true, '两拖欠|涉法涉诉'],
        [null, null, null, false, false, false, false, ''],
        ['2024-03-06', '2024-05-05', null, false, false, false, false, ''],
        [null, null, null, true, false, false, false, '三跨三分离|逾期交房'],
      ]),
    );
    for (const r of rows) {
      expect(r).toMatchObject({
        record_type: '登记',
        source: '本级登记',
        acceptance: '待受理',
        satisfaction: '未评价',
        persons: 1,
        is_repeat: false,
      });
    }
  });

  it('reads XLSX: first sheet, Date cells, serial numbers, row numbers in rejects', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    const cell = (value: string | number | Date | null) =>
      value === null ? null : value instanceof Date ? { value, format: 'yyyy-mm-dd' } : { value };
    const data = [
      ['信访件编号', '登记日期', '信访形式', '信访层级', '人数', '问题类别', '问题属地'].map(cell),
      ['X1', new Date(Date.UTC(2024, 2, 5)), '来访', '本级', 3, '教育', '城关镇'].map(cell),
      ['X2', 45356, '来访', '本级', '2', '教育', '城关镇'].map(cell),
      ['X3', '2024/3/5', '来访', '本级', 0, '教育', '城关镇'].map(cell),
    ];
    await writeXlsxFile(data as never).toFile(path.join(folders.input, 'b.xlsx'));
    const { manifest } = await build(folders);
    expect(manifest.inputs[0]).toMatchObject({
      format: 'xlsx',
      read: 3,
      published: 2,
      rejected: 1,
    });
    expect(readRejects(folders.out)).toEqual([
      { file: 'b.xlsx', line: 4, column: '人数', kind: '零或负数', reason: '人数不是正整数' },
    ]);
    expect(
      await query(
        folders.out,
        'SELECT registered_on::VARCHAR AS d, persons FROM records ORDER BY persons',
      ),
    ).toEqual([
      { d: '2024-03-05', persons: 2 },
      { d: '2024-03-05', persons: 3 },
    ]);
  });
});

describe('overlapping exports', () => {
  it('reads files in name order; a case_id already read is a duplicate, the first stands', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    const shared = row({ 信访件编号: 'SAME-1', 问题属地: '第一份' });
    await writeInput(folders.input, '2024-01至06.csv', csvText([row(), shared, row()]));
    await writeInput(
      folders.input,
      '2024-05至09.csv',
      csvText([{ ...shared, 问题属地: '第二份' }, row(), { ...shared }]),
    );
    const { manifest } = await build(folders);
    expect(manifest.inputs.map((i) => [i.file, i.read, i.published, i.rejected])).toEqual([
      ['2024-01至06.csv', 3, 3, 0],
      ['2024-05至09.csv', 3, 1, 2],
    ]);
    for (const input of manifest.inputs) expect(input.read).toBe(input.published + input.rejected);
    expect(manifest.published + manifest.rejected).toBe(6);
    expect(readRejects(folders.out)).toEqual([
      {
        file: '2024-05至09.csv',
        line: 2,
        column: '信访件编号',
        kind: '重复的编号',
        reason: '信访件编号重复：与 2024-01至06.csv 第3行相同，以先读到的为准',
      },
      expect.objectContaining({ file: '2024-05至09.csv', line: 4, kind: '重复的编号' }),
    ]);
    expect(
      await query(
        folders.out,
        `SELECT count(*)::INTEGER AS n FROM records WHERE region = '第二份'`,
      ),
    ).toEqual([{ n: 0 }]);
  });
});

describe('duplicates and rejected rows', () => {
  it('a case_id first seen on a rejected row is not taken: the first valid row stands', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await writeInput(
      folders.input,
      'a.csv',
      csvText([
        row({ 信访件编号: 'FIX-1', 登记日期: '待补录' }),
        row({ 信访件编号: 'FIX-1', 登记日期: '2024-03-09' }),
        row({ 信访件编号: 'FIX-1', 登记日期: '2024-03-10' }),
      ]),
    );
    const { manifest } = await build(folders);
    expect(manifest.inputs[0]).toMatchObject({ read: 3, published: 1, rejected: 2 });
    expect(readRejects(folders.out).map((r) => [r.line, r.kind])).toEqual([
      [2, '非日期文本'],
      [4, '重复的编号'],
    ]);
    expect(await query(folders.out, 'SELECT registered_on::VARCHAR AS d FROM records')).toEqual([
      { d: '2024-03-09' },
    ]);
  });
});

describe('is_repeat', () => {
  it('is derived when the export has no such column: same petitioner, category, 登记 within 12 months', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    const header = [...HEADER, '记录类型'];
    const p = (id: string, date: string, category = '教育', type = '登记') =>
      ({
        ...row({ 信访人证件号码: id, 登记日期: date, 问题类别: category }),
        记录类型: type,
      }) as never;
    const rows = [
      p('A', '2023-01-10'),
      p('A', '2024-01-10'), // 12 months later: repeat
      p('A', '2025-01-11'), // 12 months and a day after the previous: not a repeat
      p('A', '2025-02-01', '政法'), // other category
      p('B', '2024-05-01', '教育', '劝返'),
      p('B', '2024-06-01'), // only a 劝返 before: not a repeat
      p('B', '2024-06-01'), // same day, read later: repeat
      p('', '2024-06-01'),
      p('', '2024-06-02'), // no petitioner: never a repeat
      p(' a ', '2025-03-01'), // same id after normalising: repeat of 2025-01-11
    ];
    await writeInput(folders.input, 'a.csv', csvText(rows, header));
    await build(folders);
    const result = await query(
      folders.out,
      `SELECT petitioner IS NOT NULL AS has_petitioner, registered_on::VARCHAR AS d, category,
              record_type, is_repeat
       FROM records ORDER BY d, rowid`,
    );
    expect(result.map((r) => [r['d'], r['category'], r['record_type'], r['is_repeat']])).toEqual([
      ['2023-01-10', '教育', '登记', false],
      ['2024-01-10', '教育', '登记', true],
      ['2024-05-01', '教育', '劝返', false],
      ['2024-06-01', '教育', '登记', false],
      ['2024-06-01', '教育', '登记', true],
      ['2024-06-01', '教育', '登记', false],
      ['2024-06-02', '教育', '登记', false],
      ['2025-01-11', '教育', '登记', false],
      ['2025-02-01', '政法', '登记', false],
      ['2025-03-01', '教育', '登记', true],
    ]);
  });

  it('looks back to the same day 12 calendar months earlier; a day that month lacks is its last', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    const p = (id: string, date: string, category: string) =>
      row({ 信访人证件号码: id, 登记日期: date, 问题类别: category });
    const rows = [
      p('C', '2023-02-28', '教育'),
      p('C', '2024-02-29', '教育'), // looks back to 2023-02-28 (366 days): repeat
      p('D', '2023-03-01', '政法'),
      p('D', '2024-03-01', '政法'), // the same day 12 months earlier (366 days): repeat
      p('E', '2024-02-28', '交通运输'),
      p('E', '2025-02-28', '交通运输'), // 366 days, 12 months: repeat
      p('F', '2024-02-29', '城乡建设'),
      p('F', '2025-03-01', '城乡建设'), // looks back to 2024-03-01: not a repeat
    ];
    await writeInput(folders.input, 'a.csv', csvText(rows));
    await build(folders);
    const result = await query(
      folders.out,
      `SELECT category, registered_on::VARCHAR AS d, is_repeat FROM records ORDER BY category, d`,
    );
    expect(result.map((r) => [r['category'], r['d'], r['is_repeat']])).toEqual([
      ['交通运输', '2024-02-28', false],
      ['交通运输', '2025-02-28', true],
      ['城乡建设', '2024-02-29', false],
      ['城乡建设', '2025-03-01', false],
      ['政法', '2023-03-01', false],
      ['政法', '2024-03-01', true],
      ['教育', '2023-02-28', false],
      ['教育', '2024-02-29', true],
    ]);
  });

  it('comes from the column when the export has one', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    const header = [...HEADER, '是否重复'];
    const rows = [
      { ...row({ 信访人证件号码: 'A' }), 是否重复: '是' },
      { ...row({ 信访人证件号码: 'A' }), 是否重复: '' },
    ];
    await writeInput(folders.input, 'a.csv', csvText(rows as never, header));
    await build(folders);
    expect(await query(folders.out, 'SELECT is_repeat FROM records ORDER BY rowid')).toEqual([
      { is_repeat: true },
      { is_repeat: false },
    ]);
  });
});

describe('petitioners', () => {
  it('are numbered densely, the same number on each of one person’s records', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    const rows = [
      row({ 信访人证件号码: 'LATE', 登记日期: '2024-05-01' }),
      row({ 信访人证件号码: 'EARLY', 登记日期: '2024-01-01' }),
      row({ 信访人证件号码: 'LATE', 登记日期: '2024-06-01' }),
      row({ 信访人证件号码: '', 登记日期: '2024-02-01' }),
    ];
    await writeInput(folders.input, 'a.csv', csvText(rows));
    await build(folders);
    const published = await query(
      folders.out,
      'SELECT registered_on::VARCHAR AS d, petitioner FROM records ORDER BY d',
    );
    expect(published.map((r) => r['d'])).toEqual([
      '2024-01-01',
      '2024-02-01',
      '2024-05-01',
      '2024-06-01',
    ]);
    const [early, none, late, lateAgain] = published.map((r) => r['petitioner']);
    expect(none).toBeNull();
    expect(late).toBe(lateAgain);
    expect([early, late].sort()).toEqual([1, 2]);
    const tables = await query(
      folders.out,
      `SELECT table_name FROM duckdb_tables() WHERE NOT starts_with(table_name, 'cube')`,
    );
    expect(tables).toEqual([{ table_name: 'records' }]);
  });
});

describe('manifest', () => {
  it('records inputs with hashes, totals, date range and vocabulary misses', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    const text = csvText([
      row({ 登记日期: '2023-12-31', 问题类别: '网格管理' }),
      row({ 登记日期: '2024-02-01', 问题类别: '网格管理' }),
      row({ 问题类别: '国土资源' }),
      row({ 登记日期: '昨天' }),
    ]);
    await writeInput(folders.input, 'a.csv', text);
    const { manifest } = await build(folders);
    const bytes = Buffer.from(text, 'utf8');
    const { createHash } = await import('node:crypto');
    expect(manifest).toMatchObject({
      published: 3,
      rejected: 1,
      dateRange: { from: '2023-12-31', to: '2024-03-05' },
      vocabularyMisses: { category: { 网格管理: 2 } },
      files: { database: 'petitions.duckdb', rejects: 'rejects.csv' },
      schemaVersion: SCHEMA_VERSION,
    });
    expect(manifestVersionProblem(manifest, 'out')).toBeNull();
    expect(manifestVersionProblem({ schemaVersion: 1 }, 'public/data')).toBe(
      'public/data 中的数据由旧版本发布（数据格式 1，本站点需要 4）。请重新运行 npm run build:data。',
    );
    expect(manifest.inputs[0]).toEqual({
      file: 'a.csv',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      format: 'csv',
      encoding: 'utf-8',
      read: 4,
      published: 3,
      rejected: 1,
      unknownColumns: [],
    });
    expect(readManifest(folders.out)).toEqual(manifest);
  });
});

describe('worker threads', () => {
  it('publish exactly what reading in one thread publishes', async () => {
    const make = async (): Promise<ReturnType<typeof testFolders>> => {
      const folders = testFolders();
      await fs.mkdir(folders.input, { recursive: true });
      return folders;
    };
    const one = await make();
    const many = await make();
    const shared = row({ 信访件编号: 'OVERLAP', 信访人证件号码: 'P-1' });
    const files: [string, string][] = [
      ['1.csv', csvText([row({ 信访人证件号码: 'P-1' }), shared, row({ 人数: '0' })])],
      ['2.csv', csvText([shared, row({ 登记日期: '2024-04-01', 信访人证件号码: 'P-1' }), row()])],
      ['3.csv', csvText([row({ 问题类别: '新类别' }), row({ 信访形式: '传真' })])],
    ];
    for (const folders of [one, many]) {
      for (const [name, text] of files) await writeInput(folders.input, name, text, 'gb18030');
    }
    const a = await build(one, { workers: false });
    const b = await build(many, { workers: true });
    const strip = (m: typeof a.manifest) => ({ ...m, builtAt: '' });
    expect(strip(b.manifest)).toEqual(strip(a.manifest));
    expect(readRejects(many.out)).toEqual(readRejects(one.out));
    const all = `SELECT * EXCLUDE (tags), array_to_string(tags, '|') AS tags FROM records ORDER BY rowid`;
    expect(await query(many.out, all)).toEqual(await query(one.out, all));
  });

  it('stop the build on a bad file, naming it', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await writeInput(folders.input, 'a.csv', csvText([row()]));
    await writeInput(
      folders.input,
      'b.csv',
      csvText(
        [row()],
        HEADER.filter((h) => h !== '问题属地'),
      ),
    );
    await expect(build(folders, { workers: true })).rejects.toThrow(/b\.csv 缺少必填列：问题属地/);
  });
});
