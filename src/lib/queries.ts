/**
 * Every SQL statement of the report. Values are bound `?` parameters (the `sql` tag turns each
 * interpolation into one), results hold only INTEGER / VARCHAR / BOOLEAN, rows come ordered, and
 * nothing newer than DuckDB 1.4 is used: the same queries run in DuckDB-WASM in the browser.
 */
import { comparedPeriod, dateRange, nextDay, type Period, type ReportPeriod } from './periods.ts';
import type { Query, SqlParam } from './query-runner.ts';

/** Days from registration to the decision on acceptance (《信访工作条例》: 15 days). */
export const DECISION_DAYS = 15;
/** Days from acceptance to the handling deadline, when the export gave no due_on. */
export const HANDLING_DAYS = 60;

/** A query built from a template: each `${value}` becomes a `?`, each `${query}` is inlined. */
export function sql(strings: TemplateStringsArray, ...values: (SqlParam | Query)[]): Query {
  let text = strings[0] ?? '';
  const params: SqlParam[] = [];
  values.forEach((value, i) => {
    if (typeof value === 'object') {
      text += value.sql;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1] ?? '';
  });
  return { sql: text, params };
}

export type Side = 'current' | 'previous';

/** The dashboard's record filters; null = all. The report and its briefing follow them too. */
export interface RecordFilter {
  channel: string | null;
  level: string | null;
  category: string | null;
  region: string | null;
  tag: string | null;
}

export const NO_FILTER: RecordFilter = {
  channel: null,
  level: null,
  category: null,
  region: null,
  tag: null,
};

/** ` AND r.channel = ? …` for the filters that are set: column names fixed, values bound. */
export function filterClause(filter: RecordFilter, alias: string): Query {
  const parts: string[] = [];
  const params: SqlParam[] = [];
  for (const key of ['channel', 'level', 'category', 'region'] as const) {
    const value = filter[key];
    if (value === null) continue;
    parts.push(` AND ${alias}.${key} = ?`);
    params.push(value);
  }
  if (filter.tag !== null) {
    parts.push(` AND list_contains(${alias}.tags, ?)`);
    params.push(filter.tag);
  }
  return { sql: parts.join(''), params };
}

/**
 * The two periods as rows (side, start_on, end_on, due_end): [start_on, end_on) is the period
 * (cut at the cut-off day on both sides when `throughDay` is set);
 * a deadline counts as due in it when start_on ≤ deadline < due_end, where due_end stops at the
 * data cutoff so that deadlines after the last data day are not yet due.
 */
export function sides(period: ReportPeriod, cutoff: string): Query {
  const afterCutoff = nextDay(cutoff);
  const row = (side: Side, dates: Period): Query => {
    const range = dateRange(dates);
    const dueEnd = range.end < afterCutoff ? range.end : afterCutoff;
    return sql`SELECT CAST(${side} AS VARCHAR) AS side, CAST(${range.start} AS DATE) AS start_on,
      CAST(${range.end} AS DATE) AS end_on, CAST(${dueEnd} AS DATE) AS due_end`;
  };
  return sql`sides AS (
    ${row('current', period)}
    UNION ALL
    ${row('previous', comparedPeriod(period))}
  )`;
}

/** The values a category, region or tag filter may take: those the records hold. */
export function recordValuesQuery(column: 'category' | 'region' | 'tag'): Query {
  const value = column === 'tag' ? 'unnest(tags)' : column;
  return { sql: `SELECT DISTINCT ${value} AS value FROM records ORDER BY 1`, params: [] };
}

/** First and last registration day, and the number of records: fixes the default period. */
export function dataRangeQuery(): Query {
  return sql`SELECT
    strftime(min(registered_on), '%Y-%m-%d') AS first_on,
    strftime(max(registered_on), '%Y-%m-%d') AS last_on,
    CAST(count(*) AS INTEGER) AS records
  FROM records`;
}

/**
 * Batches and persons by side × record_type × channel × level × collective (persons ≥ threshold),
 * with the 领导接访 and repeat counts of each group.
 */
export function countsQuery(
  period: ReportPeriod,
  cutoff: string,
  collectiveThreshold: number,
  filter: RecordFilter = NO_FILTER,
): Query {
  return sql`WITH ${sides(period, cutoff)},
  tagged AS (
    SELECT s.side, r.record_type, r.channel, r.level, r.persons, r.leader_received, r.is_repeat,
      r.persons >= CAST(${collectiveThreshold} AS INTEGER) AS collective
    FROM records r
    JOIN sides s ON r.registered_on >= s.start_on AND r.registered_on < s.end_on
    WHERE TRUE${filterClause(filter, 'r')}
  )
  SELECT side, record_type, channel, level, collective,
    CAST(count(*) AS INTEGER) AS batches,
    CAST(sum(persons) AS INTEGER) AS persons,
    CAST(count(*) FILTER (WHERE leader_received) AS INTEGER) AS leader_batches,
    CAST(coalesce(sum(persons) FILTER (WHERE leader_received), 0) AS INTEGER) AS leader_persons,
    CAST(count(*) FILTER (WHERE is_repeat) AS INTEGER) AS repeat_batches
  FROM tagged
  GROUP BY side, record_type, channel, level, collective
  ORDER BY side, record_type, channel, level, collective`;
}

/** 登记 batches and persons by side × category, or × region. */
function groupedQuery(
  column: 'category' | 'region',
  period: ReportPeriod,
  cutoff: string,
  filter: RecordFilter,
): Query {
  const name = { sql: column, params: [] };
  return sql`WITH ${sides(period, cutoff)}
  SELECT s.side, r.${name} AS name,
    CAST(count(*) AS INTEGER) AS batches,
    CAST(sum(r.persons) AS INTEGER) AS persons
  FROM records r
  JOIN sides s ON r.registered_on >= s.start_on AND r.registered_on < s.end_on
  WHERE r.record_type = ${'登记'}${filterClause(filter, 'r')}
  GROUP BY s.side, r.${name}
  ORDER BY s.side, r.${name}`;
}

export function categoriesQuery(
  period: ReportPeriod,
  cutoff: string,
  filter: RecordFilter = NO_FILTER,
): Query {
  return groupedQuery('category', period, cutoff, filter);
}

export function regionsQuery(
  period: ReportPeriod,
  cutoff: string,
  filter: RecordFilter = NO_FILTER,
): Query {
  return groupedQuery('region', period, cutoff, filter);
}

/**
 * One row per side with the numerators and denominators of the rates, 领导包案, 督办 and the
 * 法治化 terms, all over 登记 records (definitions in docs/definitions.md).
 */
export function ratesQuery(
  period: ReportPeriod,
  cutoff: string,
  filter: RecordFilter = NO_FILTER,
): Query {
  const decided = sql`r.acceptance IN (${'受理'}, ${'不予受理'}, ${'不再受理'})`;
  return sql`WITH ${sides(period, cutoff)},
  dated AS (
    SELECT r.*,
      r.registered_on + CAST(${DECISION_DAYS} AS INTEGER) AS decision_due_on,
      coalesce(r.due_on, r.accepted_on + CAST(${HANDLING_DAYS} AS INTEGER)) AS handling_due_on,
      ${decided} AS decided,
      r.acceptance = ${'受理'} AS accepted,
      r.satisfaction <> ${'未评价'} AS evaluated,
      r.satisfaction IN (${'满意'}, ${'基本满意'}) AS satisfied
    FROM records r
    WHERE r.record_type = ${'登记'}${filterClause(filter, 'r')}
  ),
  flagged AS (
    SELECT s.side,
      d.registered_on >= s.start_on AND d.registered_on < s.end_on AS registered_in,
      d.decision_due_on >= s.start_on AND d.decision_due_on < s.due_end AS decision_due_in,
      d.handling_due_on >= s.start_on AND d.handling_due_on < s.due_end AS handling_due_in,
      d.closed_on >= s.start_on AND d.closed_on < s.end_on AS closed_in,
      d.decided AND d.accepted_on <= d.decision_due_on AS decided_in_time,
      d.accepted AND d.accepted_on <= d.decision_due_on AS accepted_in_time,
      d.closed_on <= d.handling_due_on AS closed_in_time,
      d.accepted, d.evaluated, d.satisfied, d.leader_case, d.supervised, d.resolved, d.closed_on
    FROM sides s
    LEFT JOIN dated d ON TRUE
  )
  SELECT side,
    CAST(count(*) FILTER (WHERE decision_due_in) AS INTEGER) AS decision_due,
    CAST(count(*) FILTER (WHERE decision_due_in AND decided_in_time) AS INTEGER) AS decision_timely,
    CAST(count(*) FILTER (WHERE accepted AND handling_due_in) AS INTEGER) AS closure_due,
    CAST(count(*) FILTER (WHERE accepted AND handling_due_in AND closed_in_time) AS INTEGER)
      AS closure_on_time,
    CAST(count(*) FILTER (WHERE accepted AND handling_due_in AND closed_on IS NULL) AS INTEGER)
      AS closure_open,
    CAST(count(*) FILTER (WHERE closed_in) AS INTEGER) AS closed,
    CAST(count(*) FILTER (WHERE closed_in AND evaluated) AS INTEGER) AS evaluated,
    CAST(count(*) FILTER (WHERE closed_in AND satisfied) AS INTEGER) AS satisfied,
    CAST(count(*) FILTER (WHERE registered_in AND leader_case) AS INTEGER) AS leader_cases,
    CAST(count(*) FILTER (WHERE registered_in AND leader_case AND resolved) AS INTEGER)
      AS leader_cases_resolved,
    CAST(count(*) FILTER (WHERE registered_in AND supervised) AS INTEGER) AS supervised,
    CAST(count(*) FILTER (WHERE registered_in AND supervised AND resolved) AS INTEGER)
      AS supervised_resolved,
    CAST(count(*) FILTER (WHERE accepted AND decision_due_in) AS INTEGER) AS acceptance_due,
    CAST(count(*) FILTER (WHERE accepted AND decision_due_in AND accepted_in_time) AS INTEGER)
      AS acceptance_in_time,
    CAST(count(*) FILTER (WHERE supervised AND handling_due_in) AS INTEGER) AS supervision_due,
    CAST(count(*) FILTER (WHERE supervised AND handling_due_in AND resolved) AS INTEGER)
      AS supervision_resolved
  FROM flagged
  GROUP BY side
  ORDER BY side`;
}

/**
 * 登记 batches and persons from `start` ('YYYY-MM-DD') through the data cut-off: the briefing's
 * up-to-date figure (截止目前) when the chosen period ends before the cut-off.
 */
export function upToDateQuery(start: string, filter: RecordFilter = NO_FILTER): Query {
  return sql`SELECT CAST(count(*) AS INTEGER) AS batches,
    CAST(coalesce(sum(r.persons), 0) AS INTEGER) AS persons
  FROM records r
  WHERE r.record_type = ${'登记'} AND r.registered_on >= CAST(${start} AS DATE)${filterClause(filter, 'r')}`;
}

/** Every query of one report, by name (the browser runs the same ones; a parity test compares). */
export function reportQueries(
  period: ReportPeriod,
  cutoff: string,
  collectiveThreshold: number,
  filter: RecordFilter = NO_FILTER,
): { counts: Query; categories: Query; regions: Query; rates: Query } {
  return {
    counts: countsQuery(period, cutoff, collectiveThreshold, filter),
    categories: categoriesQuery(period, cutoff, filter),
    regions: regionsQuery(period, cutoff, filter),
    rates: ratesQuery(period, cutoff, filter),
  };
}
