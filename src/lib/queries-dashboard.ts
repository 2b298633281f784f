/**
 * The dashboard's SQL, over the pre-aggregated tables of queries-cube.ts. Filter values are always
 * bound parameters; the only variable SQL text is chosen from the fixed names below.
 */
import type { Channel, Level } from './schema.ts';
import type { Query, SqlParam } from './query-runner.ts';
import { dateRange, type Period, type ReportPeriod } from './periods.ts';

export interface DashboardScope {
  period: ReportPeriod;
  channel: Channel | null;
  level: Level | null;
  category: string | null;
  region: string | null;
  tag: string | null;
}

export type FilterKey = 'channel' | 'level' | 'category' | 'region' | 'tag';
export type BreakdownKey = 'category' | 'region' | 'subcategory' | 'level' | 'channel';
export type Side = 'current' | 'previous';

/** The cube's measure columns; a query sums only those its page reads (each sum costs time). */
export const CUBE_MEASURES = [
  'batches',
  'persons',
  'repeat_batches',
  'leader_batches',
  'leader_persons',
  'leader_cases',
  'leader_cases_resolved',
  'supervised',
  'supervised_resolved',
  'accepted',
  'not_accepted',
  'not_again',
  'pending',
] as const;
export type CubeMeasure = (typeof CUBE_MEASURES)[number];

/** Batches and persons: what every chart of counts reads. */
export const COUNTS: readonly CubeMeasure[] = ['batches', 'persons'];

function sums(measures: readonly CubeMeasure[]): string {
  // Only names from CUBE_MEASURES reach the SQL text, in their fixed order.
  return CUBE_MEASURES.filter((name) => measures.includes(name))
    .map((name) => `sum(${name})::INTEGER AS ${name}`)
    .join(', ');
}

type CubeTable = 'cube' | 'cube_category' | 'cube_region' | 'cube_top' | 'cube_tag' | 'cube_sub';

interface Where {
  table: CubeTable;
  clause: string;
  params: SqlParam[];
}

/** Which of category and region a table holds (all hold month, type, channel, level). */
const TABLE_COLUMNS: Record<CubeTable, readonly ('category' | 'region')[]> = {
  cube: ['category', 'region'],
  cube_category: ['category'],
  cube_region: ['region'],
  cube_top: [],
  cube_tag: ['category', 'region'],
  cube_sub: ['category', 'region'],
};

/**
 * The smallest table that can answer: `cube` (month × type × channel × level × collective ×
 * category × region) summed up without region, without category or without both when a query
 * neither filters nor groups by them. The rows a query reads, not the records, set its time.
 */
function cubeFor(scope: DashboardScope, groupBy: string, except?: FilterKey): CubeTable {
  const needs = (key: 'category' | 'region') =>
    groupBy.split(', ').includes(key) || (scope[key] !== null && except !== key);
  if (needs('category')) return needs('region') ? 'cube' : 'cube_category';
  return needs('region') ? 'cube_region' : 'cube_top';
}

/**
 * The months of a period, its last one cut at the cut-off day when `throughDay` is set: the
 * tables' `by_cutoff_day` flag holds that split (queries-cube.ts). '' binds "no month is cut".
 */
function monthsClause(months: Period): { clause: string; params: SqlParam[] } {
  return {
    clause: 'month BETWEEN ? AND ? AND (month <> ? OR by_cutoff_day)',
    params: [months.from, months.to, months.throughDay == null ? '' : months.to],
  };
}

/** A side's months as the cube reads them. */
function sideMonths(period: ReportPeriod, side: Side): Period {
  return side === 'current'
    ? { from: period.from, to: period.to, throughDay: period.throughDay }
    : { from: period.compareFrom, to: period.compareTo, throughDay: period.throughDay };
}

/**
 * Every filter the table can apply is in the SQL text, set or not ('' binds "all"), so a query's
 * text changes only with the table: the browser prepares it once and reuses it.
 */
function where(
  scope: DashboardScope,
  months: Period,
  groupBy: string,
  options: { except?: FilterKey; table?: 'cube_sub' } = {},
): Where {
  let table: CubeTable = options.table ?? cubeFor(scope, groupBy, options.except);
  const period = monthsClause(months);
  const conditions = [period.clause];
  const params: SqlParam[] = [...period.params];
  if (scope.tag !== null && options.except !== 'tag' && table !== 'cube_sub') {
    table = 'cube_tag';
    conditions.push('tag = ?');
    params.push(scope.tag);
  }
  for (const key of ['channel', 'level', ...TABLE_COLUMNS[table]] as const) {
    if (key === options.except) continue;
    const value = scope[key] ?? '';
    conditions.push(`(? = '' OR ${key} = ?)`);
    params.push(value, value);
  }
  return { table, clause: conditions.join(' AND '), params };
}

/** The same grouped select for the period and its comparison period, as one result. */
function bySide(
  scope: DashboardScope,
  groupBy: string,
  options: {
    except?: FilterKey;
    table?: 'cube_sub';
    registeredOnly?: boolean;
    measures?: readonly CubeMeasure[] | undefined;
  } = {},
): Query {
  const columns = sums(options.measures ?? CUBE_MEASURES);
  const sides: [Side, Period][] = [
    ['current', sideMonths(scope.period, 'current')],
    ['previous', sideMonths(scope.period, 'previous')],
  ];
  const params: SqlParam[] = [];
  const selects = sides.map(([side, months]) => {
    const w = where(scope, months, groupBy, options);
    params.push(...w.params);
    const registered = options.registeredOnly ? ` AND record_type = '登记'` : '';
    return `SELECT '${side}' AS side, ${groupBy}, ${columns}
  FROM ${w.table} WHERE ${w.clause}${registered} GROUP BY ${groupBy}`;
  });
  return { sql: `${selects.join('\nUNION ALL\n')}\nORDER BY ALL`, params };
}

/**
 * The report's counts, categories and regions from the pre-aggregated tables: the same rows as
 * `countsQuery`, `categoriesQuery` and `regionsQuery` over `records` (cut months included), read in
 * a few milliseconds at any size. The collective split is the data build's (来访 only, as the
 * report reads it). A test compares both sources' reports.
 */
export function reportCubeQueries(
  scope: DashboardScope,
): Record<'counts' | 'categories' | 'regions', Query> {
  const named = (key: 'category' | 'region'): Query => {
    const inner = bySide(scope, key, { registeredOnly: true, measures: COUNTS });
    return {
      sql: `SELECT side, CAST(${key} AS VARCHAR) AS name, batches, persons FROM (${inner.sql}) ORDER BY ALL`,
      params: inner.params,
    };
  };
  return {
    counts: totalsQuery(scope, [
      'batches',
      'persons',
      'repeat_batches',
      'leader_batches',
      'leader_persons',
    ]),
    categories: named('category'),
    regions: named('region'),
  };
}

/**
 * `upToDateQuery` from the tables: 登记 from the period's first month through `latestMonth`
 * (the cut-off's month; no record lies after the cut-off).
 */
export function upToDateCubeQuery(scope: DashboardScope, latestMonth: string): Query {
  const w = where(scope, { from: scope.period.from, to: latestMonth }, '');
  return {
    sql: `SELECT coalesce(sum(batches), 0)::INTEGER AS batches,
    coalesce(sum(persons), 0)::INTEGER AS persons
  FROM ${w.table} WHERE ${w.clause} AND record_type = '登记'`,
    params: w.params,
  };
}

/**
 * Totals by type, channel, level and collective: the cards, the level pyramid, 劝返, 接访, 包案.
 * `measures`: the columns summed (all of them when not given).
 */
export function totalsQuery(scope: DashboardScope, measures?: readonly CubeMeasure[]): Query {
  return bySide(scope, 'record_type, channel, level, collective', { measures });
}

/**
 * Month by month, both periods: trends, cumulative lines, shares over time. `typeOnly`: by month
 * and record type alone, for pages that read no channel, level or collective split (fewer groups).
 */
export function monthlyQuery(
  scope: DashboardScope,
  options: { except?: FilterKey; measures?: readonly CubeMeasure[]; typeOnly?: boolean } = {},
): Query {
  const { typeOnly, ...rest } = options;
  return bySide(
    scope,
    typeOnly ? 'month, record_type' : 'month, record_type, channel, level, collective',
    rest,
  );
}

/**
 * 登记 by one dimension, both periods, in batches and persons; the dimension's own filter is
 * lifted so peers show. Level and channel come split by each other; category and region only
 * with `byChannelAndLevel`.
 */
export function breakdownQuery(
  scope: DashboardScope,
  key: BreakdownKey,
  options: { byChannelAndLevel?: boolean } = {},
): Query {
  if (key === 'subcategory') {
    return bySide(scope, 'subcategory', {
      table: 'cube_sub',
      registeredOnly: true,
      measures: COUNTS,
    });
  }
  const split = options.byChannelAndLevel || key === 'level' || key === 'channel';
  const columns = split ? [...new Set([key, 'channel', 'level'])].join(', ') : key;
  return bySide(scope, columns, { except: key, registeredOnly: true, measures: COUNTS });
}

/** 登记 in the current period by month × category or region × category (heat maps). */
export function crossQuery(scope: DashboardScope, rows: 'month' | 'region'): Query {
  const w = where(scope, sideMonths(scope.period, 'current'), `${rows}, category`, {
    except: 'category',
  });
  return {
    sql: `SELECT ${rows}, category, sum(batches)::INTEGER AS batches, sum(persons)::INTEGER AS persons
  FROM ${w.table} WHERE ${w.clause} AND record_type = '登记'
  GROUP BY ${rows}, category ORDER BY ALL`,
    params: w.params,
  };
}

/** What the data holds: the values a URL may name, and the months covered. */
export function knownValuesQueries(): Record<'months' | 'categories' | 'regions' | 'tags', Query> {
  return {
    months: {
      sql: `SELECT min(month) AS first_month, max(month) AS latest_month FROM cube`,
      params: [],
    },
    categories: { sql: `SELECT DISTINCT category AS value FROM cube ORDER BY 1`, params: [] },
    regions: { sql: `SELECT DISTINCT region AS value FROM cube ORDER BY 1`, params: [] },
    tags: { sql: `SELECT DISTINCT tag AS value FROM cube_tag ORDER BY 1`, params: [] },
  };
}

/** The handling tables' filters (they hold no tag): every key in the text, '' binds "all". */
function tableFilters(scope: DashboardScope): { filters: string; filterParams: SqlParam[] } {
  const filterParams: SqlParam[] = [];
  const filters = (['channel', 'level', 'category', 'region'] as const)
    .map((key) => {
      const value = scope[key] ?? '';
      filterParams.push(value, value);
      return `AND (? = '' OR ${key} = ?)`;
    })
    .join(' ');
  return { filters, filterParams };
}

/** Handling counts month by month over both periods, and by responsible unit for the period. */
export function handlingQueries(scope: DashboardScope): { monthly: Query; units: Query } {
  const { filters, filterParams } = tableFilters(scope);
  const sums = `sum(decision_due)::INTEGER AS decision_due,
    sum(decision_timely)::INTEGER AS decision_timely, sum(closure_due)::INTEGER AS closure_due,
    sum(closure_on_time)::INTEGER AS closure_on_time, sum(closed)::INTEGER AS closed,
    sum(evaluated)::INTEGER AS evaluated, sum(satisfied)::INTEGER AS satisfied`;
  const current = monthsClause(sideMonths(scope.period, 'current'));
  const previous = monthsClause(sideMonths(scope.period, 'previous'));
  return {
    monthly: {
      sql: `SELECT month, ${sums} FROM cube_handling
  WHERE ((${previous.clause}) OR (${current.clause})) ${filters}
  GROUP BY month ORDER BY month`,
      params: [...previous.params, ...current.params, ...filterParams],
    },
    units: {
      sql: `SELECT 'current' AS side, unit, ${sums} FROM cube_handling
  WHERE ${current.clause} ${filters} GROUP BY unit
  UNION ALL
  SELECT 'previous' AS side, unit, ${sums} FROM cube_handling
  WHERE ${previous.clause} ${filters} GROUP BY unit
  ORDER BY ALL`,
      params: [...current.params, ...filterParams, ...previous.params, ...filterParams],
    },
  };
}

/**
 * 办理时效 histograms (handling-time.ts) from `cube_timing`: by month over the current period,
 * and by side × unit. Rows: measure, days, records and the month or side and unit.
 */
export function timingQueries(scope: DashboardScope): { monthly: Query; units: Query } {
  const { filters, filterParams } = tableFilters(scope);
  const current = monthsClause(sideMonths(scope.period, 'current'));
  const previous = monthsClause(sideMonths(scope.period, 'previous'));
  const select = (side: Side, clause: string) =>
    `SELECT '${side}' AS side, CAST(unit AS VARCHAR) AS unit, measure, days,
    sum(records)::INTEGER AS records FROM cube_timing
  WHERE ${clause} ${filters} GROUP BY unit, measure, days`;
  return {
    monthly: {
      sql: `SELECT month, measure, days, sum(records)::INTEGER AS records FROM cube_timing
  WHERE ${current.clause} ${filters}
  GROUP BY month, measure, days ORDER BY ALL`,
      params: [...current.params, ...filterParams],
    },
    units: {
      sql: `${select('current', current.clause)}
  UNION ALL
  ${select('previous', previous.clause)}
  ORDER BY ALL`,
      params: [...current.params, ...filterParams, ...previous.params, ...filterParams],
    },
  };
}

/**
 * Repeat petitioners in the current period, from `records` (a petitioner's petitions cannot be
 * pre-aggregated): petitions per petitioner, and days from the first petition to the second.
 */
export function repeatQueries(scope: DashboardScope): {
  perPetitioner: Query;
  firstToRepeat: Query;
} {
  const conditions = [`record_type = '登记'`, 'petitioner IS NOT NULL'];
  const params: SqlParam[] = [];
  const range = dateRange(scope.period);
  conditions.push(`registered_on >= CAST(? AS DATE)`, `registered_on < CAST(? AS DATE)`);
  params.push(range.start, range.end);
  for (const key of ['channel', 'level', 'category', 'region'] as const) {
    const value = scope[key];
    if (value !== null) {
      conditions.push(`${key} = ?`);
      params.push(value);
    }
  }
  if (scope.tag !== null) {
    conditions.push('list_contains(tags, ?)');
    params.push(scope.tag);
  }
  const per = `WITH per AS (
    SELECT petitioner, count(*) AS n, list_sort(list(registered_on)) AS days
    FROM records WHERE ${conditions.join(' AND ')} GROUP BY petitioner
  )`;
  return {
    perPetitioner: {
      sql: `${per}
  SELECT CASE WHEN n = 1 THEN '1次' WHEN n = 2 THEN '2次' WHEN n <= 5 THEN '3-5次' ELSE '6次及以上' END
      AS bucket,
    count(*)::INTEGER AS petitioners, sum(n)::INTEGER AS petitions
  FROM per GROUP BY bucket ORDER BY min(n)`,
      params,
    },
    firstToRepeat: {
      sql: `${per}, gaps AS (SELECT date_diff('day', days[1], days[2]) AS gap FROM per WHERE n >= 2)
  SELECT CASE WHEN gap <= 30 THEN '30天内' WHEN gap <= 90 THEN '31-90天'
      WHEN gap <= 180 THEN '91-180天' ELSE '180天以上' END AS bucket,
    count(*)::INTEGER AS petitioners, min(gap)::INTEGER AS min_gap
  FROM gaps GROUP BY bucket ORDER BY min(gap)`,
      params,
    },
  };
}
