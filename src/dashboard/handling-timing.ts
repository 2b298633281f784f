/** 办理时效 panels of 办理与考核: shares within the limits by month, medians by month and unit. */
import type { GroupedBarsRow } from '../charts/grouped-bars.ts';
import type { RateLinesRow } from '../charts/rate-lines.ts';
import {
  histograms,
  timingSummary,
  TIMINGS,
  type DayCount,
  type Timing,
  type TimingDefinition,
  type TimingKey,
} from '../lib/handling-time.ts';
import { timingQueries } from '../lib/queries-dashboard.ts';
import type { SqlRow } from '../lib/query-runner.ts';
import { TIMING_FIGURES } from '../lib/figure-columns.ts';
import { periodYear, type PageContext } from './context.ts';
import { coveredSeries } from './coverage.ts';
import { panel, type Panel } from './panel.ts';
import { num, str } from './rows.ts';

/** The per-unit chart shows the units with the most records timed. */
const UNIT_LIMIT = 12;

const NOTE =
  '用时从登记日期算起：受理用时到受理日期（受理的件），办结用时到办结日期；按受理或办结日期所在期间、月份统计；中位数为居中一件的天数（偶数件取居中两件的平均）。';

function summaries(
  rows: SqlRow[],
  key: (row: SqlRow) => string,
): Map<string, Map<TimingKey, Timing>> {
  const grouped = histograms(
    rows.map((row) => ({
      measure: str(row, 'measure') as TimingKey,
      days: num(row, 'days'),
      records: num(row, 'records'),
      key: key(row),
    })),
  );
  const out = new Map<string, Map<TimingKey, Timing>>();
  for (const timing of TIMINGS) {
    for (const [name, histogram] of grouped.get(timing.key) ?? new Map<string, DayCount[]>()) {
      const byMeasure = out.get(name) ?? new Map<TimingKey, Timing>();
      out.set(name, byMeasure);
      byMeasure.set(timing.key, timingSummary(histogram, timing.within));
    }
  }
  return out;
}

/** A median bar only where there is a median: a unit or month with no timed record has none. */
function medianRows(
  timings: readonly TimingDefinition[],
  key: string,
  byMeasure: Map<TimingKey, Timing> | undefined,
): GroupedBarsRow[] {
  return timings.flatMap((timing) => {
    const value = byMeasure?.get(timing.key);
    if (!value || value.median === null) return [];
    return [
      {
        key,
        series: `${timing.label}中位数`,
        value: value.median,
        label: `${value.median}天（${value.count}件）`,
      },
    ];
  });
}

export async function timingPanels(context: PageContext): Promise<Panel[]> {
  const { scope, run } = context;
  const covered = coveredSeries(
    TIMINGS.map((t) => [TIMING_FIGURES[t.key], `${t.label}、${t.withinLabel}`] as const),
    context.coverage ?? {},
  );
  const timings = TIMINGS.filter((t) => covered.shown.includes(TIMING_FIGURES[t.key]));
  // A period picked by kind (not typed months) ends in the latest month.
  const latestMonth = context.view.period === 'custom' ? undefined : scope.period.to;
  const queries = timingQueries(scope, latestMonth);
  const [monthly, units] = await Promise.all([run(queries.monthly), run(queries.units)]);
  const byMonth = summaries(monthly, (row) => str(row, 'month'));
  const months = [...byMonth.keys()].sort();
  const year = periodYear(context);
  const monthName = (month: string) =>
    year === undefined
      ? `${month.slice(0, 4)}年${Number(month.slice(5))}月`
      : `${Number(month.slice(5))}月`;
  const rateRows: RateLinesRow[] = months.flatMap((month) =>
    timings.map((timing) => {
      const value = byMonth.get(month)?.get(timing.key);
      return {
        month,
        rate: timing.withinLabel,
        numerator: value?.within.numerator ?? 0,
        denominator: value?.within.denominator ?? 0,
      };
    }),
  );
  const current = summaries(
    units.filter((row) => row['side'] === 'current'),
    (row) => str(row, 'unit'),
  );
  const timed = (name: string) =>
    TIMINGS.reduce((sum, timing) => sum + (current.get(name)?.get(timing.key)?.count ?? 0), 0);
  const busiest = [...current.keys()]
    .sort((a, b) => timed(b) - timed(a) || (a < b ? -1 : 1))
    .slice(0, UNIT_LIMIT);
  const series = timings.map((timing) => `${timing.label}中位数`);
  const note = `${covered.note}${NOTE}`;
  return [
    panel({
      id: 'timing-rates',
      title: `办理时效：${timings.map((t) => t.withinLabel).join('、')}（月度）`,
      chart: 'rate-lines',
      rows: rateRows,
      options: { unit: '件', label: '办理时效', rates: timings.map((t) => t.withinLabel) },
      note,
    }),
    panel({
      id: 'timing-months',
      title: '办理用时中位数（月度）',
      chart: 'grouped-bars',
      rows: months.flatMap((month) => medianRows(timings, monthName(month), byMonth.get(month))),
      options: { unit: '天', label: '办理用时中位数', keyLabel: '月份', series },
      note,
    }),
    panel({
      id: 'timing-units',
      title: '各责任单位办理用时中位数（本期）',
      chart: 'grouped-bars',
      rows: busiest.flatMap((name) => medianRows(timings, name, current.get(name))),
      options: {
        unit: '天',
        label: '各责任单位办理用时中位数',
        keyLabel: '责任单位',
        series,
        orientation: 'horizontal',
      },
      note: `计时件数最多的${UNIT_LIMIT}个单位。${note}`,
    }),
  ];
}
