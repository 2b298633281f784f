/**
 * Every query one report runs, by name, from either source: `records` (the report command, the
 * build) or the pre-aggregated tables (the browser, where `records` is slow to scan). Both are
 * generated from the measure catalog; the parity tests run this same list.
 */
import { BATCHES_AND_PERSONS, HANDLING_COUNTS, REGISTRATION_TYPE } from './measures.ts';
import { dateRange, type ReportPeriod } from './periods.ts';
import { recordsCountsQuery, recordsCountsSinceQuery } from './queries.ts';
import {
  REPORT_REGISTRATION_RATES,
  REPORT_TOTALS,
  reportCubeQueries,
  timingQueries,
  upToDateCubeQuery,
} from './queries-dashboard.ts';
import type { Query } from './query-runner.ts';
import { timingQuery } from './handling-time.ts';
import type { RecordFilter } from './scope.ts';

export type ReportSource = 'records' | 'cube';

export interface ReportQueries {
  counts: Query;
  categories: Query;
  regions: Query;
  /** Rows by side, merged: the rates' numerators and denominators. */
  rates: Query[];
  timing: Query;
  /** Run only when the period ends before the cut-off (the 截止目前 figure). */
  upToDate: Query | null;
}

export function reportQueries(
  source: ReportSource,
  period: ReportPeriod,
  cutoff: string,
  options: { collectiveThreshold: number; filter: RecordFilter; upToDate: boolean },
): ReportQueries {
  const { filter } = options;
  if (source === 'cube') {
    const scope = { period, ...filter };
    return {
      ...reportCubeQueries(scope),
      timing: timingQueries(scope, cutoff.slice(0, 7)).units,
      upToDate: options.upToDate ? upToDateCubeQuery(scope, cutoff.slice(0, 7)) : null,
    };
  }
  const registered = (groupBy: 'category' | 'region'): Query =>
    recordsCountsQuery(period, cutoff, {
      counts: BATCHES_AND_PERSONS,
      filter,
      groupBy: [groupBy],
      recordType: REGISTRATION_TYPE,
    });
  return {
    counts: recordsCountsQuery(period, cutoff, {
      counts: REPORT_TOTALS,
      filter,
      groupBy: ['record_type', 'channel', 'level', 'collective'],
      collectiveThreshold: options.collectiveThreshold,
    }),
    categories: registered('category'),
    regions: registered('region'),
    rates: [
      recordsCountsQuery(period, cutoff, {
        counts: [...REPORT_REGISTRATION_RATES, ...HANDLING_COUNTS],
        filter,
        recordType: REGISTRATION_TYPE,
      }),
    ],
    timing: timingQuery(period, cutoff, filter),
    upToDate: options.upToDate
      ? recordsCountsSinceQuery(dateRange(period).start, cutoff, {
          counts: BATCHES_AND_PERSONS,
          filter,
          recordType: REGISTRATION_TYPE,
        })
      : null,
  };
}

/** The queries as a named list (the parity tests run each of them in both engines). */
export function reportQueryList(queries: ReportQueries): [name: string, query: Query][] {
  return [
    ['counts', queries.counts],
    ['categories', queries.categories],
    ['regions', queries.regions],
    ...queries.rates.map((query, i): [string, Query] => [`rates${i}`, query]),
    ['timing', queries.timing],
    ...(queries.upToDate === null ? [] : [['upToDate', queries.upToDate] as [string, Query]]),
  ];
}
