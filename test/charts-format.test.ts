import { describe, expect, it } from 'vitest';
import { countScale, countTicks } from '../src/charts/common.ts';
import { cumulate } from '../src/charts/cumulative.ts';
import { rateValue } from '../src/charts/format.ts';
import { fitText, textWidth } from '../src/charts/measure.ts';
import { monthAxis, monthSpan } from '../src/charts/months.ts';
import { percentScale } from '../src/charts/percent.ts';

describe('rates', () => {
  it('keeps numerator and denominator with the percentage', () => {
    expect(rateValue(112, 114)).toMatchObject({
      percent: 98.2,
      text: '98.2%',
      detail: '98.2%（112 / 114）',
    });
    expect(rateValue(24, 25, '件').detail).toBe('96.0%（24 / 25件）');
  });

  it('gives no percentage for a zero or invalid denominator', () => {
    expect(rateValue(0, 0, '件')).toMatchObject({
      percent: null,
      text: '无',
      detail: '无（0 / 0件，分母为0）',
    });
    expect(rateValue(3, -1).detail).toBe('无（3 / -1，数据无效）');
  });
});

describe('axes', () => {
  it('count ticks are whole numbers from 0', () => {
    expect(countTicks(0, 4)).toEqual([0, 1]);
    expect(countTicks(3, 5)).toEqual([0, 1, 2, 3]);
    expect(countTicks(102, 3)).toEqual([0, 50, 100, 150]);
    expect(countTicks(23, 4)).toEqual([0, 10, 20, 30]);
  });

  it('a count axis ends at the next tick unless that wastes a quarter of it', () => {
    expect(countScale(102, 300, '批次').domain).toEqual([0, 120]);
    expect(countScale(23, 60, null)).toMatchObject({ domain: [0, 23], ticks: [0, 10, 20] });
  });

  it('percent axes', () => {
    expect(percentScale(90, 300)).toMatchObject({ domain: [0, 100], ticks: [0, 25, 50, 75, 100] });
    expect(percentScale(12, 300)).toMatchObject({ domain: [0, 15], ticks: [0, 5, 10, 15] });
    expect(percentScale(100, 120, true).ticks).toEqual([0, 50, 100]);
  });

  it('month spans fill gaps and ignore what is not a month', () => {
    expect(monthSpan(['2024-02', '2023-11', 'bad', '2024-13'])).toEqual([
      '2023-11',
      '2023-12',
      '2024-01',
      '2024-02',
    ]);
  });

  it('month ticks thin out with width and carry the year where it changes', () => {
    const months = monthSpan(['2023-01', '2024-12']);
    const wide = monthAxis(months, 1600);
    expect(wide.ticks).toHaveLength(24);
    expect(wide.ticks.map(wide.tickFormat).slice(0, 2)).toEqual(['2023年1月', '2月']);
    expect(wide.tickFormat('2024-01')).toBe('2024年1月');
    const narrow = monthAxis(months, 280);
    expect(narrow.ticks.length).toBeLessThan(8);
    expect(narrow.tickFormat(narrow.ticks[0] ?? '')).toBe('2023年1月');
    expect(narrow.ticks.map(narrow.tickFormat).filter((l) => l.includes('2024年'))).toHaveLength(1);
    const spacing = (280 / 24) * months.indexOf(narrow.ticks[1] ?? '');
    const widths = narrow.ticks.map((m) => textWidth(narrow.tickFormat(m)));
    widths.forEach((w, i) => {
      if (i > 0) expect((w + (widths[i - 1] ?? 0)) / 2).toBeLessThan(spacing);
    });
  });
});

describe('text fitting', () => {
  it('counts Chinese characters a full em wide', () => {
    expect(textWidth('城乡建设', 12)).toBe(48);
    expect(textWidth('12', 12)).toBeLessThan(textWidth('上升', 12));
    expect(fitText('劳动和社会保障', 60)).toBe('劳动和社…');
    expect(fitText('政法', 60)).toBe('政法');
  });
});

describe('cumulate', () => {
  it('adds months up from January per series, a missing month adding 0', () => {
    const points = cumulate([
      { month: 3, series: '本期', value: 4 },
      { month: 1, series: '本期', value: 2 },
      { month: 1, series: '同期', value: 1 },
      { month: 13, series: '同期', value: 99 },
    ]);
    expect(points.map((p) => [p.series, p.month, p.total])).toEqual([
      ['本期', 1, 2],
      ['本期', 2, 2],
      ['本期', 3, 6],
      ['同期', 1, 1],
    ]);
  });
});
