import { describe, expect, it } from 'vitest';
import { daysText, timingSummary, TIMINGS } from '../src/lib/handling-time.ts';
import { daysChangeText } from '../src/lib/briefing-figures.ts';

const h = (...pairs: [number, number][]) => pairs.map(([days, records]) => ({ days, records }));

describe('办理时效 from a day-count histogram', () => {
  it('takes the middle value of an odd count', () => {
    expect(timingSummary(h([3, 1], [1, 1], [20, 1]), 15)).toEqual({
      count: 3,
      median: 3,
      within: { numerator: 2, denominator: 3, percent: 66.7 },
      excluded: 0,
    });
  });

  it('takes the mean of the two middle values of an even count', () => {
    expect(timingSummary(h([18, 1], [64, 1]), 60).median).toBe(41);
    expect(timingSummary(h([2, 1], [3, 1]), 60).median).toBe(2.5);
    // buckets: the middle pair may fall in one bucket or straddle two
    expect(timingSummary(h([5, 3], [1, 1]), 15).median).toBe(5);
    expect(timingSummary(h([1, 2], [9, 2]), 15).median).toBe(5);
    expect(daysText(2.5)).toBe('2.5天');
  });

  it('counts the limit day as within it', () => {
    const acceptance = TIMINGS.find((t) => t.key === 'acceptance');
    const closure = TIMINGS.find((t) => t.key === 'closure');
    expect([acceptance?.within, closure?.within]).toEqual([15, 60]);
    expect(timingSummary(h([15, 1], [16, 1]), 15).within).toMatchObject({
      numerator: 1,
      denominator: 2,
    });
  });

  it('has no median and no share when nothing was timed, and leaves out end dates before registration', () => {
    expect(timingSummary([], 15)).toEqual({
      count: 0,
      median: null,
      within: { numerator: 0, denominator: 0, percent: null },
      excluded: 0,
    });
    expect(timingSummary(h([-2, 1], [4, 1]), 15)).toMatchObject({
      count: 1,
      median: 4,
      excluded: 1,
    });
  });

  it('states a change of the median in days', () => {
    const t = (median: number | null) => ({
      count: 1,
      median,
      within: { numerator: 0, denominator: 1, percent: 0 },
      excluded: 0,
    });
    expect(daysChangeText(t(3), t(5))).toBe('缩短2天');
    expect(daysChangeText(t(5.5), t(5))).toBe('延长0.5天');
    expect(daysChangeText(t(5), t(5))).toBe('持平');
    expect(daysChangeText(t(5), t(null))).toBe('—');
  });
});
