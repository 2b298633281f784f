/**
 * The dashboard's SQL, over the pre-aggregated tables of queries-cube.ts: sums of the catalog's
 * counts (measures.ts) by name. Filter values are always bound parameters, and every filter a
 * table can apply is in the text, set or not, so a query's text changes only with the table and
 * the browser prepares it once.
 */
import {
  BATCHES_AND_PERSONS,
  COUNT_NAMES,
  HANDLING_COUNTS,
  REGISTRATION_COUNTS,
  REGISTRATION_TYPE,
  type CountName,
} from './measures.ts';
import { dateRange, monthIndex, type Period, type ReportPeriod } from './periods.ts';
import { filterClause } from './queries.ts';
import type { Query } from './query-runner.ts';
import { FILTER_KEYS, SIDES, type DashboardScope, type FilterKey, type Side } from './scope.ts';
import { join, name, sql } from './sql.ts';
import { standardStarts } from './handling-time.ts';

export type BreakdownKey = 'category' | 'region' | 'subcategory' | 'level' | 'channel';

/** `coalesce(sum(c), 0)::INTEGER AS c` for the counts asked for, in the catalog's order. */
function sums(counts: readonly CountName[]): Query {
  return join(
    COUNT_NAMES.filter((count) => counts.includes(count)).map(
      (count) => sql`coalesce(sum(${name(count)}), 0)::INTEGER AS ${name(count)}`,
    ),
    ', ',
  );
}

type CubeTable = 'cube' | 'cube_category' | 'cube_region' | 'cube_top' | 'cube_tag' | 'cube_sub';

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
function cubeFor(scope: DashboardScope, groupBy: readonly string[], except?: FilterKey): CubeTable {
  const needs = (key: 'category' | 'region') =>
    groupBy.includes(key) || (scope[key] !== null && except !== key);
  if (needs('category')) return needs('region') ? 'cube' : 'cube_category';
  return needs('region') ? 'cube_region' : 'cube_top';
}

/**
 * The months of a period, its last one cut at the cut-off day when `throughDay` is set: the
 * tables' `by_cutoff_day` flag holds that split (queries-cube.ts). '' binds "no month is cut".
 */
function monthsClause(months: Period): Query {
  const cut = months.throughDay == null ? '' : months.to;
  return sql`month BETWEEN ${months.from} AND ${months.to} AND (month <> ${cut} OR by_cutoff_day)`;
}

/** A side's months as the tables read them. */
function sideMonths(period: ReportPeriod, side: Side): Period {
  return side === 'current'
    ? { from: period.from, to: period.to, throughDay: period.throughDay }
    : { from: period.compareFrom, to: period.compareTo, throughDay: period.throughDay };
}

/** The filter without the key whose peers a breakdown shows. */
function without(scope: DashboardScope, except: FilterKey | undefined): DashboardScope {
  return except === undefined ? scope : { ...scope, [except]: null };
}

interface Where {
  table: Query;
  clause: Query;
}

function where(
  scope: DashboardScope,
  months: Period,
  groupBy: readonly string[],
  options: { except?: FilterKey; table?: 'cube_sub' } = {},
): Where {
  let table: CubeTable = options.table ?? cubeFor(scope, groupBy, options.except);
  const filter = without(scope, options.except);
  if (filter.tag !== null && table !== 'cube_sub') table = 'cube_tag';
  const clause = sql`${monthsClause(months)}${filterClause(filter, {
    keys: ['channel', 'level', ...TABLE_COLUMNS[table]],
    tags: table === 'cube_tag' ? 'column' : 'none',
  })}`;
  return { table: name(table), clause };
}

/** The same grouped select for the period and its comparison period, as one result. */
function bySide(
  scope: DashboardScope,
  groupBy: readonly string[],
  options: {
    except?: FilterKey;
    table?: 'cube_sub';
    registeredOnly?: boolean;
    counts?: readonly CountName[] | undefined;
  } = {},
): Query {
  const columns = sums(options.counts ?? REGISTRATION_COUNTS);
  const dims = join(
    groupBy.map((dim) => sql`, ${name(dim)}`),
    '',
  );
  const grouped = groupBy.length === 0 ? sql`` : sql` GROUP BY ${join(groupBy.map(name), ', ')}`;
  const selects = SIDES.map((side) => {
    const w = where(scope, sideMonths(scope.period, side), groupBy, options);
    const registered = options.registeredOnly
      ? sql` AND record_type = ${REGISTRATION_TYPE}`
      : sql``;
    return sql`SELECT CAST(${side} AS VARCHAR) AS side${dims}, ${columns}
  FROM ${w.table} WHERE ${w.clause}${registered}${grouped}`;
  });
  return sql`${join(selects, '\nUNION ALL\n')}\nORDER BY ALL`;
}

/**
 * Totals by type, channel, level and collective: the cards, the level pyramid, 劝返, 接访, 包案.
 * `counts`: the columns summed (every registration count when not given).
 */
export function totalsQuery(scope: DashboardScope, counts?: readonly CountName[]): Query {
  return bySide(scope, ['record_type', 'channel', 'level', 'collective'], { counts });
}

/**
 * Month by month, both periods: trends, cumulative lines, shares over time. `typeOnly`: by month
 * and record type alone, for pages that read no channel, level or collective split (fewer groups).
 */
export function monthlyQuery(
  scope: DashboardScope,
  options: { except?: FilterKey; counts?: readonly CountName[]; typeOnly?: boolean } = {},
): Query {
  const { typeOnly, ...rest } = options;
  return bySide(
    scope,
    typeOnly
      ? ['month', 'record_type']
      : ['month', 'record_type', 'channel', 'level', 'collective'],
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
    return bySide(scope, ['subcategory'], {
      table: 'cube_sub',
      registeredOnly: true,
      counts: BATCHES_AND_PERSONS,
    });
  }
  const split = options.byChannelAndLevel || key === 'level' || key === 'channel';
  const columns = split ? [...new Set([key, 'channel', 'level'])] : [key];
  return bySide(scope, columns, {
    except: key,
    registeredOnly: true,
    counts: BATCHES_AND_PERSONS,
  });
}

/** 登记 in the current period by month × category or region × category (heat maps). */
export function crossQuery(scope: DashboardScope, rows: 'month' | 'region'): Query {
  const w = where(scope, sideMonths(scope.period, 'current'), [rows, 'category'], {
    except: 'category',
  });
  return sql`SELECT ${name(rows)}, category, ${sums(BATCHES_AND_PERSONS)}
  FROM ${w.table} WHERE ${w.clause} AND record_type = ${REGISTRATION_TYPE}
  GROUP BY ${name(rows)}, category ORDER BY ALL`;
}

/**
 * The report's counts, categories, regions and rates from the pre-aggregated tables: the same
 * figures as the records queries of report-queries.ts (cut months included), read in a few
 * milliseconds at any size. The collective split is the catalog's, frozen by the data build.
 */
export function reportCubeQueries(
  scope: DashboardScope,
): Record<'counts' | 'categories' | 'regions', Query> & { rates: Query[] } {
  const named = (key: 'category' | 'region'): Query => {
    const inner = bySide(scope, [key], { registeredOnly: true, counts: BATCHES_AND_PERSONS });
    return sql`SELECT side, CAST(${name(key)} AS VARCHAR) AS ${name(key)}, batches, persons FROM (${inner}) ORDER BY ALL`;
  };
  return {
    counts: totalsQuery(scope, REPORT_TOTALS),
    categories: named('category'),
    regions: named('region'),
    rates: [
      bySide(scope, [], { registeredOnly: true, counts: REPORT_REGISTRATION_RATES }),
      handlingTotalsQuery(scope),
    ],
  };
}

/** The counts the report reads by type, channel, level and collective. */
export const REPORT_TOTALS: readonly CountName[] = [
  'batches',
  'persons',
  'repeat_batches',
  'leader_batches',
  'leader_persons',
];

/** The registration counts of the report's rates (包案, 督办), over 登记. */
export const REPORT_REGISTRATION_RATES: readonly CountName[] = [
  'leader_cases',
  'leader_cases_resolved',
  'supervised',
  'supervised_resolved',
];

/**
 * 登记 batches and persons from the period's first month through `latestMonth` (the cut-off's
 * month; no record lies after the cut-off): the briefing's 截止目前 figure.
 */
export function upToDateCubeQuery(scope: DashboardScope, latestMonth: string): Query {
  const w = where(scope, { from: scope.period.from, to: latestMonth }, []);
  return sql`SELECT ${sums(BATCHES_AND_PERSONS)}
  FROM ${w.table} WHERE ${w.clause} AND record_type = ${REGISTRATION_TYPE}`;
}

/** What the data holds: the values a URL may name, and the months covered. */
export function knownValuesQueries(): Record<'months' | 'categories' | 'regions' | 'tags', Query> {
  return {
    months: sql`SELECT min(month) AS first_month, max(month) AS latest_month FROM cube`,
    categories: sql`SELECT DISTINCT category AS value FROM cube ORDER BY 1`,
    regions: sql`SELECT DISTINCT region AS value FROM cube ORDER BY 1`,
    tags: sql`SELECT DISTINCT tag AS value FROM cube_tag ORDER BY 1`,
  };
}

/** `monthsClause` over `month_no`. */
function monthNumbersClause(months: Period): Query {
  const cut = months.throughDay == null ? -1 : monthIndex(months.to);
  return sql`month_no BETWEEN CAST(${monthIndex(months.from)} AS INTEGER) AND CAST(${monthIndex(months.to)} AS INTEGER)
    AND (month_no <> CAST(${cut} AS INTEGER) OR by_cutoff_day)`;
}

/** 'YYYY-MM' from `month_no`, as the other tables' `month`. */
const MONTH_TEXT = sql`printf('%04d-%02d', month_no // 12, month_no % 12 + 1)`;

/** The filters a view sets: none, one (which), or several (tag among them or not). */
type Slice = { key: FilterKey | null } | { several: true; tag: boolean };

function sliceOf(scope: DashboardScope): Slice {
  const set = FILTER_KEYS.filter((key) => scope[key] !== null);
  if (set.length <= 1) return { key: set[0] ?? null };
  return { several: true, tag: set.includes('tag') };
}

/**
 * The table of a family for the view's filters, and the filter over it: `_top` (summed over every
 * filter) with none, `_by_<key>` with one, the full table (or its `_tag` table) with several.
 * Filters compare as the columns' ENUM types (a value the data lacks is NULL and matches nothing),
 * so the full tables skip row groups by them. Its text changes only with the table.
 */
function sliceTable(scope: DashboardScope, family: string, full: string): Where {
  const slice = sliceOf(scope);
  if ('several' in slice) {
    return {
      table: name(slice.tag ? `${full}_tag` : full),
      clause: filterClause(scope, { tags: slice.tag ? 'column' : 'none', enums: true }),
    };
  }
  if (slice.key === null) return { table: name(`${family}_top`), clause: sql`` };
  return {
    table: name(`${family}_by_${slice.key}`),
    clause: filterClause(scope, {
      keys: [slice.key],
      tags: slice.key === 'tag' ? 'column' : 'none',
      enums: true,
    }),
  };
}

/** The two sides' months as rows that a table's `month_no` joins on: one scan answers both. */
function sidesJoin(period: ReportPeriod): Query {
  const row = (side: Side): Query => {
    const months = sideMonths(period, side);
    const cut = months.throughDay == null ? -1 : monthIndex(months.to);
    return sql`(CAST(${side} AS VARCHAR), CAST(${monthIndex(months.from)} AS INTEGER),
      CAST(${monthIndex(months.to)} AS INTEGER), CAST(${cut} AS INTEGER))`;
  };
  return sql`(VALUES ${row('current')}, ${row('previous')}) s(side, first_no, last_no, cut_no)`;
}

const IN_SIDE = sql`t.month_no BETWEEN s.first_no AND s.last_no AND (t.month_no <> s.cut_no OR t.by_cutoff_day)`;

/** The rows of a table that the view's filters keep, as `t`. */
function filtered(w: Where): Query {
  return sql`(SELECT * FROM ${w.table} WHERE TRUE${w.clause}) t`;
}

function handlingTable(scope: DashboardScope): Where {
  return sliceTable(scope, 'cube_handling', 'cube_handling');
}

/** The catalog's handling counts by side (the report's rates and 法治化 terms). */
export function handlingTotalsQuery(scope: DashboardScope): Query {
  return sql`SELECT s.side, ${sums(HANDLING_COUNTS)}
  FROM ${sidesJoin(scope.period)} LEFT JOIN ${filtered(handlingTable(scope))} ON ${IN_SIDE}
  GROUP BY s.side ORDER BY ALL`;
}

/** Handling counts month by month over both periods, and by responsible unit for the period. */
export function handlingQueries(scope: DashboardScope): { monthly: Query; units: Query } {
  const w = handlingTable(scope);
  const months = (side: Side) => monthNumbersClause(sideMonths(scope.period, side));
  const columns = sums(HANDLING_COUNTS);
  return {
    monthly: sql`SELECT ${MONTH_TEXT} AS month, ${columns} FROM ${w.table}
  WHERE ((${months('previous')}) OR (${months('current')}))${w.clause}
  GROUP BY month_no ORDER BY month`,
    units: sql`SELECT s.side, CAST(t.unit AS VARCHAR) AS unit, ${columns}
  FROM ${filtered(w)} JOIN ${sidesJoin(scope.period)} ON ${IN_SIDE}
  GROUP BY s.side, t.unit ORDER BY ALL`,
  };
}

/**
 * 办理时效 histograms (handling-time.ts): by month over the current period, and by side: by unit
 * for the period, as a whole (unit NULL) for the comparison period. Rows: measure, days, records
 * and the month or side and unit. `latestMonth`, when known: a period that ends in it and starts
 * where a standard one does (`standardStarts`) reads the per-unit sums of the whole period, with
 * no filter or one; other views read both sides from the full table in one scan.
 */
export function timingQueries(
  scope: DashboardScope,
  latestMonth?: string,
): { monthly: Query; units: Query } {
  const { period } = scope;
  const months = sliceTable(scope, 'cube_timing_months', 'cube_timing');
  const inMonths = (side: Side) =>
    sql`${monthNumbersClause(sideMonths(period, side))}${months.clause}`;
  const measure = sql`CAST(measure AS VARCHAR) AS measure, days, sum(records)::INTEGER AS records`;
  const monthly = sql`SELECT ${MONTH_TEXT} AS month, ${measure} FROM ${months.table}
  WHERE ${inMonths('current')}
  GROUP BY month_no, measure, days ORDER BY ALL`;
  const whole =
    latestMonth !== undefined &&
    !('several' in sliceOf(scope)) &&
    period.to === latestMonth &&
    standardStarts(latestMonth).includes(period.from);
  if (!whole) {
    const tag = scope.tag !== null;
    const full: Where = {
      table: name(tag ? 'cube_timing_tag' : 'cube_timing'),
      clause: filterClause(scope, { tags: tag ? 'column' : 'none', enums: true }),
    };
    return {
      monthly,
      units: sql`SELECT s.side, CAST(CASE WHEN s.side = ${'current'} THEN t.unit END AS VARCHAR) AS unit,
    ${measure}
  FROM ${filtered(full)} JOIN ${sidesJoin(period)} ON ${IN_SIDE}
  GROUP BY ALL ORDER BY ALL`,
    };
  }
  const units = sliceTable(scope, 'cube_timing_units', 'cube_timing');
  return {
    monthly,
    units: sql`SELECT CAST(${'current'} AS VARCHAR) AS side, CAST(unit AS VARCHAR) AS unit, ${measure}
  FROM ${units.table} WHERE since = CAST(${monthIndex(period.from)} AS INTEGER)${units.clause}
  GROUP BY unit, measure, days
  UNION ALL
  SELECT CAST(${'previous'} AS VARCHAR) AS side, CAST(NULL AS VARCHAR) AS unit, ${measure}
  FROM ${months.table} WHERE ${inMonths('previous')} GROUP BY measure, days
  ORDER BY ALL`,
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
  const range = dateRange(scope.period);
  const per = sql`WITH per AS (
    SELECT petitioner, count(*) AS n, list_sort(list(registered_on)) AS days
    FROM records
    WHERE record_type = ${REGISTRATION_TYPE} AND petitioner IS NOT NULL
      AND registered_on >= CAST(${range.start} AS DATE) AND registered_on < CAST(${range.end} AS DATE)${filterClause(scope)}
    GROUP BY petitioner
  )`;
  return {
    perPetitioner: sql`${per}
  SELECT CASE WHEN n = 1 THEN '1次' WHEN n = 2 THEN '2次' WHEN n <= 5 THEN '3-5次' ELSE '6次及以上' END
      AS bucket,
    count(*)::INTEGER AS petitioners, sum(n)::INTEGER AS petitions
  FROM per GROUP BY bucket ORDER BY min(n)`,
    firstToRepeat: sql`${per}, gaps AS (SELECT date_diff('day', days[1], days[2]) AS gap FROM per WHERE n >= 2)
  SELECT CASE WHEN gap <= 30 THEN '30天内' WHEN gap <= 90 THEN '31-90天'
      WHEN gap <= 180 THEN '91-180天' ELSE '180天以上' END AS bucket,
    count(*)::INTEGER AS petitioners, min(gap)::INTEGER AS min_gap
  FROM gaps GROUP BY bucket ORDER BY min(gap)`,
  };
}
