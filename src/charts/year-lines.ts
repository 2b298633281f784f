/** 本期 against 同期 as two lines over the months (trend-yoy, cumulative): names, legend, lines. */
import * as Plot from '@observablehq/plot';
import { tipOption, type ChartOptions } from './common.ts';
import { lineChartFrame, type Legend } from './legend.ts';
import { COLORS, SERIES_CURRENT, SERIES_PREVIOUS } from './theme.ts';

export const SERIES = [SERIES_CURRENT, SERIES_PREVIOUS] as const;

/** The year of a series: 本期 is `year`, 同期 the year before; undefined without a year. */
export function seriesYear(series: string, year: number | undefined): number | undefined {
  if (year === undefined) return undefined;
  return series === SERIES_PREVIOUS ? year - 1 : year;
}

/** '本期（2024年）', '同期（2023年）'; the bare series without a year. */
export function seriesName(series: string, year: number | undefined): string {
  const y = seriesYear(series, year);
  return y === undefined ? series : `${series}（${y}年）`;
}

/** The legend (本期 solid, 同期 dashed), a height that leaves room for it, and the bottom margin. */
export function yearLinesFrame(
  options: ChartOptions & { year?: number | undefined },
  width: number,
): { legend: Legend; height: number; marginBottom: number } {
  return lineChartFrame(options, width, [
    { label: seriesName(SERIES_CURRENT, options.year), color: COLORS.current, shape: 'line' },
    { label: seriesName(SERIES_PREVIOUS, options.year), color: COLORS.previous, shape: 'dash' },
  ]);
}

/**
 * 同期 dashed, then 本期 solid over it, coloured by series, each titled with its name; over them a
 * dot a month, of radius `dots.r`, titled by `dots.title` (the tip in the browser).
 */
export function yearLinesWithDots<T extends { month: number; series: string }>(
  rows: readonly T[],
  y: keyof T & string,
  options: ChartOptions & { year?: number | undefined },
  dots: { r: number; title: (row: T) => string },
): Plot.Markish[] {
  const title = (r: T) => seriesName(r.series, options.year);
  const line = { x: 'month', y, stroke: 'series', title };
  return [
    Plot.lineY(
      rows.filter((r) => r.series === SERIES_PREVIOUS),
      { ...line, strokeWidth: 2, strokeDasharray: '5 3' },
    ),
    Plot.lineY(
      rows.filter((r) => r.series === SERIES_CURRENT),
      { ...line, strokeWidth: 2.5 },
    ),
    Plot.dot(rows, { x: 'month', y, fill: 'series', ...dots, ...tipOption(options) }),
  ];
}
