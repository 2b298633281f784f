/** Reading the dashboard queries' rows: sums over the rows that match, for one side. */
import { SERIES_CURRENT, SERIES_PREVIOUS } from '../charts/theme.ts';
import type { Counts, Measure } from '../lib/counts.ts';
import { countsText } from '../lib/wording.ts';
import type { SqlRow } from '../lib/query-runner.ts';
import type { Side } from '../lib/scope.ts';

/** Both sides of every dashboard query, this period first. */
export { SIDES } from '../lib/scope.ts';

/** The chart series a side is drawn as: 本期 or 同期. */
export function seriesOf(side: string): typeof SERIES_CURRENT | typeof SERIES_PREVIOUS {
  return side === 'current' ? SERIES_CURRENT : SERIES_PREVIOUS;
}

/** '12批 / 25人次': both counts, for hover text beside the measure drawn. */
export function countsLabel(counts: Counts): string {
  return countsText(counts, 'batch', ' / ');
}

/** A bar's value in the measure drawn, with both counts as its hover text; no counts: zero. */
export function barOf(
  counts: Counts | undefined,
  measure: Measure,
): { value: number; label: string } {
  const known = counts ?? { batches: 0, persons: 0 };
  return { value: known[measure], label: countsLabel(known) };
}

export function num(row: SqlRow, key: string): number {
  const value = row[key];
  return typeof value === 'number' ? value : 0;
}

export function str(row: SqlRow, key: string): string {
  const value = row[key];
  return typeof value === 'string' ? value : '';
}

export function sumWhere(
  rows: readonly SqlRow[],
  side: Side,
  match: (row: SqlRow) => boolean,
  key: string,
): number {
  let total = 0;
  for (const row of rows) if (row['side'] === side && match(row)) total += num(row, key);
  return total;
}

export function countsWhere(
  rows: readonly SqlRow[],
  side: Side,
  match: (row: SqlRow) => boolean,
): Counts {
  return {
    batches: sumWhere(rows, side, match, 'batches'),
    persons: sumWhere(rows, side, match, 'persons'),
  };
}

/** Groups one side's rows by a key, summing batches and persons. */
export function groupCounts(
  rows: readonly SqlRow[],
  side: Side,
  key: string,
  match: (row: SqlRow) => boolean = () => true,
): Map<string, Counts> {
  const out = new Map<string, Counts>();
  for (const row of rows) {
    if (row['side'] !== side || !match(row)) continue;
    const name = str(row, key);
    const counts = out.get(name) ?? { batches: 0, persons: 0 };
    counts.batches += num(row, 'batches');
    counts.persons += num(row, 'persons');
    out.set(name, counts);
  }
  return out;
}

export const isRegistered = (row: SqlRow): boolean => row['record_type'] === '登记';
export const isVisit = (row: SqlRow): boolean => isRegistered(row) && row['channel'] === '来访';
export const isUpward = (row: SqlRow): boolean => isVisit(row) && row['level'] !== '本级';
export const isCollective = (row: SqlRow): boolean => isVisit(row) && row['collective'] === true;
export const isPersuaded = (row: SqlRow): boolean => row['record_type'] === '劝返';
