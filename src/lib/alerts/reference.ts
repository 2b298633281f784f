/**
 * Which earlier months of a series are its reference for month `t` (indexes into the series'
 * months): the same months of earlier years when two or more years of history exist, the recent
 * months otherwise, none when the history is too short. `start` is the series' first usable month.
 */
import type { AlertOptions } from './options.ts';

export type Baseline = 'seasonal' | 'recent';

export interface Reference {
  baseline: Baseline;
  indexes: number[];
}

export function referenceMonths(
  t: number,
  start: number,
  options: Pick<AlertOptions, 'years' | 'window' | 'recentMonths' | 'minHistory'>,
): Reference | null {
  if (t - start >= 24) {
    const indexes: number[] = [];
    let years = 0;
    for (let k = 1; k <= options.years; k++) {
      const centre = t - 12 * k;
      if (centre < start) break;
      years++;
      for (let j = -options.window; j <= options.window; j++) {
        const i = centre + j;
        if (i >= start && i < t) indexes.push(i);
      }
    }
    if (years >= 2) return { baseline: 'seasonal', indexes };
  }
  if (t - start < options.minHistory) return null;
  const from = Math.max(start, t - options.recentMonths);
  return { baseline: 'recent', indexes: Array.from({ length: t - from }, (_, i) => from + i) };
}
