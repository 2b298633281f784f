import * as Plot from '@observablehq/plot';
import {
  baseSpec,
  chartHeight,
  chartWidth,
  countScale,
  emptyChart,
  finiteRows,
  largestFirst,
  tipOption,
  type ChartOptions,
  type ChartSpec,
  type ChartTable,
} from './common.ts';
import { valueText } from './format.ts';
import { fitText } from './measure.ts';
import { monthSpan, monthText, monthTitle } from './months.ts';
import { COLORS } from './theme.ts';

/** One month ('YYYY-MM') of one category (or region). */
export interface SmallMultiplesRow {
  name: string;
  month: string;
  value: number;
}

export interface SmallMultiplesOptions extends ChartOptions {
  /** Panels per row; by default as many 150-px panels as fit the width, at most 4. */
  columns?: number | undefined;
  /** Panel order; by default the largest total first. */
  order?: readonly string[] | undefined;
  /** What the names are, for the table header: '问题类别'. */
  nameLabel?: string | undefined;
}

interface Panel {
  name: string;
  fx: number;
  fy: number;
  total: number;
}

interface Point extends SmallMultiplesRow {
  fx: number;
  fy: number;
}

/** Months from first to last; a month a name has no row for is 0 (it comes from counts). */
function layout(
  rows: readonly SmallMultiplesRow[],
  options: SmallMultiplesOptions,
  columns: number,
) {
  const data = finiteRows(rows, 'value');
  const months = monthSpan(data.map((r) => r.month));
  const monthSet = new Set(months);
  const values = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const r of data) {
    if (!monthSet.has(r.month)) continue;
    values.set(
      `${r.name}\u0000${r.month}`,
      (values.get(`${r.name}\u0000${r.month}`) ?? 0) + r.value,
    );
    totals.set(r.name, (totals.get(r.name) ?? 0) + r.value);
  }
  const names = largestFirst(totals, options.order);
  const panels: Panel[] = names.map((name, i) => ({
    name,
    fx: i % columns,
    fy: Math.floor(i / columns),
    total: totals.get(name) ?? 0,
  }));
  const points: Point[] = panels.flatMap((p) =>
    months.map((month) => ({
      name: p.name,
      month,
      value: values.get(`${p.name}\u0000${month}`) ?? 0,
      fx: p.fx,
      fy: p.fy,
    })),
  );
  return { months, panels, points };
}

function columnCount(options: SmallMultiplesOptions, width: number): number {
  const asked = options.columns;
  if (asked !== undefined && Number.isFinite(asked) && asked >= 1) return Math.floor(asked);
  return Math.max(1, Math.min(4, Math.floor(width / 150)));
}

/** One small line chart per category, wrapped into as many columns as the width holds. */
export const smallMultiplesChart: ChartSpec<SmallMultiplesRow, SmallMultiplesOptions> = (
  rows,
  options,
) => {
  const width = chartWidth(options);
  const wanted = columnCount(options, width);
  const probe = layout(rows, options, wanted);
  if (probe.points.length === 0) return emptyChart(options);
  const columns = Math.min(wanted, probe.panels.length);
  const { months, panels, points } = layout(rows, options, columns);
  const lines = Math.ceil(panels.length / columns);
  const panelHeight = 110;
  const height = chartHeight(options, lines * panelHeight + 46);
  const marginLeft = 36;
  const marginRight = 12;
  const panelWidth = (width - marginLeft - marginRight) / columns;
  const first = months[0] ?? '';
  const last = months[months.length - 1] ?? '';
  const spansYears = first.slice(0, 4) !== last.slice(0, 4);
  const ends = months.length > 1 ? [first, last] : [first];
  const max = Math.max(...points.map((p) => p.value));
  const title = (p: Point) =>
    `${p.name} ${monthTitle(p.month)}：${valueText(p.value, options.unit)}`;
  const description = `${panels.length}个小图，每个一类，共用纵轴；合计最多的是${panels
    .slice(0, 3)
    .map((p) => `${p.name}${valueText(p.total, options.unit)}`)
    .join('、')}。`;
  const frame = { width, height, marginLeft, marginRight, marginTop: 22, marginBottom: 24 };
  return {
    ...baseSpec(options, frame, description),
    fx: { axis: null, padding: 0.12 },
    fy: { axis: null, padding: 0.22 },
    x: {
      type: 'point',
      domain: months,
      ticks: ends,
      tickFormat: (m: string) => monthText(m, spansYears),
      label: null,
      padding: 0.1,
    },
    y: countScale(max, panelHeight - 50, null),
    marks: [
      Plot.frame({ stroke: COLORS.grid }),
      Plot.areaY(points, {
        fx: 'fx',
        fy: 'fy',
        x: 'month',
        y: 'value',
        fill: COLORS.current,
        fillOpacity: 0.08,
      }),
      Plot.lineY(points, {
        fx: 'fx',
        fy: 'fy',
        x: 'month',
        y: 'value',
        stroke: COLORS.current,
        strokeWidth: 1.5,
        title: (p: Point) => p.name,
      }),
      Plot.dot(points, {
        fx: 'fx',
        fy: 'fy',
        x: 'month',
        y: 'value',
        r: 2,
        fill: COLORS.current,
        title,
        ...tipOption(options),
      }),
      Plot.text(panels, {
        fx: 'fx',
        fy: 'fy',
        frameAnchor: 'top-left',
        lineAnchor: 'bottom',
        dy: -4,
        text: (p: Panel) =>
          fitText(`${p.name} ${valueText(p.total, options.unit)}`, panelWidth - 4),
        title: (p: Panel) => `${p.name}：合计${valueText(p.total, options.unit)}`,
        fill: 'currentColor',
      }),
    ],
  };
};

export const smallMultiplesTable: ChartTable<SmallMultiplesRow, SmallMultiplesOptions> = (
  rows,
  options,
) => {
  const { months, panels, points } = layout(rows, options, 1);
  return {
    headers: [options.nameLabel ?? '类别', ...months.map((m) => monthTitle(m)), '合计'],
    rows: panels.map((p) => [
      p.name,
      ...points.filter((q) => q.name === p.name).map((q) => valueText(q.value, options.unit)),
      valueText(p.total, options.unit),
    ]),
  };
};
