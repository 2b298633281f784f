import type { Measure } from '../counts.ts';
import type { Baseline } from './reference.ts';
import type { AlertDimension } from './series.ts';

export const ALERT_KINDS = ['above', 'sustained', 'new', 'collective', 'escalation'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** One month of an alert's series against its expectation (null: no expectation that month). */
export interface BandPoint {
  month: string;
  observed: number;
  expected: number | null;
  upper: number | null;
}

export interface Alert {
  kind: AlertKind;
  dimension: AlertDimension;
  /** The dimension's values: [region, category] for region-category, [value] otherwise. */
  keys: string[];
  /** Display name: 城关街道·市场监管, 城关街道·越级走访 … */
  name: string;
  /** What observed / expected / upper count: 登记 batches or persons; petitioners for collective. */
  measure: Measure;
  month: string;
  observed: number;
  /** Expected count, one decimal (scaled to the days elapsed in a month in progress). */
  expected: number;
  upper: number;
  /** (observed − expected) ÷ (upper − expected), two decimals: ≥ 1 is above the limit; ranks alerts. */
  score: number;
  /** First month of the run of months above expectation (= month when it is the first). */
  since: string;
  runMonths: number;
  baseline: Baseline | 'quiet' | 'window' | 'share';
  /** The data ends inside the month: 'YYYY-MM-DD' of the cutoff, else null. */
  partialThrough: string | null;
  /** Facts the sentence needs beyond the counts (collective and escalation). */
  detail: AlertDetail | null;
  /**
   * A unit's alert: the category and the region holding at least `sameRiseShare` of the unit's
   * count that month, with their shares (two decimals); empty otherwise. See riseGroups.
   */
  mainly: Mainly[];
  sentence: string;
  band: BandPoint[];
}

export interface Mainly {
  dimension: 'category' | 'region';
  key: string;
  share: number;
}

export interface AlertDetail {
  /** collective: the window's last day, batches, 集体访 in it and whether there were any before. */
  windowEnd?: string;
  windowDays?: number;
  batches?: number;
  collectiveBatches?: number;
  collectivePersons?: number;
  collectiveNew?: boolean;
  petitionersAbove?: boolean;
  /** escalation: 走访 batches of the month, the share now and before (percent, one decimal). */
  visits?: number;
  share?: number;
  previousShare?: number;
}

/** An alert as a report carries it: everything but the band (the page draws that). */
export type ReportAlert = Omit<Alert, 'band'>;
