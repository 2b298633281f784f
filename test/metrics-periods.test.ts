import { describe, expect, it } from 'vitest';
import {
  addMonths,
  comparisonPeriod,
  dateRange,
  isMonth,
  lastDay,
  monthCount,
  nextDay,
  periodLabel,
  reportPeriod,
  yearToDate,
} from '../src/lib/periods.ts';
import { ReportInputError, resolvePeriod } from '../src/lib/report.ts';

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
    expect(resolvePeriod({}, '2024-09')).toEqual({
      from: '2024-01',
      to: '2024-09',
      compareFrom: '2023-01',
      compareTo: '2023-09',
      compare: 'yoy',
    });
  });

  it('fills a missing end of the requested period', () => {
    expect(resolvePeriod({ from: '2023-10' }, '2024-09')).toMatchObject({
      from: '2023-10',
      to: '2024-09',
    });
    expect(resolvePeriod({ to: '2024-06' }, '2024-09')).toMatchObject({
      from: '2024-01',
      to: '2024-06',
    });
    expect(resolvePeriod({ from: '2024-07', to: '2024-09', compare: 'mom' }, '2024-09')).toEqual(
      reportPeriod({ from: '2024-07', to: '2024-09' }, 'mom'),
    );
  });

  it('refuses bad requests with an input error', () => {
    expect(() => resolvePeriod({ from: '2024-10', to: '2024-09' }, '2024-09')).toThrow(
      ReportInputError,
    );
    expect(() => resolvePeriod({ from: '2025-01' }, '2024-09')).toThrow(/晚于数据的最后月份/);
    expect(() => resolvePeriod({ from: '2024-1' }, '2024-09')).toThrow(/YYYY-MM/);
  });
});
