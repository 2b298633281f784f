import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPublished } from '../src/node/duckdb-node.ts';
import { openPublishedInWasm } from '../scripts/lib/duckdb-wasm-node.ts';
import { dateRange, reportPeriod } from '../src/lib/periods.ts';
import {
  breakdownQuery,
  crossQuery,
  handlingQueries,
  knownValuesQueries,
  monthlyQuery,
  repeatQueries,
  totalsQuery,
} from '../src/lib/queries-dashboard.ts';
import type { DashboardScope } from '../src/lib/scope.ts';
import { dataRangeQuery, recordsCountsQuery } from '../src/lib/queries.ts';
import { reportQueries, reportQueryList } from '../src/lib/report-queries.ts';
import { HANDLING_COUNTS } from '../src/lib/measures.ts';
import { computeReport } from '../src/lib/report.ts';
import { reportOptions } from '../src/lib/report-options.ts';
import { siteConfig } from '../src/site.config.ts';
import { exportQuery, toCsv } from '../src/lib/export-csv.ts';
import { exportRecords } from '../scripts/data/export.ts';
import type { Query, QueryRunner } from '../src/lib/query-runner.ts';
import { writeDashboardDb } from './helpers/dashboard-db.ts';
import { referenceRecords } from './helpers/reference-records.ts';
import { MID_MONTH_CUTOFF, midMonthRecords } from './helpers/mid-month-records.ts';
import { standardStarts, timingEventsQuery, timingQuery } from '../src/lib/handling-time.ts';
import { headlineFigures } from '../src/lib/briefing-figures.ts';
import { timingQueries } from '../src/lib/queries-dashboard.ts';
import type { SqlRow } from '../src/lib/query-runner.ts';

let dir = '';
let node: { run: QueryRunner; close: () => void };
let wasm: Awaited<ReturnType<typeof openPublishedInWasm>>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'parity-'));
  const records = referenceRecords().map((record, i) =>
    i % 7 === 0 ? { ...record, tags: ['两拖欠'], subcategory: '拖欠工资' } : record,
  );
  const file = await writeDashboardDb(dir, records);
  node = await openPublished(file);
  wasm = await openPublishedInWasm(file);
});

afterAll(async () => {
  node?.close();
  wasm?.close();
  await rm(dir, { recursive: true, force: true });
});

const base: DashboardScope = {
  period: reportPeriod({ from: '2024-01', to: '2024-09' }, 'yoy'),
  channel: null,
  level: null,
  category: null,
  region: null,
  tag: null,
};

const scopes: Record<string, DashboardScope> = {
  default: base,
  filtered: { ...base, channel: '来访', level: '赴省' },
  category: {
    ...base,
    category: '城乡建设',
    period: reportPeriod({ from: '2024-04', to: '2024-06' }, 'mom'),
  },
  tag: { ...base, tag: '两拖欠' },
  region: { ...base, region: '示例街道', channel: '来访' },
  regionAndCategory: { ...base, region: '示例街道', category: '城乡建设' },
  overlapping: { ...base, period: reportPeriod({ from: '2023-01', to: '2024-09' }, 'yoy') },
};

function queriesFor(scope: DashboardScope): Record<string, Query> {
  const handling = handlingQueries(scope);
  const repeat = repeatQueries(scope);
  return {
    totals: totalsQuery(scope),
    monthly: monthlyQuery(scope),
    categories: breakdownQuery(scope, 'category'),
    regions: breakdownQuery(scope, 'region'),
    subcategories: breakdownQuery(scope, 'subcategory'),
    levels: breakdownQuery(scope, 'level'),
    monthByCategory: crossQuery(scope, 'month'),
    regionByCategory: crossQuery(scope, 'region'),
    handlingMonthly: handling.monthly,
    handlingUnits: handling.units,
    perPetitioner: repeat.perPetitioner,
    firstToRepeat: repeat.firstToRepeat,
  };
}

describe('the same query gives the same answer in Node DuckDB and DuckDB-WASM', () => {
  it('runs the browser engine (DuckDB 1.4) on the published file with extension loading off', () => {
    expect(wasm.version).toMatch(/^v1\.4\./);
  });

  it.each(Object.keys(scopes))('report queries, scope %s', async (name) => {
    const { period, ...filter } = scopes[name] as DashboardScope;
    const range = await node.run(dataRangeQuery());
    expect(await wasm.run(dataRangeQuery())).toEqual(range);
    const cutoff = String(range[0]?.['last_on']);
    const queries = reportQueryList(
      reportQueries('records', period, cutoff, { collectiveThreshold: 5, filter, upToDate: true }),
    );
    for (const [key, query] of queries) {
      const expected = await node.run(query);
      if (key === 'counts') expect(expected.length).toBeGreaterThan(0);
      expect({ key, rows: await wasm.run(query) }).toEqual({ key, rows: expected });
    }
  });

  it.each(Object.keys(scopes))(
    'the report from the pre-aggregated tables equals the report from records, scope %s',
    async (name) => {
      const { period, ...filter } = scopes[name] as DashboardScope;
      const request = { from: period.from, to: period.to, compare: period.compare, filter };
      const options = reportOptions(siteConfig);
      const fromRecords = await computeReport(node.run, request, options, 'records');
      expect(fromRecords.registered.batches).toBeGreaterThan(0);
      expect(await computeReport(node.run, request, options, 'cube')).toEqual(fromRecords);
      expect(await computeReport(wasm.run, request, options, 'cube')).toEqual(fromRecords);
    },
  );

  it.each(Object.keys(scopes))('dashboard queries, scope %s', async (name) => {
    const scope = scopes[name] as DashboardScope;
    for (const [key, query] of Object.entries(queriesFor(scope))) {
      const expected = await node.run(query);
      expect({ key, rows: await wasm.run(query) }).toEqual({ key, rows: expected });
    }
  });

  it.each(Object.keys(scopes))(
    'the summed-up tables answer as cube does, scope %s',
    async (name) => {
      const scope = scopes[name] as DashboardScope;
      for (const [key, query] of Object.entries(queriesFor(scope))) {
        if (!/FROM cube_(top|category|region)\b/.test(query.sql)) continue;
        const direct = {
          sql: query.sql.replaceAll(/FROM cube_(top|category|region)\b/g, 'FROM cube'),
          params: query.params,
        };
        expect({ key, rows: await node.run(query) }).toEqual({
          key,
          rows: await node.run(direct),
        });
      }
    },
  );

  it('known values and the CSV export', async () => {
    for (const query of [...Object.values(knownValuesQueries()), exportQuery()]) {
      const expected = await node.run(query);
      expect(expected.length).toBeGreaterThan(0);
      expect(await wasm.run(query)).toEqual(expected);
    }
  });

  it('data:export writes the same bytes as the CSV download of the site', async () => {
    const outFile = path.join(dir, 'export.csv');
    await exportRecords({ dataDir: dir, outFile });
    expect(await readFile(outFile, 'utf8')).toBe(toCsv(await wasm.run(exportQuery())));
  });

  it('dashboard totals agree with the records they summarise', async () => {
    const rows = await node.run(totalsQuery(base));
    const registered = rows
      .filter((row) => row['side'] === 'current' && row['record_type'] === '登记')
      .reduce((sum, row) => sum + Number(row['batches']), 0);
    const direct = await node.run({
      sql: `SELECT count(*)::INTEGER AS n FROM records WHERE record_type = '登记'
        AND registered_on >= DATE '2024-01-01' AND registered_on < DATE '2024-10-01'`,
      params: [],
    });
    expect(registered).toBe(direct[0]?.['n']);
    expect(registered).toBe(689);
  });
});

describe('a mid-month cut-off (2020-01-07): both paths and both engines cut alike', () => {
  let mid: { run: QueryRunner; close: () => void };
  let midWasm: Awaited<ReturnType<typeof openPublishedInWasm>>;
  beforeAll(async () => {
    const file = await writeDashboardDb(path.join(dir, 'mid'), midMonthRecords());
    mid = await openPublished(file);
    midWasm = await openPublishedInWasm(file);
  });
  afterAll(() => {
    mid?.close();
    midWasm?.close();
  });

  const at = (from: string, to: string, compare: 'yoy' | 'mom') =>
    reportPeriod({ from, to }, compare, MID_MONTH_CUTOFF);
  const none = { channel: null, level: null, category: null, region: null, tag: null };
  const midScopes: Record<string, DashboardScope> = {
    ytd: { ...none, period: at('2020-01', '2020-01', 'yoy') },
    lastMonthMom: { ...none, period: at('2020-01', '2020-01', 'mom') },
    last12: { ...none, period: at('2019-02', '2020-01', 'yoy') },
    customMom: { ...none, period: at('2019-11', '2020-01', 'mom') },
    region: { ...none, region: '东街道', period: at('2020-01', '2020-01', 'yoy') },
    tag: { ...none, tag: '两拖欠', period: at('2020-01', '2020-01', 'yoy') },
    wholeMonths: { ...none, period: at('2019-01', '2019-12', 'yoy') },
  };

  it('counts like for like, not against whole months', async () => {
    const options = reportOptions(siteConfig);
    const yoy = await computeReport(mid.run, {}, options);
    expect(yoy.labels).toEqual({
      period: '1月1日-7日',
      periodWithYear: '2020年1月1日-7日',
      comparePeriod: '2019年1月1日-7日',
    });
    expect(yoy.registered).toMatchObject({ batches: 4, previous: { batches: 3 } });
    expect(yoy.persuadedBack!['进京']).toMatchObject({ batches: 1, previous: { batches: 0 } });
    expect(yoy.text).toContain('1月1日-7日（同比：2019年1月1日-7日），我区共发生登记信访事项4批');
    const mom = await computeReport(mid.run, { compare: 'mom' }, options);
    expect(mom.labels.comparePeriod).toBe('2019年12月1日-7日');
    expect(mom.registered).toMatchObject({ batches: 4, previous: { batches: 2 } });
    // a period that ends before the cut-off states the figure to date
    const december = await computeReport(mid.run, { from: '2019-12', to: '2019-12' }, options);
    expect(december.registered.batches).toBe(7);
    expect(december.upToDate).toEqual({ batches: 11, persons: 16, through: '2020-01-07' });
    expect(december.text).toContain('共发生登记信访事项7批7人次（截止目前是11批16人次）');
    expect(
      await computeReport(mid.run, { from: '2019-12', to: '2019-12' }, options, 'cube'),
    ).toEqual(december);
  });

  it.each(Object.keys(midScopes))('report: cube = records, Node = WASM, scope %s', async (name) => {
    const { period, ...filter } = midScopes[name] as DashboardScope;
    const request = { from: period.from, to: period.to, compare: period.compare, filter };
    const options = reportOptions(siteConfig);
    const fromRecords = await computeReport(mid.run, request, options, 'records');
    expect(fromRecords.period).toEqual(period);
    expect(await computeReport(mid.run, request, options, 'cube')).toEqual(fromRecords);
    expect(await computeReport(midWasm.run, request, options, 'cube')).toEqual(fromRecords);
    expect(await computeReport(midWasm.run, request, options, 'records')).toEqual(fromRecords);
  });

  it.each(Object.keys(midScopes))('dashboard queries: Node = WASM, scope %s', async (name) => {
    const scope = midScopes[name] as DashboardScope;
    for (const [key, query] of Object.entries(queriesFor(scope))) {
      const expected = await mid.run(query);
      expect({ key, rows: await midWasm.run(query) }).toEqual({ key, rows: expected });
    }
  });

  it('办理时效 over the cut days: medians and shares, in the JSON and the .docx table', async () => {
    const report = await computeReport(mid.run, {}, reportOptions(siteConfig));
    // accepted 2020-01-01..07: 1 day; 2019-01-01..07: 1 day (not the one accepted 2019-01-12)
    expect(report.handlingTime.acceptance).toMatchObject({
      count: 1,
      median: 1,
      within: { numerator: 1, denominator: 1 },
      previous: { count: 1, median: 1 },
    });
    // closed 2020-01-01..07: 18 and 64 days → median 41; 2019-01-01..07: 1, 16, 63 → 16
    expect(report.handlingTime.closure).toMatchObject({
      count: 2,
      median: 41,
      within: { numerator: 1, denominator: 2, percent: 50 },
      excluded: 0,
      previous: { count: 3, median: 16, within: { numerator: 2, denominator: 3 } },
    });
    expect(
      report.handlingTimeByUnit.map((u) => [u.unit, u.acceptance.median, u.closure.median]),
    ).toEqual([['住建局', 1, 41]]);
    const rows = headlineFigures(report).filter((row) => /用时|日内/.test(row.label));
    expect(
      rows.map((row) => [row.label, ...row.current, '|', ...row.previous, '|', ...row.change]),
    ).toEqual([
      ['受理用时中位数', '1天', '1件', '|', '1天', '1件', '|', '持平'],
      ['15日内受理率', '100.0%', '1/1', '|', '100.0%', '1/1', '|', '持平'],
      ['办结用时中位数', '41天', '2件', '|', '16天', '3件', '|', '延长25天'],
      ['60日内办结率', '50.0%', '1/2', '|', '66.7%', '2/3', '|', '下降16.7个百分点'],
    ]);
  });

  it('the median is DuckDB median() (the mean of the middle two), not quantile_disc, in both engines', async () => {
    const events = timingEventsQuery();
    const query = {
      sql: `SELECT median(days) AS m, quantile_cont(days, 0.5) AS c, quantile_disc(days, 0.5) AS d
        FROM (${events.sql}) WHERE measure = 'closure'
        AND event_on BETWEEN DATE '2020-01-01' AND DATE '2020-01-07'`,
      params: events.params,
    };
    const expected = [{ m: 41, c: 41, d: 18 }];
    expect(await mid.run(query)).toEqual(expected);
    expect(await midWasm.run(query)).toEqual(expected);
  });

  it.each(Object.keys(midScopes))(
    'the 办理时效 tables give the records histograms, both engines, scope %s',
    async (name) => {
      const scope = midScopes[name] as DashboardScope;
      const fromRecords = await mid.run(timingQuery(scope.period, MID_MONTH_CUTOFF, scope));
      const keyOf = (row: SqlRow) =>
        ['side', 'unit', 'measure', 'days'].map((k) => String(row[k])).join('|');
      const records = new Map(fromRecords.map((row) => [keyOf(row), Number(row['records'])]));
      expect(fromRecords.length).toBeGreaterThan(0);
      // Without the latest month: the full table; with it, a standard period: its sums (2 tables).
      const tables = new Set<string>();
      for (const latest of [undefined, MID_MONTH_CUTOFF.slice(0, 7)]) {
        const queries = timingQueries(scope, latest);
        for (const table of queries.units.sql.match(/FROM cube_\w+/g) ?? []) tables.add(table);
        const summed = new Map<string, number>();
        for (const row of await mid.run(queries.units)) {
          summed.set(keyOf(row), (summed.get(keyOf(row)) ?? 0) + Number(row['records']));
        }
        expect(summed).toEqual(records);
        for (const query of Object.values(queries)) {
          expect(await midWasm.run(query)).toEqual(await mid.run(query));
        }
        // The monthly histograms: the current period's events by the month of their end date.
        const events = timingEventsQuery({ filter: scope });
        const range = dateRange(scope.period);
        const byMonth = await mid.run({
          sql: `SELECT strftime(event_on, '%Y-%m') AS month, measure, days,
              count(*)::INTEGER AS records
            FROM (${events.sql}) WHERE event_on >= CAST(? AS DATE) AND event_on < CAST(? AS DATE)
            GROUP BY ALL ORDER BY ALL`,
          params: [...events.params, range.start, range.end],
        });
        expect(await mid.run(queries.monthly)).toEqual(byMonth);
      }
      const standard =
        scope.period.to === '2020-01' && standardStarts('2020-01').includes(scope.period.from);
      expect(tables.size).toBe(standard ? 3 : 1);
      const timing = timingQuery(scope.period, MID_MONTH_CUTOFF, scope);
      expect(await midWasm.run(timing)).toEqual(fromRecords);
    },
  );

  it.each(Object.keys(midScopes))(
    'the handling table cut at the day gives the rates query its numbers, scope %s',
    async (name) => {
      const scope = midScopes[name] as DashboardScope;
      const units = await mid.run(handlingQueries(scope).units);
      const rates = await mid.run(
        recordsCountsQuery(scope.period, MID_MONTH_CUTOFF, {
          counts: HANDLING_COUNTS,
          filter: scope,
        }),
      );
      const keys = HANDLING_COUNTS;
      const summed = (side: string) =>
        Object.fromEntries(
          keys.map((key) => [
            key,
            units
              .filter((row: SqlRow) => row['side'] === side)
              .reduce((sum, row) => sum + Number(row[key]), 0),
          ]),
        );
      for (const side of ['current', 'previous']) {
        const row = rates.find((r) => r['side'] === side) ?? {};
        expect({ side, ...summed(side) }).toEqual({
          side,
          ...Object.fromEntries(keys.map((key) => [key, row[key] ?? 0])),
        });
      }
    },
  );
});
