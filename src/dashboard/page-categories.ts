/** 问题类别: categories ranked with their change, month × category, small multiples, drill into one. */
import { breakdownQuery, crossQuery } from '../lib/queries-dashboard.ts';
import { rankedRows } from './change-row.ts';
import { MEASURE_UNITS, previousLabel, type PageContext, type PageData } from './context.ts';
import { compareWords } from '../lib/wording.ts';
import { panel, type Panel } from './panel.ts';
import { groupCounts, num, str } from './rows.ts';

export async function categoriesPage(context: PageContext): Promise<PageData> {
  const { scope, run, measure } = context;
  const unit = MEASURE_UNITS[measure];
  const zeroText = compareWords(context.view.compare).previousZero;
  const [byCategory, cross] = await Promise.all([
    run(breakdownQuery(scope, 'category')),
    run(crossQuery(scope, 'month')),
  ]);
  const ranking = rankedRows(
    groupCounts(byCategory, 'current', 'category'),
    groupCounts(byCategory, 'previous', 'category'),
    measure,
    zeroText,
  );
  const cells = cross.map((row) => ({
    month: str(row, 'month'),
    row: str(row, 'category'),
    value: num(row, measure),
  }));
  const order = ranking.map((row) => row.name);
  const top = new Set(order.slice(0, 8));

  const panels: Panel[] = [
    panel({
      id: 'ranking',
      title: '问题类别排名',
      chart: 'ranked-bars',
      rows: ranking,
      options: {
        unit,
        label: '问题类别排名',
        previousLabel: previousLabel(context),
        drillParam: 'category',
      },
      note: scope.category
        ? `已选“${scope.category}”，排名仍列出全部类别以便比较。`
        : '点击条形或下方类别名称可钻取。',
    }),
    panel({
      id: 'heatmap',
      title: '月份 × 问题类别',
      chart: 'heatmap',
      rows: cells,
      options: { unit, label: '月份与问题类别热力图', rowLabel: '问题类别', rowOrder: order },
    }),
    panel({
      id: 'multiples',
      title: '主要问题类别月度走势',
      chart: 'small-multiples',
      rows: cells
        .filter((cell) => top.has(cell.row))
        .map((cell) => ({ name: cell.row, month: cell.month, value: cell.value })),
      options: {
        unit,
        label: '主要问题类别月度走势',
        order: order.slice(0, 8),
        nameLabel: '问题类别',
      },
    }),
  ];

  if (scope.category) {
    const [subs, regions, levels] = await Promise.all([
      run(breakdownQuery(scope, 'subcategory')),
      run(breakdownQuery({ ...scope }, 'region')),
      run(breakdownQuery({ ...scope }, 'level')),
    ]);
    panels.push(
      panel({
        id: 'drill-subcategory',
        title: `${scope.category}：二级分类`,
        chart: 'ranked-bars',
        rows: rankedRows(
          groupCounts(subs, 'current', 'subcategory'),
          groupCounts(subs, 'previous', 'subcategory'),
          measure,
          zeroText,
        ),
        options: {
          unit,
          label: `${scope.category}二级分类`,
          previousLabel: previousLabel(context),
        },
        ...(scope.tag ? { note: '按专项标签筛选时，二级分类不再区分标签。' } : {}),
      }),
      panel({
        id: 'drill-level',
        title: `${scope.category}：走访层级`,
        chart: 'ranked-bars',
        rows: rankedRows(
          groupCounts(levels, 'current', 'level', (row) => row['channel'] === '来访'),
          groupCounts(levels, 'previous', 'level', (row) => row['channel'] === '来访'),
          measure,
          zeroText,
        ),
        options: {
          unit,
          label: `${scope.category}走访层级`,
          previousLabel: previousLabel(context),
        },
      }),
      panel({
        id: 'drill-region',
        title: `${scope.category}：${context.regionLabel}`,
        chart: 'ranked-bars',
        rows: rankedRows(
          groupCounts(regions, 'current', 'region'),
          groupCounts(regions, 'previous', 'region'),
          measure,
          zeroText,
        ),
        options: {
          unit,
          label: `${scope.category}属地分布`,
          previousLabel: previousLabel(context),
        },
      }),
    );
  }
  return { cards: null, panels };
}
