/** Ranked rows of counts beside their comparison: categories and regions rank alike. */
import { changeWords } from '../change.ts';
import type { Counts, Measure } from '../counts.ts';
import type { Compare } from '../periods.ts';
import type { RankedBarsRow } from '../../charts/ranked-bars.ts';

function rankedRow(
  name: string,
  value: number,
  previous: number,
  compare: Compare,
): CountRankedRow {
  const { text, sign } = changeWords(value, previous, compare);
  return { name, value, previous, changeText: text, changeSign: sign };
}

/** A ranked row of counts: both periods always have a value (0 when nothing was counted). */
export type CountRankedRow = RankedBarsRow & { previous: number };

/** Every name of either period, largest first (ties: the larger comparison, then the name). */
export function rankedRows(
  now: Map<string, Counts>,
  before: Map<string, Counts>,
  measure: Measure,
  compare: Compare,
): CountRankedRow[] {
  return [...new Set([...now.keys(), ...before.keys()])]
    .map((name) =>
      rankedRow(name, now.get(name)?.[measure] ?? 0, before.get(name)?.[measure] ?? 0, compare),
    )
    .sort((a, b) => b.value - a.value || b.previous - a.previous || (a.name < b.name ? -1 : 1));
}
