import { rate, ratePercentText } from '../lib/rates.ts';

/** Axis title for a unit: 批 → 批次; 人次, 件 and % stay as they are. */
export function axisLabel(unit: string): string {
  return unit === '批' ? '批次' : unit;
}

/** '12批', '25人次', '95.2%'. */
export function valueText(value: number, unit: string): string {
  return `${formatNumber(value)}${unit}`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 10) / 10);
}

export interface RateValue {
  numerator: number;
  denominator: number;
  /** Percent to one decimal, half-up exact; null when the denominator is 0. */
  percent: number | null;
  /** '95.2%', or '无' when the denominator is 0. */
  text: string;
  /** '95.2%（118 / 124）' — the figure with what it was computed from. */
  detail: string;
}

/** A rate from counts. Counts that are not whole non-negative numbers give no percentage. */
export function rateValue(numerator: number, denominator: number, unit = ''): RateValue {
  const valid =
    Number.isSafeInteger(numerator) &&
    Number.isSafeInteger(denominator) &&
    numerator >= 0 &&
    denominator > 0;
  const computed = valid ? rate(numerator, denominator) : null;
  const text = computed ? (ratePercentText(computed) ?? '无') : '无';
  const counts = `${formatNumber(numerator)} / ${formatNumber(denominator)}${unit}`;
  const reason = denominator === 0 ? '分母为0' : '数据无效';
  const detail = valid ? `${text}（${counts}）` : `无（${counts}，${reason}）`;
  return { numerator, denominator, percent: computed?.percent ?? null, text, detail };
}
