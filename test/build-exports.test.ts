/**
 * Exports as bureaus have them: no handling columns, no visit columns, their own classes, a
 * message board loaded through a mapping file. The build records what each export carried, and
 * the report, its text, the cards and the pages say 无数据 with the reason instead of a 0.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openPublished } from '../src/node/duckdb-node.ts';
import { loadSiteInfo } from '../src/dashboard/site-info.ts';
import { loadView } from '../src/dashboard/load.ts';
import { headlineFigures } from '../src/lib/briefing-figures.ts';
import { missingReason } from '../src/lib/figure-columns.ts';
import { computeReport } from '../src/lib/report.ts';
import { reportOptions } from '../src/lib/report-options.ts';
import { DEFAULT_VIEW } from '../src/lib/view-state.ts';
import { siteConfig } from '../src/site.config.ts';
import {
  build,
  csvText,
  query,
  readManifest,
  row,
  testFolders,
  writeInput,
  type TestBuild,
} from './helpers/build-fixtures.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Registration-side columns only: no 受理情况, 受理日期, 办结日期, 满意度 … */
const BARE_HEADER = ['信访件编号', '登记日期', '信访形式', '信访层级', '问题类别', '问题属地'];

const BOARD_HEADER = ['留言编号', '留言用户', '留言时间', '留言详情', '一级分类', '涉及区域'];
const BOARD_CLASSES = ['城建', '交通', '教育', '环保', '医疗', '治安', '其他事项'];
const BOARD_MAPPING = {
  files: [
    {
      match: '留言*.csv',
      columns: {
        留言编号: 'case_id',
        留言用户: null,
        留言时间: ['registered_on', 'accepted_on'],
        留言详情: 'content',
        一级分类: 'category',
        涉及区域: 'region',
      },
      defaults: { channel: '网上信访', level: '本级' },
    },
  ],
};

function boardLines(): string[] {
  const lines: string[] = [];
  for (let i = 0; i < 21; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const year = i < 12 ? 2024 : 2023;
    lines.push(`L-${i},网友${i},${year}-03-${day},反映问题,${BOARD_CLASSES[i % 7]},城关镇`);
  }
  return lines;
}

async function boardBuild(): Promise<{ folders: TestBuild; log: string[] }> {
  const folders = testFolders();
  await fs.mkdir(folders.input, { recursive: true });
  await writeInput(
    folders.input,
    '留言板.csv',
    `${BOARD_HEADER.join(',')}\n${boardLines().join('\n')}\n`,
  );
  await fs.writeFile(path.join(folders.input, 'mapping.json'), JSON.stringify(BOARD_MAPPING));
  const log: string[] = [];
  await build(folders, { log: (line) => log.push(line) });
  return { folders, log };
}

async function reportOf(folders: TestBuild, request = {}) {
  const db = await openPublished(path.join(folders.out, 'petitions.duckdb'));
  try {
    const coverage = readManifest(folders.out).columns;
    const report = await computeReport(db.run, request, reportOptions(siteConfig, coverage));
    const info = await loadSiteInfo(db.run, coverage);
    const view = { ...DEFAULT_VIEW };
    const page = async (id: Parameters<typeof loadView>[0]) =>
      (await loadView(id, view, info, db.run, siteConfig)).data;
    return {
      report,
      overview: await page('overview'),
      levels: await page('levels'),
      handling: await page('handling'),
    };
  } finally {
    db.close();
  }
}

describe('an export with no handling columns', () => {
  it('records the columns it lacks and gives no rate, score or 0 for them', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    const rows = [
      row({ 登记日期: '2024-03-05', 信访形式: '网上信访' }),
      row({ 登记日期: '2024-04-05', 信访形式: '网上信访' }),
      row({ 登记日期: '2023-03-05', 信访形式: '网上信访' }),
    ];
    await writeInput(folders.input, 'a.csv', csvText(rows, BARE_HEADER));
    await build(folders);
    const manifest = readManifest(folders.out);
    expect(manifest.columns['acceptance']).toEqual({ carried: 'none', files: [], defaults: [] });
    expect(manifest.columns['channel']).toEqual({ carried: 'all', files: [], defaults: [] });

    const { report, handling } = await reportOf(folders, { from: '2024-01', to: '2024-04' });
    expect(report.registered.batches).toBe(2);
    expect(report.rates.timelyAcceptance).toBeNull();
    expect(report.rates.onTimeClosure).toBeNull();
    expect(report.rates.satisfaction).toBeNull();
    expect(report.ruleOfLaw).toBeNull();
    expect(report.unavailable.timelyAcceptance).toBe('导出中没有“受理情况”、“受理日期”列');
    expect(report.text).toMatch(/（五）信访工作法治化考核情况。\S*无数据（导出中没有“受理情况”/);
    expect(report.text).not.toMatch(/(?<![\d.])0\.0%|0\.000/);
    const json = JSON.parse(JSON.stringify(report)) as Record<string, Record<string, unknown>>;
    expect(json['rates']!['timelyAcceptance']).toBeNull();
    expect(json['unavailable']!['timelyAcceptance']).toMatch(/受理情况/);

    const table = headlineFigures(report);
    expect(table.find((r) => r.label === '及时受理率')).toEqual({
      label: '及时受理率',
      indent: false,
      current: ['无数据'],
      previous: ['无数据'],
      change: ['导出中没有“受理情况”、“受理日期”列'],
    });
    expect(handling.panels.map((p) => p.id)).toEqual([]);
    expect(handling.noData).toMatch(/导出中没有“受理情况”列/);
  });

  it('names the files when only some carried a column', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await writeInput(folders.input, 'a.csv', csvText([row({ 受理日期: '2024-03-06' })]));
    await writeInput(folders.input, 'b.csv', csvText([row()], BARE_HEADER));
    await build(folders);
    expect(readManifest(folders.out).columns['accepted_on']).toEqual({
      carried: 'some',
      files: ['a.csv'],
      defaults: [],
    });
  });
});

describe('a message-board export through a mapping file (no visit columns, its own classes)', () => {
  it('feeds 留言时间 to two columns and records the defaults as not carried', async () => {
    const { folders, log } = await boardBuild();
    const manifest = readManifest(folders.out);
    expect(manifest.columns['accepted_on']?.carried).toBe('all');
    expect(manifest.columns['level']).toEqual({
      carried: 'none',
      files: [],
      defaults: ['留言板.csv'],
    });
    const dates = await query(
      folders.out,
      'SELECT count(*)::INTEGER AS n FROM records WHERE accepted_on = registered_on',
    );
    expect(dates).toEqual([{ n: 21 }]);
    expect(log).toContain(
      '  导出中没有“信访层级”列（映射文件默认值：留言板.csv）：依赖它的指标显示为无数据',
    );
  });

  it('keeps the board’s own classes, says so, and never turns them into 其他', async () => {
    const { folders, log } = await boardBuild();
    const categories = await query(
      folders.out,
      'SELECT DISTINCT category, category_raw FROM records ORDER BY category',
    );
    expect(categories.map((r) => r['category'])).toEqual([...BOARD_CLASSES].sort());
    expect(categories.every((r) => r['category'] === r['category_raw'])).toBe(true);
    expect(log).toContain('  类别 城建 不在类别表中：3 行，按导出的标签单独成类');
    expect(readManifest(folders.out).categoryLabels).toContainEqual({
      label: '城建',
      category: '城建',
      rows: 3,
      how: 'own',
    });
  });

  it('shows no visit card, no 走访层级 page and no 0 for what the board does not hold', async () => {
    const { folders } = await boardBuild();
    const { report, overview, levels } = await reportOf(folders, {
      from: '2024-01',
      to: '2024-03',
    });
    expect(report.registered.batches).toBe(12);
    expect(report.visits).toBeNull();
    expect(report.channels).toBeNull();
    expect(report.unavailable.visits).toBe('导出中没有“信访形式”、“信访层级”列');
    expect(report.text).toContain(
      '（一）走访情况分析。无数据（导出中没有“信访形式”、“信访层级”列）。',
    );
    const cards = Object.fromEntries((overview.cards ?? []).map((c) => [c.key, c.valueText]));
    expect(cards).toMatchObject({
      registered: '12批 12人次',
      visits: '无数据',
      collective: '无数据',
      upward: '无数据',
    });
    expect(overview.panels.map((p) => p.id)).not.toContain('pyramid');
    expect(overview.missing?.map((m) => m.title)).toEqual(['走访层级分布（倒金字塔）']);
    expect(levels).toEqual({
      cards: null,
      panels: [],
      missing: [],
      noData: report.unavailable.visits,
    });
  });
});

describe('category renames', () => {
  it('applies only the configured ones, prints each, keeps the label; lossy ones stay apart', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await writeInput(
      folders.input,
      'a.csv',
      csvText([
        row({ 问题类别: '卫生计生' }),
        row({ 问题类别: '卫生计生' }),
        row({ 问题类别: '卫生健康' }),
        row({ 问题类别: '商贸旅游' }),
      ]),
    );
    const log: string[] = [];
    await build(folders, { log: (line) => log.push(line) });
    expect(log).toContain('  类别改名 卫生计生 → 卫生健康：2 行');
    expect(log).toContain('  类别 商贸旅游 不在类别表中：1 行，按导出的标签单独成类');
    expect(
      await query(
        folders.out,
        'SELECT category, category_raw, count(*)::INTEGER AS n FROM records GROUP BY ALL ORDER BY ALL',
      ),
    ).toEqual([
      { category: '卫生健康', category_raw: '卫生健康', n: 1 },
      { category: '卫生健康', category_raw: '卫生计生', n: 2 },
      { category: '商贸旅游', category_raw: '商贸旅游', n: 1 },
    ]);
    const cli = (category: string) =>
      spawnSync(
        process.execPath,
        ['scripts/report.ts', '--json', '--data', folders.out, '--category', category],
        { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Shanghai' } },
      );
    const byLabel = cli('卫生计生');
    expect(byLabel.status).toBe(0);
    expect(byLabel.stderr).toContain('--category 卫生计生 是导出中的标签，按改名表计入“卫生健康”');
    expect(JSON.parse(byLabel.stdout)).toMatchObject({
      registered: { batches: 3 },
      filter: { category: '卫生健康' },
    });
    expect(JSON.parse(cli('商贸旅游').stdout)).toMatchObject({ registered: { batches: 1 } });
    await expect(build(folders, { categoryRenames: { 商贸旅游: '商贸' } })).rejects.toThrow(
      /类别改名 商贸旅游 → 商贸 有误：商贸 不是类别/,
    );
  });
});

describe('mapping messages', () => {
  it('names a rule that matched no file before the missing column it causes', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await writeInput(
      folders.input,
      '留言板.csv',
      `${BOARD_HEADER.join(',')}\n${boardLines()[0]}\n`,
    );
    const mapping = { files: [{ ...BOARD_MAPPING.files[0], match: '留言薄*.csv' }] };
    await fs.writeFile(path.join(folders.input, 'mapping.json'), JSON.stringify(mapping));
    await expect(build(folders)).rejects.toThrow(
      /^映射文件 .*mapping\.json 的规则 files\[0\]（"留言薄\*\.csv"）没有匹配任何输入文件（输入文件：留言板\.csv）.*。文件 留言板\.csv 缺少必填列/,
    );
  });
});

describe('figure-columns', () => {
  it('counts a column of unknown coverage as carried, and any one of alternatives', () => {
    expect(missingReason({}, 'timelyAcceptance')).toBeNull();
    const none = { carried: 'none' as const, files: [], defaults: [] };
    expect(missingReason({ due_on: none }, 'onTimeClosure')).toBeNull();
    expect(missingReason({ due_on: none, accepted_on: none }, 'onTimeClosure')).toBe(
      '导出中没有“办理期限”或“受理日期”列',
    );
  });
});
