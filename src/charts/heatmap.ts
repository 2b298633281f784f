import * as Plot from '@observablehq/plot';
import {
  baseSpec,
  chartHeight,
  countTicks,
  emptyChart,
  finiteRows,
  largestFirst,
  tipOption,
  type ChartOptions,
  type ChartSpec,
  type ChartTable,
  widthAndLayout,
} from './common.ts';
import { valueText } from './format.ts';
import { fitText, maxTextWidth, textWidth } from './measure.ts';
import { monthAxis, monthSpan, monthTitle } from './months.ts';
import { bottomLegend } from './legend.ts';
import { COLORS } from './theme.ts';

/** No petitions: near white. Then light to dark red: more is worse. */
const ZERO_COLOR = '#f6f6f6';
const STEP_COLORS = ['#fee8c8', '#fdd49e', '#fdbb84', '#fc8d59', '#e34a33', '#b30000'];

/** '0', '1-4批', '5-9批', '≥20批': what each colour stands for. */
function bucketLabel(thresholds: readonly number[], i: number, unit: string): string {
  if (i === 0) return '0';
  const low = thresholds[i - 1] ?? 1;
  const next = thresholds[i];
  if (next === undefined) return `≥${low}${unit}`;
  return next - 1 === low ? `${low}${unit}` : `${low}-${next - 1}${unit}`;
}

/** One cell: a month ('YYYY-MM') of one category or region. */
export interface HeatmapRow {
  month: string;
  row: string;
  value: number;
}

export interface HeatmapOptions extends ChartOptions {
  /** What the rows are, for the table header: '问题类别' or '乡镇（街道）'. */
  rowLabel?: string | undefined;
  /** Row order; by default the largest total first. */
  rowOrder?: readonly string[] | undefined;
  /**
   * Named columns instead of months (region × category): these, in this order; `month` then
   * holds the column's name.
   */
  columns?: readonly string[] | undefined;
}

interface Grid {
  months: string[];
  rows: string[];
  cells: HeatmapRow[];
}

/**
 * Every month from the first to the last × every row. A month a row has no record in is 0:
 * the rows come from counts, and a count with nothing to count is 0.
 */
function grid(input: readonly HeatmapRow[], options: HeatmapOptions): Grid {
  const data = finiteRows(input, 'value');
  const months = options.columns ? [...options.columns] : monthSpan(data.map((r) => r.month));
  const monthSet = new Set(months);
  const valid = data.filter((r) => monthSet.has(r.month));
  const totals = new Map<string, number>();
  const values = new Map<string, number>();
  for (const r of valid) {
    totals.set(r.row, (totals.get(r.row) ?? 0) + r.value);
    values.set(`${r.row}\u0000${r.month}`, (values.get(`${r.row}\u0000${r.month}`) ?? 0) + r.value);
  }
  const rows = largestFirst(totals, options.rowOrder);
  const cells = rows.flatMap((row) =>
    months.map((month) => ({ month, row, value: values.get(`${row}\u0000${month}`) ?? 0 })),
  );
  return { months, rows, cells };
}

/** Month × category (or region) cells, darker = more; values written in cells that fit them. */
export const heatmapChart: ChartSpec<HeatmapRow, HeatmapOptions> = (rows, options) => {
  const { months, rows: names, cells } = grid(rows, options);
  if (cells.length === 0) return emptyChart(options);
  const { width, compact } = widthAndLayout(options);
  const nameRoom = Math.min(compact ? 72 : 144, maxTextWidth(names));
  const labels = new Map(names.map((n) => [n, fitText(n, nameRoom)]));
  const marginLeft = nameRoom + 12;
  const marginRight = 8;
  const plotWidth = width - marginLeft - marginRight;
  const cellHeight = compact ? 22 : 24;
  const max = Math.max(1, ...cells.map((c) => c.value));
  const thresholds = [
    1,
    ...countTicks(max, STEP_COLORS.length - 1).filter((t) => t > 1 && t <= max),
  ];
  const colors = [ZERO_COLOR, ...STEP_COLORS.slice(STEP_COLORS.length - thresholds.length)];
  const legend = bottomLegend(
    colors.map((color, i) => ({ label: bucketLabel(thresholds, i, options.unit), color })),
    width,
    marginLeft,
  );
  const cellWidth = plotWidth / months.length;
  const named = options.columns !== undefined;
  // Named columns whose labels are wider than a cell stand upright under it.
  const upright = named && maxTextWidth(months) + 4 > cellWidth;
  const columnRoom = upright ? Math.min(compact ? 64 : 96, maxTextWidth(months)) : 0;
  const marginBottom = (upright ? columnRoom + 12 : 28) + legend.height;
  const height = chartHeight(options, names.length * cellHeight + 8 + marginBottom);
  const axis = named
    ? {
        domain: months,
        tickFormat: (n: string) => fitText(n, upright ? columnRoom : cellWidth - 4),
        ...(upright ? { tickRotate: -90 } : {}),
      }
    : monthAxis(months, plotWidth);
  const dark = thresholds[thresholds.length - 3] ?? Infinity;
  const cellTall = (height - 8 - marginBottom) / names.length;
  const fits = (c: HeatmapRow) =>
    textWidth(String(c.value)) + 4 <= cellWidth && cellTall >= 14 && c.value > 0;
  const peak = cells.reduce((a, b) => (b.value > a.value ? b : a));
  const description =
    `${names.length}行×${months.length}${named ? '列' : '个月'}，` +
    `最高为${peak.row}${monthTitle(peak.month)}的${valueText(peak.value, options.unit)}。`;
  const frame = { width, height, marginLeft, marginRight, marginTop: 8, marginBottom };
  return {
    ...baseSpec(options, frame, description),
    padding: 0.06,
    x: { type: 'band', ...axis, label: null, tickSize: 0 },
    y: {
      domain: names,
      label: null,
      tickSize: 0,
      tickFormat: (n: string) => labels.get(n) ?? n,
    },
    color: { type: 'threshold', domain: thresholds, range: colors },
    marks: [
      Plot.cell(cells, {
        x: 'month',
        y: 'row',
        fill: 'value',
        inset: 0.5,
        title: (c: HeatmapRow) =>
          `${c.row} ${monthTitle(c.month)}：${valueText(c.value, options.unit)}`,
        ...tipOption(options),
      }),
      Plot.text(cells.filter(fits), {
        x: 'month',
        y: 'row',
        text: (c: HeatmapRow) => String(c.value),
        fill: (c: HeatmapRow) => (c.value >= dark ? 'white' : COLORS.flat),
        ariaHidden: 'true',
      }),
      legend.mark,
    ],
  };
};

export const heatmapTable: ChartTable<HeatmapRow, HeatmapOptions> = (rows, options) => {
  const { months, rows: names, cells } = grid(rows, options);
  return {
    headers: [options.rowLabel ?? '类别', ...months.map((m) => monthTitle(m)), '合计'],
    rows: names.map((name) => {
      const line = cells.filter((c) => c.row === name);
      const total = line.reduce((sum, c) => sum + c.value, 0);
      return [
        name,
        ...line.map((c) => valueText(c.value, options.unit)),
        valueText(total, options.unit),
      ];
    }),
  };
};
