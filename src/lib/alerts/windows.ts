/**
 * The window arithmetic of the alerts over one dense monthly series: each month's reference
 * values (reference.ts) and the sums of the months before it. Plain loops: Arquero's window
 * functions give the same figures more slowly and in more lines (npm run bench:arquero, README).
 */
import type { AlertOptions } from './options.ts';
import { referenceMonths, type Baseline } from './reference.ts';

export interface ReferenceValues {
  baseline: Baseline;
  values: number[];
}

/** Per month t: the counts of its reference months, null where the history is too short. */
export function referenceValues(
  counts: readonly number[],
  start: number,
  options: Pick<AlertOptions, 'years' | 'window' | 'recentMonths' | 'minHistory'>,
): (ReferenceValues | null)[] {
  return counts.map((_, t) => {
    const reference = referenceMonths(t, start, options);
    if (!reference) return null;
    return { baseline: reference.baseline, values: reference.indexes.map((i) => counts[i]!) };
  });
}

/** Per month t: the sum of `values` over the `months` months before t, none before `start`. */
export function earlierSums(values: readonly number[], start: number, months: number): number[] {
  const sums = new Array<number>(values.length).fill(0);
  let sum = 0;
  for (let t = start + 1; t < values.length; t++) {
    sum += values[t - 1]!;
    if (t - 1 - months >= start) sum -= values[t - 1 - months]!;
    sums[t] = sum;
  }
  return sums;
}
