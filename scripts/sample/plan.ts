/**
 * What the sample contains, period by period: exact counts (the default size reproduces the
 * reference briefing's figures by construction), then slots dealt out to months.
 */
import type { Counts } from '../../src/lib/counts.ts';
import type { Channel, Level } from '../../src/lib/schema.ts';
import { MONTHS, monthOfYear, yearOfMonth } from './dates.ts';
import { apportion, shuffle, splitTotal, type Rng } from './prng.ts';
import plan from './plan.json' with { type: 'json' };

export type UpperLevel = '进京' | '赴省' | '到市';
export type OtherChannel = '来信' | '网上信访' | '电话';

export interface VisitSpec extends Counts {
  /** The visits of 5 persons or more; null = none (every visit has at most 4 persons). */
  collective: Counts | null;
}

export interface PeriodSpec {
  /** First and last month index (inclusive). */
  from: number;
  to: number;
  visits: Record<Level, VisitSpec>;
  others: Record<OtherChannel, number>;
  persuaded: Record<UpperLevel, Counts>;
  /** persons null = free. */
  leaderReceived: { batches: number; persons: number | null };
  leaderCases: { total: number; resolved: number };
  supervised: { total: number; resolved: number };
}

const LEVEL_KEYS = ['进京', '赴省', '到市', '本级'] as const;
const UPPER_KEYS = ['进京', '赴省', '到市'] as const;
const OTHER_KEYS = ['来信', '网上信访', '电话'] as const;

/** A visit spec as plan.json writes it: no `collective` = none. */
const visitSpec = (s: Counts & { collective?: Counts }): VisitSpec => ({
  ...s,
  collective: s.collective ?? null,
});

/** The default sample (plan.json): 2022 full year, 2023 1-9月, 2023 10-12月, 2024 1-9月. */
const DEFAULT_PERIODS: readonly PeriodSpec[] = plan.map((p) => ({
  ...p,
  visits: Object.fromEntries(
    LEVEL_KEYS.map((level) => [level, visitSpec(p.visits[level])]),
  ) as Record<Level, VisitSpec>,
}));

function periodRecords(spec: PeriodSpec): number {
  let n = 0;
  for (const level of LEVEL_KEYS) n += spec.visits[level].batches;
  for (const channel of OTHER_KEYS) n += spec.others[channel];
  for (const level of UPPER_KEYS) n += spec.persuaded[level].batches;
  return n;
}

export const DEFAULT_RECORDS = DEFAULT_PERIODS.reduce((n, p) => n + periodRecords(p), 0);

/** A period's counts × `f` (rounded), its months unchanged. */
function scalePeriod(p: PeriodSpec, f: number): PeriodSpec {
  const r = (x: number): number => Math.round(x * f);
  const visits = {} as Record<Level, VisitSpec>;
  for (const level of LEVEL_KEYS) {
    const s = p.visits[level];
    const batches = r(s.batches);
    const collective =
      s.collective === null
        ? null
        : {
            batches: Math.min(batches, r(s.collective.batches)),
            persons: r(s.collective.persons),
          };
    visits[level] = { batches, persons: r(s.persons), collective };
  }
  const persuaded = {} as PeriodSpec['persuaded'];
  for (const level of UPPER_KEYS) {
    persuaded[level] = {
      batches: r(p.persuaded[level].batches),
      persons: r(p.persuaded[level].persons),
    };
  }
  return {
    from: p.from,
    to: p.to,
    visits,
    others: { 来信: r(p.others.来信), 网上信访: r(p.others.网上信访), 电话: r(p.others.电话) },
    persuaded,
    leaderReceived: {
      batches: r(p.leaderReceived.batches),
      persons: p.leaderReceived.persons === null ? null : r(p.leaderReceived.persons),
    },
    leaderCases: { total: r(p.leaderCases.total), resolved: r(p.leaderCases.resolved) },
    supervised: { total: r(p.supervised.total), resolved: r(p.supervised.resolved) },
  };
}

/**
 * The default periods scaled to `records` clean records in all (same shape, exact total). A
 * sample of more than the default 33 months (`months`) goes on with the last year's pattern:
 * each October–December as 2023's, each January–September as 2024's, a last part-period cut in
 * proportion.
 */
export function scaledPeriods(records: number, months: number = MONTHS): PeriodSpec[] {
  const periods =
    records === DEFAULT_RECORDS
      ? DEFAULT_PERIODS.map((p) => structuredClone(p))
      : DEFAULT_PERIODS.map((p) => scalePeriod(p, records / DEFAULT_RECORDS));
  if (records !== DEFAULT_RECORDS) {
    const last = periods[periods.length - 1] as PeriodSpec;
    const diff = records - periods.reduce((n, p) => n + periodRecords(p), 0);
    last.others.网上信访 = Math.max(0, last.others.网上信访 + diff);
  }
  const [quarter, year] = [periods[2] as PeriodSpec, periods[3] as PeriodSpec];
  for (let from = MONTHS; from < months;) {
    const template = monthOfYear(from) === 10 ? quarter : year;
    const length = template.to - template.from + 1;
    const to = Math.min(from + length, months) - 1;
    const part = scalePeriod(template, (to - from + 1) / length);
    periods.push({ ...part, from, to });
    from = to + 1;
  }
  return periods;
}

/** Bits of Slot.flags. */
export const LEADER_RECEIVED = 1;
export const LEADER_CASE = 2;
export const SUPERVISED = 4;
export const RESOLVED = 8;

/** One future record: what the figures depend on is fixed here; the rest is filled per month. */
export interface Slot {
  persuaded: boolean;
  channel: Channel;
  /** null: drawn when filled (non-visit records). */
  level: Level | null;
  persons: number;
  flags: number;
  month: number;
  day: number;
}

/** Month weights: seasonality, the trend, and a few events. */
function monthWeight(
  m: number,
  kind: 'visit' | 'other' | 'persuaded',
  level: Level | null,
): number {
  const season = [1.1, 0.8, 1.15, 1.05, 1, 1, 1.05, 1, 0.95, 0.85, 1, 1.15][
    monthOfYear(m) - 1
  ] as number;
  let w = season * (1 + 0.006 * m);
  const year = yearOfMonth(m);
  const moy = monthOfYear(m);
  if ((year === 2022 || year === 2024) && moy === 2) w *= 0.8;
  if (kind !== 'other' && year === 2022 && (moy === 4 || moy === 5 || moy === 12)) w *= 0.7;
  if (level === '进京' && moy === 3) w *= 1.6;
  if (kind === 'persuaded' && level === '进京' && year === 2022 && moy === 10) w *= 2.5;
  if (kind === 'other') w *= 1 + 0.004 * m;
  return w;
}

/** Persons of `count` persuaded-back batches summing to `total`: mostly 1–4, groups when needed. */
function persuadedPersons(rng: Rng, count: number, total: number): number[] {
  if (count === 0) return [];
  if (total <= count * 2) return splitTotal(rng, count, total, 1, 4);
  let groups = Math.min(count, Math.ceil((total - 2 * count) / 12));
  for (;;) {
    const small = count - groups;
    const smallTotal = Math.min(Math.max(Math.round(small * 1.8), small), total - groups * 5);
    const bigTotal = total - smallTotal;
    if (groups === count || bigTotal <= groups * 60) {
      return [
        ...splitTotal(rng, small, smallTotal, 1, 4),
        ...splitTotal(
          rng,
          groups,
          bigTotal,
          5,
          Math.max(60, Math.ceil(bigTotal / Math.max(groups, 1))),
        ),
      ];
    }
    groups++;
  }
}

function visitPersons(rng: Rng, spec: VisitSpec): number[] {
  const collective = spec.collective ?? { batches: 0, persons: 0 };
  const small = spec.batches - collective.batches;
  return [
    ...splitTotal(rng, small, spec.persons - collective.persons, 1, 4),
    ...splitTotal(rng, collective.batches, collective.persons, 5, Math.max(40, collective.persons)),
  ];
}

/** Picks `n` of `items` without replacement (order random). */
function choose<T>(rng: Rng, items: readonly T[], n: number): T[] {
  return shuffle(rng, [...items]).slice(0, Math.max(0, Math.min(n, items.length)));
}

/** Deals slots to months by quota (largest remainder over the month weights), in random order. */
function dealMonths(
  rng: Rng,
  slots: Slot[],
  from: number,
  to: number,
  kind: 'visit' | 'other' | 'persuaded',
): void {
  const level = slots[0]?.level ?? null;
  const months = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const quotas = apportion(
    slots.length,
    months.map((m) => monthWeight(m, kind, level)),
  );
  shuffle(rng, slots);
  let k = 0;
  months.forEach((m, i) => {
    for (let q = 0; q < (quotas[i] as number); q++) (slots[k++] as Slot).month = m;
  });
}

/** All slots of one period, each with its month (days are set when the month is filled). */
export function periodSlots(rng: Rng, spec: PeriodSpec): Slot[] {
  const slot = (
    persuaded: boolean,
    channel: Channel,
    level: Level | null,
    persons: number,
  ): Slot => ({
    persuaded,
    channel,
    level,
    persons,
    flags: 0,
    month: spec.from,
    day: 0,
  });
  const visitsByLevel = LEVEL_KEYS.map((level) =>
    visitPersons(rng, spec.visits[level]).map((p) => slot(false, '来访', level, p)),
  );
  const othersByChannel = OTHER_KEYS.map((channel) =>
    Array.from({ length: spec.others[channel] }, () => slot(false, channel, null, 1)),
  );
  const persuadedByLevel = UPPER_KEYS.map((level) =>
    persuadedPersons(rng, spec.persuaded[level].batches, spec.persuaded[level].persons).map((p) =>
      slot(true, '来访', level, p),
    ),
  );

  // 领导接访: some small 本级 visits, the rest letters/online/phone cases met in person.
  const others = othersByChannel.flat();
  const lr = spec.leaderReceived;
  const localVisits = (visitsByLevel[3] as Slot[]).filter((s) => s.persons <= 2);
  const fromVisits = choose(rng, localVisits, Math.min(Math.round(lr.batches * 0.1), lr.batches));
  const fromOthers = choose(rng, others, lr.batches - fromVisits.length);
  for (const s of [...fromVisits, ...fromOthers]) s.flags |= LEADER_RECEIVED;
  const received = new Set(fromOthers);
  if (lr.persons !== null) {
    const rest = lr.persons - fromVisits.reduce((n, s) => n + s.persons, 0);
    splitTotal(rng, fromOthers.length, rest, 1, 4).forEach((p, i) => {
      (fromOthers[i] as Slot).persons = p;
    });
  }
  for (const s of others) {
    if (received.has(s) && lr.persons !== null) continue;
    const x = rng();
    s.persons = x < 0.88 ? 1 : x < 0.96 ? 2 : x < 0.99 ? 3 : 4;
  }

  // 领导包案 and 督办: disjoint sets of registrations; the first `resolved` of each are resolved.
  const registered = shuffle(rng, [...visitsByLevel.flat(), ...others]);
  const cases = registered.slice(0, spec.leaderCases.total);
  const supervised = registered.slice(cases.length, cases.length + spec.supervised.total);
  cases.forEach((s, i) => {
    s.flags |= LEADER_CASE | (i < spec.leaderCases.resolved ? RESOLVED : 0);
  });
  supervised.forEach((s, i) => {
    s.flags |= SUPERVISED | (i < spec.supervised.resolved ? RESOLVED : 0);
  });

  for (const group of visitsByLevel) dealMonths(rng, group, spec.from, spec.to, 'visit');
  for (const group of othersByChannel) dealMonths(rng, group, spec.from, spec.to, 'other');
  for (const group of persuadedByLevel) dealMonths(rng, group, spec.from, spec.to, 'persuaded');
  return [...visitsByLevel.flat(), ...others, ...persuadedByLevel.flat()];
}

export function checkPeriods(periods: readonly PeriodSpec[], months: number = MONTHS): void {
  let next = 0;
  for (const p of periods) {
    if (p.from !== next || p.to < p.from) throw new Error('periods must tile the months');
    next = p.to + 1;
  }
  if (next !== months) throw new Error(`periods must cover ${months} months`);
}
