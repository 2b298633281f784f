/**
 * The totals by type × channel × level × collective (the report's `counts`, 总览's cards) reduced
 * once: 登记, each channel, 走访 by level with its 集体访, 劝返 by level, and every catalog count of
 * the 登记 rows by name. Index 0 is the period, 1 its comparison.
 */
import { COUNT_NAMES, REGISTRATION_TYPE, type CountName } from './measures.ts';
import type { SqlRow } from './query-runner.ts';
import { CHANNELS, LEVELS, type Channel, type Level } from './schema.ts';
import type { Counts } from './counts.ts';

export interface LevelCounts extends Counts {
  collectiveBatches: number;
  collectivePersons: number;
}

type Pair<V> = [V, V];

export interface CountTotals {
  registered: Pair<Counts>;
  channels: Record<Channel, Pair<Counts>>;
  visits: Pair<Counts>;
  levels: Record<Level, Pair<LevelCounts>>;
  persuaded: Record<Level, Pair<Counts>>;
  /** Each catalog count the rows carry, summed over 登记. */
  registeredCounts: Pair<Map<CountName, number>>;
}

function fail(key: string, type: string, value: unknown): never {
  throw new Error(`查询结果列 ${key} 应为${type}，实为 ${String(value)}`);
}

export function int(row: SqlRow, key: string): number {
  const value = row[key];
  return typeof value === 'number' && Number.isInteger(value) ? value : fail(key, '整数', value);
}

export function text(row: SqlRow, key: string): string {
  const value = row[key];
  return typeof value === 'string' ? value : fail(key, '文本', value);
}

function flag(row: SqlRow, key: string): boolean {
  const value = row[key];
  return typeof value === 'boolean' ? value : fail(key, '布尔值', value);
}

/** 0 for the period ('current'), 1 for its comparison ('previous'). */
export function sideIndex(row: SqlRow): 0 | 1 {
  const name = text(row, 'side');
  if (name === 'current') return 0;
  if (name === 'previous') return 1;
  throw new Error(`未知的期间：${name}`);
}

const zero = (): Counts => ({ batches: 0, persons: 0 });
const zeroLevel = (): LevelCounts => ({ ...zero(), collectiveBatches: 0, collectivePersons: 0 });
const pair = <V>(make: () => V): Pair<V> => [make(), make()];

function byKey<K extends string, V>(keys: readonly K[], make: (key: K) => V): Record<K, V> {
  return Object.fromEntries(keys.map((key) => [key, make(key)])) as Record<K, V>;
}

function add(into: Counts, batches: number, persons: number): void {
  into.batches += batches;
  into.persons += persons;
}

export function countTotals(rows: readonly SqlRow[]): CountTotals {
  const totals: CountTotals = {
    registered: pair(zero),
    channels: byKey(CHANNELS, () => pair(zero)),
    visits: pair(zero),
    levels: byKey(LEVELS, () => pair(zeroLevel)),
    persuaded: byKey(LEVELS, () => pair(zero)),
    registeredCounts: [new Map(), new Map()],
  };
  for (const row of rows) {
    const s = sideIndex(row);
    const batches = int(row, 'batches');
    const persons = int(row, 'persons');
    const level = text(row, 'level') as Level;
    const recordType = text(row, 'record_type');
    if (recordType === '劝返') {
      if (totals.persuaded[level]) add(totals.persuaded[level][s], batches, persons);
      continue;
    }
    if (recordType !== REGISTRATION_TYPE) continue;
    add(totals.registered[s], batches, persons);
    const counts = totals.registeredCounts[s];
    for (const count of COUNT_NAMES) {
      if (row[count] !== undefined) counts.set(count, (counts.get(count) ?? 0) + int(row, count));
    }
    const channel = text(row, 'channel') as Channel;
    if (totals.channels[channel]) add(totals.channels[channel][s], batches, persons);
    if (channel !== '来访') continue;
    add(totals.visits[s], batches, persons);
    const atLevel = totals.levels[level]?.[s];
    if (!atLevel) continue;
    add(atLevel, batches, persons);
    if (flag(row, 'collective')) {
      atLevel.collectiveBatches += batches;
      atLevel.collectivePersons += persons;
    }
  }
  return totals;
}

/** A catalog count of the 登记 rows on one side (0 when the rows did not carry it). */
export function registeredCount(totals: CountTotals, s: 0 | 1, count: CountName): number {
  return totals.registeredCounts[s].get(count) ?? 0;
}
