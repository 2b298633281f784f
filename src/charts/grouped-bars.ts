import * as Plot from '@observablehq/plot';
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
import { axisLabel, valueText } from './format.ts';
import { fitText, maxTextWidth } from './measure.ts';
import { bottomLegend } from './legend.ts';
import { SERIES_CURRENT, SERIES_PREVIOUS, seriesColors } from './theme.ts';

/** One bar: a key (a level, a channel) and a series ('本期', '同期', or '登记', '劝返'…). */
export interface GroupedBarsRow {
  key: string;
  series: string;
  value: number;
  /** Replaces the value in hover text: '16批 / 17人次'. */
  label?: string | undefined;
}

export interface GroupedBarsOptions extends ChartOptions {
  /** Key order; others follow in first-seen order. */
  keys?: readonly string[] | undefined;
  /** Series order (bars within a group, and the legend); '本期' then '同期' by default. */
  series?: readonly string[] | undefined;
  /** What the keys are, for the table header: '层级'. */
  keyLabel?: string | undefined;
  /** Groups side by side (vertical bars) or stacked down the page; by default what fits. */
  orientation?: 'vertical' | 'horizontal' | undefined;
}

function groups(rows: readonly GroupedBarsRow[], options: GroupedBarsOptions) {
  const data = finiteRows(rows, 'value');
  const keys = ordered(
    data.map((r) => r.key),
    options.keys ?? [],
  );
  const series = ordered(
    data.map((r) => r.series),
    options.series ?? [SERIES_CURRENT, SERIES_PREVIOUS],
  );
  return { data, keys, series };
}

/** Bars by key, one per series side by side: 本期 beside 同期, 登记 beside 劝返. */
export const groupedBarsChart: ChartSpec<GroupedBarsRow, GroupedBarsOptions> = (rows, options) => {
  const { data, keys, series } = groups(rows, options);
  if (data.length === 0) return emptyChart(options);
  const { width, compact } = widthAndLayout(options);
  const max = Math.max(...data.map((r) => r.value));
  const title = (r: GroupedBarsRow) =>
    `${r.key} ${r.series}：${r.label ?? valueText(r.value, options.unit)}`;
  const label = (r: GroupedBarsRow) => valueText(r.value, options.unit);
  const range = seriesColors(series);
  const color = { domain: series, range };
  const legend = bottomLegend(
    series.map((label, i) => ({ label, color: range[i] ?? '#888' })),
    width,
  );
  const description = keys
    .map((key) => {
      const own = series
        .map((s) => data.find((r) => r.key === key && r.series === s))
        .filter((r) => r !== undefined)
        .map((r) => `${r.series}${valueText(r.value, options.unit)}`);
      return `${key}：${own.join('，')}`;
    })
    .join('；');
  const marginLeftV = 44;
  const groupWidth = (width - marginLeftV - 12) / Math.max(1, keys.length);
  const barWidth = (groupWidth * 0.8) / Math.max(1, series.length);
  const fitsVertical =
    barWidth >= 12 && maxTextWidth(keys) + 6 <= groupWidth && (!compact || keys.length <= 4);
  const horizontal =
    (options.orientation ?? (fitsVertical ? 'vertical' : 'horizontal')) === 'horizontal';
  const valueLabels = Plot.text(data, {
    ...(horizontal
      ? { fy: 'key', y: 'series', x: 'value', textAnchor: 'start', dx: 4 }
      : { fx: 'key', x: 'series', y: 'value', dy: -8 }),
    text: label,
    ariaHidden: 'true',
  } as const);
  const bars = { fill: 'series', title, ...tipOption(options) } as const;
  if (horizontal) {
    const nameRoom = Math.min(compact ? 84 : 168, maxTextWidth(keys));
    const marginLeft = nameRoom + 14;
    const marginRight = 12;
    const bar = compact ? 14 : 16;
    const marginBottom = X_AXIS_ROOM + legend.height;
    const height = chartHeight(
      options,
      keys.length * (series.length * (bar + 2) + 12) + 12 + marginBottom,
    );
    const reserve = maxTextWidth(data.map(label)) + 8;
    const frame = { width, height, marginLeft, marginRight, marginTop: 8, marginBottom };
    return {
      ...baseSpec(options, frame, `${description}。`),
      fy: {
        domain: keys,
        axis: 'left',
        label: null,
        tickSize: 0,
        padding: 0.12,
        tickFormat: (k: string) => fitText(k, nameRoom),
      },
      y: { domain: series, axis: null, padding: 0.08 },
      x: barCountScale(max, width - marginLeft - marginRight, options.unit, reserve),
      color,
      marks: [
        Plot.barX(data, { fy: 'key', y: 'series', x: 'value', ...bars }),
        valueLabels,
        Plot.ruleX([0]),
        legend.mark,
      ],
    };
  }
  const marginBottom = 28 + legend.height;
  const height = chartHeight(options, (compact ? 240 : 280) + legend.height);
  const showValues = maxTextWidth(data.map(label)) <= barWidth + 8;
  const frame = {
    width,
    height,
    marginLeft: marginLeftV,
    marginRight: 12,
    marginTop: 24,
    marginBottom,
  };
  return {
    ...baseSpec(options, frame, `${description}。`),
    fx: { domain: keys, label: null, tickSize: 0, padding: 0.1 },
    x: { domain: series, axis: null, padding: 0.1 },
    y: countScale(max, height - 24 - marginBottom, axisLabel(options.unit), showValues ? 18 : 0),
    color,
    marks: [
      Plot.barY(data, { fx: 'key', x: 'series', y: 'value', ...bars }),
      showValues ? valueLabels : null,
      Plot.ruleY([0]),
      legend.mark,
    ],
  };
};

export const groupedBarsTable: ChartTable<GroupedBarsRow, GroupedBarsOptions> = (rows, options) => {
  const { data, keys, series } = groups(rows, options);
  return {
    headers: [options.keyLabel ?? '项目', ...series],
    rows: keys.map((key) => [
      key,
      ...series.map((s) => {
        const r = data.find((d) => d.key === key && d.series === s);
        return r ? (r.label ?? valueText(r.value, options.unit)) : '—';
      }),
    ]),
  };
};
