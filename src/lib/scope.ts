/**
 * What a figure is counted over: one filter shape for the report, the dashboard and the URL, and
 * the two sides of a comparison.
 */
import type { ReportPeriod } from './periods.ts';
import { CHANNELS, LEVELS, type Channel, type Level } from './schema.ts';

/** The record filters; null = all. */
export interface RecordFilter {
  channel: Channel | null;
  level: Level | null;
  category: string | null;
  region: string | null;
  tag: string | null;
}

export type FilterKey = keyof RecordFilter;

export const FILTER_KEYS: readonly FilterKey[] = ['channel', 'level', 'category', 'region', 'tag'];

export const NO_FILTER: RecordFilter = {
  channel: null,
  level: null,
  category: null,
  region: null,
  tag: null,
};

/** A period with its comparison, and the filters. */
export interface DashboardScope extends RecordFilter {
  period: ReportPeriod;
}

/** The period (current) and the one it is compared with (previous). */
export type Side = 'current' | 'previous';

export const SIDES = ['current', 'previous'] as const satisfies readonly Side[];

/**
 * A filter from text (the report command's options): blank means all; a channel or level outside
 * the vocabulary is refused with the values allowed.
 */
export function parseFilter(values: Partial<Record<FilterKey, string | null>>): RecordFilter {
  const text = (key: FilterKey): string | null => values[key]?.trim() || null;
  const channel = text('channel');
  const level = text('level');
  if (channel !== null && !isChannel(channel)) {
    throw new Error(`渠道只能是 ${CHANNELS.join('、')}，收到：${channel}`);
  }
  if (level !== null && !isLevel(level)) {
    throw new Error(`层级只能是 ${LEVELS.join('、')}，收到：${level}`);
  }
  return { channel, level, category: text('category'), region: text('region'), tag: text('tag') };
}

function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}
