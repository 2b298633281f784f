import * as Plot from '@observablehq/plot';
import type { BandPoint } from '../lib/alerts/types.ts';
import {
  baseSpec,
  chartHeight,
  countScale,
  emptyChart,
  tipOption,
  type ChartOptions,
  type ChartSpec,
  type ChartTable,
  widthAndLayout,
} from './common.ts';
import { monthAxis, monthTitle } from './months.ts';
import { COLORS } from './theme.ts';

export interface AlertBandOptions extends ChartOptions {
  /** The series' name: '城关街道·市场监管'. */
  name: string;
}

const BAND = '#dbe4f0';

function pointTitle(p: BandPoint, unit: string): string {
  const expectation =
    p.expected === null
      ? '历史不足，无预期'
      : `预期约${Math.round(p.expected)}${unit}，上限${p.upper}${unit}`;
  return `${monthTitle(p.month)} ${p.observed}${unit}（${expectation}）`;
}

/**
 * An alert's series against its expectation: the band from the expected count to the upper
 * limit, the expected count dashed, the observed counts as a line; months above the limit red.
 * Months without an expectation (short history) have no band.
 */
export const alertBandChart: ChartSpec<BandPoint, AlertBandOptions> = (rows, options) => {
  const points = rows.filter((p) => Number.isFinite(p.observed));
  if (points.length === 0) return emptyChart(options, 160);
  const { width, compact } = widthAndLayout(options);
  const height = chartHeight(options, compact ? 150 : 180);
  const marginLeft = 40;
  const marginRight = 12;
  const judged = points.filter((p) => p.expected !== null && p.upper !== null);
  const above = judged.filter((p) => p.observed > (p.upper ?? Infinity));
  const max = Math.max(0, ...points.map((p) => p.observed), ...judged.map((p) => p.upper ?? 0));
  const last = points[points.length - 1]!;
  const description =
    `${options.name}，${points.length}个月登记数与预期范围；最近一月${pointTitle(last, options.unit)}` +
    (above.length > 0 ? `；${above.length}个月高于上限。` : '。');
  const frame = { width, height, marginLeft, marginRight, marginTop: 16, marginBottom: 28 };
  return {
    ...baseSpec(options, frame, description),
    x: {
      type: 'point',
      ...monthAxis(
        points.map((p) => p.month),
        width - marginLeft - marginRight,
      ),
      label: null,
      padding: 0.4,
    },
    y: countScale(max, height - 44, options.unit),
    marks: [
      Plot.areaY(judged, { x: 'month', y1: 'expected', y2: 'upper', fill: BAND, curve: 'step' }),
      Plot.lineY(judged, {
        x: 'month',
        y: 'expected',
        stroke: COLORS.muted,
        strokeDasharray: '4 3',
        curve: 'step',
      }),
      Plot.ruleY([0]),
      Plot.lineY(points, { x: 'month', y: 'observed', stroke: COLORS.current, strokeWidth: 2 }),
      Plot.dot(points, {
        x: 'month',
        y: 'observed',
        r: compact ? 2.5 : 3,
        fill: (p: BandPoint) =>
          p.upper !== null && p.observed > p.upper ? COLORS.rise : COLORS.current,
        title: (p: BandPoint) => pointTitle(p, options.unit),
        ...tipOption(options),
      }),
    ],
  };
};

/** Month, count, expected and upper limit; 无 where the history was too short to expect. */
export const alertBandTable: ChartTable<BandPoint, AlertBandOptions> = (rows, options) => {
  return {
    headers: ['月份', `登记数（${options.unit}）`, '预期', '上限'],
    rows: rows.map((p) => [
      monthTitle(p.month),
      String(p.observed),
      p.expected === null ? '无' : String(p.expected),
      p.upper === null ? '无' : String(p.upper),
    ]),
  };
};
