/**
 * The dashboard's SQL, over the pre-aggregated tables of queries-cube.ts. Filter values are always
 * bound parameters; the only variable SQL text is chosen from the fixed names below.
 */
import type { Channel, Level } from './schema.ts';
import type { Query, SqlParam } from './query-runner.ts';
import type { ReportPeriod } from './periods.ts';

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

const SUMS = `sum(batches)::INTEGER AS batches, sum(persons)::INTEGER AS persons,
  sum(repeat_batches)::INTEGER AS repeat_batches,
  sum(leader_batches)::INTEGER AS leader_batches, sum(leader_persons)::INTEGER AS leader_persons,
  sum(leader_cases)::INTEGER AS leader_cases,
  sum(leader_cases_resolved)::INTEGER AS leader_cases_resolved,
  sum(supervised)::INTEGER AS supervised, sum(supervised_resolved)::INTEGER AS supervised_resolved,
  sum(accepted)::INTEGER AS accepted, sum(not_accepted)::INTEGER AS not_accepted,
  sum(not_again)::INTEGER AS not_again, sum(pending)::INTEGER AS pending`;

interface Where {
  table: 'cube' | 'cube_tag' | 'cube_sub';
  clause: string;
  params: SqlParam[];
}

function where(
  scope: DashboardScope,
  months: { from: string; to: string },
  options: { except?: FilterKey; table?: 'cube_sub' } = {},
): Where {
  const conditions = ['month BETWEEN ? AND ?'];
  const params: SqlParam[] = [months.from, months.to];
  for (const key of ['channel', 'level', 'category', 'region'] as const) {
    const value = scope[key];
    if (value !== null && options.except !== key) {
      conditions.push(`${key} = ?`);
      params.push(value);
    }
  }
  let table: Where['table'] = options.table ?? 'cube';
  if (scope.tag !== null && options.except !== 'tag' && table === 'cube') {
    table = 'cube_tag';
    conditions.push('tag = ?');
    params.push(scope.tag);
  }
  return { table, clause: conditions.join(' AND '), params };
}

/** The same grouped select for the period and its comparison period, as one result. */
function bySide(
  scope: DashboardScope,
  groupBy: string,
  options: { except?: FilterKey; table?: 'cube_sub'; registeredOnly?: boolean } = {},
): Query {
  const sides: [Side, { from: string; to: string }][] = [
    ['current', { from: scope.period.from, to: scope.period.to }],
    ['previous', { from: scope.period.compareFrom, to: scope.period.compareTo }],
  ];
  const params: SqlParam[] = [];
  const selects = sides.map(([side, months]) => {
    const w = where(scope, months, options);
    params.push(...w.params);
    const registered = options.registeredOnly ? ` AND record_type = '登记'` : '';
    return `SELECT '${side}' AS side, ${groupBy}, ${SUMS}
  FROM ${w.table} WHERE ${w.clause}${registered} GROUP BY ${groupBy}`;
  });
  return { sql: `${selects.join('\nUNION ALL\n')}\nORDER BY ALL`, params };
}

/** Totals by type, channel, level and collective: the cards, the level pyramid, 劝返, 接访, 包案. */
export function totalsQuery(scope: DashboardScope): Query {
  return bySide(scope, 'record_type, channel, level, collective');
}

/** Month by month, both periods: trends, cumulative lines, shares over time. */
export function monthlyQuery(scope: DashboardScope): Query {
  return bySide(scope, 'month, record_type, channel, level, collective');
}

/** 登记 by one dimension, both periods; the dimension's own filter is lifted so peers show. */
export function breakdownQuery(scope: DashboardScope, key: BreakdownKey): Query {
  if (key === 'subcategory') {
    return bySide(scope, 'subcategory', { table: 'cube_sub', registeredOnly: true });
  }
  return bySide(scope, `${key}, channel, level`, {
    except: key,
    registeredOnly: true,
  });
}

/** 登记 in the current period by month × category or region × category (heat maps). */
export function crossQuery(scope: DashboardScope, rows: 'month' | 'region'): Query {
  const w = where(scope, { from: scope.period.from, to: scope.period.to }, { except: 'category' });
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
