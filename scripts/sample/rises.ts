/**
 * Seeded injected rises for the 苗头预警 backtest (`npm run sample -- --inject-rises SEED`): a
 * chosen series' rate × 1.5, × 2 or × 3 for one to three months, in series of low and of high
 * baseline (never in the category the sample itself raises). The rise adds 登记 to the sample
 * (its own records are unchanged); its truth (which series, months, factor, baseline and
 * records added) is written beside the sample.
 */
import { FIRST_YEAR, daysInMonth, monthKey, monthStart, type Calendar } from './dates.ts';
import { int, poisson, rngFor, shuffle } from './prng.ts';
import {
  RISING_CATEGORY,
  risenRecord,
  sampleMonths,
  type Forced,
  type SampleRecord,
} from './truth.ts';

export const RISES_FILE = '.sample-injected-rises.json';

/** The series a rise goes into; one dimension per sample, so no two rises share a record. */
export const RISE_DIMENSIONS = ['category', 'region', 'region-category'] as const;
export type RiseDimension = (typeof RISE_DIMENSIONS)[number];
export const RISE_SIZES = [1.5, 2, 3] as const;
/** A rise starts after a year of its series' history (its baseline, and what simple rules need). */
export const RISE_HISTORY = 12;
/** Baselines from this many 登记 a month are high; rises go into series of at least LOW_FROM. */
export const HIGH_FROM = 5;
const LOW_FROM = 1;
/** Rises per sample: up to this many in series of high baseline and as many of low. */
const PER_BAND = 6;

export interface InjectedRise {
  dimension: RiseDimension;
  /** [category], [region] or [region, category]. */
  keys: string[];
  /** First month of the rise, 'YYYY-MM', and how many months it lasts. */
  start: string;
  months: number;
  factor: number;
  /** The series' mean 登记 a month over the year before the rise (one decimal). */
  baseline: number;
  /** 登记 added in each month of the rise: Poisson with mean (factor − 1) × baseline. */
  added: number[];
}

export interface RisesTruth {
  seed: number;
  sampleSeed: number;
  /** The sample's last month, 'YYYY-MM'. */
  through: string;
  rises: InjectedRise[];
}

const seriesKey = (dimension: RiseDimension, keys: readonly string[]): string =>
  `${dimension}\u001f${keys.join('\u001f')}`;

function keysOf(record: SampleRecord, dimension: RiseDimension): string[] {
  const { category, region } = record.truth;
  if (dimension === 'category') return [category];
  if (dimension === 'region') return [region];
  return [region, category];
}

/** Monthly 登记 of every series of `dimension`, from the sample without rises. */
function monthlyCounts(
  dimension: RiseDimension,
  seed: number,
  records: number,
  calendar: Calendar,
): Map<string, { keys: string[]; counts: number[] }> {
  const series = new Map<string, { keys: string[]; counts: number[] }>();
  for (const batch of sampleMonths(seed, records, { calendar })) {
    for (const record of batch.records) {
      if (record.truth.record_type !== '登记') continue;
      const keys = keysOf(record, dimension);
      const key = seriesKey(dimension, keys);
      let entry = series.get(key);
      if (!entry) {
        entry = { keys, counts: new Array<number>(calendar.months).fill(0) };
        series.set(key, entry);
      }
      entry.counts[batch.month] = (entry.counts[batch.month] ?? 0) + 1;
    }
  }
  return series;
}

/** The rises of injection seed `seed` into the sample of `sampleSeed`. */
export function planRises(
  seed: number,
  sampleSeed: number,
  records: number,
  calendar: Calendar,
): RisesTruth {
  const rng = rngFor(seed, 7);
  const dimension = RISE_DIMENSIONS[seed % RISE_DIMENSIONS.length]!;
  // Not into the category the sample raises on purpose: its own rise would be counted as found.
  const series = [...monthlyCounts(dimension, sampleSeed, records, calendar).values()]
    .filter(({ keys }) => dimension === 'region' || keys.at(-1) !== RISING_CATEGORY)
    .sort((a, b) => (a.keys.join() < b.keys.join() ? -1 : 1));
  const taken = { high: 0, low: 0 };
  const rises: InjectedRise[] = [];
  for (const { keys, counts } of shuffle(rng, series)) {
    const months = int(rng, 1, 3);
    const latest = calendar.months - months;
    if (latest < RISE_HISTORY) continue;
    const at = int(rng, RISE_HISTORY, latest);
    const year = counts.slice(at - RISE_HISTORY, at);
    const baseline = year.reduce((sum, n) => sum + n, 0) / RISE_HISTORY;
    const band = baseline >= HIGH_FROM ? 'high' : baseline >= LOW_FROM ? 'low' : null;
    if (band === null || taken[band] >= PER_BAND) continue;
    const factor = RISE_SIZES[(taken[band] + seed) % RISE_SIZES.length]!;
    taken[band]++;
    rises.push({
      dimension,
      keys,
      start: monthKey(at),
      months,
      factor,
      baseline: Math.round(baseline * 10) / 10,
      added: Array.from({ length: months }, () => poisson(rng, (factor - 1) * baseline)),
    });
  }
  return { seed, sampleSeed, through: monthKey(calendar.months - 1), rises };
}

/** The records the rises add to each month (index from 2022-01), for sampleMonths' `extra`. */
export function risenRecords(truth: RisesTruth, calendar: Calendar): (m: number) => SampleRecord[] {
  const byMonth = new Map<number, SampleRecord[]>();
  let k = 0;
  const rng = rngFor(truth.seed, 8);
  for (const rise of truth.rises) {
    const [first = '', second = ''] = rise.keys;
    const forced: Forced =
      rise.dimension === 'category'
        ? { category: first }
        : rise.dimension === 'region'
          ? { region: first }
          : { region: first, category: second };
    const [year = 0, month = 0] = rise.start.split('-').map(Number);
    const start = (year - FIRST_YEAR) * 12 + month - 1;
    rise.added.forEach((count, i) => {
      const m = start + i;
      const list = byMonth.get(m) ?? [];
      for (let n = 0; n < count; n++) {
        const day = monthStart(m) + int(rng, 0, daysInMonth(m) - 1);
        list.push(risenRecord(truth.sampleSeed, truth.seed, k++, day, forced, calendar.exportDay));
      }
      byMonth.set(
        m,
        list.sort((a, b) => a.day - b.day),
      );
    });
  }
  return (m) => byMonth.get(m) ?? [];
}
