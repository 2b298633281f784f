/** 重点事项: repeat petitions, 领导包案 and 督办 化解率, 领导接访. */
import { MEASURE_UNITS, type Counts } from '../lib/counts.ts';
import { RATE_MEASURES } from '../lib/measures.ts';
import { monthlyQuery, repeatQueries, totalsQuery } from '../lib/queries-dashboard.ts';
import { monthNumber, periodYear, type PageContext, type PageData } from './context.ts';
import { panel } from './panel.ts';
import { countsLabel, isRegistered, num, seriesOf, SIDES, str, sumWhere } from './rows.ts';

const REPEAT = RATE_MEASURES.repeat;
const RESOLUTIONS = [
  ['领导包案', 'leaderCases'],
  ['督办', 'supervised'],
] as const;

export async function focusPage(context: PageContext): Promise<PageData> {
  const { scope, run, measure } = context;
  const { compare } = context.view;
  const repeat = repeatQueries(scope);
  const [totals, monthly, perPetitioner, firstToRepeat] = await Promise.all([
    run(
      totalsQuery(
        scope,
        RESOLUTIONS.flatMap(([, rate]) => [
          RATE_MEASURES[rate].denominator,
          RATE_MEASURES[rate].numerator,
        ]),
      ),
    ),
    run(
      monthlyQuery(scope, {
        counts: [REPEAT.denominator, REPEAT.numerator, 'leader_batches', 'leader_persons'],
        typeOnly: true,
      }),
    ),
    run(repeat.perPetitioner),
    run(repeat.firstToRepeat),
  ]);
  const unit = MEASURE_UNITS[measure];
  const year = periodYear(context);

  const shares = new Map<string, { numerator: number; denominator: number }>();
  for (const row of monthly) {
    if (!isRegistered(row)) continue;
    const month = str(row, 'month');
    const entry = shares.get(month) ?? { numerator: 0, denominator: 0 };
    entry.numerator += num(row, REPEAT.numerator);
    entry.denominator += num(row, REPEAT.denominator);
    shares.set(month, entry);
  }

  const resolution = SIDES.flatMap((side) => {
    const series = seriesOf(side);
    const total = (key: string) => sumWhere(totals, side, isRegistered, key);
    return RESOLUTIONS.flatMap(([key, rate]) => [
      { key, series: `${series}总数`, value: total(RATE_MEASURES[rate].denominator) },
      { key, series: `${series}已化解`, value: total(RATE_MEASURES[rate].numerator) },
    ]);
  });

  const receptions = monthly
    .filter((row) => isRegistered(row))
    .reduce((map, row) => {
      const key = `${str(row, 'side')}|${str(row, 'month')}`;
      const entry = map.get(key) ?? { batches: 0, persons: 0 };
      entry.batches += num(row, 'leader_batches');
      entry.persons += num(row, 'leader_persons');
      return map.set(key, entry);
    }, new Map<string, Counts>());

  return {
    cards: null,
    panels: [
      panel({
        id: 'repeat-share',
        title: '重复信访率',
        chart: 'share-line',
        rows: [...shares]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([month, value]) => ({ month, ...value })),
        options: {
          unit: '批',
          name: '重复信访率',
          label: '重复信访率',
          numeratorLabel: '重复信访',
          denominatorLabel: '登记',
        },
        note: '重复信访：同一信访人此前12个月内（自12个月前的同一日起）就同一类别登记过（导出未注明时由构建推算）。含比较期各月。',
      }),
      panel({
        id: 'per-petitioner',
        title: '人均信访次数（本期）',
        chart: 'grouped-bars',
        rows: perPetitioner.map((row) => ({
          key: str(row, 'bucket'),
          series: '信访人',
          value: num(row, 'petitioners'),
          label: `${num(row, 'petitioners')}人 / ${num(row, 'petitions')}批`,
        })),
        options: {
          unit: '人',
          label: '人均信访次数',
          keyLabel: '本期信访次数',
          series: ['信访人'],
        },
      }),
      panel({
        id: 'first-to-repeat',
        title: '首次信访到再次信访的间隔（本期）',
        chart: 'grouped-bars',
        rows: firstToRepeat.map((row) => ({
          key: str(row, 'bucket'),
          series: '信访人',
          value: num(row, 'petitioners'),
        })),
        options: { unit: '人', label: '首次到再次信访间隔', keyLabel: '间隔', series: ['信访人'] },
      }),
      panel({
        id: 'resolution',
        title: '领导包案与督办化解情况',
        chart: 'grouped-bars',
        rows: resolution,
        options: { unit: '件', label: '领导包案与督办化解情况', keyLabel: '事项' },
      }),
      panel({
        id: 'receptions',
        title: '领导接访月度走势',
        chart: 'trend-yoy',
        rows: [...receptions].map(([key, counts]) => {
          const [side = '', month = ''] = key.split('|');
          return {
            month: monthNumber(month),
            series: seriesOf(side),
            value: counts[measure],
            label: countsLabel(counts),
          };
        }),
        options: { unit, label: '领导接访月度走势', year, subject: '领导接访', compare },
      }),
    ],
  };
}
