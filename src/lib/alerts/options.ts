/** The alert method's parameters (defaults in site.config.ts `alerts`; docs/definitions.md explains them). */
import type { Counts } from '../counts.ts';

export interface AlertOptions {
  /** Quantile of the upper limit: a month above it is 高于预期 (0.995: about 1 month in 200 by chance). */
  level: number;
  /** Quantile a month must pass to count towards a sustained rise (偏高). */
  sustainedLevel: number;
  /** Months running above `sustainedLevel` that make a sustained rise. */
  sustainedMonths: number;
  /** No alert below these counts in the month (no alert for 1 → 2). */
  floor: Counts;
  /** Seasonal reference: up to `years` earlier years, `window` months either side of the same month. */
  years: number;
  window: number;
  /** Otherwise the last `recentMonths` months, when the series has at least `minHistory`. */
  recentMonths: number;
  minHistory: number;
  /** 新出现: no 登记 for `quietMonths` months, now at least `newMin` batches. */
  quietMonths: number;
  newMin: number;
  /** 集体苗头: rolling window in days; distinct petitioners needed at least. */
  collectiveDays: number;
  collectiveMinPetitioners: number;
  /** 越级 share: at least this many 越级 batches, a rise of at least this many percentage points. */
  escalationMinBatches: number;
  escalationMinPoints: number;
  /**
   * A unit's alert is the rise of a category (or region) alerting alike that month when at least
   * this share of the unit's count that month is of that category (region): one rise, one alert.
   */
  sameRiseShare: number;
  /** Alerts named in the briefing's 存在问题 and on 总览. */
  briefingTop: number;
}

export const DEFAULT_ALERT_OPTIONS: AlertOptions = {
  level: 0.995,
  sustainedLevel: 0.95,
  sustainedMonths: 3,
  floor: { batches: 5, persons: 10 },
  years: 3,
  window: 2,
  recentMonths: 12,
  minHistory: 6,
  quietMonths: 12,
  newMin: 3,
  collectiveDays: 30,
  collectiveMinPetitioners: 5,
  escalationMinBatches: 3,
  escalationMinPoints: 10,
  sameRiseShare: 2 / 3,
  briefingTop: 3,
};
