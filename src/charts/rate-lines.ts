import * as Plot from '@observablehq/plot';
import {
  baseSpec,
  emptyChart,
  finiteRows,
  ordered,
  tipOption,
  type ChartOptions,
  type ChartSpec,
  type ChartTable,
  widthAndLayout,
} from './common.ts';
import { rateValue, type RateValue } from './format.ts';
import { monthAxis, monthSpan, monthTitle } from './months.ts';
import { percentScale } from './percent.ts';
import { lineChartFrame } from './legend.ts';
import { COLORS, PALETTE } from './theme.ts';

/** One rate in one month ('YYYY-MM'), from its counts. */
export interface RateLinesRow {
  month: string;
  rate: string;
  numerator: number;
  denominator: number;
}

export interface RateLinesOptions extends ChartOptions {
  /** Line order and legend order; `unit` is the counts' unit ('件'). */
  rates?: readonly string[] | undefined;
}

/** The data contract's rates in the order the reports give them. */
const RATE_ORDER = ['及时受理率', '按期办结率', '满意率', '参评率', '重复信访率'] as const;

export interface RatePoint extends RateValue {
  month: string;
  rate: string;
}

/** Every month from first to last for every rate; no row means 0 / 0 (no percentage). */
function ratePoints(rows: readonly RateLinesRow[], options: RateLinesOptions) {
  const data = finiteRows(rows, 'numerator', 'denominator');
  const months = monthSpan(data.map((r) => r.month));
  const rates = ordered(
    data.map((r) => r.rate),
    options.rates ?? RATE_ORDER,
  );
  const points: RatePoint[] = rates.flatMap((rate) =>
    months.map((month) => {
      const own = data.filter((r) => r.month === month && r.rate === rate);
      const numerator = own.reduce((sum, r) => sum + r.numerator, 0);
      const denominator = own.reduce((sum, r) => sum + r.denominator, 0);
      return { month, rate, ...rateValue(numerator, denominator, options.unit) };
    }),
  );
  return { months, rates, points };
}

function pointTitle(p: RatePoint): string {
  return `${monthTitle(p.month)} ${p.rate} ${p.detail}`;
}

/** One or several rates over time, 0–100%; a month whose denominator is 0 leaves a gap. */
export const rateLinesChart: ChartSpec<RateLinesRow, RateLinesOptions> = (rows, options) => {
  const { months, rates, points } = ratePoints(rows, options);
  if (points.length === 0) return emptyChart(options);
  const { width, compact } = widthAndLayout(options);
  const colors = rates.map((_, i) => PALETTE[i % PALETTE.length] ?? COLORS.muted);
  const { legend, height, marginBottom } = lineChartFrame(
    options,
    width,
    rates.map((label, i) => ({ label, color: colors[i] ?? COLORS.muted, shape: 'line' as const })),
  );
  const marginLeft = 48;
  const marginRight = 16;
  const axis = monthAxis(months, width - marginLeft - marginRight);
  const drawn = points.filter((p) => p.percent !== null);
  const y = (p: RatePoint) => p.percent ?? Number.NaN;
  const overall = rates.map((rate) => {
    const own = points.filter((p) => p.rate === rate);
    const total = rateValue(
      own.reduce((sum, p) => sum + p.numerator, 0),
      own.reduce((sum, p) => sum + p.denominator, 0),
      options.unit,
    );
    return { rate, total };
  });
  const totals = new Map(overall.map((o) => [o.rate, o.total.detail]));
  const description = `${overall.map((o) => `${o.rate}${o.total.detail}`).join('；')}（${months.length}个月合计）。`;
  const frame = { width, height, marginLeft, marginRight, marginTop: 24, marginBottom };
  return {
    ...baseSpec(options, frame, description),
    x: { type: 'point', ...axis, label: null, padding: 0.4 },
    y: percentScale(100, height - 24 - marginBottom, true),
    color: { domain: rates, range: colors },
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(points, {
        x: 'month',
        y,
        z: 'rate',
        stroke: 'rate',
        strokeWidth: 2,
        title: (p: RatePoint) => `${p.rate}：合计${totals.get(p.rate) ?? ''}`,
      }),
      Plot.dot(drawn, {
        x: 'month',
        y,
        fill: 'rate',
        r: compact ? 2.5 : 3,
        title: pointTitle,
        ...tipOption(options),
      }),
      Plot.dot(
        points.filter((p) => p.percent === null),
        { x: 'month', y: () => 0, symbol: 'times', r: 3, stroke: COLORS.muted, title: pointTitle },
      ),
      legend.mark,
    ],
  };
};

export const rateLinesTable: ChartTable<RateLinesRow, RateLinesOptions> = (rows, options) => {
  const { months, rates, points } = ratePoints(rows, options);
  return {
    headers: ['月份', ...rates],
    rows: months.map((month) => [
      monthTitle(month),
      ...rates.map(
        (rate) => points.find((p) => p.month === month && p.rate === rate)?.detail ?? '—',
      ),
    ]),
  };
};
