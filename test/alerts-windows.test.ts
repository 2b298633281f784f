import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  denseSeriesArquero,
  denseSeriesArqueroColumns,
  seriesWindowsArquero,
  seriesWindowsPlain,
} from '../scripts/bench/arquero-variants.ts';
import { rngFor, type Rng } from '../scripts/sample/prng.ts';
import { deriveAlerts, type WindowRow } from '../src/lib/alerts/detect.ts';
import { DEFAULT_ALERT_OPTIONS } from '../src/lib/alerts/options.ts';
import {
  KEY_SEPARATOR,
  SERIES_DIMENSIONS,
  denseSeries,
  monthsBetween,
  type CountRow,
  type Series,
} from '../src/lib/alerts/series.ts';
import { earlierSums, referenceValues } from '../src/lib/alerts/windows.ts';
import { addMonths, lastDay } from '../src/lib/periods.ts';

const MONTHS = monthsBetween('2021-01', '2024-12');

function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rng(); p > limit; p *= rng()) k++;
  return k;
}

/** Seeded series of every shape: long, short, all zeros, starting mid-period, spiky. */
function seededSeries(seed: number): Series[] {
  const n = MONTHS.length;
  const shapes: [start: number, mean: number][] = [
    [0, 6],
    [0, 0.4],
    [n - 4, 5], // shorter than minHistory
    [n - 7, 5], // just past minHistory
    [19, 3], // starts mid-period, reaches the seasonal reference late
    [12, 12],
    [n, 0], // all zeros
  ];
  return shapes.map(([start, mean], s) => {
    const rng = rngFor(seed, s);
    const batches = MONTHS.map((_, t) => (t < start ? 0 : poisson(rng, mean * (1 + rng()))));
    if (s === 5) batches[30] = 80;
    const first = batches.findIndex((count) => count > 0);
    return {
      dimension: SERIES_DIMENSIONS[s % SERIES_DIMENSIONS.length]!,
      keys: [`s${s}`],
      start: first === -1 ? n : first,
      batches,
      persons: batches.map((count) => count * 2),
    };
  });
}

describe('window arithmetic: plain loops and Arquero window functions agree', () => {
  const options = [
    DEFAULT_ALERT_OPTIONS,
    { ...DEFAULT_ALERT_OPTIONS, window: 1, years: 2, recentMonths: 6, minHistory: 3 },
    { ...DEFAULT_ALERT_OPTIONS, years: 1 },
  ];
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}, three option sets`, () => {
      const series = seededSeries(seed);
      for (const o of options)
        expect(seriesWindowsArquero(series, o)).toEqual(seriesWindowsPlain(series, o));
    });
  }

  it('a series whose usable start is later than its first count (data starting after the 1st)', () => {
    const series = seededSeries(4).map((s) => ({ ...s, start: Math.max(s.start, 1) }));
    expect(seriesWindowsArquero(series, DEFAULT_ALERT_OPTIONS)).toEqual(
      seriesWindowsPlain(series, DEFAULT_ALERT_OPTIONS),
    );
  });

  it('the figures themselves: sums of the months before, none before the start', () => {
    expect(earlierSums([1, 2, 3, 4, 5, 6], 0, 3)).toEqual([0, 1, 3, 6, 9, 12]);
    expect(earlierSums([9, 9, 1, 2, 3, 4], 2, 2)).toEqual([0, 0, 0, 1, 3, 5]);
    expect(earlierSums([0, 0, 0], 3, 12)).toEqual([0, 0, 0]);
    const counts = Array.from({ length: 30 }, (_, t) => t);
    const reference = referenceValues(counts, 0, { ...DEFAULT_ALERT_OPTIONS, window: 1 });
    expect(reference[5]).toBeNull();
    expect(reference[6]).toEqual({ baseline: 'recent', values: [0, 1, 2, 3, 4, 5] });
    expect(reference[25]).toEqual({ baseline: 'seasonal', values: [12, 13, 14, 0, 1, 2] });
  });
});

describe('deriveAlerts over its windows', () => {
  /** A pair with a window row every other month only (the months between hold no 登记). */
  function sparseWindows(earlierCollective: number | null): WindowRow[] {
    const rows: WindowRow[] = [];
    for (let i = 0; i < 24; i += 2) {
      const month = addMonths('2023-01', i);
      const collective = i === earlierCollective ? 1 : 0;
      rows.push({
        region: '城关街道',
        category: '城乡建设',
        month,
        windowEnd: lastDay(month),
        petitioners: 2,
        batches: 2,
        collectiveBatches: collective,
        collectivePersons: collective * 6,
      });
    }
    rows.push({ ...rows.at(-1)!, month: '2024-12', windowEnd: '2024-12-31' });
    rows[rows.length - 1] = { ...rows.at(-1)!, collectiveBatches: 1, collectivePersons: 8 };
    return rows;
  }
  const input = (windows: WindowRow[]) => ({
    firstDay: '2023-01-01',
    cutoff: '2024-12-31',
    counts: [],
    windows,
  });

  it('a 集体访 after a quiet year is new although some months have no window row', () => {
    const alerts = deriveAlerts(input(sparseWindows(null)), DEFAULT_ALERT_OPTIONS);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'collective', month: '2024-12' });
    expect(alerts[0]!.detail).toMatchObject({ collectiveNew: true });
  });

  it('one in the 12 months before makes it not new; one 13 months before does not', () => {
    const lastMonth = (earlier: number) =>
      deriveAlerts(input(sparseWindows(earlier)), DEFAULT_ALERT_OPTIONS).filter(
        (alert) => alert.month === '2024-12',
      );
    expect(lastMonth(12)).toEqual([]);
    expect(lastMonth(10)[0]?.detail).toMatchObject({ collectiveNew: true });
  });
});

describe('denseSeries: plain TypeScript and the Arquero versions agree', () => {
  function seededCounts(seed: number): CountRow[] {
    const rng = rngFor(seed, 99);
    const rows: CountRow[] = [];
    for (let s = 0; s < 40; s++) {
      const dimension = SERIES_DIMENSIONS[s % SERIES_DIMENSIONS.length]!;
      const key =
        dimension === 'region-category' ? `区${s % 3}${KEY_SEPARATOR}类${s}` : `键${s % 7}`;
      const start = rng() < 0.4 ? Math.floor(rng() * MONTHS.length) : 0;
      for (let t = start; t < MONTHS.length; t++) {
        const batches = poisson(rng, 2);
        if (batches > 0 || rng() < 0.05) {
          rows.push({ dimension, key, month: MONTHS[t]!, batches, persons: batches + 1 });
        }
      }
    }
    rows.push({ dimension: 'region', key: '界外', month: '2020-12', batches: 4, persons: 4 });
    rows.push({ dimension: 'unit', key: '全零', month: '2022-03', batches: 0, persons: 0 });
    // Shuffled, and one month counted twice: both versions add it up.
    rows.push({ ...rows[3]! });
    return rows.sort(() => rng() - 0.5);
  }

  for (const seed of [1, 2]) {
    it(`seed ${seed}: dense months, starts, order by dimension then key`, () => {
      const rows = seededCounts(seed);
      const plain = denseSeries(rows, MONTHS);
      expect(plain.length).toBeGreaterThan(20);
      expect(denseSeriesArquero(rows, MONTHS)).toEqual(plain);
      expect(denseSeriesArqueroColumns(rows, MONTHS)).toEqual(plain);
      expect(plain.find((s) => s.keys[0] === '全零')?.start).toBe(MONTHS.length);
      expect(plain.some((s) => s.keys[0] === '界外')).toBe(false);
    });
  }

  it('nothing in, nothing out', () => {
    expect(denseSeries([], MONTHS)).toEqual([]);
    expect(denseSeriesArquero([], MONTHS)).toEqual([]);
  });
});

describe('the browser never loads Arquero (it compiles with Function, which the CSP forbids)', () => {
  const root = path.resolve(import.meta.dirname, '..');

  /** Package names imported by `entry` and every local module it reaches. */
  function packagesReached(entry: string): Set<string> {
    const packages = new Set<string>();
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        if (spec!.startsWith('.')) visit(path.resolve(path.dirname(file), spec!));
        else
          packages.add(
            spec!
              .split('/')
              .slice(0, spec!.startsWith('@') ? 2 : 1)
              .join('/'),
          );
      }
    };
    visit(path.join(root, entry));
    return packages;
  }

  for (const entry of ['app.ts', 'alerts.ts', 'about.ts']) {
    it(`src/browser/${entry}`, () => {
      const packages = packagesReached(`src/browser/${entry}`);
      expect(packages.has('@duckdb/duckdb-wasm') || packages.has('@observablehq/plot')).toBe(true);
      expect(packages.has('arquero')).toBe(false);
    });
  }

  it('the walk finds Arquero where it is imported', () => {
    expect(packagesReached('scripts/bench/arquero-variants.ts').has('arquero')).toBe(true);
  });
});
