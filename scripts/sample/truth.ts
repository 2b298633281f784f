/**
 * The clean truth: every record the build must publish, generated month by month (so a million
 * records never sit in memory at once), with the personal data the exports carry beside it.
 */
import type { Channel, Level } from '../../src/lib/schema.ts';
import { CATEGORIES } from '../../src/lib/schema.ts';
import { petitionText } from './content.ts';
import {
  DEFAULT_CALENDAR,
  EXPORT_DAY,
  FIRST_YEAR,
  daysInMonth,
  iso,
  monthOfYear,
  monthStart,
  weekday,
  yearOfMonth,
  ymd,
} from './dates.ts';
import type { Calendar } from './dates.ts';
import { firstFileHasRepeatColumn } from './layout.ts';
import { ID_SPACE, personOf, type Person } from './pii.ts';
import {
  DEFAULT_RECORDS,
  LEADER_CASE,
  LEADER_RECEIVED,
  RESOLVED,
  SUPERVISED,
  checkPeriods,
  periodSlots,
  scaledPeriods,
  type Slot,
} from './plan.ts';
import { chance, int, rngFor, sampler, type Rng, type Weighted } from './prng.ts';
import {
  CATEGORY_WEIGHTS,
  OTHER_LEVELS,
  PURPOSES,
  REGIONS,
  SATISFACTIONS,
  SOURCES_BY_LEVEL,
  SUBCATEGORIES,
  UNITS,
  UNKNOWN_CATEGORY_LABELS,
  regionOffice,
} from './vocab.ts';

export const DEFAULT_SEED = 20241008;

/** A published record as the build must publish it (dates ISO, defaults applied). */
export interface TruthRecord {
  case_id: string;
  /** The raw 信访人证件号码 (the build publishes a pseudonym of it); null when the export has none. */
  petitioner_id: string | null;
  registered_on: string;
  record_type: '登记' | '劝返';
  channel: Channel;
  level: Level;
  persons: number;
  category: string;
  subcategory: string | null;
  tags: string[];
  purpose: string | null;
  region: string;
  unit: string | null;
  source: string;
  acceptance: string;
  accepted_on: string | null;
  due_on: string | null;
  closed_on: string | null;
  satisfaction: string;
  is_repeat: boolean;
  leader_received: boolean;
  leader_case: boolean;
  supervised: boolean;
  resolved: boolean;
}

export interface SampleRecord {
  truth: TruthRecord;
  month: number;
  day: number;
  person: Person | null;
  content: string;
  /** 问题类别 as a current-scheme export writes it (an unknown label for some 其他). */
  categoryLabel: string;
  acceptedDay: number | null;
  dueDay: number | null;
  closedDay: number | null;
  /** false: 办理期限 is left empty (it equals the default, accepted_on + 60). */
  dueWritten: boolean;
  /** 是否重复 as exports with that column give it (may know of petitions before 2022). */
  givenRepeat: boolean;
}

const CATEGORY_INDEX = new Map<string, number>(CATEGORIES.map((c, i) => [c, i]));
const REPEAT_LIMIT = 330;
const REPEAT_GAP_END = 400;

/** Petitioners seen so far, for repeat petitions (state carried from month to month). */
interface Pool {
  seed: number;
  next: number;
  /** First person index of this pool (lastDay and mainCategory are indexed from it). */
  base: number;
  recent: number[];
  window: number;
  /** Day of the person's last registration (0 = none yet). */
  lastDay: Int32Array;
  /** CATEGORIES index + 1 of the person's first registration. */
  mainCategory: Uint8Array;
  lastCategoryDay: Map<number, number>;
  /** The day the exports were taken: handling is as of this day. */
  exportDay: number;
}

function grow(pool: Pool, index: number): void {
  const need = index - pool.base + 1;
  if (need <= pool.lastDay.length) return;
  const size = Math.max(need, pool.lastDay.length * 2);
  const lastDay = new Int32Array(size);
  lastDay.set(pool.lastDay);
  const main = new Uint8Array(size);
  main.set(pool.mainCategory);
  pool.lastDay = lastDay;
  pool.mainCategory = main;
}

const categoryKey = (person: number, category: string): number =>
  person * 32 + (CATEGORY_INDEX.get(category) ?? 31);

/** The category the sample makes rise on purpose: × 1.3 in 2023 and × 2.6 from 2024 on. */
export const RISING_CATEGORY = '市场监管';

const categorySamplers = new Map<number, (rng: Rng) => string>();

function categorySampler(m: number): (rng: Rng) => string {
  let s = categorySamplers.get(m);
  if (s === undefined) {
    const year = yearOfMonth(m);
    const moy = monthOfYear(m);
    const weights: Weighted<string> = CATEGORY_WEIGHTS.map(([c, w]) => {
      let x = w;
      if (c === RISING_CATEGORY) x *= year >= 2024 ? 2.6 : year === 2023 ? 1.3 : 1;
      if (c === '卫生健康' && year === 2022) x *= 1.5;
      if (c === '劳动和社会保障') x *= moy === 12 || moy === 1 ? 1.9 : moy === 11 ? 1.3 : 1;
      return [c, x] as const;
    });
    s = sampler(weights);
    categorySamplers.set(m, s);
  }
  return s;
}

const COLLECTIVE_CATEGORIES = sampler<string>([
  ['劳动和社会保障', 4],
  ['城乡建设', 4],
  ['农村农业', 2],
]);
const pickRegion = sampler(REGIONS);
const pickOtherLevel = sampler(OTHER_LEVELS);
const pickPurpose = sampler(PURPOSES);
const pickSatisfaction = sampler(SATISFACTIONS);
const samplersOf = (
  table: Readonly<Record<string, Weighted<string>>>,
): Map<string, (rng: Rng) => string> =>
  new Map(Object.entries(table).map(([key, items]) => [key, sampler(items)]));
const pickUnit = samplersOf(UNITS);
const pickSource = samplersOf(SOURCES_BY_LEVEL);
/** Subcategory samplers per category: [usual, before the Spring Festival (more 劳动报酬)]. */
const pickSubcategory = new Map(
  Object.entries(SUBCATEGORIES)
    .filter(([, list]) => list.length > 0)
    .map(([category, list]) => [
      category,
      [false, true].map((arrears) =>
        sampler(
          list.map((s) => [s.name, s.weight * (arrears && s.name === '劳动报酬' ? 3 : 1)] as const),
        ),
      ),
    ]),
);

function dayFor(rng: Rng, m: number, slot: Slot): number {
  const start = monthStart(m);
  const days = daysInMonth(m);
  if (
    slot.level === '进京' &&
    slot.channel === '来访' &&
    monthOfYear(m) === 3 &&
    chance(rng, 0.6)
  ) {
    return start + int(rng, 0, 14);
  }
  let day = start + int(rng, 0, days - 1);
  if (slot.channel === '来访') {
    for (let i = 0; i < 3 && (weekday(day) === 0 || weekday(day) === 6) && chance(rng, 0.85); i++) {
      day = start + int(rng, 0, days - 1);
    }
  }
  return day;
}

interface Chosen {
  person: Person | null;
  category: string;
  isRepeat: boolean;
  isNew: boolean;
}

function repeatChance(slot: Slot): number {
  if (slot.channel !== '来访') return 0.22;
  if (slot.persons >= 5) return 0.3;
  return slot.level === '本级' ? 0.35 : slot.level === '到市' ? 0.4 : 0.5;
}

function choosePetitioner(rng: Rng, pool: Pool, slot: Slot, m: number, day: number): Chosen {
  const drawCategory = (): string =>
    slot.persons >= 5 && slot.channel === '来访'
      ? COLLECTIVE_CATEGORIES(rng)
      : categorySampler(m)(rng);
  if (slot.channel !== '来访' && chance(rng, 0.04)) {
    return { person: null, category: drawCategory(), isRepeat: false, isNew: false };
  }
  if (!slot.persuaded && pool.recent.length > 0 && chance(rng, repeatChance(slot))) {
    const span = Math.min(pool.window, pool.recent.length);
    for (let tries = 0; tries < 6; tries++) {
      const u = rng();
      const index = pool.recent[pool.recent.length - 1 - Math.floor(u * u * span)] as number;
      if ((pool.lastDay[index - pool.base] as number) >= day) continue;
      const main = CATEGORIES[(pool.mainCategory[index - pool.base] as number) - 1] as string;
      const category = chance(rng, 0.85) ? main : drawCategory();
      const previous = pool.lastCategoryDay.get(categoryKey(index, category));
      const gap = previous === undefined ? Infinity : day - previous;
      if (gap > REPEAT_LIMIT && gap <= REPEAT_GAP_END) continue;
      return {
        person: personOf(pool.seed, index),
        category,
        isRepeat: gap <= REPEAT_LIMIT,
        isNew: false,
      };
    }
  }
  const index = pool.next++;
  return {
    person: personOf(pool.seed, index),
    category: drawCategory(),
    isRepeat: false,
    isNew: true,
  };
}

function remember(
  pool: Pool,
  person: Person,
  category: string,
  day: number,
  registered: boolean,
): void {
  if (!registered) return;
  const index = person.index;
  grow(pool, index);
  const at = index - pool.base;
  pool.lastDay[at] = day;
  pool.lastCategoryDay.set(categoryKey(index, category), day);
  if (pool.mainCategory[at] === 0) pool.mainCategory[at] = (CATEGORY_INDEX.get(category) ?? 18) + 1;
  pool.recent.push(index);
}

function subcategoryAndTags(
  rng: Rng,
  category: string,
  m: number,
  person: Person | null,
): { subcategory: string | null; tags: string[] } {
  const list = SUBCATEGORIES[category] ?? [];
  const tags: string[] = [];
  let subcategory: string | null = null;
  if (list.length > 0 && !chance(rng, 0.04)) {
    const moy = monthOfYear(m);
    const arrears = category === '劳动和社会保障' && (moy === 11 || moy === 12 || moy === 1);
    subcategory = (pickSubcategory.get(category)?.[arrears ? 1 : 0] as (rng: Rng) => string)(rng);
    const sub = list.find((s) => s.name === subcategory);
    if (sub?.tag !== undefined) {
      const p = arrears && sub.tag.name === '两拖欠' ? 0.95 : sub.tag.chance;
      if (chance(rng, p)) tags.push(sub.tag.name);
    }
  }
  if (person !== null && !person.local && chance(rng, 0.4)) tags.push('三跨三分离');
  return { subcategory, tags };
}

const NOT_HANDLED: Handling = {
  acceptance: '待受理',
  accepted: null,
  due: null,
  dueWritten: false,
  closed: null,
  satisfaction: '未评价',
  resolved: false,
};

interface Handling {
  acceptance: string;
  accepted: number | null;
  due: number | null;
  dueWritten: boolean;
  closed: number | null;
  satisfaction: string;
  resolved: boolean;
}

function handling(
  rng: Rng,
  slot: Slot,
  day: number,
  isRepeat: boolean,
  exportDay: number,
): Handling {
  const forced = (slot.flags & (LEADER_CASE | SUPERVISED)) !== 0;
  const forcedResolved = forced && (slot.flags & RESOLVED) !== 0;
  let accepted = day + (chance(rng, 0.9) ? int(rng, 1, 15) : int(rng, 16, 40));
  const stale = chance(rng, 0.01);
  if (!forced && (accepted > exportDay || stale)) {
    return NOT_HANDLED;
  }
  accepted = Math.min(accepted, exportDay - 1);
  let acceptance = '受理';
  if (!forced && isRepeat && chance(rng, 0.35)) acceptance = '不再受理';
  else if (!forced && chance(rng, 0.08)) acceptance = '不予受理';
  const due = accepted + (acceptance === '受理' && chance(rng, 0.05) ? 90 : 60);
  const dueWritten = due !== accepted + 60 || chance(rng, 0.75);
  let closed: number | null;
  if (acceptance !== '受理') closed = accepted;
  else {
    const x = rng();
    closed = x < 0.85 ? accepted + int(rng, 10, 55) : x < 0.95 ? due + int(rng, 1, 40) : null;
    if (closed !== null && closed > exportDay) closed = null;
    if (forcedResolved && closed === null) closed = Math.min(accepted + int(rng, 5, 30), exportDay);
  }
  const satisfaction = acceptance === '受理' && closed !== null ? pickSatisfaction(rng) : '未评价';
  const pleased = satisfaction === '满意' || satisfaction === '基本满意';
  const resolved = forced
    ? forcedResolved
    : acceptance === '受理' && closed !== null && chance(rng, pleased ? 0.9 : 0.3);
  return { acceptance, accepted, due, dueWritten, closed, satisfaction, resolved };
}

function caseId(prefix: string, day: number, seq: number): string {
  const { y, m, d } = ymd(day);
  return `${prefix}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(seq).padStart(5, '0')}`;
}

/** A record's category or region fixed in advance (the records of an injected rise). */
export interface Forced {
  category?: string;
  region?: string;
}

function materialize(
  rng: Rng,
  pool: Pool,
  slot: Slot,
  m: number,
  day: number,
  seq: number,
  forced: Forced = {},
): SampleRecord {
  const prefix = slot.persuaded ? 'QF' : 'XF';
  const chosen = choosePetitioner(rng, pool, slot, m, day);
  const { person } = chosen;
  const category = forced.category ?? chosen.category;
  const registered = !slot.persuaded;
  if (person !== null) remember(pool, person, category, day, registered);
  const prehistory =
    registered && chosen.isNew && m <= 8 && firstFileHasRepeatColumn(day) && chance(rng, 0.12);
  const unknownLabel = UNKNOWN_CATEGORY_LABELS[yearOfMonth(m)];
  const categoryLabel =
    category === '其他' && unknownLabel !== undefined && chance(rng, 0.6) ? unknownLabel : category;
  const { subcategory, tags } = subcategoryAndTags(rng, category, m, person);
  const region =
    forced.region ?? (person !== null && chance(rng, 0.8) ? person.homeRegion : pickRegion(rng));
  const level: Level = slot.level ?? pickOtherLevel(rng);
  const unitChoice = pickUnit.get(category)?.(rng) ?? '*';
  const unit = chance(rng, 0.03) ? null : unitChoice === '*' ? regionOffice(region) : unitChoice;
  let purpose: string | null = chance(rng, 0.03) ? null : pickPurpose(rng);
  if (category === '纪检监察' && purpose !== null && chance(rng, 0.7)) purpose = '揭发控告';
  const h: Handling = registered
    ? handling(rng, slot, day, chosen.isRepeat, pool.exportDay)
    : NOT_HANDLED;
  const source = registered ? (pickSource.get(level)?.(rng) ?? '本级登记') : '本级登记';
  const givenRepeat = registered && (chosen.isRepeat || prehistory);
  const truth: TruthRecord = {
    case_id: caseId(prefix, day, seq),
    petitioner_id: person?.residentId ?? null,
    registered_on: iso(day),
    record_type: registered ? '登记' : '劝返',
    channel: slot.channel,
    level,
    persons: slot.persons,
    category,
    subcategory,
    tags,
    purpose: registered ? purpose : '求决',
    region,
    unit: registered ? unit : regionOffice(region),
    source,
    acceptance: h.acceptance,
    accepted_on: h.accepted === null ? null : iso(h.accepted),
    due_on: h.due === null ? null : iso(h.due),
    closed_on: h.closed === null ? null : iso(h.closed),
    satisfaction: h.satisfaction,
    is_repeat: givenRepeat,
    leader_received: (slot.flags & LEADER_RECEIVED) !== 0,
    leader_case: (slot.flags & LEADER_CASE) !== 0,
    supervised: (slot.flags & SUPERVISED) !== 0,
    resolved: h.resolved,
  };
  return {
    truth,
    month: m,
    day,
    person,
    content: petitionText(rng, person, category, region, slot.persons, yearOfMonth(m)),
    categoryLabel,
    acceptedDay: h.accepted,
    dueDay: h.due,
    closedDay: h.closed,
    dueWritten: h.dueWritten,
    givenRepeat,
  };
}

function newPool(seed: number, next: number, window: number, exportDay = EXPORT_DAY): Pool {
  return {
    exportDay,
    seed,
    next,
    base: next,
    recent: [],
    window,
    lastDay: new Int32Array(1024),
    mainCategory: new Uint8Array(1024),
    lastCategoryDay: new Map(),
  };
}

/** Records handed out at a time: small enough to die young in the garbage collector. */
const CHUNK = 100;

function* fillMonth(pool: Pool, m: number, slots: Slot[]): Generator<SampleRecord[]> {
  const rng = rngFor(pool.seed, 2, m);
  const keyed = slots.map((slot) => ({ slot, day: dayFor(rng, m, slot), key: rng() }));
  keyed.sort((a, b) => a.day - b.day || a.key - b.key);
  const sequence = new Map<number, number>();
  for (let start = 0; start < keyed.length; start += CHUNK) {
    yield keyed.slice(start, start + CHUNK).map(({ slot, day }) => {
      const key = slot.persuaded ? -day : day;
      const seq = (sequence.get(key) ?? 0) + 1;
      sequence.set(key, seq);
      return materialize(rng, pool, slot, m, day, seq);
    });
  }
}

/** Case numbers from here on are never used by clean records. */
const EXTRA_SEQ = 90_000;

/**
 * A record outside the truth (for bad rows): its own petitioner, never a repeat, a case number
 * no clean record has, registered on a day in [from, to].
 */
export function extraRecord(seed: number, k: number, from: number, to: number): SampleRecord {
  const rng = rngFor(seed, 3, k);
  const day = int(rng, from, to);
  const m = (ymd(day).y - FIRST_YEAR) * 12 + ymd(day).m - 1;
  const channel: Channel = ['来访' as const, '来信' as const, '网上信访' as const][
    k % 3
  ] as Channel;
  const slot: Slot = {
    persuaded: false,
    channel,
    level: null,
    persons: 1 + (k % 2),
    flags: 0,
    month: m,
    day,
  };
  const pool = newPool(seed, ID_SPACE - 1 - k, 1);
  const record = materialize(rng, pool, slot, m, day, EXTRA_SEQ + k);
  record.givenRepeat = false;
  record.truth.is_repeat = false;
  return record;
}

/** Case numbers of injected rises' records (below the bad rows' EXTRA_SEQ). */
const RISEN_SEQ = 80_000;

/**
 * A 登记 added to a series for an injected rise (rises.ts, injection seed `stream`): a letter or
 * an online petition of its own petitioner, registered on `day`, with the series' category or
 * region.
 */
export function risenRecord(
  seed: number,
  stream: number,
  k: number,
  day: number,
  forced: Forced,
  exportDay: number,
): SampleRecord {
  const rng = rngFor(seed, 4, stream, k);
  const m = (ymd(day).y - FIRST_YEAR) * 12 + ymd(day).m - 1;
  const slot: Slot = {
    persuaded: false,
    channel: k % 2 === 0 ? '网上信访' : '来信',
    level: null,
    persons: 1,
    flags: 0,
    month: m,
    day,
  };
  const pool = newPool(seed, ID_SPACE - 1_000_000 - k, 1, exportDay);
  const record = materialize(rng, pool, slot, m, day, RISEN_SEQ + k, forced);
  record.givenRepeat = false;
  record.truth.is_repeat = false;
  return record;
}

/** Consecutive records of one month; `monthEnd` marks the month's last batch (maybe empty). */
export interface MonthBatch {
  month: number;
  records: SampleRecord[];
  monthEnd: boolean;
}

/** Every clean record, month by month in date order. `records` defaults to the reference size. */
export function* sampleMonths(
  seed: number,
  records: number = DEFAULT_RECORDS,
  options: {
    calendar?: Calendar;
    /** Records added to month `m` (an injected rise's), after its own. */
    extra?: (m: number) => SampleRecord[];
  } = {},
): Generator<MonthBatch> {
  const calendar = options.calendar ?? DEFAULT_CALENDAR;
  const periods = scaledPeriods(records, calendar.months);
  checkPeriods(periods, calendar.months);
  const pool = newPool(
    seed,
    0,
    Math.max(60, Math.round((records / DEFAULT_CALENDAR.months) * 8)),
    calendar.exportDay,
  );
  for (const [p, spec] of periods.entries()) {
    const byMonth = new Map<number, Slot[]>();
    for (const slot of periodSlots(rngFor(seed, 1, p), spec)) {
      const list = byMonth.get(slot.month);
      if (list === undefined) byMonth.set(slot.month, [slot]);
      else list.push(slot);
    }
    for (let m = spec.from; m <= spec.to; m++) {
      for (const records of fillMonth(pool, m, byMonth.get(m) ?? [])) {
        yield { month: m, records, monthEnd: false };
      }
      const extra = options.extra?.(m) ?? [];
      if (extra.length > 0) yield { month: m, records: extra, monthEnd: false };
      yield { month: m, records: [], monthEnd: true };
      byMonth.delete(m);
    }
  }
}

/** The published truth of the default sample drawn with `seed`, in date order. */
export function sampleTruth(seed: number = DEFAULT_SEED): TruthRecord[] {
  const out: TruthRecord[] = [];
  for (const batch of sampleMonths(seed)) for (const r of batch.records) out.push(r.truth);
  return out;
}
