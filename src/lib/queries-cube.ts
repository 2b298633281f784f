/**
 * Pre-aggregated tables the dashboard queries instead of `records`, so a filter change costs the
 * same at a million records as at a thousand: their size follows the number of distinct
 * month × dimension combinations, not the number of records. Their count columns are generated
 * from the measure catalog (measures.ts), as the records queries are (queries.ts).
 * Run by the data build against the published schema, right after `records` exists.
 */
import { timingEventsQuery, TIMINGS } from './handling-time.ts';
import {
  ANCHORS,
  COUNT_MEASURES,
  collectiveCondition,
  countAggregate,
  datedColumns,
  HANDLING_COUNTS,
  REGISTRATION_TYPE,
  REGISTRATION_COUNTS,
  type Anchor,
} from './measures.ts';
import type { Query } from './query-runner.ts';
import { enumTypeSql } from './schema.ts';
import { FILTER_KEYS, type FilterKey } from './scope.ts';
import { join, name, sql } from './sql.ts';

/**
 * The text dimensions are stored as ENUM types (one byte per row, not a string): grouping on them
 * costs about half as much in DuckDB-WASM, and the tables shrink. Each type lists the values in
 * text order, so ORDER BY and the results (text) are the same as with VARCHAR columns; filters
 * compare as text, so a value the data lacks matches nothing. `month` stays text: periods may
 * name months the data lacks.
 */
const ENUMS: [type: string, values: Query][] = [
  ['dim_record_type', sql`SELECT record_type AS v FROM records`],
  ['dim_channel', sql`SELECT channel AS v FROM records`],
  ['dim_level', sql`SELECT level AS v FROM records`],
  ['dim_category', sql`SELECT category AS v FROM records`],
  ['dim_region', sql`SELECT region AS v FROM records`],
  ['dim_tag', sql`SELECT unnest(tags) AS v FROM records`],
  ['dim_subcategory', sql`SELECT coalesce(subcategory, '未细分') AS v FROM records`],
  ['dim_unit', sql`SELECT coalesce(unit, '未注明') AS v FROM records`],
];

/**
 * The day of the month a partial comparison month ends on: the cut-off day (last registration),
 * 31 when the cut-off is the last day of its month (then no period is cut and the flag below is
 * TRUE on every row, so the tables do not grow).
 */
const CUTOFF_DAY = sql`(SELECT CASE WHEN last_on = last_day(last_on) THEN 31 ELSE day(last_on) END
    FROM (SELECT max(registered_on) AS last_on FROM records))`;

/** `month` and `by_cutoff_day` (the day of the month is at most the cut-off day, periods.ts). */
function monthColumns(date: string): Query {
  const column = name(date);
  return sql`strftime(${column}, '%Y-%m') AS month, (day(${column}) <= ${CUTOFF_DAY}) AS by_cutoff_day`;
}

const DIMENSIONS = sql`record_type::dim_record_type AS record_type, channel::dim_channel AS channel,
    level::dim_level AS level, category::dim_category AS category, region::dim_region AS region`;

function registrationTable(table: string, source: Query, extra: Query, threshold: number): Query {
  return sql`CREATE TABLE ${name(table)} AS
  SELECT ${extra}${monthColumns('registered_on')}, ${DIMENSIONS},
    ${collectiveCondition(threshold)} AS collective,
    ${join(REGISTRATION_COUNTS.map(countAggregate), ', ')}
  FROM ${source} GROUP BY ALL ORDER BY ALL`;
}

const RECORDS = sql`records`;
const WITH_TAG = sql`(SELECT unnest(tags) AS tag, * FROM records)`;

/**
 * `month_no` (year × 12 + month − 1: an integer, so the handling and timing tables compress it to
 * almost nothing and skip by it; queries-dashboard.ts binds the same numbers) and `by_cutoff_day`.
 */
function monthNumberColumns(date: string): Query {
  const column = name(date);
  return sql`${monthNo(column)} AS month_no, (day(${column}) <= ${CUTOFF_DAY}) AS by_cutoff_day`;
}

/** A date's `month_no` (periods.ts `monthIndex` in SQL). */
function monthNo(date: Query): Query {
  return sql`CAST(year(${date}) * 12 + month(${date}) - 1 AS INTEGER)`;
}

/**
 * The order of the full handling and timing tables (after `tag` in the tag tables). Handling:
 * region, then category lead, so a view filtered by them reads a few row groups (ENUM zone maps,
 * filters cast to the ENUM type), then unit, which follows category closely: 8.7 B/row at 1M
 * records against 10.4 month first. Timing: the month leads, so every view with several filters
 * reads the period's row groups only (its two sides in one scan); region first read a twelfth for
 * a region but all of it for 进京 + 来访, three times the rows; both 2.3 B/row.
 */
const HANDLING_ORDER = sql`region, category, unit, level, channel, month_no, by_cutoff_day`;
const TIMING_ORDER = sql`month_no, by_cutoff_day, region, category, unit, measure, level, channel, days`;

/**
 * Handling counts by the month each one falls due or happens (its anchor), 登记 records only:
 * one part per anchor, the other anchors' counts 0 in it; deadlines after the data's cut-off are
 * not yet due and are left out.
 */
function handlingTable(table: string, source: Query, tag: boolean): Query {
  const anchors = [...new Set(HANDLING_COUNTS.map((count) => COUNT_MEASURES[count].anchor))];
  const part = (anchor: Anchor): Query => {
    const { column, deadline } = ANCHORS[anchor];
    const columns = HANDLING_COUNTS.map((count) => {
      const definition = COUNT_MEASURES[count];
      if (definition.anchor !== anchor) return sql`0 AS ${name(count)}`;
      const value =
        definition.where === undefined
          ? sql`1`
          : sql`CASE WHEN ${definition.where} THEN 1 ELSE 0 END`;
      return sql`${value} AS ${name(count)}`;
    });
    const due = deadline ? sql` AND ${name(column)} <= last_on` : sql``;
    return sql`SELECT ${name(column)} AS event_on, ${tag ? sql`tag, ` : sql``}unit_name, channel, level,
      category, region, ${join(columns, ', ')}
    FROM d, cutoff WHERE ${name(column)} IS NOT NULL${due}`;
  };
  return sql`CREATE TABLE ${name(table)} AS
  WITH d AS (
    SELECT *, ${datedColumns()}, coalesce(unit, ${'未注明'}) AS unit_name
    FROM ${source} WHERE record_type = ${REGISTRATION_TYPE}
  ),
  cutoff AS (SELECT max(registered_on) AS last_on FROM records),
  events AS (${join(anchors.map(part), '\n    UNION ALL\n    ')})
  SELECT ${monthNumberColumns('event_on')}, ${tag ? sql`tag::dim_tag AS tag, ` : sql``}unit_name::dim_unit AS unit,
    channel::dim_channel AS channel, level::dim_level AS level,
    category::dim_category AS category, region::dim_region AS region,
    ${handlingSums()}
  FROM events GROUP BY ALL ORDER BY ${tag ? sql`tag, ` : sql``}${HANDLING_ORDER}`;
}

function handlingSums(): Query {
  return join(
    HANDLING_COUNTS.map((count) => sql`sum(${name(count)})::INTEGER AS ${name(count)}`),
    ', ',
  );
}

/**
 * The handling counts by month and unit summed over every filter (`_top`, what most views read)
 * and over every filter but one (`_by_region` …: what a view with that one filter reads).
 */
function handlingSlices(): Query[] {
  const slice = (table: string, key: FilterKey | null): Query => {
    const kept = key === null ? sql`` : sql`${name(key)}, `;
    const source = key === 'tag' ? 'cube_handling_tag' : 'cube_handling';
    return sql`CREATE TABLE ${name(table)} AS
  SELECT ${kept}month_no, by_cutoff_day, unit, ${handlingSums()}
  FROM ${name(source)} GROUP BY ALL ORDER BY ALL`;
  };
  return [
    slice('cube_handling_top', null),
    ...FILTER_KEYS.map((key) => slice(`cube_handling_by_${key}`, key)),
  ];
}

/** 办理时效's measures, as an ENUM: '受理用时' … one byte per row, read back as text. */
const MEASURE_TYPE = sql`CREATE TYPE dim_measure AS ENUM (
  SELECT v FROM (VALUES ${join(
    TIMINGS.map((timing) => sql`(${timing.key})`),
    ', ',
  )}) t(v) ORDER BY v)`;

/**
 * 办理时效 histograms (handling-time.ts): records by the month of their end date (acceptance or
 * closing), measure and days taken, with the unit and every dimension the site filters by.
 */
function timingTable(table: string, tag: boolean): Query {
  return sql`CREATE TABLE ${name(table)} AS
  SELECT ${monthNumberColumns('event_on')}, ${tag ? sql`tag::dim_tag AS tag, ` : sql``}unit_name::dim_unit AS unit,
    channel::dim_channel AS channel, level::dim_level AS level,
    category::dim_category AS category, region::dim_region AS region,
    measure::dim_measure AS measure, days, count(*)::INTEGER AS records
  FROM (${timingEventsQuery({ tags: tag })})
  GROUP BY ALL ORDER BY ${tag ? sql`tag, ` : sql``}${TIMING_ORDER}`;
}

/**
 * The latest month's number and the first months of the periods that end in it and are picked
 * without typing months: 本年累计 (January), 近12个月, 上月 (`standardStarts`, handling-time.ts).
 */
const STARTS = sql`latest AS (
    SELECT ${monthNo(sql`max(registered_on)`)} AS last_no
    FROM records
  ),
  starts AS (SELECT DISTINCT unnest([last_no - last_no % 12, last_no - 11, last_no]) AS since, last_no FROM latest)`;

/**
 * The timing histograms summed over every filter but one (or all): by month without the unit
 * (`cube_timing_months…`: the monthly charts, the comparison period's totals), and by unit over
 * each standard period as a whole (`cube_timing_units…`, `since` its first month: a unit chart
 * reads one slice instead of a row per month).
 */
function timingSlices(): Query[] {
  const source = (key: FilterKey | null) => name(key === 'tag' ? 'cube_timing_tag' : 'cube_timing');
  const kept = (key: FilterKey | null) => (key === null ? sql`` : sql`${name(key)}, `);
  const months = (table: string, key: FilterKey | null): Query =>
    sql`CREATE TABLE ${name(table)} AS
  SELECT ${kept(key)}month_no, by_cutoff_day, measure, days, sum(records)::INTEGER AS records
  FROM ${source(key)} GROUP BY ALL ORDER BY ALL`;
  const units = (table: string, key: FilterKey | null): Query =>
    sql`CREATE TABLE ${name(table)} AS
  WITH ${STARTS}
  SELECT ${kept(key)}since, unit, measure, days, sum(records)::INTEGER AS records
  FROM ${source(key)} JOIN starts
    ON month_no BETWEEN since AND last_no AND (month_no <> last_no OR by_cutoff_day)
  GROUP BY ALL ORDER BY ALL`;
  return [
    months('cube_timing_months_top', null),
    ...FILTER_KEYS.map((key) => months(`cube_timing_months_by_${key}`, key)),
    units('cube_timing_units_top', null),
    ...FILTER_KEYS.map((key) => units(`cube_timing_units_by_${key}`, key)),
  ];
}

/** Statements that create the dashboard's tables; `collectiveThreshold` comes from site config. */
export function cubeStatements(collectiveThreshold: number): Query[] {
  collectiveCondition(collectiveThreshold);
  return [
    ...ENUMS.map(([type, values]) => enumTypeSql(type, values)),
    registrationTable('cube', RECORDS, sql``, collectiveThreshold),
    // `cube` summed without region, without category, without both: most filter changes read
    // one of these (a few thousand rows at a million records) instead of `cube`.
    ...(
      [
        ['cube_category', sql`category, `],
        ['cube_region', sql`region, `],
        ['cube_top', sql``],
      ] as const
    ).map(
      ([table, kept]) => sql`CREATE TABLE ${name(table)} AS
  SELECT month, by_cutoff_day, record_type, channel, level, ${kept}collective,
    ${join(
      REGISTRATION_COUNTS.map((count) => sql`sum(${name(count)})::INTEGER AS ${name(count)}`),
      ', ',
    )}
  FROM cube GROUP BY ALL ORDER BY ALL`,
    ),
    registrationTable('cube_tag', WITH_TAG, sql`tag::dim_tag AS tag, `, collectiveThreshold),
    // Read only by the subcategory breakdown: batches and persons, no collective split.
    sql`CREATE TABLE cube_sub AS
  SELECT coalesce(subcategory, '未细分')::dim_subcategory AS subcategory, ${monthColumns('registered_on')},
    ${DIMENSIONS}, ${countAggregate('batches')}, ${countAggregate('persons')}
  FROM records WHERE record_type = ${REGISTRATION_TYPE} GROUP BY ALL ORDER BY ALL`,
    handlingTable('cube_handling', RECORDS, false),
    handlingTable('cube_handling_tag', WITH_TAG, true),
    ...handlingSlices(),
    MEASURE_TYPE,
    timingTable('cube_timing', false),
    timingTable('cube_timing_tag', true),
    ...timingSlices(),
    // The data's first and last registration day and its size, without a scan of `records`.
    sql`CREATE TABLE cube_range AS
  SELECT min(registered_on) AS first_on, max(registered_on) AS last_on,
    count(*)::INTEGER AS records
  FROM records`,
  ];
}
