/**
 * The counts the alerts are derived from, in SQL against `records` (登记 only): sparse monthly
 * counts per series, and per region × category the rolling window ending on each month's last
 * day (or on the data's cutoff in its last month).
 */
import { collectiveCondition, countAggregate } from '../measures.ts';
import { sql } from '../sql.ts';
import type { Query, SqlRow } from '../query-runner.ts';
import type { WindowRow } from './detect.ts';
import { KEY_SEPARATOR, type CountRow, type SeriesDimension } from './series.ts';

const ESCALATED = `channel = '来访' AND level IN ('进京', '赴省', '到市')`;

/** dimension → the key expression and the rows it counts (column names fixed, never user text). */
const SERIES: [SeriesDimension, key: string, from: string][] = [
  ['region-category', `region || ? || category`, `records WHERE record_type = '登记'`],
  ['region', 'region', `records WHERE record_type = '登记'`],
  ['category', 'category', `records WHERE record_type = '登记'`],
  ['unit', 'unit', `records WHERE record_type = '登记' AND unit IS NOT NULL`],
  ['level', 'level', `records WHERE record_type = '登记'`],
  ['tag', 'tag', `(SELECT *, unnest(tags) AS tag FROM records WHERE record_type = '登记')`],
  ['escalated', 'region', `records WHERE record_type = '登记' AND ${ESCALATED}`],
  ['visits', 'region', `records WHERE record_type = '登记' AND channel = '来访'`],
  [
    'unit-category',
    `unit || ? || category`,
    `records WHERE record_type = '登记' AND unit IS NOT NULL`,
  ],
  ['unit-region', `unit || ? || region`, `records WHERE record_type = '登记' AND unit IS NOT NULL`],
];

export function alertCountsQuery(): Query {
  const parts = SERIES.map(
    ([dimension, key, from]) =>
      sql`SELECT ${dimension} AS dimension, ${{
        sql: key,
        params: key.includes('?') ? [KEY_SEPARATOR] : [],
      }} AS key, strftime(registered_on, '%Y-%m') AS month,
  ${countAggregate('batches')}, ${countAggregate('persons')}
FROM ${{ sql: from, params: [] }} GROUP BY ALL`,
  );
  const union = parts.reduce((all, part) => sql`${all}\nUNION ALL\n${part}`);
  return sql`${union}\nORDER BY dimension, key, month`;
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
