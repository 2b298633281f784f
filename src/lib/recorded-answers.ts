/**
 * Recorded answers: the site build runs each chart page's queries for its default view and every
 * view one filter change away, and publishes the rows keyed by query, so that the browser can draw
 * a first change while DuckDB-WASM starts. Here: which views are recorded, the key of a query and
 * of a view, and the file's shape. The rows go through the same loaders and drawing code as the
 * engine's, so a recorded view cannot be drawn differently.
 */
import { MEASURES } from './counts.ts';
import { COMPARES, type ReportPeriod } from './periods.ts';
import type { Query, SqlRow, SqlValue } from './query-runner.ts';
import { CHANNELS, LEVELS } from './schema.ts';
import { FILTER_KEYS, type RecordFilter } from './scope.ts';
import {
  DEFAULT_VIEW,
  PERIOD_KINDS,
  serializeViewState,
  type KnownValues,
  type ViewState,
} from './view-state.ts';

/** Raised when the file's shape changes: a browser refuses a file of another format. */
export const RECORDED_FORMAT = 1;

/** Where the files are published, under the site's base path. */
export const RECORDED_FOLDER = 'answers';

/**
 * One query's rows by column, column names once. A column of repeated strings is kept as its
 * distinct strings and each row's index into them (null stays null).
 */
export type RecordedColumn = SqlValue[] | { strings: string[]; ids: (number | null)[] };

export interface RecordedRows {
  columns: string[];
  length: number;
  values: RecordedColumn[];
}

/**
 * A chart page's answers for one view (`of`: the page, `key`: the view's URL search string, '' for
 * the default view), or the 情况汇报's for one scope (`of`: 'report', `key`: `reportKey`), which
 * 总览 and 办理与考核 share. A large answer that several views share is kept once, in a file of
 * its own (`sharedPath`), and only its query key is listed in `shared`.
 */
export interface RecordedFile {
  format: typeof RECORDED_FORMAT;
  /** The identity of the published data the answers were computed from (its manifest's hash). */
  data: string;
  of: string;
  key: string;
  /** By `queryKey`. */
  answers: Record<string, RecordedRows>;
  shared: string[];
}

export const REPORT_ANSWERS = 'report';

/**
 * 64-bit FNV-1a of the text's UTF-8 bytes, as 16 hex digits (crypto.subtle is missing off https).
 * In four 16-bit limbs: the prime is 2^40 + 0x1b3, and every product stays below 2^31.
 */
export function fnv1a64(text: string): string {
  let [h0, h1, h2, h3] = [0x2325, 0x8422, 0x9ce4, 0xcbf2];
  for (const byte of new TextEncoder().encode(text)) {
    h0 ^= byte;
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
    [h0, h1, h2, h3] = [t0 & 0xffff, t1 & 0xffff, t2 & 0xffff, t3 & 0xffff];
  }
  return [h3, h2, h1, h0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
}

/** The exact query: its SQL text and its bound values. */
export const queryKey = (query: Query): string =>
  fnv1a64(JSON.stringify([query.sql, query.params]));

/**
 * The default view and each view one change of the filter form away from it: every other period
 * kind (自定义 as the form first sets it, January to the latest month), comparison and measure,
 * and each value of each record filter the form offers.
 */
export function recordedViews(known: KnownValues): ViewState[] {
  const others = <T>(values: readonly T[], taken: T): T[] => values.filter((v) => v !== taken);
  const custom = { from: `${known.latestMonth.slice(0, 4)}-01`, to: known.latestMonth };
  return [
    DEFAULT_VIEW,
    ...others(PERIOD_KINDS, DEFAULT_VIEW.period).map((period) => ({
      ...DEFAULT_VIEW,
      period,
      ...(period === 'custom' ? custom : {}),
    })),
    ...others(COMPARES, DEFAULT_VIEW.compare).map((compare) => ({ ...DEFAULT_VIEW, compare })),
    ...others(MEASURES, DEFAULT_VIEW.measure).map((measure) => ({ ...DEFAULT_VIEW, measure })),
    ...CHANNELS.map((channel) => ({ ...DEFAULT_VIEW, channel })),
    ...LEVELS.map((level) => ({ ...DEFAULT_VIEW, level })),
    ...known.categories.map((category) => ({ ...DEFAULT_VIEW, category })),
    ...known.regions.map((region) => ({ ...DEFAULT_VIEW, region })),
    ...known.tags.map((tag) => ({ ...DEFAULT_VIEW, tag })),
  ];
}

/** The key of a view's answers: its URL search string. */
export const viewKey = (view: ViewState): string => serializeViewState(view);

/** The key of a 情况汇报: what it follows (the period, the comparison, the record filters). */
export const reportKey = (
  scope: { period: Pick<ReportPeriod, 'from' | 'to' | 'compare'> } & RecordFilter,
): string =>
  JSON.stringify([
    scope.period.from,
    scope.period.to,
    scope.period.compare,
    ...FILTER_KEYS.map((key) => scope[key]),
  ]);

/** The file of the large answers kept once: `of` 'query', `key` the query key. */
export const SHARED_ANSWERS = 'query';

/** Where the answers of `of` (a page, or 'report') for `key` are, under the site's base path. */
export const recordedPath = (of: string, key: string): string =>
  `${RECORDED_FOLDER}/${of}/${fnv1a64(key)}.json`;

/** Where a shared answer is: named by its query key. */
export const sharedPath = (key: string): string =>
  `${RECORDED_FOLDER}/${SHARED_ANSWERS}/${key}.json`;

/** A number JSON cannot carry exactly (NaN, ±Infinity, -0). */
const inexact = (value: SqlValue): boolean =>
  typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0));

function encodeColumn(values: SqlValue[]): RecordedColumn {
  if (!values.every((value) => value === null || typeof value === 'string')) return values;
  const strings = [...new Set(values.filter((value) => value !== null))];
  if (strings.length * 2 > values.length) return values;
  const index = new Map(strings.map((text, i) => [text, i]));
  return {
    strings,
    ids: values.map((value) => (value === null ? null : (index.get(value) ?? null))),
  };
}

/** The rows in a file's shape; null when JSON would not give them back exactly. */
export function encodeRows(rows: readonly SqlRow[]): RecordedRows | null {
  const columns = Object.keys(rows[0] ?? {});
  if (!rows.every((row) => Object.keys(row).join('\0') === columns.join('\0'))) return null;
  const values = columns.map((column) => rows.map((row) => row[column] ?? null));
  if (values.some((column) => column.some(inexact))) return null;
  return { columns, length: rows.length, values: values.map(encodeColumn) };
}

const valueAt = (column: RecordedColumn | undefined, i: number): SqlValue => {
  if (column === undefined) return null;
  if (Array.isArray(column)) return column[i] ?? null;
  const id = column.ids[i];
  return id === null || id === undefined ? null : (column.strings[id] ?? null);
};

/** Fresh row objects on every call: a loader may change what it is given. */
export function decodeRows(recorded: RecordedRows): SqlRow[] {
  const rows: SqlRow[] = [];
  for (let i = 0; i < recorded.length; i++) {
    const row: SqlRow = {};
    recorded.columns.forEach((column, j) => {
      row[column] = valueAt(recorded.values[j], i);
    });
    rows.push(row);
  }
  return rows;
}
