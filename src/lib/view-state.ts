/**
 * The dashboard's view lives in the URL: page filters as query parameters. Parsing is strict:
 * an unknown or stale value is dropped with a note, never passed on (and never into SQL text).
 */
import { MEASURES, type Measure } from './counts.ts';
import { CHANNELS, LEVELS, type Channel, type Level } from './schema.ts';
import type { RecordFilter } from './scope.ts';
import {
  addMonths,
  compareMonths,
  COMPARES,
  isMonth,
  reportPeriod,
  yearToDate,
  type Compare,
  type Period,
  type ReportPeriod,
} from './periods.ts';

export const PERIOD_KINDS = ['ytd', 'last12', 'lastMonth', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  ytd: '本年累计',
  last12: '近12个月',
  lastMonth: '上月',
  custom: '自定义',
};
export const COMPARE_LABELS: Record<Compare, string> = { yoy: '同比', mom: '环比' };
export const MEASURE_LABELS: Record<Measure, string> = { batches: '批次', persons: '人次' };

export interface ViewState {
  period: PeriodKind;
  from: string | null;
  to: string | null;
  compare: Compare;
  measure: Measure;
  channel: Channel | null;
  level: Level | null;
  category: string | null;
  region: string | null;
  tag: string | null;
}

/** What the data holds: only these values are accepted from a URL. */
export interface KnownValues {
  firstMonth: string;
  latestMonth: string;
  categories: readonly string[];
  regions: readonly string[];
  tags: readonly string[];
}

export const DEFAULT_VIEW: ViewState = {
  period: 'ytd',
  from: null,
  to: null,
  compare: 'yoy',
  measure: 'batches',
  channel: null,
  level: null,
  category: null,
  region: null,
  tag: null,
};

/** Each part of the view and its name in the URL (and in the filter form). */
export const VIEW_PARAMS = {
  period: 'period',
  from: 'from',
  to: 'to',
  compare: 'cmp',
  measure: 'measure',
  channel: 'channel',
  level: 'level',
  category: 'category',
  region: 'region',
  tag: 'tag',
} as const;

const FILTER_LABELS = {
  period: '时段',
  from: '起始月',
  to: '截止月',
  compare: '比较方式',
  measure: '口径',
  channel: '信访形式',
  level: '层级',
  category: '问题类别',
  region: '属地',
  tag: '专项标签',
} as const;

function oneOf<T extends string>(values: readonly T[], value: string): T | null {
  return (values as readonly string[]).includes(value) ? (value as T) : null;
}

export function parseViewState(
  search: string,
  known: KnownValues,
): { state: ViewState; notes: string[] } {
  const params = new URLSearchParams(search);
  const state: ViewState = { ...DEFAULT_VIEW };
  const notes: string[] = [];
  const take = <K extends keyof ViewState>(
    key: K,
    accept: (raw: string) => ViewState[K] | null,
  ): void => {
    const raw = params.get(VIEW_PARAMS[key]);
    if (raw === null || raw === '') return;
    const value = accept(raw.trim());
    if (value === null) notes.push(`链接中的${FILTER_LABELS[key]}参数无效或已过时，已忽略。`);
    else state[key] = value;
  };
  const inData = (raw: string): string | null =>
    isMonth(raw) &&
    compareMonths(raw, known.firstMonth) >= 0 &&
    compareMonths(raw, known.latestMonth) <= 0
      ? raw
      : null;

  take('period', (raw) => oneOf(PERIOD_KINDS, raw));
  take('compare', (raw) => oneOf(COMPARES, raw));
  take('measure', (raw) => oneOf(MEASURES, raw));
  take('channel', (raw) => oneOf(CHANNELS, raw));
  take('level', (raw) => oneOf(LEVELS, raw));
  take('category', (raw) => oneOf(known.categories, raw));
  take('region', (raw) => oneOf(known.regions, raw));
  take('tag', (raw) => oneOf(known.tags, raw));
  if (state.period === 'custom') {
    take('from', inData);
    take('to', inData);
    if (!state.from || !state.to || compareMonths(state.from, state.to) > 0) {
      if (params.has(VIEW_PARAMS.from) || params.has(VIEW_PARAMS.to)) {
        notes.push('自定义时段不完整或起止颠倒，已改为本年累计。');
      }
      state.period = 'ytd';
      state.from = null;
      state.to = null;
    }
  }
  return { state, notes: [...new Set(notes)] };
}

/** Only what differs from the default goes into the URL, in a fixed order. */
export function serializeViewState(state: ViewState): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(VIEW_PARAMS) as (keyof ViewState)[]) {
    if ((key === 'from' || key === 'to') && state.period !== 'custom') continue;
    const value = state[key];
    if (value !== null && value !== DEFAULT_VIEW[key]) params.set(VIEW_PARAMS[key], String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** `cutoff`: the data's last registration day, 'YYYY-MM-DD'; its month is the latest month. */
export function resolvePeriod(state: ViewState, cutoff: string): ReportPeriod {
  const latestMonth = cutoff.slice(0, 7);
  const months = (): Period => {
    switch (state.period) {
      case 'last12':
        return { from: addMonths(latestMonth, -11), to: latestMonth };
      case 'lastMonth':
        return { from: latestMonth, to: latestMonth };
      case 'custom':
        return state.from && state.to
          ? { from: state.from, to: state.to }
          : yearToDate(latestMonth);
      case 'ytd':
        return yearToDate(latestMonth);
    }
  };
  return reportPeriod(months(), state.compare, cutoff);
}

/** A one-line summary of the active filters, for chart cards, exports, print and the briefing. */
export function filterSummary(
  state: Pick<ViewState, 'channel' | 'level' | 'category' | 'region' | 'tag'> | RecordFilter,
): string {
  const parts = [
    state.channel,
    state.level,
    state.category,
    state.region,
    state.tag ? `标签：${state.tag}` : null,
  ].filter((part): part is string => part !== null);
  return parts.length ? parts.join(' · ') : '全部';
}
