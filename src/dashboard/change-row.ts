/** Ranked rows of counts beside their comparison: categories and regions rank alike. */
import { changeWords } from '../lib/change.ts';
import type { SqlRow } from '../lib/query-runner.ts';
import type { RankedBarsRow } from '../charts/ranked-bars.ts';
import type { PageContext } from './context.ts';
import { groupCounts } from './rows.ts';

/** A ranked row of counts: both periods always have a value (0 when nothing was counted). */
export type CountRankedRow = RankedBarsRow & { previous: number };

/**
 * Every value of `key` in either period's rows (those that `match`), counted in the page's measure
 * with its change, largest first (ties: the larger comparison, then the name).
 */
export function rankedRows(
  context: Pick<PageContext, 'measure' | 'view'>,
  rows: readonly SqlRow[],
  key: string,
  match?: (row: SqlRow) => boolean,
): CountRankedRow[] {
  const now = groupCounts(rows, 'current', key, match);
  const before = groupCounts(rows, 'previous', key, match);
  const { measure } = context;
  return [...new Set([...now.keys(), ...before.keys()])]
    .map((name): CountRankedRow => {
      const value = now.get(name)?.[measure] ?? 0;
      const previous = before.get(name)?.[measure] ?? 0;
      const { text, sign } = changeWords(value, previous, context.view.compare);
      return { name, value, previous, changeText: text, changeSign: sign };
    })
    .sort((a, b) => b.value - a.value || b.previous - a.previous || (a.name < b.name ? -1 : 1));
}
