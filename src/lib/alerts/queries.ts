/**
 * The counts the alerts are derived from, in SQL against `records` (登记 only): sparse monthly
 * counts per series, and per region × category the rolling window ending on each month's last
 * day (or on the data's cutoff in its last month).
 */
import { collectiveCondition, countAggregate } from '../measures.ts';
import { join, sql } from '../sql.ts';
import type { Query, SqlRow } from '../query-runner.ts';
import type { WindowRow } from './detect.ts';
import { KEY_SEPARATOR, type CountRow, type SeriesDimension } from './series.ts';

const ESCALATED = sql`channel = '来访' AND level IN ('进京', '赴省', '到市')`;
const REGISTERED = sql`records WHERE record_type = '登记'`;
const WITH_UNIT = sql`${REGISTERED} AND unit IS NOT NULL`;
const pair = (first: Query, second: Query): Query => sql`${first} || ${KEY_SEPARATOR} || ${second}`;

/** dimension → the key expression and the rows it counts (column names fixed, never user text). */
const SERIES: [SeriesDimension, key: Query, from: Query][] = [
  ['region-category', pair(sql`region`, sql`category`), REGISTERED],
  ['region', sql`region`, REGISTERED],
  ['category', sql`category`, REGISTERED],
  ['unit', sql`unit`, WITH_UNIT],
  ['level', sql`level`, REGISTERED],
  ['tag', sql`tag`, sql`(SELECT *, unnest(tags) AS tag FROM ${REGISTERED})`],
  ['escalated', sql`region`, sql`${REGISTERED} AND ${ESCALATED}`],
  ['visits', sql`region`, sql`${REGISTERED} AND channel = '来访'`],
  ['unit-category', pair(sql`unit`, sql`category`), WITH_UNIT],
  ['unit-region', pair(sql`unit`, sql`region`), WITH_UNIT],
];

export function alertCountsQuery(): Query {
  const parts = SERIES.map(
    ([dimension, key, from]) =>
      sql`SELECT ${dimension} AS dimension, ${key} AS key, strftime(registered_on, '%Y-%m') AS month,
  ${countAggregate('batches')}, ${countAggregate('persons')}
FROM ${from} GROUP BY ALL`,
  );
  return sql`${join(parts, '\nUNION ALL\n')}\nORDER BY dimension, key, month`;
}

export function alertRangeQuery(): Query {
  return sql`SELECT min(registered_on)::VARCHAR AS first_day, max(registered_on)::VARCHAR AS cutoff FROM records`;
}

export function alertWindowsQuery(days: number, collectiveThreshold: number): Query {
  const collective = collectiveCondition(collectiveThreshold);
  return sql`WITH bounds AS (SELECT min(registered_on) AS first_day, max(registered_on) AS cutoff FROM records),
months AS (
  SELECT strftime(m, '%Y-%m') AS month, least(last_day(m)::DATE, cutoff) AS window_end
  FROM bounds, range(date_trunc('month', first_day)::TIMESTAMP, cutoff::TIMESTAMP + INTERVAL 1 DAY, INTERVAL 1 MONTH) AS t(m)
)
SELECT r.region, r.category, m.month, m.window_end::VARCHAR AS window_end,
  count(DISTINCT r.petitioner)::INTEGER AS petitioners, count(*)::INTEGER AS batches,
  count(*) FILTER (WHERE ${collective})::INTEGER AS collective_batches,
  coalesce(sum(r.persons) FILTER (WHERE ${collective}), 0)::INTEGER AS collective_persons
FROM months m JOIN records r
  ON r.record_type = '登记' AND r.registered_on > m.window_end - ${days}::INTEGER AND r.registered_on <= m.window_end
GROUP BY ALL
ORDER BY r.region, r.category, m.month`;
}

const text = (row: SqlRow, key: string): string => String(row[key] ?? '');
const int = (row: SqlRow, key: string): number => Number(row[key] ?? 0);

export function countRows(rows: readonly SqlRow[]): CountRow[] {
  return rows.map((row) => ({
    dimension: text(row, 'dimension') as SeriesDimension,
    key: text(row, 'key'),
    month: text(row, 'month'),
    batches: int(row, 'batches'),
    persons: int(row, 'persons'),
  }));
}

export function windowRows(rows: readonly SqlRow[]): WindowRow[] {
  return rows.map((row) => ({
    region: text(row, 'region'),
    category: text(row, 'category'),
    month: text(row, 'month'),
    windowEnd: text(row, 'window_end'),
    petitioners: int(row, 'petitioners'),
    batches: int(row, 'batches'),
    collectiveBatches: int(row, 'collective_batches'),
    collectivePersons: int(row, 'collective_persons'),
  }));
}
