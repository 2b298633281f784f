import { formatScaled, roundScaled, scaledToNumber } from './decimal.ts';
import type { Rate } from './rates.ts';

export type Direction = 'up' | 'down' | 'flat';

/**
 * current vs previous. `percent` = (current − previous) ÷ previous × 100 to one decimal, half-up on
 * the magnitude (−6.25 → −6.3), signed; null when previous is 0 (no percentage is given then).
 */
export interface Change {
  direction: Direction;
  percent: number | null;
}

export function change(current: number, previous: number): Change {
  const direction: Direction = current > previous ? 'up' : current < previous ? 'down' : 'flat';
  if (previous === 0) return { direction, percent: null };
  return { direction, percent: scaledToNumber(roundScaled(current - previous, previous, 3), 1) };
}

/** '16.0%': the magnitude of a change's percentage, the word carries the sign. */
export function changePercentText(current: number, previous: number): string | null {
  if (previous === 0) return null;
  return `${formatScaled(Math.abs(roundScaled(current - previous, previous, 3)), 1)}%`;
}

export const DIRECTION_WORDS: Record<Direction, string> = {
  up: '上升',
  down: '下降',
  flat: '持平',
};

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
