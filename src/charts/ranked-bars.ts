import * as Plot from '@observablehq/plot';
import {
  barCountScale,
  baseSpec,
  chartHeight,
  emptyChart,
  finiteRows,
  tipOption,
  type ChartOptions,
  type ChartSpec,
  type ChartTable,
  widthAndLayout,
  X_AXIS_ROOM,
} from './common.ts';
import type { ChangeSign } from '../lib/change.ts';
import { valueText } from './format.ts';
import { fitText, maxTextWidth } from './measure.ts';
import { bottomLegend } from './legend.ts';
import { changeColor, COLORS } from './theme.ts';

/**
 * A category or region with its value, the comparison value and the change as worded by
 * the report ('上升16.0%', '下降3.2%', '持平', '去年同期为0'); changeSign colours it.
 */
export interface RankedBarsRow {
  name: string;
  value: number;
  /** null: no comparable value (a rate over 0): no tick is drawn and the table says 无. */
  previous: number | null;
  changeText: string;
  changeSign: ChangeSign;
}

export interface RankedBarsOptions extends ChartOptions {
  /** Show only the largest `limit` rows (the table view keeps them all). */
  limit?: number | undefined;
  /** What the comparison value is called in hover text. Default '去年同期'. */
  previousLabel?: string | undefined;
  /** Bars become links to `?{drillParam}={name}`: one click drills into that category or region. */
  drillParam?: string | undefined;
}

/** Largest first; ties by name so the order never depends on the input order. */
function ranked(rows: readonly RankedBarsRow[]): RankedBarsRow[] {
  return finiteRows(rows, 'value').sort(
    (a, b) => b.value - a.value || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

function previousText(row: RankedBarsRow, options: RankedBarsOptions): string {
  return row.previous === null || !Number.isFinite(row.previous)
    ? '无'
    : valueText(row.previous, options.unit);
}

/** The larger of the two values; a missing comparison counts for nothing. */
function reach(row: RankedBarsRow): number {
  return Math.max(
    row.value,
    row.previous !== null && Number.isFinite(row.previous) ? row.previous : 0,
  );
}

function barTitle(row: RankedBarsRow, rank: number, options: RankedBarsOptions): string {
  const previous = options.previousLabel ?? '去年同期';
  return (
    `第${rank}位 ${row.name}：${valueText(row.value, options.unit)}，` +
    `${previous}${previousText(row, options)}，${row.changeText}`
  );
}

/** Categories or regions ranked: horizontal bars, value at the bar end, change at the right. */
export const rankedBarsChart: ChartSpec<RankedBarsRow, RankedBarsOptions> = (rows, options) => {
  const all = ranked(rows);
  const limit = options.limit;
  const data = limit !== undefined && limit > 0 ? all.slice(0, Math.floor(limit)) : all;
  if (data.length === 0) return emptyChart(options);
  const { width, compact } = widthAndLayout(options);
  const band = compact ? 24 : 26;
  const legend = bottomLegend(
    [
      { label: '本期', color: COLORS.current },
      { label: options.previousLabel ?? '去年同期', color: COLORS.flat, shape: 'dash' },
    ],
    width,
  );
  const marginBottom = X_AXIS_ROOM + legend.height;
  const height = chartHeight(options, data.length * band + 12 + marginBottom);
  const nameRoom = Math.min(compact ? 84 : 168, maxTextWidth(data.map((r) => r.name)));
  const names = new Map(data.map((r) => [r.name, fitText(r.name, nameRoom)]));
  const marginLeft = nameRoom + 14;
  const marginRight = maxTextWidth(data.map((r) => r.changeText)) + 14;
  const plotWidth = width - marginLeft - marginRight;
  const max = Math.max(...data.map(reach));
  const reserve = maxTextWidth(data.map((r) => valueText(r.value, options.unit))) + 8;
  const rank = new Map(data.map((r, i) => [r.name, i + 1]));
  const current = '本期';
  const previous = options.previousLabel ?? '去年同期';
  const title = (r: RankedBarsRow) => barTitle(r, rank.get(r.name) ?? 0, options);
  const top = data
    .slice(0, 3)
    .map((r) => `${r.name}${valueText(r.value, options.unit)}（${r.changeText}）`);
  const frame = { width, height, marginLeft, marginRight, marginTop: 8, marginBottom };
  return {
    ...baseSpec(options, frame, `共${all.length}项，居前的是${top.join('、')}。`),
    y: {
      domain: data.map((r) => r.name),
      label: null,
      tickSize: 0,
      padding: 0.25,
      tickFormat: (name: string) => names.get(name) ?? name,
    },
    x: barCountScale(max, plotWidth, options.unit, reserve),
    color: { domain: [current, previous], range: [COLORS.current, COLORS.flat] },
    marks: [
      Plot.barX(data, {
        y: 'name',
        x: 'value',
        fill: () => current,
        title,
        ...tipOption(options),
        ...(options.drillParam === undefined
          ? {}
          : {
              href: (r: RankedBarsRow) =>
                `?${new URLSearchParams({ [options.drillParam ?? '']: r.name }).toString()}`,
            }),
      }),
      Plot.tickX(
        data.filter((r) => r.previous !== null && Number.isFinite(r.previous)),
        {
          y: 'name',
          x: 'previous',
          stroke: () => previous,
          strokeWidth: 2,
          strokeDasharray: '3 2',
          title,
        },
      ),
      Plot.text(data, {
        y: 'name',
        x: reach,
        text: (r: RankedBarsRow) => valueText(r.value, options.unit),
        textAnchor: 'start',
        dx: 4,
        ariaHidden: 'true',
      }),
      Plot.text(data, {
        y: 'name',
        frameAnchor: 'right',
        textAnchor: 'start',
        dx: 8,
        text: 'changeText',
        fill: (r: RankedBarsRow) => changeColor(r.changeSign),
        title,
      }),
      Plot.ruleX([0]),
      legend.mark,
    ],
  };
};

export const rankedBarsTable: ChartTable<RankedBarsRow, RankedBarsOptions> = (rows, options) => {
  return {
    headers: ['名次', '名称', '本期', options.previousLabel ?? '去年同期', '增减'],
    rows: ranked(rows).map((r, i) => [
      String(i + 1),
      r.name,
      valueText(r.value, options.unit),
      previousText(r, options),
      r.changeText,
    ]),
  };
};
