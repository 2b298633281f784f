import { describe, expect, it } from 'vitest';
import {
  addMonths,
  comparedPeriod,
  comparisonPeriod,
  cutoffDay,
  dateRange,
  isMonth,
  lastDay,
  monthCount,
  nextDay,
  periodLabel,
  reportPeriod,
  yearToDate,
} from '../src/lib/periods.ts';
import { endsBeforeCutoff, ReportInputError, resolvePeriod } from '../src/lib/report.ts';
import {
  DEFAULT_VIEW,
  resolvePeriod as resolveView,
  type PeriodKind,
} from '../src/lib/view-state.ts';

describe('periods', () => {
  it('labels periods like the briefings', () => {
    expect(periodLabel({ from: '2024-01', to: '2024-09' })).toBe('1-9月');
    expect(periodLabel({ from: '2024-09', to: '2024-09' })).toBe('9月');
    expect(periodLabel({ from: '2023-10', to: '2024-09' })).toBe('2023年10月-2024年9月');
    expect(periodLabel({ from: '2024-01', to: '2024-09' }, true)).toBe('2024年1-9月');
    expect(periodLabel({ from: '2024-12', to: '2024-12' }, true)).toBe('2024年12月');
  });

  it('compares 同比 with the same months a year earlier', () => {
    expect(comparisonPeriod({ from: '2024-01', to: '2024-09' }, 'yoy')).toEqual({
      from: '2023-01',
      to: '2023-09',
    });
    expect(comparisonPeriod({ from: '2023-10', to: '2024-09' }, 'yoy')).toEqual({
      from: '2022-10',
      to: '2023-09',
    });
  });

  it('compares 环比 with the preceding period of the same length, across year ends', () => {
    expect(comparisonPeriod({ from: '2024-04', to: '2024-06' }, 'mom')).toEqual({
      from: '2024-01',
      to: '2024-03',
    });
    expect(comparisonPeriod({ from: '2024-01', to: '2024-01' }, 'mom')).toEqual({
      from: '2023-12',
      to: '2023-12',
    });
    expect(comparisonPeriod({ from: '2024-01', to: '2024-03' }, 'mom')).toEqual({
      from: '2023-10',
      to: '2023-12',
    });
    expect(comparisonPeriod({ from: '2024-01', to: '2024-09' }, 'mom')).toEqual({
      from: '2023-04',
      to: '2023-12',
    });
  });

  it('does month and day arithmetic without time zones', () => {
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(addMonths('2023-12', 13)).toBe('2025-01');
    expect(monthCount({ from: '2023-10', to: '2024-09' })).toBe(12);
    expect(dateRange({ from: '2024-10', to: '2024-12' })).toEqual({
      start: '2024-10-01',
      end: '2025-01-01',
    });
    expect(lastDay('2024-02')).toBe('2024-02-29');
    expect(lastDay('2023-02')).toBe('2023-02-28');
    expect(lastDay('1900-02')).toBe('1900-02-28');
    expect(lastDay('2000-02')).toBe('2000-02-29');
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2024-02-29')).toBe('2024-03-01');
    expect(nextDay('2024-12-31')).toBe('2025-01-01');
    expect(() => nextDay('2023-02-29')).toThrow(/不存在/);
  });

  it('accepts only YYYY-MM months', () => {
    expect(isMonth('2024-09')).toBe(true);
    for (const bad of ['2024-9', '2024-13', '2024-00', '202409', '2024-09-01']) {
      expect(isMonth(bad)).toBe(false);
    }
  });

  it('defaults to 本年累计 compared 同比', () => {
    expect(yearToDate('2024-09')).toEqual({ from: '2024-01', to: '2024-09' });
    expect(resolvePeriod({}, '2024-09-30')).toEqual({
      from: '2024-01',
      to: '2024-09',
      compareFrom: '2023-01',
      compareTo: '2023-09',
      compare: 'yoy',
      throughDay: null,
    });
  });

  it('fills a missing end of the requested period', () => {
    expect(resolvePeriod({ from: '2023-10' }, '2024-09-30')).toMatchObject({
      from: '2023-10',
      to: '2024-09',
    });
    expect(resolvePeriod({ to: '2024-06' }, '2024-09-30')).toMatchObject({
      from: '2024-01',
      to: '2024-06',
    });
    expect(resolvePeriod({ from: '2024-07', to: '2024-09', compare: 'mom' }, '2024-09-30')).toEqual(
      reportPeriod({ from: '2024-07', to: '2024-09' }, 'mom'),
    );
  });

  it('refuses bad requests with an input error', () => {
    expect(() => resolvePeriod({ from: '2024-10', to: '2024-09' }, '2024-09-30')).toThrow(
      ReportInputError,
    );
    expect(() => resolvePeriod({ from: '2025-01' }, '2024-09-30')).toThrow(/晚于数据的最后月份/);
    expect(() => resolvePeriod({ from: '2024-1' }, '2024-09-30')).toThrow(/YYYY-MM/);
  });
});

/** Both sides' [start, end) dates and labels, as the queries and the labels read them. */
function sides(period: ReturnType<typeof reportPeriod>) {
  const other = comparedPeriod(period);
  return {
    current: dateRange(period),
    previous: dateRange(other),
    label: `${periodLabel(period, true)}（${period.compare === 'yoy' ? '同比' : '环比'}：${periodLabel(other, true)}）`,
  };
}

describe('the like-for-like rule: a cut-off inside the last month cuts both periods', () => {
  it('compares 1月1日-7日 with the same days a year earlier', () => {
    const period = resolvePeriod({}, '2020-01-07');
    expect(period).toMatchObject({ from: '2020-01', to: '2020-01', throughDay: 7 });
    expect(sides(period)).toEqual({
      current: { start: '2020-01-01', end: '2020-01-08' },
      previous: { start: '2019-01-01', end: '2019-01-08' },
      label: '2020年1月1日-7日（同比：2019年1月1日-7日）',
    });
  });

  it('cuts 环比 of a partial month at the same day of the month before', () => {
    const period = resolvePeriod({ compare: 'mom' }, '2020-01-07');
    expect(sides(period)).toEqual({
      current: { start: '2020-01-01', end: '2020-01-08' },
      previous: { start: '2019-12-01', end: '2019-12-08' },
      label: '2020年1月1日-7日（环比：2019年12月1日-7日）',
    });
    const quarter = reportPeriod({ from: '2024-01', to: '2024-03' }, 'mom', '2024-03-20');
    expect(sides(quarter)).toEqual({
      current: { start: '2024-01-01', end: '2024-03-21' },
      previous: { start: '2023-10-01', end: '2023-12-21' },
      label: '2024年1月1日-3月20日（环比：2023年10月1日-12月20日）',
    });
  });

  it('keeps whole months when the cut-off is the last day of its month', () => {
    for (const cutoff of ['2024-03-31', '2024-09-30', '2023-02-28', '2024-02-29']) {
      const period = resolvePeriod({}, cutoff);
      expect(period.throughDay).toBeNull();
      expect(dateRange(period).end).toBe(nextDay(cutoff));
      expect(cutoffDay(cutoff.slice(0, 7), cutoff)).toBeNull();
    }
    expect(sides(resolvePeriod({}, '2024-09-30')).label).toBe('2024年1-9月（同比：2023年1-9月）');
  });

  it('ends a shorter comparison month on its own last day', () => {
    // 2024-02-28 is not the last day of a leap February; 2023 has 28 days: the whole month.
    expect(sides(resolvePeriod({}, '2024-02-28'))).toEqual({
      current: { start: '2024-01-01', end: '2024-02-29' },
      previous: { start: '2023-01-01', end: '2023-03-01' },
      label: '2024年1月1日-2月28日（同比：2023年1月1日-2月28日）',
    });
    // 3月30日 against February (29 days in 2024): February through its last day.
    const march = reportPeriod({ from: '2024-03', to: '2024-03' }, 'mom', '2024-03-30');
    expect(sides(march)).toEqual({
      current: { start: '2024-03-01', end: '2024-03-31' },
      previous: { start: '2024-02-01', end: '2024-03-01' },
      label: '2024年3月1日-30日（环比：2024年2月1日-29日）',
    });
  });

  it('applies to every period kind of the site that ends in the cut-off month', () => {
    const cutoff = '2020-01-07';
    const labels = (['ytd', 'last12', 'lastMonth'] as PeriodKind[]).map(
      (kind) => sides(resolveView({ ...DEFAULT_VIEW, period: kind }, cutoff)).label,
    );
    expect(labels).toEqual([
      '2020年1月1日-7日（同比：2019年1月1日-7日）',
      '2019年2月1日-2020年1月7日（同比：2018年2月1日-2019年1月7日）',
      '2020年1月1日-7日（同比：2019年1月1日-7日）',
    ]);
    const custom = { ...DEFAULT_VIEW, period: 'custom' as const, from: '2019-11', to: '2020-01' };
    expect(sides(resolveView({ ...custom, compare: 'mom' }, cutoff)).label).toBe(
      '2019年11月1日-2020年1月7日（环比：2019年8月1日-10月7日）',
    );
    // a custom period that ends before the cut-off's month keeps whole months
    const earlier = resolveView({ ...custom, to: '2019-12' }, cutoff);
    expect(earlier.throughDay).toBeNull();
    expect(endsBeforeCutoff(earlier, cutoff)).toBe(true);
    expect(endsBeforeCutoff(resolveView(DEFAULT_VIEW, cutoff), cutoff)).toBe(false);
  });

  it('refuses a cut-off that is not a date', () => {
    expect(() => reportPeriod({ from: '2024-01', to: '2024-09' }, 'yoy', '2024-09')).toThrow(
      /YYYY-MM-DD/,
    );
    expect(() => cutoffDay('2024-02', '2024-02-30')).toThrow(/YYYY-MM-DD/);
  });
});
