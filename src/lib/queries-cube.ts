/**
 * Pre-aggregated tables the dashboard queries instead of `records`, so a filter change costs the
 * same at a million records as at a thousand: their size follows the number of distinct
 * month × type × channel × level × category × region combinations, not the number of records.
 * Run by the data build against the published schema, right after `records` exists.
 */
import { timingEventsQuery } from './handling-time.ts';
import { DECISION_DAYS, HANDLING_DAYS } from './queries.ts';
import { CUBE_MEASURES } from './queries-dashboard.ts';
import type { Query } from './query-runner.ts';

const MEASURES = `
    count(*)::INTEGER AS batches,
    sum(persons)::INTEGER AS persons,
    count(*) FILTER (WHERE is_repeat)::INTEGER AS repeat_batches,
    count(*) FILTER (WHERE leader_received)::INTEGER AS leader_batches,
    coalesce(sum(persons) FILTER (WHERE leader_received), 0)::INTEGER AS leader_persons,
    count(*) FILTER (WHERE leader_case)::INTEGER AS leader_cases,
    count(*) FILTER (WHERE leader_case AND resolved)::INTEGER AS leader_cases_resolved,
    count(*) FILTER (WHERE supervised)::INTEGER AS supervised,
    count(*) FILTER (WHERE supervised AND resolved)::INTEGER AS supervised_resolved,
    count(*) FILTER (WHERE acceptance = '受理')::INTEGER AS accepted,
    count(*) FILTER (WHERE acceptance = '不予受理')::INTEGER AS not_accepted,
    count(*) FILTER (WHERE acceptance = '不再受理')::INTEGER AS not_again,
    count(*) FILTER (WHERE acceptance = '待受理')::INTEGER AS pending`;

/**
 * The text dimensions are stored as ENUM types (one byte per row, not a string): grouping on them
 * costs about half as much in DuckDB-WASM, and the tables shrink. Each type lists the values in
 * text order, so ORDER BY and the results (text) are the same as with VARCHAR columns; filters
 * compare as text, so a value the data lacks matches nothing. `month` stays text: periods may
 * name months the data lacks.
 */
const ENUMS: [type: string, values: string][] = [
  ['dim_record_type', 'SELECT record_type AS v FROM records'],
  ['dim_channel', 'SELECT channel AS v FROM records'],
  ['dim_level', 'SELECT level AS v FROM records'],
  ['dim_category', 'SELECT category AS v FROM records'],
  ['dim_region', 'SELECT region AS v FROM records'],
  ['dim_tag', 'SELECT unnest(tags) AS v FROM records'],
  ['dim_subcategory', `SELECT coalesce(subcategory, '未细分') AS v FROM records`],
  ['dim_unit', `SELECT coalesce(unit, '未注明') AS v FROM records`],
];

/**
 * The day of the month a partial comparison month ends on: the cut-off day (last registration),
 * 31 when the cut-off is the last day of its month (then no period is cut and the flag below is
 * TRUE on every row, so the tables do not grow).
 */
const CUTOFF_DAY = `(SELECT CASE WHEN last_on = last_day(last_on) THEN 31 ELSE day(last_on) END
    FROM (SELECT max(registered_on) AS last_on FROM records))`;

/** `by_cutoff_day`: the row's day of the month is at most the cut-off day (periods.ts). */
function byCutoffDay(date: string): string {
  return `(day(${date}) <= ${CUTOFF_DAY}) AS by_cutoff_day`;
}

const DIMENSIONS = `strftime(registered_on, '%Y-%m') AS month, ${byCutoffDay('registered_on')},
    record_type::dim_record_type AS record_type, channel::dim_channel AS channel,
    level::dim_level AS level, category::dim_category AS category, region::dim_region AS region`;

const COLLECTIVE = `(channel = '来访' AND persons >= ?) AS collective`;

/** Statements that create the dashboard's tables; `collectiveThreshold` comes from site config. */
export function cubeStatements(collectiveThreshold: number): Query[] {
  if (!Number.isInteger(collectiveThreshold) || collectiveThreshold < 2) {
    throw new Error(`集体访人数标准应为不小于2的整数：${collectiveThreshold}`);
  }
  return [
    // An ENUM needs one value at least: '' stands in when the data has none (no tags, say).
    ...ENUMS.map(([type, values]) => ({
      sql: `CREATE TYPE ${type} AS ENUM (
  WITH present AS (SELECT DISTINCT v FROM (${values}) WHERE v IS NOT NULL)
  SELECT v FROM present UNION ALL SELECT '' WHERE NOT EXISTS (FROM present) ORDER BY v)`,
      params: [],
    })),
    {
      sql: `CREATE TABLE cube AS
  SELECT ${DIMENSIONS}, ${COLLECTIVE}, ${MEASURES}
  FROM records GROUP BY ALL ORDER BY ALL`,
      params: [collectiveThreshold],
    },
    // `cube` summed without region, without category, without both: most filter changes read
    // one of these (a few thousand rows at a million records) instead of `cube`.
    ...(
      [
        ['cube_category', 'category, '],
        ['cube_region', 'region, '],
        ['cube_top', ''],
      ] as const
    ).map(([table, kept]) => ({
      sql: `CREATE TABLE ${table} AS
  SELECT month, by_cutoff_day, record_type, channel, level, ${kept}collective,
    ${CUBE_MEASURES.map((name) => `sum(${name})::INTEGER AS ${name}`).join(', ')}
  FROM cube GROUP BY ALL ORDER BY ALL`,
      params: [],
    })),
    {
      sql: `CREATE TABLE cube_tag AS
  SELECT tag::dim_tag AS tag, ${DIMENSIONS}, ${COLLECTIVE}, ${MEASURES}
  FROM (SELECT unnest(tags) AS tag, * FROM records) GROUP BY ALL ORDER BY ALL`,
      params: [collectiveThreshold],
    },
    {
      // Read only by the subcategory breakdown: batches and persons, no collective split.
      sql: `CREATE TABLE cube_sub AS
  SELECT coalesce(subcategory, '未细分')::dim_subcategory AS subcategory, ${DIMENSIONS},
    count(*)::INTEGER AS batches, sum(persons)::INTEGER AS persons
  FROM records WHERE record_type = '登记' GROUP BY ALL ORDER BY ALL`,
      params: [],
    },
    {
      sql: HANDLING_SQL,
      params: [DECISION_DAYS, HANDLING_DAYS],
    },
    timingStatement(),
  ];
}

/**
 * 办理时效 histograms (handling-time.ts): records by the month of their end date (acceptance or
 * closing), measure and days taken, with the dimensions the handling page filters by.
 */
function timingStatement(): Query {
  const events = timingEventsQuery();
  return {
    sql: `CREATE TABLE cube_timing AS
  SELECT strftime(event_on, '%Y-%m') AS month, ${byCutoffDay('event_on')},
    unit_name::dim_unit AS unit, channel::dim_channel AS channel, level::dim_level AS level,
    category::dim_category AS category, region::dim_region AS region,
    measure, days, count(*)::INTEGER AS records
  FROM (${events.sql}) GROUP BY ALL ORDER BY ALL`,
    params: events.params,
  };
}

/**
 * Handling counts by the month each one falls due or happens, with the report's definitions
 * (docs/definitions.md): a decision is due 15 days after registration, handling on due_on (or
 * 60 days after acceptance); deadlines after the data cutoff are not yet due.
 */
const HANDLING_SQL = `CREATE TABLE cube_handling AS
  WITH d AS (
    SELECT *, registered_on + CAST(? AS INTEGER) AS decision_due_on,
      coalesce(due_on, accepted_on + CAST(? AS INTEGER)) AS handling_due_on,
      coalesce(unit, '未注明') AS unit_name
    FROM records WHERE record_type = '登记'
  ),
  cutoff AS (SELECT max(registered_on) AS last_on FROM records),
  events AS (
    SELECT decision_due_on AS event_on, unit_name, channel, level, category, region,
      1 AS decision_due,
      CASE WHEN acceptance IN ('受理', '不予受理', '不再受理') AND accepted_on <= decision_due_on
        THEN 1 ELSE 0 END AS decision_timely,
      0 AS closure_due, 0 AS closure_on_time, 0 AS closed, 0 AS evaluated, 0 AS satisfied
    FROM d, cutoff WHERE decision_due_on <= last_on
    UNION ALL
    SELECT handling_due_on, unit_name, channel, level, category, region, 0, 0,
      1, CASE WHEN closed_on <= handling_due_on THEN 1 ELSE 0 END, 0, 0, 0
    FROM d, cutoff WHERE acceptance = '受理' AND handling_due_on <= last_on
    UNION ALL
    SELECT closed_on, unit_name, channel, level, category, region, 0, 0, 0, 0,
      1, CASE WHEN satisfaction <> '未评价' THEN 1 ELSE 0 END,
      CASE WHEN satisfaction IN ('满意', '基本满意') THEN 1 ELSE 0 END
    FROM d WHERE closed_on IS NOT NULL
  )
  SELECT strftime(event_on, '%Y-%m') AS month, ${byCutoffDay('event_on')},
    unit_name::dim_unit AS unit, channel::dim_channel AS channel,
    level::dim_level AS level, category::dim_category AS category, region::dim_region AS region,
    sum(decision_due)::INTEGER AS decision_due, sum(decision_timely)::INTEGER AS decision_timely,
    sum(closure_due)::INTEGER AS closure_due, sum(closure_on_time)::INTEGER AS closure_on_time,
    sum(closed)::INTEGER AS closed, sum(evaluated)::INTEGER AS evaluated,
    sum(satisfied)::INTEGER AS satisfied
  FROM events GROUP BY ALL ORDER BY ALL`;

export const CUBE_TABLES = [
  'cube',
  'cube_category',
  'cube_region',
  'cube_top',
  'cube_tag',
  'cube_sub',
  'cube_handling',
  'cube_timing',
] as const;
