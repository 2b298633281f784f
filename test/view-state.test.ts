import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW,
  filterSummary,
  parseViewState,
  resolvePeriod,
  serializeViewState,
  type KnownValues,
} from '../src/lib/view-state.ts';

const known: KnownValues = {
  firstMonth: '2022-01',
  latestMonth: '2024-09',
  categories: ['城乡建设', '市场监管'],
  regions: ['城关街道', '东湖镇'],
  tags: ['两拖欠'],
};

describe('view state in the URL', () => {
  it('reads every filter and writes the same URL back', () => {
    const search =
      '?period=custom&from=2023-10&to=2024-09&cmp=mom&measure=persons&channel=来访&level=赴省&category=城乡建设&region=东湖镇&tag=两拖欠';
    const { state, notes } = parseViewState(search, known);
    expect(notes).toEqual([]);
    expect(state).toMatchObject({
      period: 'custom',
      from: '2023-10',
      level: '赴省',
      tag: '两拖欠',
    });
    expect(decodeURIComponent(serializeViewState(state))).toBe(search);
  });

  it('drops garbage and stale values with a note, keeping the rest', () => {
    const { state, notes } = parseViewState(
      "?level=乡里&region=已撤销镇&category=x';DROP TABLE records;--&measure=persons&period=zzz",
      known,
    );
    expect(state).toEqual({ ...DEFAULT_VIEW, measure: 'persons' });
    expect(notes).toHaveLength(4);
    expect(notes.join('')).toContain('层级');
    expect(notes.join('')).not.toContain('DROP');
  });

  it('falls back to 本年累计 when a custom period is out of the data or reversed', () => {
    expect(parseViewState('?period=custom&from=2024-09&to=2024-01', known).state.period).toBe(
      'ytd',
    );
    const late = parseViewState('?period=custom&from=2024-01&to=2025-03', known);
    expect(late.state.period).toBe('ytd');
    expect(late.notes.length).toBeGreaterThan(0);
  });

  it('the default URL is empty and the default period is 1-9月 against last year', () => {
    expect(serializeViewState(DEFAULT_VIEW)).toBe('');
    expect(resolvePeriod(DEFAULT_VIEW, '2024-09-30')).toMatchObject({
      from: '2024-01',
      to: '2024-09',
      compareFrom: '2023-01',
      compareTo: '2023-09',
    });
    expect(
      resolvePeriod({ ...DEFAULT_VIEW, period: 'last12', compare: 'mom' }, '2024-09-30'),
    ).toMatchObject({
      from: '2023-10',
      compareFrom: '2022-10',
      compareTo: '2023-09',
    });
    expect(filterSummary(DEFAULT_VIEW)).toBe('全部');
  });
});
