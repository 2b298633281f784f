/** 总览: headline cards, the monthly trend against last year, the level pyramid, rising categories. */
import { MEASURE_UNITS } from '../lib/counts.ts';
import { BATCHES_AND_PERSONS } from '../lib/measures.ts';
import { breakdownQuery, monthlyQuery, totalsQuery } from '../lib/queries-dashboard.ts';
import { LEVELS } from '../lib/schema.ts';
import { COMPARE_LABELS } from '../lib/view-state.ts';
import { headlineCards } from './cards.ts';
import { rankedRows } from './change-row.ts';
import {
  monthNumber,
  periodYear,
  previousLabel,
  type PageContext,
  type PageData,
} from './context.ts';
import { panel } from './panel.ts';
import { barOf, countsLabel, groupCounts, isRegistered, isVisit, SIDES, seriesOf } from './rows.ts';

export async function overviewPage(context: PageContext): Promise<PageData> {
  const { scope, run, measure } = context;
  const [totals, monthly, categories] = await Promise.all([
    run(totalsQuery(scope, [...BATCHES_AND_PERSONS, 'repeat_batches'])),
    run(monthlyQuery(scope, { counts: BATCHES_AND_PERSONS, typeOnly: true })),
    run(breakdownQuery(scope, 'category')),
  ]);
  const unit = MEASURE_UNITS[measure];
  const year = periodYear(context);

  const trendRows = SIDES.flatMap((side) => {
    const byMonth = groupCounts(monthly, side, 'month', isRegistered);
    return [...byMonth].map(([month, counts]) => ({
      month: monthNumber(month),
      series: seriesOf(side),
      value: counts[measure],
      label: countsLabel(counts),
    }));
  });

  const pyramidRows = SIDES.flatMap((side) => {
    const byLevel = groupCounts(totals, side, 'level', isVisit);
    return LEVELS.map((level) => ({
      level,
      series: seriesOf(side),
      ...barOf(byLevel.get(level), measure),
    }));
  });

  const { compare } = context.view;
  const rising = rankedRows(context, categories, 'category')
    .filter((row) => row.value > row.previous)
    .sort((a, b) => b.value - b.previous - (a.value - a.previous) || b.value - a.value);

  return {
    cards: headlineCards(totals, measure, context.view.compare, context.coverage),
    panels: [
      panel({
        id: 'trend',
        title: '登记信访月度走势',
        chart: 'trend-yoy',
        rows: trendRows,
        options: { unit, label: '登记信访月度走势', year, subject: '登记', compare },
      }),
      panel({
        id: 'pyramid',
        title: '走访层级分布（倒金字塔）',
        chart: 'level-pyramid',
        rows: pyramidRows,
        options: { unit, label: '走访层级分布', compare },
        note: '进京、赴省、到市为越级走访；上层变宽即越级上行加重。',
      }),
      panel({
        id: 'rising',
        title: `${COMPARE_LABELS[compare]}上升的问题类别`,
        chart: 'ranked-bars',
        rows: rising,
        options: { unit, label: '上升的问题类别', limit: 8, previousLabel: previousLabel(context) },
      }),
    ],
  };
}
