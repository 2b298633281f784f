/**
 * Every count of the measure catalog through both paths, records and pre-aggregated tables, in
 * both engines, Node DuckDB and DuckDB-WASM, with a collective threshold other than the default 5:
 * one definition, four answers, one result.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPublishedInWasm } from '../scripts/lib/duckdb-wasm-node.ts';
import { COUNT_MEASURES, COUNT_NAMES, rateOf, type CountName } from '../src/lib/measures.ts';
import { reportPeriod } from '../src/lib/periods.ts';
import { recordsCountsQuery, type RecordDimension } from '../src/lib/queries.ts';
import { handlingQueries, totalsQuery } from '../src/lib/queries-dashboard.ts';
import type { Query, QueryRunner, SqlRow } from '../src/lib/query-runner.ts';
import { computeReport } from '../src/lib/report.ts';
import { reportOptions } from '../src/lib/report-options.ts';
import { NO_FILTER, type DashboardScope } from '../src/lib/scope.ts';
import { openPublished } from '../src/node/duckdb-node.ts';
import { siteConfig } from '../src/site.config.ts';
import { writeDashboardDb } from './helpers/dashboard-db.ts';
import { MID_MONTH_CUTOFF, midMonthRecords } from './helpers/mid-month-records.ts';
import { referenceRecords } from './helpers/reference-records.ts';

const THRESHOLD = 7;

type Engines = { node: QueryRunner; wasm: QueryRunner };

interface Fixture {
  name: string;
  cutoff: string;
  scopes: Record<string, DashboardScope>;
  engines?: Engines;
  closers: (() => void)[];
}

const dir = await mkdtemp(path.join(tmpdir(), 'measure-parity-'));

/** Reference records with tags, subcategories, big visits and every acceptance spread over them. */
function richRecords() {
  return referenceRecords().map((record, i) => ({
    ...record,
    ...(i % 7 === 0 ? { tags: ['两拖欠'], subcategory: '拖欠工资' } : {}),
    ...(i % 11 === 0 ? { channel: '来访', persons: 5 + (i % 5) } : {}),
    ...(i % 13 === 5 ? { acceptance: '不予受理' } : {}),
    ...(i % 17 === 3 ? { acceptance: '不再受理' } : {}),
  }));
}

const yearly = (from: string, to: string, compare: 'yoy' | 'mom') =>
  reportPeriod({ from, to }, compare);
const cut = (from: string, to: string, compare: 'yoy' | 'mom') =>
  reportPeriod({ from, to }, compare, MID_MONTH_CUTOFF);

const fixtures: Fixture[] = [
  {
    name: 'reference',
    cutoff: '2024-09-30',
    closers: [],
    scopes: {
      ytd: { ...NO_FILTER, period: yearly('2024-01', '2024-09', 'yoy') },
      visitsToProvince: {
        ...NO_FILTER,
        channel: '来访',
        level: '赴省',
        period: yearly('2024-01', '2024-09', 'yoy'),
      },
      categoryMom: {
        ...NO_FILTER,
        category: '城乡建设',
        period: yearly('2024-04', '2024-06', 'mom'),
      },
      tag: { ...NO_FILTER, tag: '两拖欠', period: yearly('2024-01', '2024-09', 'yoy') },
      region: { ...NO_FILTER, region: '示例街道', period: yearly('2024-01', '2024-09', 'yoy') },
      regionCategoryTag: {
        ...NO_FILTER,
        region: '示例街道',
        category: '城乡建设',
        tag: '两拖欠',
        period: yearly('2024-01', '2024-09', 'yoy'),
      },
      twoYears: { ...NO_FILTER, period: yearly('2023-01', '2024-09', 'yoy') },
    },
  },
  {
    name: 'mid-month cut-off',
    cutoff: MID_MONTH_CUTOFF,
    closers: [],
    scopes: {
      ytd: { ...NO_FILTER, period: cut('2020-01', '2020-01', 'yoy') },
      lastMonthMom: { ...NO_FILTER, period: cut('2020-01', '2020-01', 'mom') },
      last12: { ...NO_FILTER, period: cut('2019-02', '2020-01', 'yoy') },
      region: { ...NO_FILTER, region: '东街道', period: cut('2020-01', '2020-01', 'yoy') },
      tag: { ...NO_FILTER, tag: '两拖欠', period: cut('2020-01', '2020-01', 'yoy') },
      visits: { ...NO_FILTER, channel: '来访', period: cut('2019-11', '2020-01', 'mom') },
      wholeMonths: { ...NO_FILTER, period: cut('2019-01', '2019-12', 'yoy') },
    },
  },
];

beforeAll(async () => {
  const sources = { reference: richRecords(), 'mid-month cut-off': midMonthRecords() };
  for (const fixture of fixtures) {
    const file = await writeDashboardDb(
      path.join(dir, fixture.name.replaceAll(' ', '-')),
      sources[fixture.name as keyof typeof sources],
      THRESHOLD,
    );
    const node = await openPublished(file);
    const wasm = await openPublishedInWasm(file);
    fixture.engines = { node: node.run, wasm: wasm.run };
    fixture.closers.push(node.close, wasm.close);
  }
});

afterAll(async () => {
  for (const fixture of fixtures) for (const close of fixture.closers) close();
  await rm(dir, { recursive: true, force: true });
});

/** The grouping both paths can give for a count: registration counts by the cube's dimensions. */
function dimensionsOf(count: CountName): RecordDimension[] {
  return COUNT_MEASURES[count].anchor === 'registered'
    ? ['record_type', 'channel', 'level', 'collective']
    : ['unit'];
}

function cubeQuery(scope: DashboardScope, count: CountName): Query {
  return COUNT_MEASURES[count].anchor === 'registered'
    ? totalsQuery(scope, [count])
    : handlingQueries(scope).units;
}

/** side|dims → value, zeros left out (a group the records path never forms is a 0 in a table). */
function keyed(rows: readonly SqlRow[], count: CountName): Map<string, number> {
  const dims = ['side', ...dimensionsOf(count)];
  const out = new Map<string, number>();
  for (const row of rows) {
    const value = Number(row[count]);
    if (value === 0) continue;
    const key = dims.map((dim) => String(row[dim])).join('|');
    out.set(key, (out.get(key) ?? 0) + value);
  }
  return out;
}

async function answers(
  engines: Engines,
  fixture: Fixture,
  scope: DashboardScope,
  count: CountName,
): Promise<Record<string, Map<string, number>>> {
  const records = recordsCountsQuery(scope.period, fixture.cutoff, {
    counts: [count],
    filter: scope,
    groupBy: dimensionsOf(count),
    collectiveThreshold: THRESHOLD,
  });
  const cube = cubeQuery(scope, count);
  return {
    recordsNode: keyed(await engines.node(records), count),
    recordsWasm: keyed(await engines.wasm(records), count),
    cubeNode: keyed(await engines.node(cube), count),
    cubeWasm: keyed(await engines.wasm(cube), count),
  };
}

const cases = fixtures.flatMap((fixture) =>
  Object.keys(fixture.scopes).map((scope) => [fixture.name, scope] as const),
);

describe(`every count of the catalog: records = tables, Node = WASM (集体访 ≥ ${THRESHOLD}人)`, () => {
  it('covers at least 7 scopes per data set and every count', () => {
    for (const fixture of fixtures) {
      expect(Object.keys(fixture.scopes).length).toBeGreaterThanOrEqual(7);
    }
    expect(COUNT_NAMES.length).toBe(Object.keys(COUNT_MEASURES).length);
  });

  it.each(cases)('%s, scope %s', async (fixtureName, scopeName) => {
    const fixture = fixtures.find((f) => f.name === fixtureName)!;
    const scope = fixture.scopes[scopeName]!;
    let nonZero = 0;
    for (const count of COUNT_NAMES) {
      const got = await answers(fixture.engines!, fixture, scope, count);
      const expected = got['recordsNode']!;
      nonZero += expected.size;
      for (const [path, value] of Object.entries(got)) {
        expect({ count, path, value: Object.fromEntries(value) }).toEqual({
          count,
          path,
          value: Object.fromEntries(expected),
        });
      }
    }
    expect(nonZero).toBeGreaterThan(0);
  });

  it('the reference scopes give every count a non-zero answer somewhere', async () => {
    const fixture = fixtures[0]!;
    const seen = new Set<CountName>();
    for (const scope of Object.values(fixture.scopes)) {
      for (const count of COUNT_NAMES) {
        const got = await answers(fixture.engines!, fixture, scope, count);
        if ((got['recordsNode']?.size ?? 0) > 0) seen.add(count);
      }
    }
    expect(COUNT_NAMES.filter((count) => !seen.has(count))).toEqual([]);
  });

  it.each(cases)(
    'rates of the report: records = tables, %s, scope %s',
    async (fixtureName, scopeName) => {
      const fixture = fixtures.find((f) => f.name === fixtureName)!;
      const { period, ...filter } = fixture.scopes[scopeName]!;
      const request = { from: period.from, to: period.to, compare: period.compare, filter };
      const options = { ...reportOptions(siteConfig), collectiveThreshold: THRESHOLD };
      const fromRecords = await computeReport(fixture.engines!.node, request, options, 'records');
      expect(await computeReport(fixture.engines!.wasm, request, options, 'cube')).toEqual(
        fromRecords,
      );
      expect(await computeReport(fixture.engines!.node, request, options, 'cube')).toEqual(
        fromRecords,
      );
      expect(
        fromRecords.registered.batches + fromRecords.registered.previous.batches,
      ).toBeGreaterThan(0);
    },
  );

  it('notices tables built with another threshold than the records query uses', async () => {
    const file = await writeDashboardDb(path.join(dir, 'threshold-5'), richRecords(), 5);
    const node = await openPublished(file);
    try {
      const scope = fixtures[0]!.scopes['ytd']!;
      const records = recordsCountsQuery(scope.period, '2024-09-30', {
        counts: ['batches'],
        filter: scope,
        groupBy: dimensionsOf('batches'),
        collectiveThreshold: THRESHOLD,
      });
      expect(keyed(await node.run(totalsQuery(scope, ['batches'])), 'batches')).not.toEqual(
        keyed(await node.run(records), 'batches'),
      );
    } finally {
      node.close();
    }
  });

  it('rates divide the catalog counts: 按期办结率 = 按期办结件数 ÷ 办理期限到期件数', () => {
    expect(
      rateOf(
        'onTimeClosure',
        (count) => ({ closure_on_time: 3, closure_due: 4 })[count as 'closure_due'] ?? 0,
      ),
    ).toMatchObject({
      numerator: 3,
      denominator: 4,
      percent: 75,
    });
  });
});
