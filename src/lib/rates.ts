import { formatScaled, roundScaled, scaledToNumber } from './decimal.ts';

/** A rate as shown: percent to one decimal, half-up, exact; null when nothing was counted. */
export interface Rate {
  numerator: number;
  denominator: number;
  percent: number | null;
}

export function rate(numerator: number, denominator: number): Rate {
  if (denominator === 0) return { numerator, denominator, percent: null };
  return {
    numerator,
    denominator,
    percent: scaledToNumber(roundScaled(numerator, denominator, 3), 1),
  };
}

/** '96.0%', or null when the denominator is 0. */
export function ratePercentText(value: Rate): string | null {
  if (value.denominator === 0) return null;
  return `${formatScaled(roundScaled(value.numerator, value.denominator, 3), 1)}%`;
}
