/** 问题类别: categories ranked with their change, month × category, small multiples, drill into one. */
import { MEASURE_UNITS } from '../lib/counts.ts';
import { breakdownQuery, crossQuery } from '../lib/queries-dashboard.ts';
import { rankedRows, type CountRankedRow } from './change-row.ts';
import { previousLabel, type PageContext, type PageData } from './context.ts';
import { panel, type Panel } from './panel.ts';
import { num, str } from './rows.ts';

export async function categoriesPage(context: PageContext): Promise<PageData> {
  const { scope, run, measure } = context;
  const unit = MEASURE_UNITS[measure];
  const [byCategory, cross] = await Promise.all([
    run(breakdownQuery(scope, 'category')),
    run(crossQuery(scope, 'month')),
  ]);
  const ranking = rankedRows(context, byCategory, 'category');
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
    const drill = (id: string, title: string, label: string, rows: CountRankedRow[]) =>
      panel({
        id: `drill-${id}`,
        title: `${scope.category}：${title}`,
        chart: 'ranked-bars',
        rows,
        options: {
          unit,
          label: `${scope.category}${label}`,
          previousLabel: previousLabel(context),
        },
      });
    panels.push(
      {
        ...drill('subcategory', '二级分类', '二级分类', rankedRows(context, subs, 'subcategory')),
        ...(scope.tag ? { note: '按专项标签筛选时，二级分类不再区分标签。' } : {}),
      },
      drill(
        'level',
        '走访层级',
        '走访层级',
        rankedRows(context, levels, 'level', (row) => row['channel'] === '来访'),
      ),
      drill('region', context.regionLabel, '属地分布', rankedRows(context, regions, 'region')),
    );
  }
  return { cards: null, panels };
}
