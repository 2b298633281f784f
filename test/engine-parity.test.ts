import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPublished } from '../scripts/lib/duckdb-node.ts';
import { openPublishedInWasm } from '../scripts/lib/duckdb-wasm-node.ts';
import { reportPeriod } from '../src/lib/periods.ts';
import {
  breakdownQuery,
  crossQuery,
  handlingQueries,
  knownValuesQueries,
  monthlyQuery,
  repeatQueries,
  totalsQuery,
  type DashboardScope,
} from '../src/lib/queries-dashboard.ts';
import { dataRangeQuery, reportQueries } from '../src/lib/queries.ts';
import { computeReport } from '../src/lib/report.ts';
import { reportOptions } from '../src/lib/report-options.ts';
import { siteConfig } from '../src/site.config.ts';
import { exportQuery, toCsv } from '../src/lib/export-csv.ts';
import { exportRecords } from '../scripts/data/export.ts';
import type { Query, QueryRunner } from '../src/lib/query-runner.ts';
import { writeDashboardDb } from './helpers/dashboard-db.ts';
import { referenceRecords } from './helpers/reference-records.ts';

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
    for (const [key, query] of Object.entries(reportQueries(period, cutoff, 5, filter))) {
      const expected = await node.run(query);
      expect(expected.length).toBeGreaterThan(0);
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
