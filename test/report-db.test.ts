import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPublished } from '../src/node/duckdb-node.ts';
import { reportPeriod } from '../src/lib/periods.ts';
import { reportQueries, reportQueryList } from '../src/lib/report-queries.ts';
import { NO_FILTER, parseFilter } from '../src/lib/scope.ts';
import type { QueryRunner } from '../src/lib/query-runner.ts';
import { computeReport, type Report, type ReportOptions } from '../src/lib/report.ts';
import { siteConfig } from '../src/site.config.ts';
import { writePublishedDb, type TestRecord } from './helpers/published-db.ts';
import { referenceRecords } from './helpers/reference-records.ts';

const OPTIONS: ReportOptions = {
  collectiveThreshold: 5,
  ruleOfLaw: siteConfig.ruleOfLaw,
  placeName: '我区',
  regionLabel: '乡镇（街道）',
};

/** A handful of records around the boundaries of the rate definitions; the cutoff is 2024-03-20. */
const SMALL: TestRecord[] = [
  // a: decision deadline 2024-01-01 (in the period), accepted in time, due_on defaults to +60 days
  {
    registered_on: '2023-12-17',
    acceptance: '受理',
    accepted_on: '2023-12-20',
    closed_on: '2024-02-18',
    satisfaction: '满意',
  },
  // b: deadline 2023-12-31, before the period
  { registered_on: '2023-12-16', acceptance: '不予受理', accepted_on: '2023-12-20' },
  // c, d, e: deadline 2024-02-16; no decision / decided on day 16 / decided on day 15
  { registered_on: '2024-02-01', is_repeat: true, leader_case: true, resolved: true },
  {
    registered_on: '2024-02-01',
    acceptance: '不再受理',
    accepted_on: '2024-02-17',
    is_repeat: true,
    leader_case: true,
  },
  {
    registered_on: '2024-02-01',
    acceptance: '不予受理',
    accepted_on: '2024-02-16',
    supervised: true,
    resolved: true,
  },
  // f: deadline 2024-03-21, after the cutoff: not yet due; g: deadline 2024-03-20, due
  { registered_on: '2024-03-06' },
  { registered_on: '2024-03-05' },
  // h: the last registration
  { registered_on: '2024-03-20', channel: '网上信访' },
  // i: due 2024-01-10, closed a day late, supervised and resolved
  {
    registered_on: '2023-10-01',
    acceptance: '受理',
    accepted_on: '2023-10-05',
    due_on: '2024-01-10',
    closed_on: '2024-01-11',
    satisfaction: '不满意',
    supervised: true,
    resolved: true,
  },
  // j: due 2024-03-25, after the cutoff: not yet due
  {
    registered_on: '2023-10-01',
    acceptance: '受理',
    accepted_on: '2023-10-05',
    due_on: '2024-03-25',
    supervised: true,
  },
  // k: not accepted, so never due for handling; closed in the period
  {
    registered_on: '2023-10-01',
    acceptance: '不予受理',
    accepted_on: '2023-10-03',
    due_on: '2024-01-10',
    closed_on: '2024-01-05',
    satisfaction: '基本满意',
  },
  // l: closed before the period; m: closed in it, not evaluated
  {
    registered_on: '2023-11-01',
    acceptance: '不予受理',
    accepted_on: '2023-11-02',
    closed_on: '2023-12-31',
    satisfaction: '满意',
  },
  {
    registered_on: '2023-11-01',
    acceptance: '不予受理',
    accepted_on: '2023-11-02',
    closed_on: '2024-03-01',
  },
  // a collective visit at the threshold, received by a leader; a persuaded-back visit
  {
    registered_on: '2024-01-10',
    level: '到市',
    persons: 5,
    leader_received: true,
    category: '城乡建设',
  },
  { registered_on: '2024-01-15', record_type: '劝返', level: '进京', persons: 3 },
];

let dir = '';
let referenceDb: { run: QueryRunner; close: () => void };
let smallDb: { run: QueryRunner; close: () => void };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-db-'));
  referenceDb = await openPublished(
    await writePublishedDb(join(dir, 'reference'), referenceRecords()),
  );
  smallDb = await openPublished(await writePublishedDb(join(dir, 'small'), SMALL));
});

afterAll(async () => {
  referenceDb?.close();
  smallDb?.close();
  await rm(dir, { recursive: true, force: true });
});

function numbersAreIntegers(value: unknown, path: string, out: string[]): void {
  if (typeof value === 'number') {
    const key = path.split('.').at(-1) ?? '';
    const decimal =
      ['percent', 'score', 'weight'].includes(key) || path.endsWith('.ruleOfLaw.total');
    if (!decimal && !Number.isInteger(value)) out.push(path);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) numbersAreIntegers(v, `${path}.${k}`, out);
  }
}

describe('report over the reference records', () => {
  let report: Report;
  beforeAll(async () => {
    report = await computeReport(referenceDb.run, {}, OPTIONS);
  });

  it('defaults to 本年累计 through the latest month, compared 同比', () => {
    expect(report.period).toEqual({
      from: '2024-01',
      to: '2024-09',
      compareFrom: '2023-01',
      compareTo: '2023-09',
      compare: 'yoy',
      throughDay: null,
    });
    expect(report.dataCutoff).toBe('2024-09-30');
    expect(report.upToDate).toBeNull();
  });

  it('counts registrations, channels, visits by level and persuasion', () => {
    expect(report.registered).toMatchObject({
      batches: 689,
      persons: 913,
      previous: { batches: 594, persons: 816 },
    });
    expect(report.registered.change.batches).toEqual({ direction: 'up', percent: 16 });
    expect(report.channels!['来信']).toMatchObject({ batches: 120, previous: { batches: 200 } });
    expect(report.channels!['网上信访']).toMatchObject({ batches: 332, persons: 332 });
    expect(report.channels!['电话'].batches).toBe(0);
    expect(report.visits).toMatchObject({
      batches: 237,
      persons: 461,
      previous: { batches: 148, persons: 338 },
    });
    expect(report.visits!.byLevel['赴省']).toMatchObject({
      batches: 102,
      persons: 179,
      collectiveBatches: 4,
      collectivePersons: 39,
      previous: { batches: 42, persons: 84 },
    });
    expect(report.visits!.byLevel['到市']).toMatchObject({
      collectiveBatches: 5,
      collectivePersons: 42,
    });
    expect(report.persuadedBack!['进京']).toMatchObject({ batches: 143, persons: 268 });
    expect(report.persuadedBack!['本级']).toMatchObject({ batches: 0, persons: 0 });
  });

  it('lists categories largest first and finds the largest rises', () => {
    expect(report.categories.map((c) => [c.category, c.batches, c.previous.batches])).toEqual([
      ['城乡建设', 300, 250],
      ['劳动和社会保障', 200, 150],
      ['农村农业', 100, 120],
      ['其他', 89, 74],
    ]);
    expect(report.rises.levels.map((r) => [r.name, r.increase, r.percent])).toEqual([
      ['赴省', 60, 142.9],
      ['本级', 19, 46.3],
    ]);
    expect(report.rises.categories.map((r) => r.name)).toEqual([
      '城乡建设',
      '劳动和社会保障',
      '其他',
    ]);
  });

  it('computes rates, leader figures and the 法治化 score', () => {
    expect(report.rates.timelyAcceptance).toMatchObject({
      numerator: 112,
      denominator: 688,
      percent: 16.3,
    });
    expect(report.rates.onTimeClosure).toMatchObject({
      numerator: 136,
      denominator: 142,
      percent: 95.8,
    });
    expect(report.rates.satisfaction).toMatchObject({
      numerator: 90,
      denominator: 100,
      percent: 90,
    });
    expect(report.rates.participation).toMatchObject({
      numerator: 100,
      denominator: 136,
      percent: 73.5,
    });
    expect(report.rates.repeat).toMatchObject({ numerator: 50, denominator: 689, percent: 7.3 });
    expect(report.rates.repeat!.previous).toEqual({
      numerator: 30,
      denominator: 594,
      percent: 5.1,
    });
    expect(report.leaderReceptions).toMatchObject({ batches: 60, persons: 127 });
    expect(report.leaderCases).toEqual({ total: 25, resolved: 24, percent: 96 });
    expect(report.supervised).toEqual({ total: 41, resolved: 36, percent: 87.8 });
    expect(report.ruleOfLaw!.terms.map((t) => [t.numerator, t.denominator, t.score])).toEqual([
      [112, 114, 1.179],
      [136, 142, 0.479],
      [15, 21, 0.571],
    ]);
    expect(report.ruleOfLaw!.total).toBe(2.229);
  });

  it('writes the briefing in the reference style', () => {
    expect(report.text.split('\n')).toEqual([
      '一、2024年1-9月信访情况',
      '1-9月份，我区共发生登记信访事项689批913人次，较去年同期594批816人次，分别上升16.0%和11.9%。其中来信120件、来访237批461人次、网上信访332件。',
      '（一）走访情况分析。共发生走访登记237批461人次，较去年同期148批338人次，分别上升60.1%和36.4%。' +
        '一是进京走访。登记16批17人次，同比去年15批16人次，批次、人次分别上升6.7%和6.3%，另外劝返进京走访143批268人次。' +
        '二是赴省走访。登记102批179人次，同比去年42批84人次，批次、人次分别上升142.9%和113.1%，其中集体访4批39人次，另外劝返赴省走访73批331人次。' +
        '三是到市走访。登记59批138人次，同比去年50批100人次，批次、人次分别上升18.0%和38.0%，其中集体访5批42人次，另外劝返到市走访20批236人次。' +
        '四是本级走访。登记60批127人次，同比去年41批138人次，批次上升46.3%、人次下降8.0%。',
      '（二）领导干部接访情况。1-9月份，领导干部接访群众60批127人次，去年同期为0。',
      '（三）领导包案化解信访事项情况。1-9月份，领导包案信访事项共25件，目前已经化解24件，化解率96.0%。',
      '（四）督办信访事项办理情况。1-9月份，上级督办信访事项共41件，目前已经化解36件，化解率87.8%。',
      '（五）信访工作法治化考核情况。1-9月份按本地数据测算总得分2.229分。其中：' +
        '应受理未受理占比，应受理件数为114件，未按规定受理件数2件，受理件数112件，112÷114×1.2=1.179分；' +
        '未按规定办理占比，应办理件数为142件，未按规定办理件数6件，办理件数136件，136÷142×0.5=0.479分；' +
        '督办后未化解占比，督办到期件数为21件，督办后未化解的6件，化解件数15件，15÷21×0.8=0.571分。',
      '二、存在问题',
      '一是部分层级走访增加。赴省走访登记102批179人次，同比去年42批84人次，批次、人次分别上升142.9%和113.1%；' +
        '本级走访登记60批127人次，同比去年41批138人次，批次上升46.3%、人次下降8.0%。',
      '二是部分问题类别登记增加较多。城乡建设300批（增加50批，上升20.0%）、劳动和社会保障200批（增加50批，上升33.3%）、其他89批（增加15批，上升20.3%）。',
      '三是重复信访。重复信访登记50批，占登记批次的7.3%，去年同期为5.1%。',
      '四是按期办结。到期应办结的受理事项142件，未按期办结6件，其中尚无办结记录6件，按期办结率95.8%。',
    ]);
  });

  it('has the contract keys and only integer counts', () => {
    for (const key of [
      'period',
      'registered',
      'channels',
      'visits',
      'persuadedBack',
      'categories',
      'rates',
      'leaderReceptions',
      'leaderCases',
      'supervised',
      'ruleOfLaw',
      'text',
    ]) {
      expect(report).toHaveProperty(key);
    }
    const bad: string[] = [];
    numbersAreIntegers(report, 'report', bad);
    expect(bad).toEqual([]);
  });
});

describe('report over boundary records', () => {
  it('applies the rate definitions at their boundaries and the data cutoff', async () => {
    const report = await computeReport(smallDb.run, {}, OPTIONS);
    expect(report.period).toMatchObject({ from: '2024-01', to: '2024-03' });
    expect(report.dataCutoff).toBe('2024-03-20');
    // due for a decision: a, c, d, e, g and the visit (not b: before; not f, h: after the
    // cutoff); in time: a, e
    expect(report.rates.timelyAcceptance).toMatchObject({
      numerator: 2,
      denominator: 6,
      percent: 33.3,
    });
    // 受理 due for handling: a (default due 2024-02-18), i (late); not j (after the cutoff), not k
    expect(report.rates.onTimeClosure).toMatchObject({ numerator: 1, denominator: 2, percent: 50 });
    // closed in the period: a, i, k, m; evaluated a, i, k; satisfied a, k
    expect(report.rates.satisfaction).toMatchObject({
      numerator: 2,
      denominator: 3,
      percent: 66.7,
    });
    expect(report.rates.participation).toMatchObject({ numerator: 3, denominator: 4, percent: 75 });
    // registered in the period: c, d, e, f, g, h and the visit
    expect(report.rates.repeat).toMatchObject({ numerator: 2, denominator: 7, percent: 28.6 });
    expect(report.leaderCases).toEqual({ total: 2, resolved: 1, percent: 50 });
    expect(report.supervised).toEqual({ total: 1, resolved: 1, percent: 100 });
    expect(report.ruleOfLaw!.terms.map((t) => [t.numerator, t.denominator, t.score])).toEqual([
      [1, 1, 1.2],
      [1, 2, 0.25],
      [1, 1, 0.8],
    ]);
    expect(report.ruleOfLaw!.total).toBe(2.25);
    expect(report.visits!.byLevel['到市']).toMatchObject({
      batches: 1,
      persons: 5,
      collectiveBatches: 1,
    });
    expect(report.leaderReceptions).toMatchObject({ batches: 1, persons: 5 });
    expect(report.persuadedBack!['进京']).toMatchObject({ batches: 1, persons: 3 });
    expect(report.registered).toMatchObject({ batches: 7, persons: 11, previous: { batches: 0 } });
    expect(report.channels!['网上信访'].batches).toBe(1);
    expect(report.warnings).toEqual([
      '对比期间 2023-01 至 2023-03 早于数据起始日 2023-10-01，对比数字可能偏低。',
    ]);
  });

  it('takes the collective threshold from the options', async () => {
    const report = await computeReport(smallDb.run, {}, { ...OPTIONS, collectiveThreshold: 6 });
    expect(report.visits!.byLevel['到市'].collectiveBatches).toBe(0);
    expect(report.collectiveThreshold).toBe(6);
  });

  it('compares 环比 with the preceding months', async () => {
    const report = await computeReport(
      smallDb.run,
      { from: '2024-02', to: '2024-03', compare: 'mom' },
      OPTIONS,
    );
    expect(report.period).toEqual({
      from: '2024-02',
      to: '2024-03',
      compareFrom: '2023-12',
      compareTo: '2024-01',
      compare: 'mom',
      throughDay: 20,
    });
    // the data ends 2024-03-20: current 2024-02-01..03-20, previous 2023-12-01..2024-01-20
    // current: c, d, e, f, g, h; previous: a, b and the January visit
    expect(report.registered).toMatchObject({ batches: 6, previous: { batches: 3, persons: 7 } });
    expect(report.labels).toEqual({
      period: '2月1日-3月20日',
      periodWithYear: '2024年2月1日-3月20日',
      comparePeriod: '2023年12月1日-2024年1月20日',
    });
    expect(report.text).toContain(
      '2月1日-3月20日（环比：2023年12月1日-2024年1月20日），我区共发生登记信访事项6批6人次，较上期3批7人次，批次上升100.0%、人次下降14.3%。',
    );
  });

  it('warns when the period runs past the data', async () => {
    const report = await computeReport(smallDb.run, { from: '2024-01', to: '2024-06' }, OPTIONS);
    expect(report.warnings[0]).toBe('所选期间超出数据范围：数据截至 2024-03-20。');
  });
});

describe('report for filtered records', () => {
  const FILTERED: TestRecord[] = [
    { registered_on: '2024-02-01', region: '东街道', level: '赴省', tags: ['两拖欠'] },
    { registered_on: '2024-02-02', region: '东街道', level: '赴省', tags: ['两拖欠', '涉法涉诉'] },
    { registered_on: '2024-02-03', region: '东街道', channel: '来信' },
    { registered_on: '2024-02-04', region: '西街道', category: '城乡建设', is_repeat: true },
    { registered_on: '2023-02-04', region: '西街道', category: '城乡建设' },
    { registered_on: '2023-02-05', region: '西街道', category: '城乡建设' },
    { registered_on: '2023-02-03', region: '东街道' },
    { registered_on: '2024-02-05', record_type: '劝返', region: '西街道', level: '进京' },
  ];
  let db: { run: QueryRunner; close: () => void };
  beforeAll(async () => {
    db = await openPublished(await writePublishedDb(join(dir, 'filtered'), FILTERED));
  });
  afterAll(() => db?.close());
  const request = (
    filter: Partial<Record<'channel' | 'level' | 'category' | 'region' | 'tag', string>>,
  ) => ({
    from: '2024-01',
    to: '2024-02',
    filter: parseFilter(filter),
  });

  it('counts only the records the filters keep, in every section', async () => {
    const all = await computeReport(db.run, request({}), OPTIONS);
    expect(all.registered).toMatchObject({ batches: 4, previous: { batches: 3 } });
    expect(all.regions.map((r) => [r.region, r.batches, r.previous.batches])).toEqual([
      ['东街道', 3, 1],
      ['西街道', 1, 2],
    ]);
    expect(all.text).not.toContain('统计范围');
    expect(all.text).toContain(
      '三是部分乡镇（街道）登记增加较多。东街道3批（增加2批，上升200.0%）。',
    );

    const east = await computeReport(db.run, request({ region: '东街道' }), OPTIONS);
    expect(east.registered).toMatchObject({ batches: 3, previous: { batches: 1 } });
    expect(east.rates.repeat).toMatchObject({ numerator: 0, denominator: 3 });
    expect(east.filter.region).toBe('东街道');
    expect(east.text.split('\n')[1]).toBe('（统计范围：东街道）');
    expect(east.text).not.toContain('乡镇（街道）登记增加较多');

    const west = await computeReport(db.run, request({ region: '西街道' }), OPTIONS);
    expect(west.registered).toMatchObject({ batches: 1, previous: { batches: 2 } });
    expect(west.persuadedBack!['进京']).toMatchObject({ batches: 1 });
    expect(west.rates.repeat).toMatchObject({ numerator: 1, denominator: 1 });

    const tagged = await computeReport(db.run, request({ tag: '两拖欠', level: '赴省' }), OPTIONS);
    expect(tagged.visits!.byLevel['赴省']).toMatchObject({ batches: 2, previous: { batches: 0 } });
    expect(tagged.registered.batches).toBe(2);
    expect(tagged.text.split('\n')[1]).toBe('（统计范围：赴省 · 标签：两拖欠）');
    const lawsuits = await computeReport(db.run, request({ tag: '涉法涉诉' }), OPTIONS);
    expect(lawsuits.registered.batches).toBe(1);
    const letters = await computeReport(db.run, request({ channel: '来信' }), OPTIONS);
    expect(letters.registered.batches).toBe(1);
    expect(letters.visits!.batches).toBe(0);
  });
});

describe('report queries', () => {
  const queries = reportQueryList(
    reportQueries(
      'records',
      reportPeriod({ from: '2024-01', to: '2024-09' }, 'yoy'),
      '2024-09-30',
      {
        collectiveThreshold: 5,
        filter: NO_FILTER,
        upToDate: true,
      },
    ),
  ).map(([, query]) => query);

  it('bind every value as a parameter', () => {
    for (const query of queries) {
      expect(query.sql.split('?').length - 1).toBe(query.params.length);
      expect(query.sql).not.toMatch(/'\d{4}-\d{2}-\d{2}'|登记|受理|满意/);
    }
  });

  it('return only integers, strings and booleans', async () => {
    for (const query of queries) {
      for (const row of await referenceDb.run(query)) {
        for (const value of Object.values(row)) {
          expect(['number', 'string', 'boolean']).toContain(typeof value);
          if (typeof value === 'number') expect(Number.isInteger(value)).toBe(true);
        }
      }
    }
  });
});
