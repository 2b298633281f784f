import * as Plot from '@observablehq/plot';
import {
  baseSpec,
  countScale,
  emptyChart,
  finiteRows,
  type ChartOptions,
  type ChartSpec,
  type ChartTable,
  seriesChange,
  widthAndLayout,
} from './common.ts';
import { axisLabel, valueText } from './format.ts';
import { maxTextWidth } from './measure.ts';
import { monthNumberAxis } from './months.ts';
import { changeColor, COLORS, SERIES_CURRENT, SERIES_PREVIOUS } from './theme.ts';
import { SERIES, seriesName, seriesYear, yearLinesFrame, yearLinesWithDots } from './year-lines.ts';

/** One month's own count (NOT cumulated: the chart adds the months up). */
export interface CumulativeRow {
  month: number;
  series: '本期' | '同期';
  value: number;
}

export interface CumulativeOptions extends ChartOptions {
  /** The year of 本期; 同期 is the year before. */
  year?: number | undefined;
  /** What is counted, e.g. the level: '赴省'. */
  subject?: string | undefined;
}

export interface CumulativePoint {
  month: number;
  series: '本期' | '同期';
  /** This month's count. */
  value: number;
  /** January through this month. */
  total: number;
}

/**
 * Running totals from January, per series, months in order. A month missing inside a series'
 * range adds 0; nothing is drawn past a series' last month.
 */
export function cumulate(rows: readonly CumulativeRow[]): CumulativePoint[] {
  const data = finiteRows(rows, 'month', 'value').filter(
    (r) => Number.isInteger(r.month) && r.month >= 1 && r.month <= 12,
  );
  return SERIES.flatMap((series) => {
    const own = data.filter((r) => r.series === series);
    if (own.length === 0) return [];
    const last = Math.max(...own.map((r) => r.month));
    let total = 0;
    return Array.from({ length: last }, (_, i) => {
      const month = i + 1;
      const value = own.filter((r) => r.month === month).reduce((sum, r) => sum + r.value, 0);
      total += value;
      return { month, series, value, total };
    });
  });
}

function pointTitle(p: CumulativePoint, options: CumulativeOptions): string {
  const year = seriesYear(p.series, options.year);
  const span = p.month === 1 ? '1月' : `1-${p.month}月`;
  const when = year === undefined ? span : `${year}年${span}`;
  const what = options.subject === undefined ? p.series : `${p.series} ${options.subject}`;
  return (
    `${when}累计 ${what}：${valueText(p.total, options.unit)}` +
    `（当月${valueText(p.value, options.unit)}）`
  );
}

/** Cumulative totals month by month, this year against last year, for one level. */
export const cumulativeChart: ChartSpec<CumulativeRow, CumulativeOptions> = (rows, options) => {
  const points = cumulate(rows);
  if (points.length === 0) return emptyChart(options);
  const { width, compact } = widthAndLayout(options);
  const { legend, height, marginBottom } = yearLinesFrame(options, width);
  const current = points.filter((p) => p.series === SERIES_CURRENT);
  const previous = points.filter((p) => p.series === SERIES_PREVIOUS);
  const end = current[current.length - 1];
  const sameMonth = end && previous.find((p) => p.month === end.month);
  const delta = end && sameMonth ? seriesChange(end.total, sameMonth.total, options) : null;
  const endLabel = end
    ? `${valueText(end.total, options.unit)}${delta ? ` ${delta.text}` : ''}`
    : '';
  const marginLeft = 44;
  const marginRight = Math.max(16, compact ? 16 : maxTextWidth([endLabel]) / 2 + 8);
  const last = Math.max(...points.map((p) => p.month));
  const months = Array.from({ length: last }, (_, i) => i + 1);
  const axis = monthNumberAxis(months, width - marginLeft - marginRight);
  const max = Math.max(...points.map((p) => p.total));
  const description = end
    ? `${seriesName(SERIES_CURRENT, options.year)}1-${end.month}月累计${valueText(end.total, options.unit)}` +
      (sameMonth
        ? `，${seriesName(SERIES_PREVIOUS, options.year)}同期累计${valueText(sameMonth.total, options.unit)}，${delta?.text ?? ''}。`
        : '。')
    : `${seriesName(SERIES_PREVIOUS, options.year)}累计${valueText(max, options.unit)}。`;
  const frame = { width, height, marginLeft, marginRight, marginTop: 28, marginBottom };
  return {
    ...baseSpec(options, frame, description),
    x: { type: 'point', ...axis, label: null, padding: 0.4 },
    y: countScale(max, height - 28 - marginBottom, `累计${axisLabel(options.unit)}`),
    color: { domain: [...SERIES], range: [COLORS.current, COLORS.previous] },
    marks: [
      Plot.ruleY([0]),
      Plot.areaY(current, { x: 'month', y: 'total', fill: COLORS.current, fillOpacity: 0.08 }),
      ...yearLinesWithDots(points, 'total', options, {
        r: compact ? 2.5 : 3,
        title: (p) => pointTitle(p, options),
      }),
      end
        ? Plot.text([end], {
            x: 'month',
            y: 'total',
            text: () => endLabel,
            dy: -12,
            textAnchor: compact ? 'end' : 'middle',
            fill: changeColor(delta?.sign ?? null),
            stroke: 'white',
            strokeWidth: 3,
            paintOrder: 'stroke',
            title: () => pointTitle(end, options),
          })
        : null,
      legend.mark,
    ],
  };
};

export const cumulativeTable: ChartTable<CumulativeRow, CumulativeOptions> = (rows, options) => {
  const points = cumulate(rows);
  const months = [...new Set(points.map((p) => p.month))].sort((a, b) => a - b);
  const find = (month: number, series: string) =>
    points.find((p) => p.month === month && p.series === series);
  return {
    headers: [
      '月份',
      `${seriesName(SERIES_CURRENT, options.year)}累计`,
      `${seriesName(SERIES_PREVIOUS, options.year)}累计`,
      '增减',
    ],
    rows: months.map((month) => {
      const cur = find(month, SERIES_CURRENT);
      const prev = find(month, SERIES_PREVIOUS);
      return [
        month === 1 ? '1月' : `1-${month}月`,
        cur ? valueText(cur.total, options.unit) : '—',
        prev ? valueText(prev.total, options.unit) : '—',
        cur && prev ? seriesChange(cur.total, prev.total, options).text : '—',
      ];
    }),
  };
};
