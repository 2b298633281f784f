import { addMonths, compareMonths, isMonth } from '../lib/periods.ts';
import { FONT_SIZE } from './theme.ts';
import { textWidth } from './measure.ts';

/** '2024-03' → '3月', or '2024年3月' with the year. */
export function monthText(month: string, withYear: boolean): string {
  const [year, mm] = month.split('-');
  const m = Number(mm);
  return withYear ? `${year}年${m}月` : `${m}月`;
}

/** Titles always carry the year: '2024年3月'. A month number with no year: '3月'. */
export function monthTitle(month: string | number, year?: number): string {
  if (typeof month === 'number') return year === undefined ? `${month}月` : `${year}年${month}月`;
  return isMonth(month) ? monthText(month, true) : month;
}

/** Every month from the first to the last of `months` ('YYYY-MM'), gaps filled, sorted. */
export function monthSpan(months: Iterable<string>): string[] {
  const valid = [...new Set(months)].filter(isMonth).sort(compareMonths);
  const first = valid[0];
  const last = valid[valid.length - 1];
  if (first === undefined || last === undefined) return [];
  const span: string[] = [];
  for (let m = first; compareMonths(m, last) <= 0; m = addMonths(m, 1)) span.push(m);
  return span;
}

export interface MonthAxis<T> {
  domain: T[];
  ticks: T[];
  tickFormat: (value: T) => string;
}

/**
 * Ticks for a month axis `plotWidth` pixels wide: every k-th month so that labels never overlap.
 * 'YYYY-MM' months spanning years carry the year on the first tick and where the year changes.
 */
export function monthAxis(months: readonly string[], plotWidth: number): MonthAxis<string> {
  const spansYears = new Set(months.map((m) => m.slice(0, 4))).size > 1;
  const spacing = plotWidth / Math.max(1, months.length);
  for (let step = 1; ; step++) {
    const ticks = months.filter((_, i) => i % step === 0);
    const labels = new Map<string, string>();
    let year = '';
    for (const month of ticks) {
      const y = month.slice(0, 4);
      labels.set(month, monthText(month, spansYears && y !== year));
      year = y;
    }
    const widths = ticks.map((m) => textWidth(labels.get(m) ?? '', FONT_SIZE));
    const fits = widths.every(
      (w, i) => i === 0 || (w + (widths[i - 1] ?? 0)) / 2 + GAP <= step * spacing,
    );
    if (fits || step >= months.length) {
      return { domain: [...months], ticks, tickFormat: (m) => labels.get(m) ?? '' };
    }
  }
}

/** The same for month numbers 1..12 within one year. */
export function monthNumberAxis(months: readonly number[], plotWidth: number): MonthAxis<number> {
  const step = everyK(months.length, plotWidth, '10月');
  return {
    domain: [...months],
    ticks: months.filter((_, i) => i % step === 0),
    tickFormat: (m) => `${m}月`,
  };
}

/** Least room between neighbouring tick labels, in pixels. */
const GAP = 12;

function everyK(count: number, plotWidth: number, widest: string): number {
  if (count <= 1) return 1;
  const spacing = plotWidth / count;
  return Math.max(1, Math.ceil((textWidth(widest, FONT_SIZE) + GAP) / spacing));
}
