import { describe, expect, it } from 'vitest';
import { deriveAlerts, type AlertInput, type WindowRow } from '../src/lib/alerts/detect.ts';
import { countQuantile, upperLimit } from '../src/lib/alerts/limits.ts';
import { DEFAULT_ALERT_OPTIONS as DEFAULT_OPTIONS } from '../src/lib/alerts/options.ts';

const OPTIONS = DEFAULT_OPTIONS;
import { referenceMonths } from '../src/lib/alerts/reference.ts';
import {
  KEY_SEPARATOR,
  denseSeries,
  monthsBetween,
  type CountRow,
  type SeriesDimension,
} from '../src/lib/alerts/series.ts';
import { addMonths, lastDay } from '../src/lib/periods.ts';

const FIRST = '2022-01';

/** A flat seasonal-free series with small wiggles (never above its own limit). */
const FLAT = [9, 11, 10, 8, 12, 10, 9, 11, 10, 10, 9, 11];

function counts(dimension: SeriesDimension, key: string, values: readonly number[]): CountRow[] {
  return values.map((batches, i) => ({
    dimension,
    key,
    month: addMonths(FIRST, i),
    batches,
    persons: batches * 2,
  }));
}

function input(
  rows: CountRow[],
  months: number,
  cutoff?: string,
  windows: WindowRow[] = [],
): AlertInput {
  return {
    firstDay: `${FIRST}-01`,
    cutoff: cutoff ?? lastDay(addMonths(FIRST, months - 1)),
    counts: rows,
    windows,
  };
}

const flat = (months: number): number[] => Array.from({ length: months }, (_, i) => FLAT[i % 12]!);

/** 城关街道·城乡建设's 30-day windows: two or three petitioners, no 集体访. */
const steadyWindows = (months: number): WindowRow[] =>
  Array.from({ length: months }, (_, i) => ({
    region: '城关街道',
    category: '城乡建设',
    month: addMonths(FIRST, i),
    windowEnd: lastDay(addMonths(FIRST, i)),
    petitioners: 2 + (i % 2),
    batches: 3,
    collectiveBatches: 0,
    collectivePersons: 0,
  }));

describe('quantiles (known values from scipy.stats)', () => {
  it('Poisson when the dispersion is 1, negative binomial above', () => {
    expect(countQuantile(0.995, 5, 1)).toBe(12); // poisson.ppf(0.995, 5)
    expect(countQuantile(0.995, 10, 2)).toBe(24); // nbinom.ppf(0.995, 10, 0.5): mean 10, var 20
    expect(countQuantile(0.9, 16, 5)).toBe(28); // nbinom.ppf(0.9, 4, 0.2): mean 16, var 80
    expect(countQuantile(0.995, 0, 3)).toBe(0);
  });
});

describe('upperLimit', () => {
  it('all zeros: nothing expected, limit 0', () => {
    expect(upperLimit([0, 0, 0, 0, 0, 0], 0.995)).toMatchObject({ expected: 0, upper: 0 });
  });
  it('a prediction limit: the mean is estimated from the reference values', () => {
    const limit = upperLimit([10, 10, 10, 10, 10, 10, 10, 10, 10], 0.995);
    expect(limit.expected).toBe(10);
    expect(limit.dispersion).toBe(1);
    expect(limit.upper).toBe(countQuantile(0.995, 10, 1 + 1 / 9));
    expect(limit.upper).toBeGreaterThan(countQuantile(0.995, 10, 1));
  });
  it('over-dispersed references widen the limit', () => {
    const calm = upperLimit([8, 12, 9, 11, 10, 10], 0.995);
    const wild = upperLimit([2, 18, 4, 16, 6, 14], 0.995);
    expect(wild.dispersion).toBeGreaterThan(3);
    expect(wild.upper).toBeGreaterThan(calm.upper + 5);
  });
  it('a past outbreak is left out of the reference', () => {
    const limit = upperLimit([5, 4, 6, 5, 5, 40], 0.995);
    expect(limit.used).toBe(5);
    expect(limit.expected).toBe(5);
  });
  it('a month in progress scales the expectation by the days elapsed', () => {
    const half = upperLimit([10, 10, 10, 10, 10, 10], 0.995, 0.5);
    expect(half.expected).toBe(5);
    expect(half.upper).toBeLessThan(upperLimit([10, 10, 10, 10, 10, 10], 0.995).upper);
  });
});

describe('referenceMonths', () => {
  it('none for a short history, recent months under two years, the same months of earlier years after', () => {
    const OPTIONS = { ...DEFAULT_OPTIONS, window: 1 };
    expect(referenceMonths(5, 0, OPTIONS)).toBeNull();
    expect(referenceMonths(6, 0, OPTIONS)).toEqual({
      baseline: 'recent',
      indexes: [0, 1, 2, 3, 4, 5],
    });
    expect(referenceMonths(20, 0, OPTIONS)?.indexes).toEqual([
      8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
    ]);
    expect(referenceMonths(24, 0, OPTIONS)).toEqual({
      baseline: 'seasonal',
      indexes: [11, 12, 13, 0, 1],
    });
    expect(referenceMonths(40, 0, OPTIONS)?.indexes).toEqual([27, 28, 29, 15, 16, 17, 3, 4, 5]);
    expect(referenceMonths(30, 10, OPTIONS)?.baseline).toBe('recent');
  });
});

describe('denseSeries', () => {
  it('fills the months without 登记 with 0 and knows where a series starts', () => {
    const months = monthsBetween('2022-01', '2022-06');
    const [series] = denseSeries(
      [
        { dimension: 'region', key: 'A', month: '2022-05', batches: 2, persons: 3 },
        { dimension: 'region', key: 'A', month: '2022-03', batches: 1, persons: 1 },
      ],
      months,
    );
    expect(series).toEqual({
      dimension: 'region',
      keys: ['A'],
      start: 2,
      batches: [0, 0, 1, 0, 2, 0],
      persons: [0, 0, 1, 0, 3, 0],
    });
  });
});

describe('deriveAlerts', () => {
  const months = 36;
  it('a flat series raises nothing, nor does one of zeros', () => {
    const rows = [
      ...counts('region', '城关街道', flat(months)),
      ...counts('region', '西山镇', new Array(months).fill(0)),
    ];
    expect(deriveAlerts(input(rows, months), OPTIONS)).toEqual([]);
  });

  it('every kind’s series without its rise raises nothing (the tests below add the rise)', () => {
    const steady = steadyWindows(months);
    const rows = [
      ...counts('region-category', `城关街道${KEY_SEPARATOR}市场监管`, flat(months)),
      ...counts('category', '劳动和社会保障', flat(months)),
      ...counts('tag', '两拖欠', new Array<number>(months).fill(0)),
      ...counts('visits', '东湖镇', new Array<number>(months).fill(20)),
      ...counts(
        'escalated',
        '东湖镇',
        Array.from({ length: months }, (_, i) => (i % 2 === 0 ? 2 : 3)),
      ),
    ];
    expect(deriveAlerts(input(rows, months, undefined, steady), OPTIONS)).toEqual([]);
  });

  it('above expectation: a doubling in the last month, with the sentence', () => {
    const values = flat(months);
    values[months - 1] = 24;
    const alerts = deriveAlerts(
      input(counts('region-category', `城关街道${KEY_SEPARATOR}市场监管`, values), months),
      OPTIONS,
    );
    const batches = alerts.filter((a) => a.measure === 'batches');
    expect(batches).toHaveLength(1);
    const [alert] = batches;
    expect(alert).toMatchObject({
      kind: 'above',
      month: '2024-12',
      observed: 24,
      baseline: 'seasonal',
      runMonths: 1,
    });
    expect(alert!.expected).toBeCloseTo(10, 0);
    expect(alert!.score).toBeGreaterThan(1);
    expect(alert!.sentence).toBe(
      `城关街道·市场监管：12月登记24批，高于近年同期水平（预期约${Math.round(alert!.expected)}批，上限${alert!.upper}批）。`,
    );
    expect(alert!.band).toHaveLength(13);
    expect(alert!.band.at(-1)).toMatchObject({
      month: '2024-12',
      observed: 24,
      upper: alert!.upper,
    });
  });

  it('no alert below the floor (1 → 2 in a quiet series)', () => {
    const values = Array.from({ length: months }, (_, i): number => (i % 4 === 0 ? 1 : 0));
    values[months - 1] = 4;
    expect(deriveAlerts(input(counts('unit', '区住建局', values), months), OPTIONS)).toEqual([]);
  });

  it('sustained rise: three months above the 95% level, none above the limit', () => {
    const values = flat(months);
    // 10 → 17 three months running: above the 95% quantile, below the 99.5% limit.
    values[months - 3] = 17;
    values[months - 2] = 17;
    values[months - 1] = 17;
    const alerts = deriveAlerts(
      input(counts('category', '劳动和社会保障', values), months),
      OPTIONS,
    ).filter((a) => a.measure === 'batches');
    expect(alerts.map((a) => [a.kind, a.month])).toEqual([['sustained', '2024-12']]);
    expect(alerts[0]).toMatchObject({ since: '2024-10', runMonths: 3 });
    expect(alerts[0]!.sentence).toMatch(
      /^劳动和社会保障：12月登记17批，自10月起已连续3个月高于预期（本月预期约\d+批）。$/,
    );
  });

  it('new: quiet for a year, now several batches; a series that starts mid-period is new, not above', () => {
    const values = new Array<number>(months).fill(0);
    for (let i = 20; i < months; i++) values[i] = 6;
    const alerts = deriveAlerts(input(counts('tag', '两拖欠', values), months), OPTIONS);
    expect(alerts.map((a) => [a.kind, a.month])).toEqual([['new', '2023-09']]);
    expect(alerts[0]!.sentence).toBe('“两拖欠”类：此前20个月无登记，9月登记6批。');
  });

  it('new needs the quiet year inside the data', () => {
    const values = new Array<number>(10).fill(0);
    values[9] = 6;
    expect(deriveAlerts(input(counts('tag', '两拖欠', values), 10), OPTIONS)).toEqual([]);
  });

  it('short history: no expectation, no alert', () => {
    const values = [10, 10, 10, 30];
    expect(deriveAlerts(input(counts('region', '东湖镇', values), 4), OPTIONS)).toEqual([]);
  });

  it('a month in progress: half the days with half the count is not a drop, with the full count it is a rise', () => {
    const values = flat(months);
    values[months - 1] = 5;
    const cutoff = `${addMonths(FIRST, months - 1)}-15`; // 15 of 31 days
    const calm = deriveAlerts(input(counts('region', '北塘镇', values), months, cutoff), OPTIONS);
    expect(calm).toEqual([]);
    values[months - 1] = 16;
    const [alert] = deriveAlerts(
      input(counts('region', '北塘镇', values), months, cutoff),
      OPTIONS,
    ).filter((a) => a.measure === 'batches');
    expect(alert).toMatchObject({ kind: 'above', partialThrough: '2024-12-15' });
    expect(alert!.expected).toBeLessThan(6);
    expect(alert!.sentence).toMatch(
      /^北塘镇：12月（截至12月15日）登记16批，高于近年同期水平（按已过天数折算，预期约\d批，上限\d+批）。$/,
    );
  });

  it('escalation: the 越级 share of a region’s visits jumping', () => {
    const visits = new Array<number>(months).fill(20);
    const escalated = Array.from({ length: months }, (_, i): number => (i % 2 === 0 ? 2 : 3));
    escalated[months - 1] = 10;
    const rows = [
      ...counts('visits', '东湖镇', visits),
      ...counts('escalated', '东湖镇', escalated),
    ];
    const alerts = deriveAlerts(input(rows, months), OPTIONS).filter(
      (a) => a.kind === 'escalation',
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.sentence).toMatch(
      /^东湖镇·越级走访占比：12月走访登记20批，其中越级（进京、赴省、到市）10批，占50\.0%，此前12个月为12\.5%（预期约3批，上限\d+批）。$/,
    );
    const flatOnly = [
      ...counts('visits', '东湖镇', visits),
      ...counts('escalated', '东湖镇', escalated.slice(0, -1).concat([3])),
    ];
    expect(
      deriveAlerts(input(flatOnly, months), OPTIONS).filter((a) => a.kind === 'escalation'),
    ).toEqual([]);
  });

  it('collective 苗头: distinct petitioners above their level, or a 集体访 where there was none', () => {
    const windows = steadyWindows(months);
    expect(deriveAlerts(input([], months, undefined, windows), OPTIONS)).toEqual([]);
    windows[months - 1] = {
      ...windows[months - 1]!,
      petitioners: 12,
      batches: 13,
      collectiveBatches: 1,
      collectivePersons: 8,
    };
    const [alert] = deriveAlerts(input([], months, undefined, windows), OPTIONS);
    expect(alert).toMatchObject({ kind: 'collective', observed: 12, month: '2024-12' });
    expect(alert!.sentence).toMatch(
      /^城关街道·城乡建设：截至12月31日的30天内，12名信访人登记13批，高于此前12个月的水平（预期约3人，上限\d+人）；发生集体访1批8人次，此前12个月无集体访。$/,
    );
  });

  it('a unit’s alert says which category and region hold most of its month (its rise is theirs)', () => {
    const unit = flat(months);
    unit[months - 1] = 30;
    const part = (values: number[], share: number) =>
      values.map((v, i) => (i === months - 1 ? Math.round(v * share) : v));
    const rows = [
      ...counts('unit', '区市场监管局', unit),
      // 24 of the 30 are 市场监管 (0.8), 12 in 城关街道 (0.4: not most of it).
      ...counts('unit-category', `区市场监管局${KEY_SEPARATOR}市场监管`, part(unit, 0.8)),
      ...counts('unit-category', `区市场监管局${KEY_SEPARATOR}教育`, part(unit, 0.2)),
      ...counts('unit-region', `区市场监管局${KEY_SEPARATOR}城关街道`, part(unit, 0.4)),
      ...counts('unit-region', `区市场监管局${KEY_SEPARATOR}西山镇`, part(unit, 0.6)),
    ];
    const alerts = deriveAlerts(input(rows, months), OPTIONS);
    // The helper series raise nothing of their own.
    expect(alerts.map((a) => `${a.dimension} ${a.measure}`).sort()).toEqual([
      'unit batches',
      'unit persons',
    ]);
    for (const alert of alerts) {
      expect(alert.mainly).toEqual([{ dimension: 'category', key: '市场监管', share: 0.8 }]);
    }
  });
});
