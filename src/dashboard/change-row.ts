/** A ranked bar's row: a value beside its comparison, in the words the cards use (lib/change.ts). */
import { changeWords } from '../lib/change.ts';
import type { RankedBarsRow } from '../charts/ranked-bars.ts';
import type { Counts, Measure } from './rows.ts';

export function rankedRow(
  name: string,
  value: number,
  previous: number,
  zeroText: string,
): CountRankedRow {
  const { direction, text } = changeWords(value, previous, zeroText);
  const sign = direction === 'up' ? 1 : direction === 'down' ? -1 : 0;
  const changeSign = previous === 0 && value !== 0 ? null : sign;
  return { name, value, previous, changeText: text, changeSign };
}

/** A ranked row of counts: both periods always have a value (0 when nothing was counted). */
export type CountRankedRow = RankedBarsRow & { previous: number };

/** Every name of either period, largest first (ties: the larger comparison, then the name). */
export function rankedRows(
  now: Map<string, Counts>,
  before: Map<string, Counts>,
  measure: Measure,
  zeroText: string,
): CountRankedRow[] {
  return [...new Set([...now.keys(), ...before.keys()])]
    .map((name) =>
      rankedRow(name, now.get(name)?.[measure] ?? 0, before.get(name)?.[measure] ?? 0, zeroText),
    )
    .sort((a, b) => b.value - a.value || b.previous - a.previous || (a.name < b.name ? -1 : 1));
}
