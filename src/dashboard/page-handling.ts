/** 办理与考核: 受理 decisions by month, the handling rates over time and by unit. */
import { HANDLING_RATES, RATE_MEASURES, rateOf, type CountName } from '../lib/measures.ts';
import { handlingQueries, monthlyQuery } from '../lib/queries-dashboard.ts';
import { ratePercentText } from '../lib/rates.ts';
import { ACCEPTANCES } from '../lib/schema.ts';
import { NO_DENOMINATOR } from '../lib/figure-columns.ts';
import type { RankedBarsRow } from '../charts/ranked-bars.ts';
import { previousLabel, type PageContext, type PageData } from './context.ts';
import { coveredSeries } from './coverage.ts';
import { timingPanels } from './handling-timing.ts';
import { panel } from './panel.ts';
import { num, str, isRegistered } from './rows.ts';

const ACCEPTANCE_COLUMNS: Record<(typeof ACCEPTANCES)[number], CountName> = {
  受理: 'accepted',
  不予受理: 'not_accepted',
  不再受理: 'not_again',
  待受理: 'pending',
};

/** The per-unit rates chart shows the units with the most items due. */
const UNIT_LIMIT = 12;

export async function handlingPage(context: PageContext): Promise<PageData> {
  const { scope, run } = context;
  const covered = coveredSeries(
    HANDLING_RATES.map((name) => [name, RATE_MEASURES[name].label] as const),
    context.coverage ?? {},
  );
  const rates = covered.shown;
  const rateLabels = rates.map((name) => RATE_MEASURES[name].label);
  const queries = handlingQueries(scope);
  const [monthly, handling, units, timing] = await Promise.all([
    run(monthlyQuery(scope, { counts: Object.values(ACCEPTANCE_COLUMNS), typeOnly: true })),
    run(queries.monthly),
    run(queries.units),
    timingPanels(context),
  ]);
  const acceptanceRows = monthly
    .filter((row) => row['side'] === 'current' && isRegistered(row))
    .flatMap((row) =>
      ACCEPTANCES.map((part) => ({
        x: str(row, 'month'),
        part,
        value: num(row, ACCEPTANCE_COLUMNS[part]),
      })),
    );
  const inPeriod = (month: string) => month >= scope.period.from && month <= scope.period.to;
  const rateRows = handling
    .filter((row) => inPeriod(str(row, 'month')))
    .flatMap((row) =>
      rates.map((name) => {
        const value = rateOf(name, (count) => num(row, count));
        return {
          month: str(row, 'month'),
          rate: RATE_MEASURES[name].label,
          numerator: value.numerator,
          denominator: value.denominator,
        };
      }),
    );
  const unitTotals = (side: 'current' | 'previous') =>
    new Map(
      units
        .filter((row) => row['side'] === side)
        .map((row) => [str(row, 'unit'), rateOf('onTimeClosure', (count) => num(row, count))]),
    );
  const now = unitTotals('current');
  const before = unitTotals('previous');
  const unitRows = [...now]
    .filter(([, value]) => value.denominator > 0)
    .map(([name, value]): RankedBarsRow => {
      const previous = before.get(name);
      const comparable = previous !== undefined && previous.percent !== null;
      const delta = comparable ? (value.percent ?? 0) - (previous.percent ?? 0) : 0;
      return {
        name: `${name}（${value.numerator}/${value.denominator}）`,
        value: value.percent ?? 0,
        previous: previous?.percent ?? null,
        changeText: comparable
          ? `${previousLabel(context)}${ratePercentText(previous)}`
          : '无可比数据',
        // A higher on-time rate is good news: colour it as a fall in petitions would be.
        changeSign: comparable ? (delta > 0 ? -1 : delta < 0 ? 1 : 0) : null,
      };
    })
    .sort((a, b) => a.value - b.value);

  const busiest = units
    .filter((row) => row['side'] === 'current')
    .sort(
      (a, b) =>
        num(b, 'decision_due') +
          num(b, 'closure_due') -
          num(a, 'decision_due') -
          num(a, 'closure_due') || (str(a, 'unit') < str(b, 'unit') ? -1 : 1),
    )
    .slice(0, UNIT_LIMIT);
  const unitRates = busiest.flatMap((row) =>
    rates.map((name) => {
      const value = rateOf(name, (count) => num(row, count));
      return {
        key: str(row, 'unit'),
        series: RATE_MEASURES[name].label,
        value: value.percent ?? 0,
        label: `${ratePercentText(value) ?? NO_DENOMINATOR}（${value.numerator}/${value.denominator}）`,
      };
    }),
  );

  return {
    cards: null,
    panels: [
      panel({
        id: 'acceptance',
        title: '受理情况（按登记月份）',
        chart: 'stacked-bar',
        rows: acceptanceRows,
        options: {
          unit: '件',
          label: '受理情况',
          parts: [...ACCEPTANCES],
          xLabel: '月份',
          orientation: 'vertical',
        },
      }),
      panel({
        id: 'rates',
        title: '办理质量指标月度走势',
        chart: 'rate-lines',
        rows: rateRows,
        options: { unit: '件', label: '办理质量指标', rates: rateLabels },
        note: `${covered.note}及时受理率按受理期限（登记后15日）所在月份、按期办结率按办理期限所在月份、满意率和参评率按办结月份统计。`,
      }),
      panel({
        id: 'unit-rates',
        title: '各责任单位办理质量指标（本期）',
        chart: 'grouped-bars',
        rows: unitRates,
        options: {
          unit: '%',
          label: '各责任单位办理质量指标',
          keyLabel: '责任单位',
          series: rateLabels,
          orientation: 'horizontal',
        },
        note: `${covered.note}到期件最多的${UNIT_LIMIT}个单位${rates.includes('onTimeClosure') ? '；各单位按期办结率见下图' : ''}。`,
      }),
      panel({
        id: 'units',
        title: '各责任单位按期办结率（由低到高）',
        chart: 'ranked-bars',
        rows: unitRows,
        options: {
          unit: '%',
          label: '各责任单位按期办结率',
          previousLabel: previousLabel(context),
        },
      }),
      ...timing,
    ],
  };
}
