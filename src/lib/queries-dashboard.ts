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
import { dateRange, type Period, type ReportPeriod } from './periods.ts';
import { filterClause } from './queries.ts';
import type { Query } from './query-runner.ts';
import { SIDES, type DashboardScope, type FilterKey, type Side } from './scope.ts';
import { join, name, sql } from './sql.ts';

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

/**
 * A handling table (cube_handling, cube_timing) and its filters: the tag variant for a tag, the
 * `_top` sum when no filter is set, else the full table. Its text changes only with the table.
 */
function handlingWhere(scope: DashboardScope, table: 'cube_handling' | 'cube_timing', side: Side) {
  const months = monthsClause(sideMonths(scope.period, side));
  if (scope.tag !== null) {
    return {
      table: name(`${table}_tag`),
      clause: sql`${months}${filterClause(scope, { tags: 'column' })}`,
    };
  }
  const filtered = (['channel', 'level', 'category', 'region'] as const).some(
    (key) => scope[key] !== null,
  );
  return filtered
    ? { table: name(table), clause: sql`${months}${filterClause(scope, { tags: 'none' })}` }
    : { table: name(`${table}_top`), clause: months };
}

/** The catalog's handling counts by side (the report's rates and 法治化 terms). */
export function handlingTotalsQuery(scope: DashboardScope): Query {
  const selects = SIDES.map((side) => {
    const w = handlingWhere(scope, 'cube_handling', side);
    return sql`SELECT CAST(${side} AS VARCHAR) AS side, ${sums(HANDLING_COUNTS)}
  FROM ${w.table} WHERE ${w.clause}`;
  });
  return sql`${join(selects, '\nUNION ALL\n')}\nORDER BY ALL`;
}

/** Handling counts month by month over both periods, and by responsible unit for the period. */
export function handlingQueries(scope: DashboardScope): { monthly: Query; units: Query } {
  const current = handlingWhere(scope, 'cube_handling', 'current');
  const previous = handlingWhere(scope, 'cube_handling', 'previous');
  const columns = sums(HANDLING_COUNTS);
  return {
    monthly: sql`SELECT month, ${columns} FROM ${current.table}
  WHERE ((${previous.clause}) OR (${current.clause}))
  GROUP BY month ORDER BY month`,
    units: sql`${join(
      SIDES.map((side) => {
        const w = side === 'current' ? current : previous;
        return sql`SELECT CAST(${side} AS VARCHAR) AS side, CAST(unit AS VARCHAR) AS unit, ${columns}
  FROM ${w.table} WHERE ${w.clause} GROUP BY unit`;
      }),
      '\nUNION ALL\n',
    )}\nORDER BY ALL`,
  };
}

/**
 * 办理时效 histograms (handling-time.ts) from `cube_timing`: by month over the current period,
 * and by side × unit. Rows: measure, days, records and the month or side and unit.
 */
export function timingQueries(scope: DashboardScope): { monthly: Query; units: Query } {
  const current = handlingWhere(scope, 'cube_timing', 'current');
  const select = (side: Side) => {
    const w = handlingWhere(scope, 'cube_timing', side);
    return sql`SELECT CAST(${side} AS VARCHAR) AS side, CAST(unit AS VARCHAR) AS unit, measure, days,
    sum(records)::INTEGER AS records FROM ${w.table}
  WHERE ${w.clause} GROUP BY unit, measure, days`;
  };
  return {
    monthly: sql`SELECT month, measure, days, sum(records)::INTEGER AS records FROM ${current.table}
  WHERE ${current.clause}
  GROUP BY month, measure, days ORDER BY ALL`,
    units: sql`${select('current')}
  UNION ALL
  ${select('previous')}
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
