import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mappingFor, parseMapping } from '../scripts/data/mapping.ts';
import {
  build,
  csvText,
  query,
  readRejects,
  row,
  tempFolder,
  testFolders,
  writeInput,
} from './helpers/build-fixtures.ts';

const BOARD_HEADER = [
  '留言编号',
  '留言时间',
  '涉及乡镇',
  '留言类别',
  '留言人',
  '回复内容',
  '浏览次数',
];
const BOARD_LINES = [
  'M-1,2024-04-01,城关镇,城乡建设,某网友,已转办,12',
  'M-2,2024-04-02,东关街道,交通运输,某网友,,3',
  'M-3,2024-04-03,东关街道,,某网友,,3',
];

const MAPPING = {
  comment: '网上信访留言板导出',
  files: [
    {
      match: '留言板*.csv',
      columns: {
        留言编号: 'case_id',
        ' 留言时间 ': 'registered_on',
        涉及乡镇: 'region',
        留言类别: 'category',
        留言人: 'petitioner_name',
        回复内容: null,
      },
      defaults: { channel: '网上信访', level: '本区', source: '本级登记' },
    },
  ],
};

async function boardInput(
  mapping: unknown,
  file = 'mapping.json',
): Promise<ReturnType<typeof testFolders>> {
  const folders = testFolders();
  await fs.mkdir(folders.input, { recursive: true });
  await writeInput(
    folders.input,
    '留言板2024.csv',
    `${BOARD_HEADER.join(',')}\n${BOARD_LINES.join('\n')}\n`,
  );
  await writeInput(folders.input, '登记.csv', csvText([row({ 信访形式: '来信', 信访层级: '市' })]));
  if (mapping !== undefined)
    await fs.writeFile(path.join(folders.input, file), JSON.stringify(mapping));
  return folders;
}

describe('mapping file', () => {
  it('without it, an export with other headers stops the build and points to the mapping file', async () => {
    const folders = await boardInput(undefined);
    await expect(build(folders)).rejects.toThrow(
      /留言板2024\.csv 缺少必填列：信访件编号.*映射文件.*docs\/mapping\.md/,
    );
  });

  it('mapping.json in the input folder maps headers and fills missing columns', async () => {
    const folders = await boardInput(MAPPING);
    const { manifest } = await build(folders);
    expect(
      manifest.inputs.map((i) => [i.file, i.read, i.published, i.rejected, i.unknownColumns]),
    ).toEqual([
      ['留言板2024.csv', 3, 2, 1, ['浏览次数']],
      ['登记.csv', 1, 1, 0, []],
    ]);
    expect(readRejects(folders.out)).toEqual([
      { file: '留言板2024.csv', line: 4, column: '留言类别', kind: '空', reason: '缺少必填值' },
    ]);
    expect(
      await query(
        folders.out,
        `SELECT registered_on::VARCHAR AS d, channel, level, region, category FROM records ORDER BY d`,
      ),
    ).toEqual([
      { d: '2024-03-05', channel: '来信', level: '到市', region: '城关镇', category: '城乡建设' },
      {
        d: '2024-04-01',
        channel: '网上信访',
        level: '本级',
        region: '城关镇',
        category: '城乡建设',
      },
      {
        d: '2024-04-02',
        channel: '网上信访',
        level: '本级',
        region: '东关街道',
        category: '交通运输',
      },
    ]);
  });

  it('--mapping FILE is used instead', async () => {
    const folders = await boardInput(undefined);
    const file = path.join(tempFolder(), 'board.json');
    await fs.writeFile(file, JSON.stringify(MAPPING));
    const { manifest } = await build(folders, { mappingFile: file });
    expect(manifest.published).toBe(3);
    await expect(build(folders, { mappingFile: `${file}.missing` })).rejects.toThrow(
      /找不到映射文件/,
    );
  });

  it('matches file-name patterns in order, case-insensitively', () => {
    const mapping = parseMapping(
      { files: [{ match: '*.XLSX' }, { match: '留言?2024*' }, { match: '*' }] },
      'm.json',
    );
    expect(mappingFor(mapping, 'a.xlsx')?.match).toBe('*.XLSX');
    expect(mappingFor(mapping, '留言板2024.csv')?.match).toBe('留言?2024*');
    expect(mappingFor(mapping, 'other.csv')?.match).toBe('*');
    expect(mappingFor(null, 'a.csv')).toBeUndefined();
  });

  it('explains mistakes, naming the mapping file and the place', async () => {
    const cases: [unknown, RegExp][] = [
      [
        { files: [{ match: '*', columns: { 留言编号: 'caseid' } }] },
        /files\[0\]\.columns\."留言编号" 的列名不可用/,
      ],
      [
        { files: [{ match: '*', defaults: { channel: '微信' } }] },
        /files\[0\]\.defaults\."channel" 的值“微信”不可用（信访形式，可用：来信、来访、网上信访、电话（或别名 走访、/,
      ],
      [
        { files: [{ match: '*', defaults: { registered_on: '某天' } }] },
        /defaults\."registered_on" 的值“某天”不可用（登记日期，应是日期，如 2024-03-05/,
      ],
      [{ files: [{ match: '*', defaults: { case_id: 'X' } }] }, /defaults\."case_id" 不能设默认值/],
      [{ files: [{ match: '*', defaults: { nope: 'X' } }] }, /defaults\."nope" 不是列名/],
      [{ files: [{ match: '*', colums: {} }] }, /files\[0\]\."colums" 不是可用的键/],
      [{ files: [{ columns: {} }] }, /files\[0\]\.match 应是文件名模式/],
      [{ file: [] }, /"file" 不是可用的键/],
      [[], /应是一个 JSON 对象/],
    ];
    for (const [json, pattern] of cases) {
      expect(() => parseMapping(json, 'm.json'), pattern.source).toThrow(pattern);
      expect(() => parseMapping(json, 'm.json')).toThrow(/^映射文件 m\.json 有误/);
    }
    const folders = await boardInput(undefined);
    await fs.writeFile(path.join(folders.input, 'mapping.json'), '{ "files": [ }');
    await expect(build(folders)).rejects.toThrow(/mapping\.json 不是有效的 JSON/);
  });
});
