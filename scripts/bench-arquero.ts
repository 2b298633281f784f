/**
 * npm run bench:arquero [-- --runs N --seed S --data DIR]
 * Arquero against the plain TypeScript it would replace, side by side in one run: the alerts'
 * dense series (denseSeries) and their window arithmetic (windows.ts), on the sample's alert counts
 * (built into a temporary folder, or read from DIR/petitions.duckdb) and on seeded count sets 10×
 * and 100× larger. Each variant's answer is checked equal to the plain one; the table prints the
 * median of N runs and each variant's lines of code. Then which Arquero calls survive the site's
 * CSP (scripts/bench/arquero-csp.ts under --disallow-code-generation-from-strings). A benchmark:
 * it prints figures, it never fails on them (a variant that answers differently stops it).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { DEFAULT_ALERT_OPTIONS } from '../src/lib/alerts/options.ts';
import { alertCountsQuery, alertRangeQuery, countRows } from '../src/lib/alerts/queries.ts';
import {
  KEY_SEPARATOR,
  SERIES_DIMENSIONS,
  denseSeries,
  monthsBetween,
  type CountRow,
  type Series,
} from '../src/lib/alerts/series.ts';
import { PUBLISHED_FILES } from '../src/lib/schema.ts';
import { openPublished } from '../src/node/duckdb-node.ts';
import {
  denseSeriesArquero,
  denseSeriesArqueroColumns,
  seriesWindowsArquero,
  seriesWindowsPlain,
} from './bench/arquero-variants.ts';
import { machineState } from './bench/machine.ts';
import { median } from './bench/stats.ts';
import { textTable } from './bench/table.ts';
import { buildSampleData, ROOT } from './lib/build-site.ts';
import { rngFor, type Rng } from './sample/prng.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    seed: { type: 'string', default: '20240901' },
    data: { type: 'string' },
  },
});
const RUNS = Number(values.runs);
const SEED = Number(values.seed);
const OPTIONS = DEFAULT_ALERT_OPTIONS;

interface CountSet {
  name: string;
  counts: CountRow[];
  months: string[];
}

async function sampleCounts(): Promise<CountSet> {
  const work = values.data ? null : await mkdtemp(path.join(tmpdir(), 'bench-arquero-'));
  try {
    const dir = values.data ?? (await buildSampleData({ dir: work! })).data;
    const db = await openPublished(path.join(dir, PUBLISHED_FILES.database));
    try {
      const [range] = await db.run(alertRangeQuery());
      const first = String(range?.['first_day'] ?? '').slice(0, 7);
      const last = String(range?.['cutoff'] ?? '').slice(0, 7);
      const counts = countRows(await db.run(alertCountsQuery()));
      return { name: '示例数据', counts, months: monthsBetween(first, last) };
    } finally {
      db.close();
    }
  } finally {
    if (work) await rm(work, { recursive: true, force: true });
  }
}

function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rng(); p > limit; p *= rng()) k++;
  return k;
}

/**
 * About `rows` sparse counts over four years: series of every dimension, a third of them starting
 * mid-period, monthly means from 0.3 to 20 with a yearly season; a month without 登记 has no row.
 */
function syntheticCounts(name: string, rows: number, seed: number): CountSet {
  const months = monthsBetween('2021-01', '2024-12');
  const counts: CountRow[] = [];
  for (let s = 0; counts.length < rows; s++) {
    const rng = rngFor(seed, s);
    const dimension = SERIES_DIMENSIONS[s % SERIES_DIMENSIONS.length]!;
    const key = dimension === 'region-category' ? `区${s % 97}${KEY_SEPARATOR}类${s}` : `键${s}`;
    const start = rng() < 1 / 3 ? Math.floor(rng() * months.length) : 0;
    const level = 0.3 * (20 / 0.3) ** rng();
    for (let t = start; t < months.length; t++) {
      const batches = poisson(rng, level * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12)));
      if (batches === 0) continue;
      const persons = batches + poisson(rng, batches * 0.4);
      counts.push({ dimension, key, month: months[t]!, batches, persons });
    }
  }
  return { name, counts, months };
}

/** Non-blank, non-comment lines of the named top-level functions (or one-line consts) in `file`. */
function linesOf(file: string, names: readonly string[]): number {
  const lines = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  return names.reduce((total, name) => {
    const begin = lines.findIndex((line) =>
      new RegExp(`^(export )?(function ${name}\\b|const ${name}\\b)`).test(line),
    );
    if (begin === -1) throw new Error(`${file}: ${name} 未找到`);
    let end = begin;
    if (!lines[begin]!.trimEnd().endsWith(';')) {
      while (end < lines.length && !/^}/.test(lines[end]!)) end++;
    }
    const body = lines.slice(begin, end + 1).map((line) => line.trim());
    return total + body.filter((line) => line && !/^(\/\/|\/\*|\*)/.test(line)).length;
  }, 0);
}

interface Variant<I, O> {
  name: string;
  loc: number;
  run: (input: I) => O;
}

/** Runs every variant RUNS times, interleaved so that the machine's load falls on all alike. */
function race<I, O>(input: I, variants: readonly Variant<I, O>[]): number[] {
  const reference = variants[0]!.run(input);
  variants.slice(1).forEach((variant) => {
    if (!isDeepStrictEqual(variant.run(input), reference)) {
      throw new Error(`${variant.name} 的结果与 ${variants[0]!.name} 不同`);
    }
  });
  const times = variants.map(() => [] as number[]);
  for (let r = 0; r < RUNS; r++) {
    variants.forEach((variant, v) => {
      const started = performance.now();
      variant.run(input);
      times[v]!.push(performance.now() - started);
    });
  }
  return times.map((list) => median(list));
}

const dense: Variant<CountSet, Series[]>[] = [
  {
    name: 'denseSeries, plain TS (kept)',
    loc: linesOf('src/lib/alerts/series.ts', ['denseSeries', 'byText']),
    run: (set) => denseSeries(set.counts, set.months),
  },
  {
    name: 'denseSeries, Arquero as it was',
    loc: linesOf('scripts/bench/arquero-variants.ts', ['denseSeriesArquero']),
    run: (set) => denseSeriesArquero(set.counts, set.months),
  },
  {
    name: 'denseSeries, Arquero columns',
    loc: linesOf('scripts/bench/arquero-variants.ts', ['denseSeriesArqueroColumns']),
    run: (set) => denseSeriesArqueroColumns(set.counts, set.months),
  },
];

const windows: Variant<Series[], unknown>[] = [
  {
    name: 'windows, plain TS (kept)',
    loc:
      linesOf('src/lib/alerts/windows.ts', ['referenceValues', 'earlierSums']) +
      linesOf('src/lib/alerts/reference.ts', ['referenceMonths']) +
      linesOf('scripts/bench/arquero-variants.ts', ['seriesWindowsPlain']),
    run: (series) => seriesWindowsPlain(series, OPTIONS),
  },
  {
    name: 'windows, Arquero lag/rolling',
    loc: linesOf('scripts/bench/arquero-variants.ts', ['seriesWindowsArquero']),
    run: (series) => seriesWindowsArquero(series, OPTIONS),
  },
];

console.log(`bench:arquero — ${machineState()}`);
console.log(`node ${process.version}, median of ${RUNS} runs after one checked run, seed ${SEED}`);
const sample = await sampleCounts();
const sets = [
  sample,
  syntheticCounts('合成 ×10', sample.counts.length * 10, SEED),
  syntheticCounts('合成 ×100', sample.counts.length * 100, SEED + 1),
];
const table: string[][] = [
  ['variant', 'input', 'input rows', 'median ms', '× plain', 'lines of code'],
];
for (const set of sets) {
  const series = denseSeries(set.counts, set.months);
  const seriesMonths = series.reduce((sum, s) => sum + s.batches.length - s.start, 0);
  const report = (
    stage: readonly { name: string; loc: number }[],
    medians: number[],
    size: number,
  ) =>
    stage.forEach((variant, v) =>
      table.push([
        variant.name,
        set.name,
        String(size),
        medians[v]!.toFixed(1),
        (medians[v]! / medians[0]!).toFixed(1),
        String(variant.loc),
      ]),
    );
  report(dense, race(set, dense), set.counts.length);
  report(windows, race(series, windows), seriesMonths);
}
console.log(textTable(table));
console.log(
  `input rows: sparse counts for denseSeries; series-months from each start for the windows ` +
    `(${OPTIONS.years} years × ±${OPTIONS.window} months of lags, ${OPTIONS.recentMonths} earlier months). ` +
    sets.map((set) => `${set.name} ${set.months[0]}…${set.months.at(-1)}`).join(', '),
);

console.log('\nArquero under the CSP rule (node --disallow-code-generation-from-strings):');
const probe = path.join(ROOT, 'scripts/bench/arquero-csp.ts');
console.log(
  execFileSync(process.execPath, ['--disallow-code-generation-from-strings', probe], {
    encoding: 'utf8',
  }).trimEnd(),
);
