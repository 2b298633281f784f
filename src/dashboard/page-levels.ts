/** 走访层级: each level's cumulative trend against the comparison, 登记 beside 劝返, 集体访, 越级 share. */
import { MEASURE_UNITS } from '../lib/counts.ts';
import { BATCHES_AND_PERSONS } from '../lib/measures.ts';
import { monthlyQuery, totalsQuery } from '../lib/queries-dashboard.ts';
import { LEVELS } from '../lib/schema.ts';
import { monthSpan } from '../charts/months.ts';
import { COMPARE_LABELS } from '../lib/view-state.ts';
import { monthNumber, periodYear, type PageContext, type PageData } from './context.ts';
import { panel, type Panel } from './panel.ts';
import {
  barOf,
  groupCounts,
  isCollective,
  isPersuaded,
  isUpward,
  isVisit,
  num,
  seriesOf,
  SIDES,
  str,
} from './rows.ts';

export async function levelsPage(context: PageContext): Promise<PageData> {
  const { scope, run, measure } = context;
  const { compare } = context.view;
  const [totals, monthly, allLevels] = await Promise.all([
    run(totalsQuery(scope, BATCHES_AND_PERSONS)),
    run(monthlyQuery(scope, { counts: BATCHES_AND_PERSONS })),
    scope.level ? run(monthlyQuery(scope, { except: 'level', counts: BATCHES_AND_PERSONS })) : null,
  ]);
  const unit = MEASURE_UNITS[measure];
  const year = periodYear(context);
  const levels = scope.level ? [scope.level] : [...LEVELS];

  // Each side runs through its period's last month, a month without a visit adding 0: the cut-off
  // month's total is then set against the comparison's, also when one of them had no visit.
  const lastMonths = { current: scope.period.to, previous: scope.period.compareTo };
  const cumulativePanels: Panel[] = levels.map((level) =>
    panel({
      id: `cumulative-${level}`,
      title: `${level}走访累计走势`,
      chart: 'cumulative',
      rows: SIDES.flatMap((side) =>
        [
          ...groupCounts(monthly, side, 'month', (row) => isVisit(row) && row['level'] === level),
          [lastMonths[side], { batches: 0, persons: 0 }] as const,
        ].map(([month, counts]) => ({
          month: monthNumber(month),
          series: seriesOf(side),
          value: counts[measure],
        })),
      ),
      options: { unit, label: `${level}走访累计走势`, year, subject: level, compare },
    }),
  );

  const registeredByLevel = groupCounts(totals, 'current', 'level', isVisit);
  const persuadedByLevel = groupCounts(totals, 'current', 'level', isPersuaded);
  const registeredVsPersuaded = levels.flatMap((level) =>
    (
      [
        ['走访登记', registeredByLevel],
        ['劝返', persuadedByLevel],
      ] as const
    ).map(([series, map]) => ({ key: level, series, ...barOf(map.get(level), measure) })),
  );

  const collective = SIDES.flatMap((name) => {
    const byLevel = groupCounts(totals, name, 'level', isCollective);
    return levels.map((level) => ({
      key: level,
      series: seriesOf(name),
      ...barOf(byLevel.get(level), measure),
    }));
  });

  const months = new Map<string, { numerator: number; denominator: number }>();
  for (const row of allLevels ?? monthly) {
    if (!isVisit(row)) continue;
    const month = str(row, 'month');
    const entry = months.get(month) ?? { numerator: 0, denominator: 0 };
    entry.denominator += num(row, 'batches');
    if (isUpward(row)) entry.numerator += num(row, 'batches');
    months.set(month, entry);
  }
  const shareRows = [...months]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, value]) => ({ month, ...value }));

  const monthlyByLevel = levels.flatMap((level) =>
    [
      ...groupCounts(monthly, 'current', 'month', (row) => isVisit(row) && row['level'] === level),
    ].map(([month, counts]) => ({ name: level, month, value: counts[measure] })),
  );

  return {
    cards: null,
    panels: [
      panel({
        id: 'monthly',
        title: '各层级走访月度走势（本期）',
        chart: 'small-multiples',
        rows: monthlyByLevel,
        options: { unit, label: '各层级走访月度走势', order: levels, nameLabel: '层级' },
      }),
      ...cumulativePanels,
      panel({
        id: 'persuaded',
        title: '走访登记与劝返（本期）',
        chart: 'grouped-bars',
        rows: registeredVsPersuaded,
        options: {
          unit,
          label: '走访登记与劝返',
          keys: levels,
          series: ['走访登记', '劝返'],
          keyLabel: '层级',
        },
      }),
      panel({
        id: 'collective',
        title: `集体访（${COMPARE_LABELS[compare]}）`,
        chart: 'grouped-bars',
        rows: collective,
        options: { unit, label: '集体访', keys: levels, keyLabel: '层级' },
        note: '集体访：人数达到集体访标准（站点配置，默认5人）的走访批次。',
      }),
      panel({
        id: 'upward-share',
        title: '越级访占走访比重',
        chart: 'share-line',
        rows: shareRows,
        options: {
          unit: '批',
          name: '越级访占走访比重',
          label: '越级访占走访比重',
          numeratorLabel: '越级访',
          denominatorLabel: '走访',
          months: [
            ...monthSpan([scope.period.compareFrom, scope.period.compareTo]),
            ...monthSpan([scope.period.from, scope.period.to]),
          ],
        },
        note: `含本期与比较期各月。越级访：进京、赴省、到市走访。${scope.level ? '此图不按层级筛选。' : ''}`,
      }),
    ],
  };
}
