import { formatScaled, roundScaled, scaledToNumber } from './decimal.ts';

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
