import type { ScaleOptions } from '@observablehq/plot';

/**
 * A percent axis (values 0–100): 0–100% when asked or when the data reach past half of it,
 * otherwise up to a round step above the largest value so small shares stay readable.
 */
export function percentScale(max: number, length: number, full = false): ScaleOptions {
  const wanted = full || max > 50 ? 100 : Math.max(10, max);
  const count = length < 160 ? 2 : 4;
  const step = [1, 2, 5, 10, 20, 25, 50].find((s) => wanted / s <= count) ?? 100;
  const top = Math.min(100, Math.ceil(wanted / step) * step);
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return {
    domain: [0, top],
    ticks,
    tickFormat: (d: number) => `${d}%`,
    label: '%',
    labelArrow: 'none',
    grid: true,
  };
}
