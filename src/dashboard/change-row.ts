/** A value beside its comparison, in the bureau's words: cards and ranked bars say it alike. */
import { change, changePercentText, DIRECTION_WORDS, type Direction } from '../lib/change.ts';
import type { RankedBarsRow } from '../charts/ranked-bars.ts';
import type { Rate } from '../lib/rates.ts';
import type { Counts, Measure } from './rows.ts';

/** '上升16.0%', '下降5.0%', '持平', or `zeroText` ('去年同期为0') when there is nothing to compare with. */
export function changeWords(
  value: number,
  previous: number,
  zeroText: string,
): { direction: Direction; text: string } {
  const { direction } = change(value, previous);
  if (previous === 0) return { direction, text: value === 0 ? DIRECTION_WORDS.flat : zeroText };
  const percent = direction === 'flat' ? '' : (changePercentText(value, previous) ?? '');
  return { direction, text: `${DIRECTION_WORDS[direction]}${percent}` };
}

/**
 * A rate beside its comparison in percentage points, from the two rates as shown (one decimal):
 * '上升2.2个百分点', '持平', `zeroText` when the comparison has no denominator, '—' when now has none.
 */
export function pointsChangeWords(
  current: Rate,
  previous: Rate,
  zeroText: string,
): { direction: Direction; text: string } {
  if (previous.percent === null) return { direction: 'flat', text: zeroText };
  if (current.percent === null) return { direction: 'flat', text: '—' };
  const tenths = Math.round(current.percent * 10) - Math.round(previous.percent * 10);
  const direction: Direction = tenths > 0 ? 'up' : tenths < 0 ? 'down' : 'flat';
  if (direction === 'flat') return { direction, text: DIRECTION_WORDS.flat };
  const points = `${Math.floor(Math.abs(tenths) / 10)}.${Math.abs(tenths) % 10}`;
  return { direction, text: `${DIRECTION_WORDS[direction]}${points}个百分点` };
}

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
