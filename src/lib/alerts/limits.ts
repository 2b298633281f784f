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

/**
 * Expected count and upper limit at `level` (e.g. 0.995) from `reference` counts; `fraction` < 1
 * scales both to the share of a month already elapsed. The limit is a prediction limit: the
 * variance of the estimated mean (dispersion × mean ÷ n) is added to the month's own.
 */
export function upperLimit(reference: readonly number[], level: number, fraction = 1): Limit {
  if (reference.length === 0) throw new Error('upperLimit: no reference values');
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
  const expected = fit.mean * fraction;
  const predictive = fit.dispersion * (1 + fraction / kept.length);
  return {
    expected,
    upper: countQuantile(level, expected, predictive),
    dispersion: fit.dispersion,
    used: kept.length,
  };
}
