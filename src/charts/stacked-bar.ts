import * as Plot from '@observablehq/plot';
import { isMonth } from '../lib/periods.ts';
import {
  barCountScale,
  baseSpec,
  chartHeight,
  countScale,
  emptyChart,
  finiteRows,
  ordered,
  tipOption,
  type ChartOptions,
  type ChartSpec,
  type ChartTable,
  widthAndLayout,
  X_AXIS_ROOM,
} from './common.ts';
import { axisLabel, rateValue, valueText } from './format.ts';
import { fitText, maxTextWidth } from './measure.ts';
import { monthAxis, monthSpan, monthTitle } from './months.ts';
import { bottomLegend } from './legend.ts';
import { PALETTE } from './theme.ts';

/** One part of one bar: x is a month ('YYYY-MM') or a name (a unit, a region). */
export interface StackedBarRow {
  x: string;
  part: string;
  value: number;
}

export interface StackedBarOptions extends ChartOptions {
  /** Part order, bottom (or left) first; parts not listed follow in first-seen order. */
  parts?: readonly string[] | undefined;
  /** Colours by part; others from the palette. */
  colors?: Readonly<Record<string, string>> | undefined;
  /** What x is, for the table header: '月份', '责任单位'. */
  xLabel?: string | undefined;
  /** Bars up (months) or across (names, the default for them: long names need the room). */
  orientation?: 'vertical' | 'horizontal' | undefined;
}

/** 受理情况 in the data contract's order, with fixed colours. */
const ACCEPTANCE_COLORS: Readonly<Record<string, string>> = {
  受理: '#1d4f91',
  不予受理: '#e07b39',
  不再受理: '#7a5195',
  待受理: '#c4c8ce',
};

interface Stacks {
  xs: string[];
  parts: string[];
  rows: StackedBarRow[];
  totals: Map<string, number>;
  byMonth: boolean;
}

function stacks(input: readonly StackedBarRow[], options: StackedBarOptions): Stacks {
  const data = finiteRows(input, 'value');
  const byMonth = data.length > 0 && data.every((r) => isMonth(r.x));
  const xs = byMonth ? monthSpan(data.map((r) => r.x)) : ordered(data.map((r) => r.x));
  const parts = ordered(
    data.map((r) => r.part),
    options.parts ?? Object.keys(ACCEPTANCE_COLORS),
  );
  const values = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const r of data) {
    const key = `${r.x}\u0000${r.part}`;
    values.set(key, (values.get(key) ?? 0) + r.value);
    totals.set(r.x, (totals.get(r.x) ?? 0) + r.value);
  }
  const rows = xs.flatMap((x) =>
    parts.map((part) => ({ x, part, value: values.get(`${x}\u0000${part}`) ?? 0 })),
  );
  return { xs, parts, rows, totals, byMonth };
}

function partColors(parts: readonly string[], options: StackedBarOptions): string[] {
  let next = 0;
  return parts.map(
    (p) =>
      options.colors?.[p] ?? ACCEPTANCE_COLORS[p] ?? PALETTE[next++ % PALETTE.length] ?? '#888',
  );
}

/** Composition: each bar a month or a unit, stacked by part (受理/不予受理/不再受理/待受理). */
export const stackedBarChart: ChartSpec<StackedBarRow, StackedBarOptions> = (rows, options) => {
  const { xs, parts, rows: data, totals, byMonth } = stacks(rows, options);
  if (data.length === 0) return emptyChart(options);
  const { width, compact } = widthAndLayout(options);
  const horizontal =
    (options.orientation ?? (byMonth ? 'vertical' : 'horizontal')) === 'horizontal';
  const xText = (x: string) => (byMonth ? monthTitle(x) : x);
  const title = (r: StackedBarRow) => {
    const total = totals.get(r.x) ?? 0;
    const share = rateValue(r.value, total, options.unit).detail;
    return `${xText(r.x)} ${r.part}：${valueText(r.value, options.unit)}，占${share}`;
  };
  const max = Math.max(...totals.values());
  const totalText = (x: string) => valueText(totals.get(x) ?? 0, options.unit);
  const shown = data.filter((r) => r.value > 0);
  const range = partColors(parts, options);
  const color = { domain: parts, range };
  const legend = bottomLegend(
    parts.map((label, i) => ({ label, color: range[i] ?? '#888' })),
    width,
  );
  const largest = [...totals.entries()].sort((a, b) => b[1] - a[1])[0];
  const description =
    `${xs.length}${byMonth ? '个月' : '项'}，按${parts.join('、')}分段` +
    (largest
      ? `；合计最多的是${xText(largest[0])}，${valueText(largest[1], options.unit)}。`
      : '。');
  const common = { fill: 'part', order: parts, title, ...tipOption(options) } as const;
  if (horizontal) {
    const nameRoom = Math.min(compact ? 84 : 168, maxTextWidth(xs.map(xText)));
    const marginLeft = nameRoom + 14;
    const marginRight = 16;
    const reserve = maxTextWidth(xs.map(totalText)) + 8;
    const marginBottom = X_AXIS_ROOM + legend.height;
    const height = chartHeight(options, xs.length * (compact ? 24 : 26) + 12 + marginBottom);
    const frame = { width, height, marginLeft, marginRight, marginTop: 8, marginBottom };
    return {
      ...baseSpec(options, frame, description),
      y: {
        domain: xs,
        label: null,
        tickSize: 0,
        padding: 0.25,
        tickFormat: (x: string) => fitText(xText(x), nameRoom),
      },
      x: barCountScale(max, width - marginLeft - marginRight, options.unit, reserve),
      color,
      marks: [
        Plot.barX(shown, Plot.stackX({ y: 'x', x: 'value', ...common })),
        Plot.text(xs, {
          y: (x: string) => x,
          x: (x: string) => totals.get(x) ?? 0,
          text: totalText,
          textAnchor: 'start',
          dx: 4,
          ariaHidden: 'true',
        }),
        Plot.ruleX([0]),
        legend.mark,
      ],
    };
  }
  const marginLeft = 44;
  const marginRight = 12;
  const plotWidth = width - marginLeft - marginRight;
  const labelled = !byMonth ? xs.map(xText) : [];
  const step = plotWidth / Math.max(1, xs.length);
  const rotate = !byMonth && maxTextWidth(labelled) + 6 > step;
  const axisRoom = rotate
    ? Math.min(96, maxTextWidth(labelled.map((l) => fitText(l, 84))) * 0.72 + 20)
    : 28;
  const bottom = axisRoom + legend.height;
  const height = chartHeight(options, (compact ? 240 : 300) + bottom - 28);
  const xScale = byMonth
    ? { ...monthAxis(xs, plotWidth), label: null }
    : {
        domain: xs,
        label: null,
        tickFormat: (x: string) => fitText(x, rotate ? 84 : step - 4),
        ...(rotate ? { tickRotate: -40 } : {}),
      };
  const showTotals = maxTextWidth(xs.map(totalText)) + 2 <= step * 0.9;
  const frame = { width, height, marginLeft, marginRight, marginTop: 24, marginBottom: bottom };
  return {
    ...baseSpec(options, frame, description),
    x: { type: 'band', padding: 0.2, tickSize: 0, ...xScale },
    y: countScale(max, height - 24 - bottom, axisLabel(options.unit), showTotals ? 18 : 0),
    color,
    marks: [
      Plot.barY(shown, Plot.stackY({ x: 'x', y: 'value', ...common })),
      showTotals
        ? Plot.text(xs, {
            x: (x: string) => x,
            y: (x: string) => totals.get(x) ?? 0,
            text: totalText,
            dy: -8,
            ariaHidden: 'true',
          })
        : null,
      Plot.ruleY([0]),
      legend.mark,
    ],
  };
};

export const stackedBarTable: ChartTable<StackedBarRow, StackedBarOptions> = (rows, options) => {
  const { xs, parts, rows: data, totals, byMonth } = stacks(rows, options);
  return {
    headers: [options.xLabel ?? (byMonth ? '月份' : '名称'), ...parts, '合计'],
    rows: xs.map((x) => [
      byMonth ? monthTitle(x) : x,
      ...parts.map((part) =>
        valueText(data.find((r) => r.x === x && r.part === part)?.value ?? 0, options.unit),
      ),
      valueText(totals.get(x) ?? 0, options.unit),
    ]),
  };
};
