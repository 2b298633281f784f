import * as Plot from '@observablehq/plot';
import {
  baseSpec,
  chartHeight,
  emptyChart,
  ordered,
  tipOption,
  type ChartOptions,
  type ChartSpec,
  type ChartTable,
  widthAndLayout,
} from './common.ts';
import { bottomLegend } from './legend.ts';
import { fitText, maxTextWidth, textWidth } from './measure.ts';

/** One cell with an alert: its strongest score and what the alerts were. */
export interface AlertMatrixRow {
  row: string;
  column: string;
  score: number;
  /** '城关街道·市场监管：高于预期（得分2.30）' */
  title: string;
}

export interface AlertMatrixOptions extends ChartOptions {
  /** Every row and column drawn, in order (a cell without an alert stays pale). */
  rowOrder?: readonly string[] | undefined;
  columns?: readonly string[] | undefined;
  /** What the rows are, for the table header: '乡镇（街道）'. */
  rowLabel?: string | undefined;
}

const NONE = '#f6f6f6';
/** Score bands: below the limit (持续偏高, 新出现 …), at it, half again, twice its distance. */
const BANDS = [
  { from: -Infinity, label: '得分<1', color: '#fdd49e' },
  { from: 1, label: '1–1.5', color: '#fc8d59' },
  { from: 1.5, label: '1.5–2', color: '#e34a33' },
  { from: 2, label: '≥2', color: '#b30000' },
] as const;

function bandOf(score: number): (typeof BANDS)[number] {
  return [...BANDS].reverse().find((band) => score >= band.from) ?? BANDS[0];
}

interface Grid {
  rows: string[];
  columns: string[];
  cells: AlertMatrixRow[];
}

/** The given rows and columns, then any a cell names that they lack. */
function grid(input: readonly AlertMatrixRow[], options: AlertMatrixOptions): Grid {
  const cells = input.filter((c) => Number.isFinite(c.score));
  return {
    rows: ordered([...(options.rowOrder ?? []), ...cells.map((c) => c.row)], options.rowOrder),
    columns: ordered([...(options.columns ?? []), ...cells.map((c) => c.column)], options.columns),
    cells,
  };
}

/**
 * The 苗头预警 region × category matrix: every row × column drawn pale, cells with an alert
 * shaded by their strongest score (1 = at the upper limit) and labelled with it where they fit.
 */
export const alertMatrixChart: ChartSpec<AlertMatrixRow, AlertMatrixOptions> = (input, options) => {
  const { rows, columns, cells } = grid(input, options);
  if (rows.length === 0 || columns.length === 0) return emptyChart(options);
  const { width, compact } = widthAndLayout(options);
  const nameRoom = Math.min(compact ? 72 : 144, maxTextWidth(rows));
  const marginLeft = nameRoom + 12;
  const marginRight = 8;
  const cellWidth = (width - marginLeft - marginRight) / columns.length;
  const upright = maxTextWidth(columns) + 4 > cellWidth;
  const columnRoom = upright ? Math.min(compact ? 64 : 96, maxTextWidth(columns)) : 0;
  const legend = bottomLegend(
    [{ label: '无预警', color: NONE }, ...BANDS].map(({ label, color }) => ({ label, color })),
    width,
    marginLeft,
  );
  const marginBottom = (upright ? columnRoom + 12 : 28) + legend.height;
  const cellHeight = compact ? 22 : 24;
  const height = chartHeight(options, rows.length * cellHeight + 8 + marginBottom);
  const cellTall = (height - 8 - marginBottom) / rows.length;
  const background = rows.flatMap((row) => columns.map((column) => ({ row, column })));
  const fits = (c: AlertMatrixRow) =>
    textWidth(c.score.toFixed(1)) + 4 <= cellWidth && cellTall >= 14;
  const peak = cells.reduce<AlertMatrixRow | null>(
    (a, b) => (a === null || b.score > a.score ? b : a),
    null,
  );
  const description =
    `${rows.length}行×${columns.length}列，` +
    (peak
      ? `${cells.length}格有预警，最高为${peak.row}·${peak.column}（得分${peak.score.toFixed(2)}）。`
      : '没有预警。');
  const frame = { width, height, marginLeft, marginRight, marginTop: 8, marginBottom };
  return {
    ...baseSpec(options, frame, description),
    padding: 0.06,
    x: {
      type: 'band',
      domain: columns,
      label: null,
      tickSize: 0,
      tickFormat: (n: string) => fitText(n, upright ? columnRoom : cellWidth - 4),
      ...(upright ? { tickRotate: -90 } : {}),
    },
    y: {
      type: 'band',
      domain: rows,
      label: null,
      tickSize: 0,
      tickFormat: (n: string) => fitText(n, nameRoom),
    },
    marks: [
      Plot.cell(background, {
        x: 'column',
        y: 'row',
        fill: NONE,
        inset: 0.5,
        title: (c: { row: string; column: string }) => `${c.row}·${c.column}：无预警`,
      }),
      Plot.cell(cells, {
        x: 'column',
        y: 'row',
        fill: (c: AlertMatrixRow) => bandOf(c.score).color,
        inset: 0.5,
        title: (c: AlertMatrixRow) => c.title,
        ...tipOption(options),
      }),
      Plot.text(cells.filter(fits), {
        x: 'column',
        y: 'row',
        text: (c: AlertMatrixRow) => c.score.toFixed(1),
        fill: (c: AlertMatrixRow) => (c.score >= 1.5 ? 'white' : '#333'),
        ariaHidden: 'true',
      }),
      legend.mark,
    ],
  };
};

/** Rows × columns of scores; a cell without an alert is empty (never 0). */
export const alertMatrixTable: ChartTable<AlertMatrixRow, AlertMatrixOptions> = (
  input,
  options,
) => {
  const { rows, columns, cells } = grid(input, options);
  const score = new Map(cells.map((c) => [`${c.row}\u0000${c.column}`, c.score]));
  return {
    headers: [options.rowLabel ?? '行', ...columns],
    rows: rows.map((row) => [
      row,
      ...columns.map((column) => score.get(`${row}\u0000${column}`)?.toFixed(2) ?? ''),
    ]),
  };
};
