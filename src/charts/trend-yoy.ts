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
import { monthNumberAxis, monthTitle } from './months.ts';
import { COLORS, SERIES_CURRENT, SERIES_PREVIOUS } from './theme.ts';
import { SERIES, seriesName, seriesYear, yearLinesFrame, yearLinesWithDots } from './year-lines.ts';

/** One month of one series. `label` replaces the value in hover text, e.g. '12批 / 25人次'. */
export interface TrendYoyRow {
  month: number;
  series: '本期' | '同期';
  value: number;
  label?: string | undefined;
}

export interface TrendYoyOptions extends ChartOptions {
  /** The year of 本期; 同期 is the year before. Titles then read '2024年3月'. */
  year?: number | undefined;
  /** What is counted, put before the value in hover text: '赴省'. */
  subject?: string | undefined;
}

function cleanRows(rows: readonly TrendYoyRow[]): TrendYoyRow[] {
  return finiteRows(rows, 'month', 'value')
    .filter((r) => Number.isInteger(r.month) && r.month >= 1 && r.month <= 12)
    .filter((r) => (SERIES as readonly string[]).includes(r.series))
    .sort((a, b) => a.month - b.month);
}

function pointTitle(
  row: TrendYoyRow,
  data: readonly TrendYoyRow[],
  options: TrendYoyOptions,
): string {
  const when = monthTitle(row.month, seriesYear(row.series, options.year));
  const what = options.subject === undefined ? row.series : `${row.series} ${options.subject}`;
  const text = `${when} ${what}：${row.label ?? valueText(row.value, options.unit)}`;
  if (row.series !== SERIES_CURRENT) return text;
  const before = data.find((r) => r.series === SERIES_PREVIOUS && r.month === row.month);
  if (before === undefined) return text;
  const delta = seriesChange(row.value, before.value, options).text;
  return `${text}（同期${valueText(before.value, options.unit)}，${delta}）`;
}

/** Totals of both series over the months 本期 has, and the change between them. */
function summary(rows: readonly TrendYoyRow[], options: TrendYoyOptions): string {
  const months = new Set(rows.filter((r) => r.series === SERIES_CURRENT).map((r) => r.month));
  const total = (series: string) =>
    rows
      .filter((r) => r.series === series && months.has(r.month))
      .reduce((sum, r) => sum + r.value, 0);
  const current = total(SERIES_CURRENT);
  const previous = total(SERIES_PREVIOUS);
  const list = [...months];
  const span =
    list.length === 0
      ? ''
      : `${Math.min(...list)}-${Math.max(...list)}月`.replace(/^(\d+)-\1月$/, '$1月');
  return (
    `${seriesName(SERIES_CURRENT, options.year)}${span}合计${valueText(current, options.unit)}，` +
    `${seriesName(SERIES_PREVIOUS, options.year)}同月合计${valueText(previous, options.unit)}，` +
    `${seriesChange(current, previous, options).text}。`
  );
}

/** Monthly trend, this year against the same months last year: lines with dots, x = 月. */
export const trendYoyChart: ChartSpec<TrendYoyRow, TrendYoyOptions> = (rows, options) => {
  const data = cleanRows(rows);
  if (data.length === 0) return emptyChart(options);
  const { width, compact } = widthAndLayout(options);
  const { legend, height, marginBottom } = yearLinesFrame(options, width);
  const marginLeft = 44;
  const marginRight = 16;
  const first = Math.min(...data.map((r) => r.month));
  const last = Math.max(...data.map((r) => r.month));
  const months = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const axis = monthNumberAxis(months, width - marginLeft - marginRight);
  const max = Math.max(...data.map((r) => r.value));
  const current = data.filter((r) => r.series === SERIES_CURRENT);
  const showValues = !compact && months.length <= 12;
  const frame = { width, height, marginLeft, marginRight, marginTop: 24, marginBottom };
  return {
    ...baseSpec(options, frame, summary(data, options)),
    x: { type: 'point', ...axis, label: null, padding: 0.4 },
    y: countScale(max, height - 24 - marginBottom, axisLabel(options.unit)),
    color: { domain: [...SERIES], range: [COLORS.current, COLORS.previous] },
    marks: [
      Plot.ruleY([0]),
      ...yearLinesWithDots(data, 'value', options, {
        r: compact ? 3 : 3.5,
        title: (r) => pointTitle(r, data, options),
      }),
      showValues
        ? Plot.text(current, {
            x: 'month',
            y: 'value',
            text: (r: TrendYoyRow) => String(r.value),
            dy: -10,
            fill: COLORS.current,
            stroke: 'white',
            strokeWidth: 3,
            paintOrder: 'stroke',
            ariaHidden: 'true',
          })
        : null,
      legend.mark,
    ],
  };
};

/** Table view: one line per month, 本期, 同期 and the change. */
export const trendYoyTable: ChartTable<TrendYoyRow, TrendYoyOptions> = (rows, options) => {
  const data = cleanRows(rows);
  const months = [...new Set(data.map((r) => r.month))];
  const value = (month: number, series: string) =>
    data.find((r) => r.month === month && r.series === series);
  return {
    headers: [
      '月份',
      seriesName(SERIES_CURRENT, options.year),
      seriesName(SERIES_PREVIOUS, options.year),
      '增减',
    ],
    rows: months.map((month) => {
      const cur = value(month, SERIES_CURRENT);
      const prev = value(month, SERIES_PREVIOUS);
      const cell = (r: TrendYoyRow | undefined) =>
        r ? (r.label ?? valueText(r.value, options.unit)) : '—';
      const delta = cur && prev ? seriesChange(cur.value, prev.value, options).text : '—';
      return [monthTitle(month, options.year), cell(cur), cell(prev), delta];
    }),
  };
};
