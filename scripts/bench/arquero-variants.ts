/**
 * bench:arquero's contenders: the alerts' reshape and window arithmetic written with Arquero,
 * beside the plain TypeScript the site keeps (src/lib/alerts/series.ts, windows.ts). Node-only:
 * Arquero compiles its expressions with `Function`, which the site's CSP forbids.
 */
import * as aq from 'arquero';
import type { AlertOptions } from '../../src/lib/alerts/options.ts';
import {
  KEY_SEPARATOR,
  type CountRow,
  type Series,
  type SeriesDimension,
} from '../../src/lib/alerts/series.ts';
import {
  earlierSums,
  referenceValues,
  type ReferenceValues,
} from '../../src/lib/alerts/windows.ts';

/** Arquero types an op shorthand (op.sum('n') outside an expression) as the value it stands for. */
const shorthand = (op: unknown): object => op as object;

type WindowOptions = Pick<AlertOptions, 'years' | 'window' | 'recentMonths' | 'minHistory'>;

/** denseSeries as it was written with Arquero (main before bench:arquero), verbatim. */
export function denseSeriesArquero(rows: readonly CountRow[], months: readonly string[]): Series[] {
  if (rows.length === 0 || months.length === 0) return [];
  const position = new Map(months.map((month, i) => [month, i]));
  const inRange = rows.filter((row) => position.has(row.month));
  if (inRange.length === 0) return [];
  // A calendar pseudo-series makes every month present, so `expand` fills the whole range.
  const calendar = months.map((month) => ({
    dimension: '',
    key: '',
    month,
    batches: 0,
    persons: 0,
  }));
  const table = aq
    .from([...inRange, ...calendar])
    .groupby('dimension', 'key')
    .impute({ batches: () => 0, persons: () => 0 }, { expand: 'month' })
    .filter((d: { dimension: string }) => d.dimension !== '')
    .groupby('dimension', 'key')
    .rollup({
      months: aq.op.array_agg('month'),
      batches: aq.op.array_agg('batches'),
      persons: aq.op.array_agg('persons'),
    })
    .orderby('dimension', 'key');
  return (
    table.objects() as {
      dimension: SeriesDimension;
      key: string;
      months: string[];
      batches: number[];
      persons: number[];
    }[]
  ).map((row) => {
    const batches = new Array<number>(months.length).fill(0);
    const persons = new Array<number>(months.length).fill(0);
    row.months.forEach((month, i) => {
      const at = position.get(month)!;
      batches[at] = (batches[at] ?? 0) + (row.batches[i] ?? 0);
      persons[at] = (persons[at] ?? 0) + (row.persons[i] ?? 0);
    });
    const first = batches.findIndex((count) => count > 0);
    return {
      dimension: row.dimension,
      keys: row.key.split(KEY_SEPARATOR),
      start: first === -1 ? months.length : first,
      batches,
      persons,
    };
  });
}

/**
 * denseSeries in Arquero's best shape: columns in (as an Arrow answer would be), one grouped
 * rollup, columns out; no impute (the months are placed by index anyway) and no row objects.
 */
export function denseSeriesArqueroColumns(
  rows: readonly CountRow[],
  months: readonly string[],
): Series[] {
  const position = new Map(months.map((month, i) => [month, i]));
  const inRange = rows.filter((row) => position.has(row.month));
  if (inRange.length === 0) return [];
  const grouped = aq
    .table({
      dimension: inRange.map((row) => row.dimension),
      key: inRange.map((row) => row.key),
      at: inRange.map((row) => position.get(row.month)!),
      batches: inRange.map((row) => row.batches),
      persons: inRange.map((row) => row.persons),
    })
    .groupby('dimension', 'key')
    .rollup({
      at: aq.op.array_agg('at'),
      batches: aq.op.array_agg('batches'),
      persons: aq.op.array_agg('persons'),
    })
    .orderby('dimension', 'key');
  const column = <T>(name: string): T[] => Array.from(grouped.array(name) as ArrayLike<T>);
  const ats = column<number[]>('at');
  const batchLists = column<number[]>('batches');
  const personLists = column<number[]>('persons');
  const keys = column<string>('key');
  return column<SeriesDimension>('dimension').map((dimension, s) => {
    const batches = new Array<number>(months.length).fill(0);
    const persons = new Array<number>(months.length).fill(0);
    ats[s]!.forEach((at, i) => {
      batches[at]! += batchLists[s]![i]!;
      persons[at]! += personLists[s]![i]!;
    });
    const first = batches.findIndex((count) => count > 0);
    const start = first === -1 ? months.length : first;
    return { dimension, keys: keys[s]!.split(KEY_SEPARATOR), start, batches, persons };
  });
}

/** The window figures of one series at every month: what detect.ts asks of windows.ts. */
export interface SeriesWindows {
  reference: (ReferenceValues | null)[];
  /** Batches of the `recentMonths` months before each month (escalation's k₀ and n₀). */
  earlier: number[];
}

/** The plain variant: the site's own functions (windows.ts over reference.ts). */
export function seriesWindowsPlain(
  series: readonly Series[],
  options: WindowOptions,
): SeriesWindows[] {
  return series.map((s) => ({
    reference: referenceValues(s.batches, s.start, options),
    earlier: earlierSums(s.batches, s.start, options.recentMonths),
  }));
}

/**
 * The same figures from Arquero window functions over one long table of every series from its
 * start: op.lag for the same months of earlier years, rolling frames for the recent months and
 * their sum. A frame's end is an absolute offset (Arquero takes |end|: [-12, -1] reaches one
 * month ahead), so the frames end on the month itself and the month is taken back out.
 */
export function seriesWindowsArquero(
  series: readonly Series[],
  options: WindowOptions,
): SeriesWindows[] {
  const id: number[] = [];
  const month: number[] = [];
  const count: number[] = [];
  series.forEach((s, k) => {
    for (let t = s.start; t < s.batches.length; t++) {
      id.push(k);
      month.push(t);
      count.push(s.batches[t]!);
    }
  });
  const out = series.map((s) => ({
    reference: new Array<ReferenceValues | null>(s.batches.length).fill(null),
    earlier: new Array<number>(s.batches.length).fill(0),
  }));
  if (id.length === 0) return out;
  const offsets: number[][] = [];
  const lags: Record<string, object> = {};
  for (let k = 1; k <= options.years; k++) {
    offsets.push([]);
    for (let j = -options.window; j <= options.window; j++) {
      if (12 * k - j <= 0) continue;
      offsets[k - 1]!.push(12 * k - j);
      lags[`lag${12 * k - j}`] = shorthand(aq.op.lag('n', 12 * k - j));
    }
  }
  const frame: [number, number] = [-options.recentMonths, 0];
  const table = aq
    .table({ id, t: month, n: count })
    .groupby('id')
    .orderby('id', 't') // the rows' own order, which array() then keeps
    .derive({
      ...lags,
      recent: aq.rolling(shorthand(aq.op.array_agg('n')), frame),
      sum: aq.rolling(shorthand(aq.op.sum('n')), frame),
    });
  const column = (name: string): unknown[] => Array.from(table.array(name) as ArrayLike<unknown>);
  const lagged = new Map(Object.keys(lags).map((name) => [name, column(name) as number[]]));
  const recent = column('recent') as number[][];
  const sums = column('sum') as number[];
  for (let r = 0; r < id.length; r++) {
    const s = out[id[r]!]!;
    const t = month[r]!;
    const since = t - series[id[r]!]!.start;
    s.earlier[t] = sums[r]! - count[r]!;
    const seasonal: number[] = [];
    let years = 0;
    for (let k = 1; k <= options.years && since >= 12 * k && since >= 24; k++, years++) {
      for (const offset of offsets[k - 1]!) {
        const value = lagged.get(`lag${offset}`)![r];
        if (value !== undefined) seasonal.push(value);
      }
    }
    if (years >= 2) s.reference[t] = { baseline: 'seasonal', values: seasonal };
    else if (since >= options.minHistory) {
      s.reference[t] = { baseline: 'recent', values: recent[r]!.slice(0, -1) };
    }
  }
  return out;
}
