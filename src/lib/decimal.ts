/**
 * Exact decimal rounding for the figures in reports: integers in, integers of tenths (or
 * thousandths) out, BigInt in between, never a binary float on the way.
 */

function toBig(value: number, what: string): bigint {
  if (!Number.isSafeInteger(value)) throw new Error(`${what} 应为整数：${value}`);
  return BigInt(value);
}

/**
 * numerator ÷ denominator × 10^decimals, rounded half-up on the magnitude (half away from zero),
 * as an integer: roundScaled(95, 84, 3) = 1131 (1.131…). The denominator must be positive.
 */
export function roundScaled(numerator: number, denominator: number, decimals: number): number {
  const n = toBig(numerator, '分子');
  const d = toBig(denominator, '分母');
  if (d <= 0n) throw new Error(`分母应为正数：${denominator}`);
  const scaled = (n < 0n ? -n : n) * 10n ** BigInt(decimals);
  const magnitude = (2n * scaled + d) / (2n * d);
  return Number(n < 0n ? -magnitude : magnitude);
}

/** An integer count of 10^-decimals as a fixed-point string: (1131, 1) → '113.1', (-5, 1) → '-0.5'. */
export function formatScaled(value: number, decimals: number): string {
  const big = toBig(value, '数值');
  const sign = big < 0n ? '-' : '';
  const digits = (big < 0n ? -big : big).toString().padStart(decimals + 1, '0');
  if (decimals === 0) return sign + digits;
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** The number a fixed-point integer stands for: (1131, 1) → 113.1 (for JSON; text uses formatScaled). */
export function scaledToNumber(value: number, decimals: number): number {
  return Number(formatScaled(value, decimals));
}

/** A decimal written in config (1.2, 0.5) as an exact fraction: 1.2 → {numerator: 12, denominator: 10}. */
export function decimalFraction(value: number): { numerator: number; denominator: number } {
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`不是有限小数：${text}`);
  const fraction = match[3] ?? '';
  const numerator = Number(`${match[1]}${match[2]}${fraction}`);
  return { numerator, denominator: 10 ** fraction.length };
}
