/** 属地: regions ranked with their change, levels by region (越级 share), region × category. */
import { breakdownQuery, crossQuery } from '../queries-dashboard.ts';
import { LEVELS } from '../schema.ts';
import { MEASURE_UNITS, previousLabel, type PageContext, type PageData } from './context.ts';
import { rankedRows } from './page-categories.ts';
import { panel } from './panel.ts';
import { groupCounts, num, str } from './rows.ts';

export async function regionsPage(context: PageContext): Promise<PageData> {
  const { scope, run, measure } = context;
  const unit = MEASURE_UNITS[measure];
  const zeroText = context.view.compare === 'yoy' ? '去年同期为0' : '上期为0';
  const [byRegion, cross] = await Promise.all([
    run(breakdownQuery(scope, 'region')),
    run(crossQuery(scope, 'region')),
  ]);
  const ranking = rankedRows(
    groupCounts(byRegion, 'current', 'region'),
    groupCounts(byRegion, 'previous', 'region'),
    measure,
    zeroText,
  );
  const order = ranking.map((row) => row.name);
  const levelRows = byRegion
    .filter((row) => row['side'] === 'current' && row['channel'] === '来访')
    .map((row) => ({ x: str(row, 'region'), part: str(row, 'level'), value: num(row, measure) }));

  const categoryTotals = new Map<string, number>();
  for (const row of cross) {
    const name = str(row, 'category');
    categoryTotals.set(name, (categoryTotals.get(name) ?? 0) + num(row, measure));
  }
  const topCategories = [...categoryTotals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([name]) => name);
  const categoryRows = cross.map((row) => {
    const category = str(row, 'category');
    return {
      x: str(row, 'region'),
      part: topCategories.includes(category) ? category : '其余类别',
      value: num(row, measure),
    };
  });

  return {
    cards: null,
    panels: [
      panel({
        id: 'ranking',
        title: `${context.regionLabel}排名`,
        chart: 'ranked-bars',
        rows: ranking,
        options: {
          unit,
          label: `${context.regionLabel}排名`,
          previousLabel: previousLabel(context),
        },
      }),
      panel({
        id: 'levels',
        title: `各${context.regionLabel}走访层级（越级占比）`,
        chart: 'stacked-bar',
        rows: levelRows,
        options: {
          unit,
          label: `各${context.regionLabel}走访层级`,
          parts: [...LEVELS].reverse(),
          xLabel: context.regionLabel,
          orientation: 'horizontal',
        },
        note: '本级以外的部分即越级访（进京、赴省、到市）。',
      }),
      panel({
        id: 'categories',
        title: `各${context.regionLabel}问题类别构成`,
        chart: 'stacked-bar',
        rows: categoryRows.sort((a, b) => order.indexOf(a.x) - order.indexOf(b.x)),
        options: {
          unit,
          label: `各${context.regionLabel}问题类别构成`,
          parts: [...topCategories, '其余类别'],
          xLabel: context.regionLabel,
          orientation: 'horizontal',
        },
      }),
    ],
  };
}
