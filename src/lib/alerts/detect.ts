/**
 * Alerts from the whole history: every month of every series is judged against its own
 * reference months (see reference.ts, limits.ts). A month in progress (the data's cutoff falls
 * inside it) is judged with its expectation scaled by the days elapsed, so it reads neither as a
 * drop nor as a rise; a first month that starts after its 1st day is never a reference month.
 */
import { daysInMonth } from '../periods.ts';
import { countQuantile, expectation, historyDispersion, upperLimit } from './limits.ts';
import type { AlertOptions } from './options.ts';
import type { Baseline } from './reference.ts';
import { alertSentence } from './sentence.ts';
import {
  HELPER_DIMENSIONS,
  type AlertDimension,
  KEY_SEPARATOR,
  SERIES_DIMENSIONS,
  denseSeries,
  monthsBetween,
  type CountRow,
  type Series,
} from './series.ts';
import type { Measure } from '../counts.ts';
import type { Alert, AlertDetail, AlertKind, BandPoint, Mainly } from './types.ts';
import { earlierSums, referenceValues } from './windows.ts';

/** Per region × category, the rolling window ending on each month's last day (or the cutoff). */
export interface WindowRow {
  region: string;
  category: string;
  month: string;
  windowEnd: string;
  petitioners: number;
  batches: number;
  collectiveBatches: number;
  collectivePersons: number;
}

export interface AlertInput {
  /** First and last registration day of the data, 'YYYY-MM-DD'. */
  firstDay: string;
  cutoff: string;
  counts: readonly CountRow[];
  windows: readonly WindowRow[];
}

const BAND_MONTHS = 13;
/** Every series but the helpers (the 越级 share's denominator, a unit's counts by category …). */
const ALERTING: ReadonlySet<string> = new Set(
  SERIES_DIMENSIONS.filter((d) => !(HELPER_DIMENSIONS as readonly string[]).includes(d)),
);

function seriesName(series: Pick<Series, 'dimension' | 'keys'>): string {
  const [first = '', second = ''] = series.keys;
  switch (series.dimension) {
    case 'region-category':
      return `${first}·${second}`;
    case 'tag':
      return `“${first}”类`;
    case 'escalated':
      return `${first}·越级走访`;
    default:
      return first;
  }
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

function score(observed: number, expected: number, upper: number): number {
  return Math.round(((observed - expected) / Math.max(upper - expected, 0.5)) * 100) / 100;
}

/** A month's expectation; its quantiles are computed when first asked for (most never are). */
interface Judged {
  expected: number;
  upper: () => number;
  moderate: () => number;
  baseline: Baseline;
}

function memo(compute: () => number): () => number {
  let value: number | null = null;
  return () => (value ??= compute());
}

interface Frame {
  months: string[];
  /** Share of the last month elapsed (1 when the data runs to its last day). */
  lastFraction: number;
  partialThrough: string | null;
  /** First month usable as a reference (0, or 1 when the data starts after the 1st). */
  firstFull: number;
}

function frameOf(input: AlertInput): Frame {
  const months = monthsBetween(input.firstDay.slice(0, 7), input.cutoff.slice(0, 7));
  const last = months[months.length - 1]!;
  const day = Number(input.cutoff.slice(8, 10));
  const lastFraction = day / daysInMonth(last);
  return {
    months,
    lastFraction,
    partialThrough: lastFraction < 1 ? input.cutoff : null,
    firstFull: input.firstDay.endsWith('-01') ? 0 : 1,
  };
}

/** Expectation of every month of one count series (null where the history is too short). */
export function judgeSeries(
  counts: readonly number[],
  start: number,
  frame: Pick<Frame, 'lastFraction'>,
  options: AlertOptions,
): (Judged | null)[] {
  const last = counts.length - 1;
  const references = referenceValues(counts, start, options);
  return counts.map((_, t) => {
    const reference = references[t];
    if (!reference || reference.values.length === 0) return null;
    const values = reference.values;
    const fraction = t === last ? frame.lastFraction : 1;
    const history = counts.slice(Math.max(start, t - 12 * options.years), t);
    const e = expectation(values, fraction, historyDispersion(history));
    return {
      expected: e.expected,
      upper: memo(() => countQuantile(options.level, e.expected, e.predictive)),
      moderate: memo(() => countQuantile(options.sustainedLevel, e.expected, e.predictive)),
      baseline: reference.baseline,
    };
  });
}

function band(
  months: readonly string[],
  counts: readonly number[],
  judged: readonly (Judged | null)[],
  t: number,
): BandPoint[] {
  const points: BandPoint[] = [];
  for (let i = Math.max(0, t - BAND_MONTHS + 1); i <= t; i++) {
    const j = judged[i];
    points.push({
      month: months[i]!,
      observed: counts[i]!,
      expected: j ? round1(j.expected) : null,
      upper: j ? j.upper() : null,
    });
  }
  return points;
}

/** A band whose expectation is known for its last month only (collective and escalation). */
function endBand(
  months: readonly string[],
  observed: readonly number[],
  start: number,
  t: number,
  expected: number,
  upper: number,
): BandPoint[] {
  const points: BandPoint[] = [];
  for (let i = Math.max(start, t - BAND_MONTHS + 1); i <= t; i++) {
    const last = i === t;
    points.push({
      month: months[i]!,
      observed: observed[i]!,
      expected: last ? round1(expected) : null,
      upper: last ? upper : null,
    });
  }
  return points;
}

function finish(alert: Omit<Alert, 'sentence' | 'band'>, points: BandPoint[]): Alert {
  return { ...alert, sentence: alertSentence(alert), band: points };
}

function countAlerts(
  series: Series,
  measure: Measure,
  frame: Frame,
  options: AlertOptions,
): Alert[] {
  const counts = series[measure];
  const start = Math.max(series.start, frame.firstFull);
  const judged = judgeSeries(counts, start, frame, options);
  const floor = options.floor[measure];
  const alerts: Alert[] = [];
  let run = 0;
  let quiet = 0;
  const last = counts.length - 1;
  counts.forEach((observed, t) => {
    const j = judged[t];
    const wasQuiet = quiet;
    quiet = series.batches[t] === 0 ? quiet + 1 : 0;
    // The 95% quantile is never below the mean: a month at or below it breaks the run.
    run = j && observed > j.expected && observed > j.moderate() ? run + 1 : 0;
    const base = {
      dimension: series.dimension as AlertDimension,
      keys: series.keys,
      name: seriesName(series),
      measure,
      month: frame.months[t]!,
      observed,
      partialThrough: t === last ? frame.partialThrough : null,
      detail: null,
      mainly: [],
    };
    // 新出现: quiet for the whole look-back, all of it covered by the data.
    if (
      measure === 'batches' &&
      wasQuiet >= options.quietMonths &&
      t - options.quietMonths >= frame.firstFull &&
      observed >= options.newMin
    ) {
      alerts.push(
        finish(
          {
            ...base,
            kind: 'new',
            expected: 0,
            upper: 0,
            score: score(observed, 0, options.newMin - 1),
            since: frame.months[t]!,
            runMonths: wasQuiet,
            baseline: 'quiet',
          },
          band(frame.months, counts, judged, t),
        ),
      );
      return;
    }
    if (!j || observed < floor) return;
    let kind: AlertKind | null = null;
    if (observed > j.expected && observed > j.upper()) kind = 'above';
    else if (run >= options.sustainedMonths) kind = 'sustained';
    if (!kind) return;
    const runMonths = Math.max(run, 1);
    alerts.push(
      finish(
        {
          ...base,
          kind,
          expected: round1(j.expected),
          upper: j.upper(),
          score: score(observed, j.expected, j.upper()),
          since: frame.months[t - runMonths + 1]!,
          runMonths,
          baseline: j.baseline,
        },
        band(frame.months, counts, judged, t),
      ),
    );
  });
  return alerts;
}

function escalationAlerts(
  escalated: Series,
  visits: Series | undefined,
  frame: Frame,
  options: AlertOptions,
): Alert[] {
  if (!visits) return [];
  const alerts: Alert[] = [];
  const last = frame.months.length - 1;
  const start = Math.max(visits.start, frame.firstFull);
  const k0s = earlierSums(escalated.batches, start, options.recentMonths);
  const n0s = earlierSums(visits.batches, start, options.recentMonths);
  for (let t = start + options.minHistory; t <= last; t++) {
    const from = Math.max(start, t - options.recentMonths);
    const k0 = k0s[t]!;
    const n0 = n0s[t]!;
    const n = visits.batches[t]!;
    const k = escalated.batches[t]!;
    if (n0 === 0 || n === 0 || k < options.escalationMinBatches) continue;
    const p0 = k0 / n0;
    const share = (k / n) * 100;
    if (share - p0 * 100 < options.escalationMinPoints) continue;
    let pearson = 0;
    let months = 0;
    for (let i = from; i < t; i++) {
      const ni = visits.batches[i]!;
      if (ni === 0 || p0 === 0 || p0 === 1) continue;
      pearson += (escalated.batches[i]! - ni * p0) ** 2 / (ni * p0 * (1 - p0));
      months++;
    }
    const dispersion = months > 1 ? Math.max(1, pearson / (months - 1)) : 1;
    const expected = n * p0;
    const upper = countQuantile(options.level, expected, dispersion);
    if (k <= upper) continue;
    const detail: AlertDetail = {
      visits: n,
      share: round1(share),
      previousShare: round1(p0 * 100),
    };
    const points = endBand(frame.months, escalated.batches, 0, t, expected, upper);
    alerts.push(
      finish(
        {
          kind: 'escalation',
          dimension: 'escalated',
          keys: escalated.keys,
          name: `${escalated.keys[0] ?? ''}·越级走访占比`,
          measure: 'batches',
          month: frame.months[t]!,
          observed: k,
          expected: round1(expected),
          upper,
          score: score(k, expected, upper),
          since: frame.months[t]!,
          runMonths: 1,
          baseline: 'share',
          partialThrough: t === last ? frame.partialThrough : null,
          detail,
          mainly: [],
        },
        points,
      ),
    );
  }
  return alerts;
}

function collectiveAlerts(
  windows: readonly WindowRow[],
  frame: Frame,
  options: AlertOptions,
): Alert[] {
  const position = new Map(frame.months.map((month, i) => [month, i]));
  const byPair = new Map<string, WindowRow[]>();
  for (const row of windows) {
    if (!position.has(row.month)) continue;
    const key = `${row.region}${KEY_SEPARATOR}${row.category}`;
    const list = byPair.get(key) ?? [];
    list.push(row);
    byPair.set(key, list);
  }
  const alerts: Alert[] = [];
  for (const rows of byPair.values()) {
    const at = new Array<WindowRow | undefined>(frame.months.length);
    for (const row of rows) at[position.get(row.month)!] = row;
    // Array.from, not map: a month without a window row is a 0, not a hole map would skip.
    const petitioners = Array.from(at, (row) => row?.petitioners ?? 0);
    const first = petitioners.findIndex((count, i) => count > 0 || (at[i]?.batches ?? 0) > 0);
    const start = Math.max(first, frame.firstFull);
    const collective = Array.from(at, (row) => row?.collectiveBatches ?? 0);
    const collectiveBefore = earlierSums(collective, 0, options.recentMonths);
    at.forEach((row, t) => {
      if (!row || t < start) return;
      const from = Math.max(start, t - options.recentMonths);
      const history = petitioners.slice(from, t);
      const covered = t - options.recentMonths >= frame.firstFull;
      const collectiveNew = covered && row.collectiveBatches > 0 && collectiveBefore[t] === 0;
      let expected = 0;
      let upper = 0;
      let petitionersAbove = false;
      if (history.length >= options.minHistory) {
        const limit = upperLimit(history, options.level);
        expected = limit.expected;
        upper = limit.upper;
        petitionersAbove =
          row.petitioners >= options.collectiveMinPetitioners && row.petitioners > upper;
      }
      if (!petitionersAbove && !collectiveNew) return;
      const points = endBand(frame.months, petitioners, start, t, expected, upper);
      alerts.push(
        finish(
          {
            kind: 'collective',
            dimension: 'region-category',
            keys: [row.region, row.category],
            name: `${row.region}·${row.category}`,
            measure: 'batches',
            month: row.month,
            observed: row.petitioners,
            expected: round1(expected),
            upper,
            score: petitionersAbove ? score(row.petitioners, expected, upper) : 1,
            since: row.month,
            runMonths: 1,
            baseline: 'window',
            partialThrough: null,
            detail: {
              windowEnd: row.windowEnd,
              windowDays: options.collectiveDays,
              batches: row.batches,
              collectiveBatches: row.collectiveBatches,
              collectivePersons: row.collectivePersons,
              collectiveNew,
              petitionersAbove,
            },
            mainly: [],
          },
          points,
        ),
      );
    });
  }
  return alerts;
}

/**
 * A unit's alerts with the category and the region that hold at least `share` of the unit's
 * count in the alert's month (`parts`: the unit's unit-category and unit-region series).
 */
function withMainly(
  alerts: readonly Alert[],
  parts: readonly Series[],
  months: ReadonlyMap<string, number>,
  share: number,
): Alert[] {
  return alerts.map((alert) => {
    const t = months.get(alert.month) ?? -1;
    const mainly: Mainly[] = [];
    for (const dimension of ['category', 'region'] as const) {
      let best: Series | null = null;
      for (const part of parts) {
        if (part.dimension !== `unit-${dimension}`) continue;
        if (!best || part[alert.measure][t]! > best[alert.measure][t]!) best = part;
      }
      const count = best?.[alert.measure][t] ?? 0;
      if (!best || alert.observed === 0 || count / alert.observed < share) continue;
      mainly.push({
        dimension,
        key: best.keys[1] ?? '',
        share: Math.round((count / alert.observed) * 100) / 100,
      });
    }
    return { ...alert, mainly };
  });
}

/** Strongest first; ties in a fixed order so every run lists them alike. */
export function compareAlerts(a: Alert, b: Alert): number {
  return (
    b.month.localeCompare(a.month) ||
    b.score - a.score ||
    b.observed - a.observed ||
    a.kind.localeCompare(b.kind) ||
    a.measure.localeCompare(b.measure) ||
    a.name.localeCompare(b.name)
  );
}

export function deriveAlerts(input: AlertInput, options: AlertOptions): Alert[] {
  if (input.counts.length === 0 && input.windows.length === 0) return [];
  const frame = frameOf(input);
  const series = denseSeries(input.counts, frame.months);
  const visits = new Map(
    series.filter((s) => s.dimension === 'visits').map((s) => [s.keys.join(KEY_SEPARATOR), s]),
  );
  const unitParts = new Map<string, Series[]>();
  for (const s of series) {
    if (s.dimension !== 'unit-category' && s.dimension !== 'unit-region') continue;
    const unit = s.keys[0] ?? '';
    unitParts.set(unit, [...(unitParts.get(unit) ?? []), s]);
  }
  const monthIndex = new Map(frame.months.map((month, i) => [month, i]));
  const alerts: Alert[] = [];
  for (const s of series) {
    if (!ALERTING.has(s.dimension)) continue;
    const counted = [
      ...countAlerts(s, 'batches', frame, options),
      ...countAlerts(s, 'persons', frame, options),
    ];
    alerts.push(
      ...(s.dimension === 'unit'
        ? withMainly(
            counted,
            unitParts.get(s.keys[0] ?? '') ?? [],
            monthIndex,
            options.sameRiseShare,
          )
        : counted),
    );
    if (s.dimension === 'escalated') {
      alerts.push(...escalationAlerts(s, visits.get(s.keys.join(KEY_SEPARATOR)), frame, options));
    }
  }
  alerts.push(...collectiveAlerts(input.windows, frame, options));
  return alerts.sort(compareAlerts);
}
