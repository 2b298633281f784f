/** The q-quantile by the nearest-rank rule (p95 of 30 changes is the 29th smallest); NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? NaN;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);
