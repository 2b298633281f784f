/**
 * The upper limit of a month's count from reference values of the same series: a quasi-Poisson
 * mean and dispersion, turned into a negative-binomial quantile (the improved Farrington method,
 * Noufaily et al. 2013, without its trend term and with past outbreaks left out rather than
 * down-weighted). Quantiles come from @stdlib, never hand-written.
 */
import nbQuantile from '@stdlib/stats-base-dists-negative-binomial-quantile';
import poissonQuantile from '@stdlib/stats-base-dists-poisson-quantile';

export interface Limit {
  /** Expected count for the month (scaled by `fraction` for a month in progress). */
  expected: number;
  /** Largest count still within ordinary variation at the chosen level. */
  upper: number;
  /** Quasi-Poisson dispersion of the reference values (≥ 1). */
  dispersion: number;
  /** Reference values used (after leaving out past outbreaks). */
  used: number;
}

/** Residuals above this (Anscombe-like, in standard deviations) mark a past outbreak (Noufaily: 2.58). */
export const OUTBREAK_RESIDUAL = 2.58;

function meanDispersion(values: readonly number[]): { mean: number; dispersion: number } {
  const n = values.length;
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  if (mean === 0 || n < 2) return { mean, dispersion: 1 };
  const pearson = values.reduce((sum, v) => sum + (v - mean) ** 2 / mean, 0) / (n - 1);
  return { mean, dispersion: Math.max(1, pearson) };
}

/**
 * The `level` quantile of a count with the given mean whose variance is `dispersion` × mean:
 * Poisson when dispersion is 1, otherwise negative binomial with size mean ÷ (dispersion − 1).
 */
export function countQuantile(level: number, mean: number, dispersion: number): number {
  if (mean <= 0) return 0;
  if (dispersion <= 1 + 1e-9) return poissonQuantile(level, mean);
  return nbQuantile(level, mean / (dispersion - 1), 1 / dispersion);
}

export interface Expectation {
  expected: number;
  /** Variance ÷ mean of the month's count, the estimate's own uncertainty included. */
  predictive: number;
  dispersion: number;
  used: number;
}

/**
 * Expected count from `reference` counts; `fraction` < 1 scales it to the share of a month
 * already elapsed. The predictive dispersion adds the variance of the estimated mean
 * (dispersion × mean ÷ n) to the month's own, so quantiles of it are prediction limits.
 */
export function expectation(
  reference: readonly number[],
  fraction = 1,
  /** A dispersion estimated from more months than the reference holds (see historyDispersion). */
  knownDispersion?: number | null,
): Expectation {
  if (reference.length === 0) throw new Error('expectation: no reference values');
  // Each value is judged against the others, so one large outbreak cannot hide itself by
  // inflating the dispersion it is measured with.
  const calm = reference.filter((value, i) => {
    if (reference.length < 4) return true;
    const others = meanDispersion(reference.filter((_, j) => j !== i));
    if (others.mean === 0) return true;
    return (value - others.mean) / Math.sqrt(others.dispersion * others.mean) <= OUTBREAK_RESIDUAL;
  });
  const kept = calm.length >= 3 ? calm : [...reference];
  const fit = meanDispersion(kept);
  const dispersion = knownDispersion != null ? Math.max(1, knownDispersion) : fit.dispersion;
  return {
    expected: fit.mean * fraction,
    predictive: dispersion * (1 + fraction / kept.length),
    dispersion,
    used: kept.length,
  };
}

/** Expected count and upper limit at `level` (e.g. 0.995): see expectation. */
export function upperLimit(
  reference: readonly number[],
  level: number,
  fraction = 1,
  knownDispersion?: number | null,
): Limit {
  const e = expectation(reference, fraction, knownDispersion);
  return {
    expected: e.expected,
    upper: countQuantile(level, e.expected, e.predictive),
    dispersion: e.dispersion,
    used: e.used,
  };
}

/** Fewest centred differences historyDispersion needs; below it the reference values' own is used. */
export const MIN_DISPERSION_TERMS = 12;

/**
 * Dispersion of a history, from each month's distance to the mean of itself and its two
 * neighbours: smooth seasons and slow changes of level cancel out, so all the months estimate
 * it, not only the few reference months. For independent counts with variance φ·μ,
 * y − (y₋₁ + y + y₊₁)/3 has variance (2/3)·φ·μ, hence the factor 3/2. Months more than
 * OUTBREAK_RESIDUAL standard deviations away (by a first estimate) are left out, as in upperLimit.
 * Null when fewer than MIN_DISPERSION_TERMS months can be used.
 */
export function historyDispersion(history: readonly number[]): number | null {
  const terms: number[] = [];
  for (let i = 1; i + 1 < history.length; i++) {
    const mean = (history[i - 1]! + history[i]! + history[i + 1]!) / 3;
    if (mean === 0) continue;
    terms.push((history[i]! - mean) ** 2 / mean);
  }
  if (terms.length < MIN_DISPERSION_TERMS) return null;
  const all = (1.5 * terms.reduce((sum, term) => sum + term, 0)) / terms.length;
  const kept = terms.filter((term) => term <= (2 / 3) * Math.max(1, all) * OUTBREAK_RESIDUAL ** 2);
  return Math.max(1, (1.5 * kept.reduce((sum, term) => sum + term, 0)) / kept.length);
}
