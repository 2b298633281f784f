import * as Plot from '@observablehq/plot';
import {
  baseSpec,
  chartHeight,
  emptyChart,
  finiteRows,
  tipOption,
  type ChartOptions,
  type ChartSpec,
  type ChartTable,
  widthAndLayout,
} from './common.ts';
import { rateValue, type RateValue } from './format.ts';
import { monthAxis, monthSpan, monthTitle } from './months.ts';
import { percentScale } from './percent.ts';
import { COLORS } from './theme.ts';

/** One month ('YYYY-MM'): the part and the whole, e.g. 越级访 batches of all 走访 batches. */
export interface ShareLineRow {
  month: string;
  numerator: number;
  denominator: number;
}

export interface ShareLineOptions extends ChartOptions {
  /** The share's name: '越级访占走访比重'. `unit` is the unit of the counts: '批'. */
  name: string;
  /** Names of the part and the whole, for the table view: '越级访', '走访'. */
  numeratorLabel?: string | undefined;
  denominatorLabel?: string | undefined;
  /**
   * The months the rows cover (both periods of a comparison). A month between them has no point
   * and breaks the line: it was not counted, so it is neither 0 nor 0 / 0. Unset: every month.
   */
  months?: readonly string[] | undefined;
}

export interface SharePoint extends RateValue {
  month: string;
  /** False for a month between the covered ones (`months`): on the axis, not counted. */
  covered: boolean;
}

/**
 * Every month from first to last; a covered month with no row is 0 / 0 (no percentage). E.g.
 * 本年累计 2024-01…09 against 2023-01…09: 2023-10…12 are on the axis, uncovered.
 */
function sharePoints(rows: readonly ShareLineRow[], options: ShareLineOptions): SharePoint[] {
  const data = finiteRows(rows, 'numerator', 'denominator');
  const covered = options.months === undefined ? null : new Set(options.months);
  const months = covered === null ? data.map((r) => r.month) : [...covered];
  return monthSpan(months).map((month) => {
    const own = data.filter((r) => r.month === month);
    const numerator = own.reduce((sum, r) => sum + r.numerator, 0);
    const denominator = own.reduce((sum, r) => sum + r.denominator, 0);
    return { month, covered: covered?.has(month) ?? true, ...rateValue(numerator, denominator) };
  });
}

function pointTitle(p: SharePoint, options: ShareLineOptions): string {
  const counts = `${p.numerator} / ${p.denominator}${options.unit}`;
  if (p.percent === null) return `${monthTitle(p.month)} ${options.name}：无（${counts}，分母为0）`;
  return `${monthTitle(p.month)} ${options.name} ${p.text}（${counts}）`;
}

/** A share over time as a percent line; months whose whole is 0 leave a gap. */
export const shareLineChart: ChartSpec<ShareLineRow, ShareLineOptions> = (rows, options) => {
  const points = sharePoints(rows, options);
  const counted = points.filter((p) => p.covered);
  if (counted.length === 0) return emptyChart(options);
  const { width, compact } = widthAndLayout(options);
  const height = chartHeight(options, compact ? 220 : 260);
  const marginLeft = 44;
  const marginRight = 16;
  const axis = monthAxis(
    points.map((p) => p.month),
    width - marginLeft - marginRight,
  );
  const drawn = counted.filter((p) => p.percent !== null);
  const numerator = counted.reduce((sum, p) => sum + p.numerator, 0);
  const denominator = counted.reduce((sum, p) => sum + p.denominator, 0);
  const overall = rateValue(numerator, denominator, options.unit);
  const gaps = counted.length - drawn.length;
  const description =
    `${options.name}，${counted.length}个月合计${overall.detail}` +
    (gaps > 0 ? `；${gaps}个月分母为0，未画点。` : '。');
  const y = (p: SharePoint) => p.percent ?? Number.NaN;
  const frame = { width, height, marginLeft, marginRight, marginTop: 24 };
  return {
    ...baseSpec(options, frame, description),
    x: { type: 'point', ...axis, label: null, padding: 0.4 },
    y: percentScale(Math.max(0, ...drawn.map((p) => p.percent ?? 0)), height - 60),
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(points, {
        x: 'month',
        y,
        stroke: COLORS.current,
        strokeWidth: 2.5,
        title: () => `${options.name}：合计${overall.detail}`,
      }),
      Plot.dot(drawn, {
        x: 'month',
        y,
        fill: COLORS.current,
        r: compact ? 3 : 3.5,
        title: (p: SharePoint) => pointTitle(p, options),
        ...tipOption(options),
      }),
      Plot.dot(
        counted.filter((p) => p.percent === null),
        {
          x: 'month',
          y: () => 0,
          symbol: 'times',
          r: 3,
          stroke: COLORS.muted,
          title: (p: SharePoint) => pointTitle(p, options),
        },
      ),
    ],
  };
};

export const shareLineTable: ChartTable<ShareLineRow, ShareLineOptions> = (rows, options) => {
  return {
    headers: [
      '月份',
      options.name,
      options.numeratorLabel ?? '分子',
      options.denominatorLabel ?? '分母',
    ],
    rows: sharePoints(rows, options)
      .filter((p) => p.covered)
      .map((p) => [
        monthTitle(p.month),
        p.text,
        `${p.numerator}${options.unit}`,
        `${p.denominator}${options.unit}`,
      ]),
  };
};
