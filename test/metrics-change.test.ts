import { describe, expect, it } from 'vitest';
import {
  change,
  changePercentText,
  changeWords,
  pairChangeText,
  pointsChangeWords,
} from '../src/lib/change.ts';
import { decimalFraction, formatScaled, roundScaled } from '../src/lib/decimal.ts';
import { rate, ratePercentText } from '../src/lib/rates.ts';

describe('change', () => {
  it('gives the contract worked examples', () => {
    expect(change(689, 594)).toEqual({ direction: 'up', percent: 16 });
    expect(changePercentText(689, 594)).toBe('16.0%');
    expect(changePercentText(17, 16)).toBe('6.3%');
    expect(changePercentText(102, 42)).toBe('142.9%');
    expect(changePercentText(179, 84)).toBe('113.1%');
    expect(change(179, 84).percent).toBe(113.1);
  });

  it('rounds exact .x5 boundaries half-up where floats would not', () => {
    // 23 ÷ 80 × 100 = 28.75 exactly; Math.round on the float gives 28.7
    expect(changePercentText(103, 80)).toBe('28.8%');
    expect(changePercentText(121, 80)).toBe('51.3%');
    // 0.05 and 1.15 exactly
    expect(changePercentText(2001, 2000)).toBe('0.1%');
    expect(changePercentText(2023, 2000)).toBe('1.2%');
    // just below a boundary stays down: 1 ÷ 2001 × 100 = 0.04997…
    expect(changePercentText(2002, 2001)).toBe('0.0%');
  });

  it('rounds decreases half-up on the magnitude and keeps the sign in JSON', () => {
    expect(change(15, 16)).toEqual({ direction: 'down', percent: -6.3 });
    expect(changePercentText(15, 16)).toBe('6.3%');
    expect(change(57, 80)).toEqual({ direction: 'down', percent: -28.8 });
    expect(change(0, 7)).toEqual({ direction: 'down', percent: -100 });
  });

  it('gives no percentage when the previous value is 0', () => {
    expect(change(5, 0)).toEqual({ direction: 'up', percent: null });
    expect(change(0, 0)).toEqual({ direction: 'flat', percent: null });
    expect(changePercentText(5, 0)).toBeNull();
    expect(change(8, 8)).toEqual({ direction: 'flat', percent: 0 });
  });

  it('refuses non-integers', () => {
    expect(() => change(1.5, 2)).toThrow(/整数/);
  });
});

describe('change words (one zero rule for every card, chart and briefing)', () => {
  const words = (current: number, previous: number, compare: 'yoy' | 'mom' = 'yoy') => {
    const { text, sign } = changeWords(current, previous, compare);
    return [text, sign];
  };

  it('rounds half-up to one decimal, exactly', () => {
    expect(words(689, 594)).toEqual(['上升16.0%', 1]);
    expect(words(901, 816)).toEqual(['上升10.4%', 1]);
    expect(words(17, 16)).toEqual(['上升6.3%', 1]);
    expect(words(31, 32)).toEqual(['下降3.1%', -1]);
    expect(words(0, 5)).toEqual(['下降100.0%', -1]);
  });

  it('says 持平, and the contract’s 去年同期为0 (上期为0 under 环比) without a percentage', () => {
    expect(words(5, 5)).toEqual(['持平', 0]);
    expect(words(0, 0)).toEqual(['持平', 0]);
    expect(words(0, 0, 'mom')).toEqual(['持平', 0]);
    expect(words(5, 0)).toEqual(['去年同期为0', null]);
    expect(words(5, 0, 'mom')).toEqual(['上期为0', null]);
    // a card still colours a rise from 0 as a rise
    expect(changeWords(5, 0, 'yoy').direction).toBe('up');
  });

  it('pairs batches and persons, and says a zero base once', () => {
    const p = { batches: 594, persons: 816 };
    expect(pairChangeText({ batches: 689, persons: 901 }, p, 'yoy', false)).toBe(
      '分别上升16.0%和10.4%',
    );
    expect(pairChangeText({ batches: 689, persons: 901 }, p, 'yoy', true)).toBe(
      '批次、人次分别上升16.0%和10.4%',
    );
    expect(pairChangeText({ batches: 500, persons: 816 }, p, 'yoy', true)).toBe(
      '批次下降15.8%、人次持平',
    );
    expect(
      pairChangeText({ batches: 16, persons: 17 }, { batches: 15, persons: 18 }, 'yoy', false),
    ).toBe('批次上升6.7%、人次下降5.6%');
    expect(
      pairChangeText({ batches: 21, persons: 21 }, { batches: 20, persons: 20 }, 'yoy', true),
    ).toBe('批次、人次均上升5.0%');
    expect(pairChangeText(p, p, 'yoy', false)).toBe('均持平');
    const none = { batches: 0, persons: 0 };
    expect(pairChangeText({ batches: 3, persons: 4 }, none, 'yoy', true)).toBe('去年同期为0');
    expect(pairChangeText({ batches: 3, persons: 4 }, none, 'mom', false)).toBe('上期为0');
  });

  it('states a change of rates in 个百分点 from the rates as shown', () => {
    const points = (
      now: [number, number],
      before: [number, number],
      compare: 'yoy' | 'mom' = 'yoy',
    ) => pointsChangeWords(rate(...now), rate(...before), compare).text;
    // 2/6 = 33.3%, 1/6 = 16.7%: 16.6 points, where floats give 16.599…
    expect(points([2, 6], [1, 6])).toBe('上升16.6个百分点');
    expect(points([1, 6], [2, 6])).toBe('下降16.6个百分点');
    expect(points([7, 8], [14, 16])).toBe('持平');
    expect(points([24, 25], [0, 0])).toBe('去年同期无');
    expect(points([24, 25], [0, 0], 'mom')).toBe('上期无');
    // nothing to divide by now: no change to state, whatever the comparison had
    expect(points([0, 0], [1, 2])).toBe('—');
    expect(points([0, 0], [0, 0])).toBe('—');
  });
});

describe('exact decimals', () => {
  it('rounds and formats fixed-point integers', () => {
    expect(roundScaled(95, 84, 3)).toBe(1131);
    expect(roundScaled(-1, 16, 3)).toBe(-63);
    expect(formatScaled(1131, 1)).toBe('113.1');
    expect(formatScaled(-5, 1)).toBe('-0.5');
    expect(formatScaled(0, 3)).toBe('0.000');
    expect(formatScaled(2229, 3)).toBe('2.229');
  });

  it('reads config decimals as exact fractions', () => {
    expect(decimalFraction(1.2)).toEqual({ numerator: 12, denominator: 10 });
    expect(decimalFraction(0.5)).toEqual({ numerator: 5, denominator: 10 });
    expect(decimalFraction(2)).toEqual({ numerator: 2, denominator: 1 });
    expect(() => decimalFraction(Number.NaN)).toThrow();
  });
});

describe('rate', () => {
  it('carries numerator and denominator and a one-decimal percent', () => {
    expect(rate(24, 25)).toEqual({ numerator: 24, denominator: 25, percent: 96 });
    expect(ratePercentText(rate(24, 25))).toBe('96.0%');
    expect(rate(36, 41).percent).toBe(87.8);
    expect(rate(1, 16).percent).toBe(6.3);
    expect(rate(2, 3).percent).toBe(66.7);
    expect(rate(0, 9).percent).toBe(0);
  });

  it('has no percent when nothing was counted', () => {
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, percent: null });
    expect(ratePercentText(rate(0, 0))).toBeNull();
  });
});
