/** 属地: regions ranked with their change, levels by region (越级 share), region × category. */
import { MEASURE_UNITS } from '../lib/counts.ts';
import { breakdownQuery, crossQuery } from '../lib/queries-dashboard.ts';
import { LEVELS } from '../lib/schema.ts';
import { previousLabel, type PageContext, type PageData } from './context.ts';
import { rankedRows } from './change-row.ts';
import { panel } from './panel.ts';
import type { RankedBarsRow } from '../charts/ranked-bars.ts';
import { groupCounts, num, str } from './rows.ts';

export async function regionsPage(context: PageContext): Promise<PageData> {
  const { scope, run, measure } = context;
  const unit = MEASURE_UNITS[measure];
  const [byRegion, cross] = await Promise.all([
    run(breakdownQuery(scope, 'region', { byChannelAndLevel: true })),
    run(crossQuery(scope, 'region')),
  ]);
  const ranking = rankedRows(context, byRegion, 'region');
  const order = ranking.map((row) => row.name);
  const levelRows = byRegion
    .filter((row) => row['side'] === 'current' && row['channel'] === '来访')
    .map((row) => ({ x: str(row, 'region'), part: str(row, 'level'), value: num(row, measure) }));

  const categoryTotals = new Map<string, number>();
  for (const row of cross) {
    const name = str(row, 'category');
    categoryTotals.set(name, (categoryTotals.get(name) ?? 0) + num(row, measure));
  }
  const categoryOrder = [...categoryTotals].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  const cells = cross.map((row) => ({
    month: str(row, 'category'),
    row: str(row, 'region'),
    value: num(row, measure),
  }));

  const population = context.population ?? {};
  const now = groupCounts(byRegion, 'current', 'region');
  const before = groupCounts(byRegion, 'previous', 'region');
  const perTenThousand = (count: number, residents: number) =>
    Math.round((count * 10_000 * 100) / residents) / 100;
  const perCapita: RankedBarsRow[] = order
    .filter((name) => (population[name] ?? 0) > 0)
    .map((name): RankedBarsRow => {
      const residents = population[name] ?? 1;
      const value = perTenThousand(now.get(name)?.[measure] ?? 0, residents);
      const previous = perTenThousand(before.get(name)?.[measure] ?? 0, residents);
      return {
        name,
        value,
        previous,
        changeText: `${previousLabel(context)}${previous}`,
        changeSign: value > previous ? 1 : value < previous ? -1 : 0,
      };
    })
    .sort((a, b) => b.value - a.value);

  return {
    cards: null,
    panels: [
      ...(perCapita.length > 0
        ? [
            panel({
              id: 'per-capita',
              title: `各${context.regionLabel}每万人信访量`,
              chart: 'ranked-bars',
              rows: perCapita,
              options: {
                unit: `${unit}/万人`,
                label: `各${context.regionLabel}每万人信访量`,
                previousLabel: previousLabel(context),
              },
              note: '按站点配置的常住人口计算。',
            }),
          ]
        : []),
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
        title: `${context.regionLabel} × 问题类别`,
        chart: 'heatmap',
        rows: cells,
        options: {
          unit,
          label: `${context.regionLabel}与问题类别热力图`,
          rowLabel: context.regionLabel,
          rowOrder: order,
          columns: categoryOrder,
        },
      }),
    ],
  };
}
