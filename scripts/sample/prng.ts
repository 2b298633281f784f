/** Seeded randomness for the sample: mulberry32 streams keyed by (seed, purpose, ...). */

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit hash of a list of integers (murmur3 finaliser per step). */
function mix(...keys: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const key of keys) {
    h = Math.imul(h ^ (key >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

export function rngFor(seed: number, ...keys: readonly number[]): Rng {
  return mulberry32(mix(seed, ...keys));
}

/** Integer in [min, max], both inclusive. */
export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** A Poisson count with the given mean (Knuth's product of uniforms; a normal above 50). */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 50) {
    const u = Math.max(rng(), 1e-12);
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
}

export type Weighted<T> = readonly (readonly [T, number])[];

/** A sampler over weighted items, precomputed once. */
export function sampler<T>(items: Weighted<T>): (rng: Rng) => T {
  const values = items.map(([value]) => value);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of items) {
    total += weight;
    cumulative.push(total);
  }
  if (total <= 0) throw new Error('sampler needs a positive weight');
  return (rng) => {
    const x = rng() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return values[lo] as T;
  };
}

export function weighted<T>(rng: Rng, items: Weighted<T>): T {
  return sampler(items)(rng);
}

/** Splits `total` into integer quotas proportional to `weights` (largest remainder, ties by index). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const quotas = exact.map((x) => Math.floor(x));
  let left = total - quotas.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    quotas[i] = (quotas[i] as number) + 1;
    left--;
  }
  return quotas;
}

/**
 * Integers in [min, max] that sum exactly to `total` (clamped to what is feasible):
 * everyone starts at `min`, the rest is dealt one by one to random non-full places.
 */
export function splitTotal(
  rng: Rng,
  count: number,
  total: number,
  min: number,
  max: number,
): number[] {
  const values = new Array<number>(count).fill(min);
  if (count === 0) return values;
  let rest = Math.min(Math.max(total, count * min), count * max) - count * min;
  const open = Array.from({ length: count }, (_, i) => i);
  while (rest > 0 && open.length > 0) {
    const k = Math.floor(rng() * open.length);
    const i = open[k] as number;
    const v = (values[i] as number) + 1;
    values[i] = v;
    rest--;
    if (v >= max) {
      open[k] = open[open.length - 1] as number;
      open.pop();
    }
  }
  return values;
}
