/**
 * 办理时效: days from registration to acceptance and to closure. Each measure is defined once
 * here; its SQL (`timingEventsQuery`) feeds both the records path (the report) and the
 * pre-aggregated `cube_timing` table (the site). Both return day-count histograms (days → records),
 * which sum across months and units; the median and the shares are computed from a histogram
 * here, exactly, in TypeScript, so the two engines and the two paths cannot differ.
 */
import { DECISION_DAYS, HANDLING_DAYS, REGISTRATION_TYPE } from './measures.ts';
import { addMonths, yearToDate, type ReportPeriod } from './periods.ts';
import { filterClause, sides } from './queries.ts';
import type { Query } from './query-runner.ts';
import { rate, type Rate } from './rates.ts';
import { NO_FILTER, type RecordFilter } from './scope.ts';
import { join, name, sql } from './sql.ts';

export type TimingKey = 'acceptance' | 'closure';

export interface TimingDefinition {
  key: TimingKey;
  /** '受理用时' */
  label: string;
  /** The date the time runs to; it also places the record in a period or month. */
  endColumn: 'accepted_on' | 'closed_on';
  /** The share counted: days ≤ `within`. */
  within: number;
  /** '15日内受理率' */
  withinLabel: string;
}

export const TIMINGS: readonly TimingDefinition[] = [
  {
    key: 'acceptance',
    label: '受理用时',
    endColumn: 'accepted_on',
    within: DECISION_DAYS,
    withinLabel: `${DECISION_DAYS}日内受理率`,
  },
  {
    key: 'closure',
    label: '办结用时',
    endColumn: 'closed_on',
    within: HANDLING_DAYS,
    withinLabel: `${HANDLING_DAYS}日内办结率`,
  },
];

/**
 * One row per 登记 record and measure it has: `measure`, `event_on` (the end date), `days`
 * (end − registered_on, in days) and the dimensions the site filters by. 受理用时 counts records
 * accepted (受理) with an acceptance date; 办结用时 every record with a closing date. `tags`: one
 * row per tag of the record, with its `tag` (the table a tag filter reads).
 */
export function timingEventsQuery(options: { filter?: RecordFilter; tags?: boolean } = {}): Query {
  const source = options.tags ? sql`(SELECT unnest(tags) AS tag, * FROM records)` : sql`records`;
  const parts = TIMINGS.map((timing) => {
    const end = name(`r.${timing.endColumn}`);
    const accepted = timing.key === 'acceptance' ? sql` AND r.acceptance = ${'受理'}` : sql``;
    return sql`SELECT CAST(${timing.key} AS VARCHAR) AS measure, ${end} AS event_on,
      CAST(date_diff('day', r.registered_on, ${end}) AS INTEGER) AS days,
      coalesce(r.unit, ${'未注明'}) AS unit_name, ${options.tags ? sql`r.tag, ` : sql``}r.channel, r.level, r.category, r.region
    FROM ${source} r
    WHERE r.record_type = ${REGISTRATION_TYPE} AND ${end} IS NOT NULL${accepted}${filterClause(
      options.filter ?? NO_FILTER,
      { alias: 'r', tags: options.tags ? 'column' : 'list' },
    )}`;
  });
  return join(parts, '\n    UNION ALL\n    ');
}

/**
 * The report's histograms: side × measure × unit × days, each record placed in a side by its end date
 * (the day it was accepted or closed), over the report's periods (cut at the cut-off day alike);
 * the comparison period as a whole (unit NULL): only the period is shown by unit.
 */
export function timingQuery(
  period: ReportPeriod,
  cutoff: string,
  filter: RecordFilter = NO_FILTER,
): Query {
  return sql`WITH ${sides(period, cutoff)},
  events AS (${timingEventsQuery({ filter })})
  SELECT s.side, e.measure, CASE WHEN s.side = ${'current'} THEN e.unit_name END AS unit, e.days,
    CAST(count(*) AS INTEGER) AS records
  FROM events e
  JOIN sides s ON e.event_on >= s.start_on AND e.event_on < s.end_on
  GROUP BY ALL
  ORDER BY s.side, e.measure, unit, e.days`;
}

/**
 * The first months of the periods that end in the latest month and are picked without typing
 * months (view-state.ts `resolvePeriod`): 本年累计, 近12个月, 上月. The per-unit timing tables
 * hold each of them summed whole (queries-cube.ts `STARTS` computes the same months in SQL).
 */
export function standardStarts(latestMonth: string): string[] {
  return [...new Set([yearToDate(latestMonth).from, addMonths(latestMonth, -11), latestMonth])];
}

/** Records by days taken: one histogram per measure (and per side, unit or month). */
export interface DayCount {
  days: number;
  records: number;
}

export interface Timing {
  /** Records counted: end date on or after registration. */
  count: number;
  /**
   * The median of the days, exact: the middle value of an odd count, the mean of the two middle
   * values of an even count (so x or x.5); null when nothing was counted.
   */
  median: number | null;
  /** Records with days ≤ the measure's `within`, of `count`. */
  within: Rate;
  /** Records whose end date lies before their registration: left out, and counted here. */
  excluded: number;
}

/** The value at 1-based rank `k` of a histogram sorted by days. */
function atRank(sorted: readonly DayCount[], k: number): number {
  let seen = 0;
  for (const bucket of sorted) {
    seen += bucket.records;
    if (seen >= k) return bucket.days;
  }
  throw new Error(`rank ${k} beyond ${seen} records`);
}

export function timingSummary(histogram: readonly DayCount[], within: number): Timing {
  const valid = histogram
    .filter((bucket) => bucket.days >= 0 && bucket.records > 0)
    .sort((a, b) => a.days - b.days);
  const excluded = histogram
    .filter((bucket) => bucket.days < 0)
    .reduce((sum, bucket) => sum + bucket.records, 0);
  const count = valid.reduce((sum, bucket) => sum + bucket.records, 0);
  const inTime = valid
    .filter((bucket) => bucket.days <= within)
    .reduce((sum, bucket) => sum + bucket.records, 0);
  let median: number | null = null;
  if (count > 0) {
    const low = atRank(valid, Math.floor((count + 1) / 2));
    const high = atRank(valid, Math.floor(count / 2) + 1);
    median = (low + high) / 2;
  }
  return { count, median, within: rate(inTime, count), excluded };
}

/** '12天', '12.5天', or null for no median. */
export function daysText(median: number | null): string | null {
  return median === null ? null : `${median}天`;
}

/** Histograms from rows (measure, days, records) grouped by `keyOf`. */
export function histograms<K>(
  rows: readonly { measure: TimingKey; days: number; records: number; key: K }[],
): Map<TimingKey, Map<K, DayCount[]>> {
  const out = new Map<TimingKey, Map<K, DayCount[]>>();
  for (const row of rows) {
    const byKey = out.get(row.measure) ?? new Map<K, DayCount[]>();
    out.set(row.measure, byKey);
    const list = byKey.get(row.key) ?? [];
    byKey.set(row.key, list);
    list.push({ days: row.days, records: row.records });
  }
  return out;
}
