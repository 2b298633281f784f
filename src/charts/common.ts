import * as Plot from '@observablehq/plot';
import type { PlotOptions, ScaleOptions } from '@observablehq/plot';
import { changeWords, type ChangeWords } from '../lib/change.ts';
import type { Compare } from '../lib/periods.ts';
import { axisLabel } from './format.ts';
import type { TableData } from './table.ts';
import { COLORS, FONT_FAMILY, FONT_SIZE } from './theme.ts';

/** Options every chart takes. */
export interface ChartOptions {
  /** Outer width in pixels: the page passes its container's width. Default 640. */
  width?: number | undefined;
  /** Outer height in pixels; each chart has a default that suits its rows. */
  height?: number | undefined;
  /** Unit of the values: '批', '人次', '件' (or '%'). */
  unit: string;
  /** What the chart shows, for screen readers: aria-label, e.g. '走访登记月度趋势'. */
  label?: string | undefined;
  /**
   * In the browser: Plot tips follow the pointer. Plot then leaves out the static <title>
   * tooltips, so build-time renders keep this off.
   */
  interactive?: boolean | undefined;
  /** What 同期 is, for the change words of charts that state one: 'mom' says 上期为0. Default 'yoy'. */
  compare?: Compare | undefined;
}

/** A chart: its rows and options to a Plot spec, drawn the same at build time and in the browser. */
export type ChartSpec<Row, Options extends ChartOptions> = (
  rows: readonly Row[],
  options: Options,
) => PlotOptions;

/** A chart's 表格 view: the same rows as strings. */
export type ChartTable<Row, Options extends ChartOptions> = (
  rows: readonly Row[],
  options: Options,
) => TableData;

/** The change from `previous` to `current` in the words of the report (change.ts). */
export function seriesChange(
  current: number,
  previous: number,
  options: ChartOptions,
): ChangeWords {
  return changeWords(current, previous, options.compare ?? 'yoy');
}

const DEFAULT_WIDTH = 640;
const MIN_WIDTH = 240;
/** Below this width charts switch to their compact layout: fewer ticks, shorter labels. */
const COMPACT_WIDTH = 480;

export function chartWidth(options: ChartOptions): number {
  const width = options.width;
  if (width === undefined || !Number.isFinite(width) || width <= 0) return DEFAULT_WIDTH;
  return Math.max(MIN_WIDTH, Math.round(width));
}

export function isCompact(width: number): boolean {
  return width < COMPACT_WIDTH;
}

/** What every chart with rows to draw starts from: its width, and whether that is compact. */
export function widthAndLayout(options: ChartOptions): { width: number; compact: boolean } {
  const width = chartWidth(options);
  return { width, compact: isCompact(width) };
}

export function chartHeight(options: ChartOptions, fallback: number): number {
  const height = options.height;
  if (height === undefined || !Number.isFinite(height) || height <= 0) return Math.round(fallback);
  return Math.max(120, Math.round(height));
}

/**
 * A horizontal count axis at the bottom: tick labels, then its unit label under them at the
 * right, clear of the last tick label; the legend goes below that.
 */
export const X_AXIS_ROOM = 40;
const X_LABEL_OFFSET = 34;

const chartStyle = { fontFamily: FONT_FAMILY, fontSize: `${FONT_SIZE}px` };

export function tipOption(options: ChartOptions): { tip?: true } {
  return options.interactive === true ? { tip: true } : {};
}

/** A chart's outer size and the margins around its plot area. */
export interface ChartFrame {
  width: number;
  height: number;
  marginTop?: number;
  marginRight?: number;
  marginBottom?: number;
  marginLeft?: number;
}

/** The options every spec starts from: its frame, the type and the screen-reader text. */
export function baseSpec(
  options: ChartOptions,
  frame: ChartFrame,
  description: string,
): PlotOptions {
  return {
    ...frame,
    style: chartStyle,
    ariaLabel: options.label ?? '图表',
    ariaDescription: description,
  };
}

/** An empty frame with 无数据 in the middle: what every chart draws when it has no rows. */
export function emptyChart(options: ChartOptions, fallbackHeight = 200): PlotOptions {
  const width = chartWidth(options);
  const height = chartHeight(options, fallbackHeight);
  return {
    ...baseSpec(options, { width, height }, '无数据'),
    margin: 10,
    x: { axis: null },
    y: { axis: null },
    marks: [
      Plot.frame({ stroke: COLORS.grid }),
      Plot.text(['无数据'], {
        frameAnchor: 'middle',
        fill: COLORS.muted,
        fontSize: FONT_SIZE + 2,
        title: () => '所选条件下没有数据',
      }),
    ],
  };
}

/**
 * Whole-number ticks from 0 to at least `max`, about `count` of them: counts have no halves.
 * The last tick is where the axis ends.
 */
export function countTicks(max: number, count: number): number[] {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const raw = top / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power);
  const ticks: number[] = [];
  for (let t = 0; t < top + step; t += step) ticks.push(t);
  return ticks;
}

/**
 * A count axis `length` pixels long: domain from 0, whole-number ticks, the unit as its label.
 * The domain ends at the tick above the largest value unless that wastes a quarter of the axis.
 * `reserve` keeps that many pixels free past the largest value, for labels at bar ends;
 * `spacing` is the room per tick (horizontal axes need more than vertical ones).
 * With no value above 0 the axis is 0..1.
 */
export function countScale(
  max: number,
  length: number,
  label: string | null,
  reserve = 0,
  spacing = 45,
): ScaleOptions {
  const all = countTicks(max, Math.max(3, Math.floor(length / spacing)));
  const needed = reserve > 0 && length > reserve * 1.5 ? (max * length) / (length - reserve) : max;
  const last = all[all.length - 1] ?? 1;
  // All zeros: the axis still runs 0..1, so a zero bar has zero length (a [0, 0] domain would
  // put 0 in the middle of the range).
  const top = !(needed > 0) ? last : last <= needed * 1.25 ? Math.max(last, needed) : needed;
  return {
    domain: [0, top],
    ticks: all.filter((t) => t <= top),
    tickFormat: (d: number) => String(d),
    label,
    labelArrow: 'none',
    grid: true,
  };
}

/** The count axis of horizontal bars, `length` pixels along the bottom (see X_AXIS_ROOM). */
export function barCountScale(
  max: number,
  length: number,
  unit: string,
  reserve: number,
): ScaleOptions {
  return { ...countScale(max, length, axisLabel(unit), reserve, 80), labelOffset: X_LABEL_OFFSET };
}

/** Keep rows whose numbers are finite: a NaN never reaches a mark. */
export function finiteRows<T>(rows: readonly T[], ...keys: (keyof T)[]): T[] {
  return rows.filter((row) => keys.every((key) => Number.isFinite(row[key])));
}

/** The names of `totals`, largest total first (ties by name), `preferred` ones first in their order. */
export function largestFirst(
  totals: ReadonlyMap<string, number>,
  preferred: readonly string[] = [],
): string[] {
  const byTotal = [...totals.keys()].sort(
    (a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const first = preferred.filter((name) => totals.has(name));
  return [...first, ...byTotal.filter((name) => !first.includes(name))];
}

/** Distinct values in first-seen order, `preferred` ones first in their given order. */
export function ordered(values: Iterable<string>, preferred: readonly string[] = []): string[] {
  const seen = new Set(values);
  const head = preferred.filter((v) => seen.has(v));
  const rest = [...seen].filter((v) => !preferred.includes(v));
  return [...head, ...rest];
}
