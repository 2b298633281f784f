/**
 * Monthly series for the alerts, dense from the data's first month to its last (a month without
 * 登记 is a 0: the data covers it), built with Arquero from the sparse counts the build queries.
 */
import * as aq from 'arquero';
import type { Counts } from '../counts.ts';
import { addMonths, compareMonths } from '../periods.ts';

/** What a series counts: one dimension of the records (or two), as a leader would act on it. */
export const SERIES_DIMENSIONS = [
  'region-category',
  'region',
  'category',
  'unit',
  'level',
  'tag',
  /** 越级 = 走访 at 进京 + 赴省 + 到市, by region. */
  'escalated',
  /** 走访 by region: the denominator of the 越级 share (no alerts of its own). */
  'visits',
  /** A unit's counts by category and by region: which alert a unit's rise is (no alerts of their own). */
  'unit-category',
  'unit-region',
] as const;
export type SeriesDimension = (typeof SERIES_DIMENSIONS)[number];

/** Series counted only to help judge others: they raise no alerts. */
export const HELPER_DIMENSIONS = ['visits', 'unit-category', 'unit-region'] as const;
export type AlertDimension = Exclude<SeriesDimension, (typeof HELPER_DIMENSIONS)[number]>;

/** One sparse count: `key` holds the dimension's values joined by KEY_SEPARATOR. */
export interface CountRow extends Counts {
  dimension: SeriesDimension;
  key: string;
  month: string;
}

/** Joins a key's values: a control character no name holds. */
export const KEY_SEPARATOR = '\u001f';

export interface Series {
  dimension: SeriesDimension;
  keys: string[];
  /** Index of the first month with a count (months before it are not the series' history). */
  start: number;
  batches: number[];
  persons: number[];
}

export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let m = first; compareMonths(m, last) <= 0; m = addMonths(m, 1)) months.push(m);
  return months;
}

export function denseSeries(rows: readonly CountRow[], months: readonly string[]): Series[] {
  if (rows.length === 0 || months.length === 0) return [];
  const position = new Map(months.map((month, i) => [month, i]));
  const inRange = rows.filter((row) => position.has(row.month));
  if (inRange.length === 0) return [];
  // A calendar pseudo-series makes every month present, so `expand` fills the whole range.
  const calendar = months.map((month) => ({
    dimension: '',
    key: '',
    month,
    batches: 0,
    persons: 0,
  }));
  const table = aq
    .from([...inRange, ...calendar])
    .groupby('dimension', 'key')
    .impute({ batches: () => 0, persons: () => 0 }, { expand: 'month' })
    .filter((d: { dimension: string }) => d.dimension !== '')
    .groupby('dimension', 'key')
    .rollup({
      months: aq.op.array_agg('month'),
      batches: aq.op.array_agg('batches'),
      persons: aq.op.array_agg('persons'),
    })
    .orderby('dimension', 'key');
  return (
    table.objects() as {
      dimension: SeriesDimension;
      key: string;
      months: string[];
      batches: number[];
      persons: number[];
    }[]
  ).map((row) => {
    const batches = new Array<number>(months.length).fill(0);
    const persons = new Array<number>(months.length).fill(0);
    row.months.forEach((month, i) => {
      const at = position.get(month)!;
      batches[at] = (batches[at] ?? 0) + (row.batches[i] ?? 0);
      persons[at] = (persons[at] ?? 0) + (row.persons[i] ?? 0);
    });
    const first = batches.findIndex((count) => count > 0);
    return {
      dimension: row.dimension,
      keys: row.key.split(KEY_SEPARATOR),
      start: first === -1 ? months.length : first,
      batches,
      persons,
    };
  });
}
