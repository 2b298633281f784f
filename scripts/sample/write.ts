/**
 * Writes the sample exports: month by month, each record into every file whose range holds it
 * (CSV streamed out as GB18030; XLSX collected and written at the end), plus the bad rows.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { DEFAULT_CALENDAR, calendarThrough, monthKey, monthStart, type Calendar } from './dates.ts';
import { BAD_ROWS, type BadKind, type BadRowSpec } from './bad-rows.ts';
import { byteBuffer, type ByteBuffer } from './gb18030.ts';
import { filesFor, firstFileOf, type FileSpec } from './layout.ts';
import { DEFAULT_RECORDS } from './plan.ts';
import { rngFor, type Rng } from './prng.ts';
import { appendCsvLine, freeTextColumns, renderRow, type Cell } from './render.ts';
import { RISES_FILE, planRises, risenRecords, type RisesTruth } from './rises.ts';
import { extraRecord, sampleMonths, type SampleRecord } from './truth.ts';
import { xlsxBuffer } from './xlsx.ts';

/** Above this many clean records every file is written as CSV (XLSX would be too slow and big). */
export const XLSX_RECORD_LIMIT = 50_000;
export const MANIFEST = '.sample-manifest.json';

export interface FileReport {
  file: string;
  format: 'csv' | 'xlsx';
  encoding: 'GB18030' | 'XLSX';
  /** Data rows (header excluded). */
  rows: number;
  /** Rows whose case number is read here first: what the build publishes from this file. */
  published: number;
  /** Rows repeated from the overlapping earlier file (rejected as duplicates). */
  overlapDuplicates: number;
  /** Bad rows written here (rejected), by kind. */
  bad: Partial<Record<BadKind, number>>;
}

export interface BadRowReport {
  file: string;
  /** Spreadsheet row / CSV line, header = 1. */
  row: number;
  kind: BadKind;
  field: string;
  caseId: string;
}

export interface SampleReport {
  seed: number;
  records: number;
  xlsxWrittenAsCsv: boolean;
  files: FileReport[];
  badRows: BadRowReport[];
  published: number;
  rejected: number;
  /** A sample longer than the default: its last month. */
  through?: string;
  /** The injection seed of the rises added (their truth: RISES_FILE). */
  injectedRises?: number;
}

interface Sink {
  spec: FileSpec;
  name: string;
  rng: Rng;
  /** File descriptor of a CSV file; null for XLSX (written at the end). */
  fd: number | null;
  out: ByteBuffer;
  rows: Cell[][];
  freeText: boolean[];
  count: number;
  last: Cell[] | null;
  report: FileReport;
}

function openSink(dir: string, spec: FileSpec, index: number, seed: number): Sink {
  const name = `${spec.stem}.${spec.format}`;
  const headers = spec.columns.map(([, header]) => header);
  const sink: Sink = {
    spec,
    name,
    rng: rngFor(seed, 100 + index),
    fd: null,
    out: byteBuffer(spec.format === 'csv' ? 1 << 20 : 0),
    rows: [],
    freeText: freeTextColumns(spec),
    count: 0,
    last: null,
    report: {
      file: name,
      format: spec.format,
      encoding: spec.format === 'csv' ? 'GB18030' : 'XLSX',
      rows: 0,
      published: 0,
      overlapDuplicates: 0,
      bad: {},
    },
  };
  if (spec.format === 'csv') {
    sink.fd = openSync(path.join(dir, name), 'w');
    appendCsvLine(sink.out, headers);
  }
  return sink;
}

function put(sink: Sink, cells: Cell[], checked = true): number {
  if (sink.fd !== null) appendCsvLine(sink.out, cells, checked ? sink.freeText : undefined);
  else sink.rows.push(cells);
  sink.last = cells;
  sink.count++;
  sink.report.rows++;
  return sink.count + 1;
}

/** Writes the buffered bytes out once there are enough of them (or `force`). */
function flush(sink: Sink, force: boolean): void {
  if (sink.fd === null || sink.out.length === 0 || (!force && sink.out.length < 1 << 19)) return;
  writeSync(sink.fd, sink.out.bytes, 0, sink.out.length);
  sink.out.length = 0;
}

function badRow(
  sink: Sink,
  spec: BadRowSpec,
  k: number,
  seed: number,
  stash: Map<BadRowSpec, SampleRecord>,
): { cells: Cell[]; caseId: string } | null {
  if (spec.kind === 'duplicate-identical') {
    return sink.last === null ? null : { cells: [...sink.last], caseId: caseIdOf(sink, sink.last) };
  }
  if (spec.kind === 'duplicate-conflicting') {
    const source = stash.get(spec);
    if (source === undefined) return null;
    const cells = renderRow(sink.spec, sink.rng, source, sink.count + 1, spec.changes);
    return { cells, caseId: source.truth.case_id };
  }
  const from = Math.max(sink.spec.from, monthStart(spec.month));
  const to = Math.min(sink.spec.to, monthStart(spec.month + 1) - 1);
  const record = extraRecord(seed, k, from, to);
  const cells = renderRow(sink.spec, sink.rng, record, sink.count + 1, {
    [spec.field]: spec.value ?? null,
  });
  return { cells, caseId: spec.field === 'case_id' ? '' : record.truth.case_id };
}

function caseIdOf(sink: Sink, cells: readonly Cell[]): string {
  const i = sink.spec.columns.findIndex(([field]) => field === 'case_id');
  return String(cells[i] ?? '');
}

/** What to write: the seed, the size, how long it runs and the rises added, if any. */
interface Plan {
  seed: number;
  records: number;
  calendar: Calendar;
  rises: RisesTruth | null;
}

/** Writes the sample into `dir` (which must exist and hold none of these files yet). */
async function writeInto(dir: string, plan: Plan): Promise<SampleReport> {
  const asCsv = plan.records > XLSX_RECORD_LIMIT;
  const specs = filesFor(plan.calendar).map((f): FileSpec => (asCsv ? { ...f, format: 'csv' } : f));
  const sinks = specs.map((spec, i) => openSink(dir, spec, i, plan.seed));
  try {
    return await writeFiles(dir, plan, asCsv, sinks);
  } finally {
    for (const sink of sinks) if (sink.fd !== null) closeSync(sink.fd);
  }
}

async function writeFiles(
  dir: string,
  plan: Plan,
  asCsv: boolean,
  sinks: Sink[],
): Promise<SampleReport> {
  const { seed, records, calendar } = plan;
  const files = sinks.map((sink) => sink.spec);
  const badRows: BadRowReport[] = [];
  const stash = new Map<BadRowSpec, SampleRecord>();
  const extra = plan.rises ? risenRecords(plan.rises, calendar) : undefined;
  for (const { month, records: batch, monthEnd } of sampleMonths(seed, records, {
    calendar,
    ...(extra ? { extra } : {}),
  })) {
    for (const spec of BAD_ROWS) {
      if (spec.sourceMonth !== month || stash.has(spec)) continue;
      const source = batch.find((r) => firstFileOf(r.day, files) === spec.sourceFile);
      if (source !== undefined) stash.set(spec, source);
    }
    for (const [f, sink] of sinks.entries()) {
      for (const record of batch) {
        if (record.day < sink.spec.from || record.day > sink.spec.to) continue;
        put(sink, renderRow(sink.spec, sink.rng, record, sink.count + 1));
        if (firstFileOf(record.day, files) === f) sink.report.published++;
        else sink.report.overlapDuplicates++;
      }
      BAD_ROWS.forEach((spec, k) => {
        if (!monthEnd || spec.file !== f || spec.month !== month) return;
        const bad = badRow(sink, spec, k, seed, stash);
        if (bad === null) return;
        const row = put(sink, bad.cells, false);
        sink.report.bad[spec.kind] = (sink.report.bad[spec.kind] ?? 0) + 1;
        badRows.push({
          file: sink.name,
          row,
          kind: spec.kind,
          field: spec.field,
          caseId: bad.caseId,
        });
      });
      flush(sink, false);
    }
  }
  for (const sink of sinks) {
    flush(sink, true);
    if (sink.fd === null) {
      const headers = sink.spec.columns.map(([, header]) => header);
      writeFileSync(path.join(dir, sink.name), await xlsxBuffer(headers, sink.rows));
      sink.rows = [];
    }
  }
  const reports = sinks.map((s) => s.report);
  const published = reports.reduce((n, f) => n + f.published, 0);
  const rejected = reports.reduce((n, f) => n + f.rows - f.published, 0);
  return {
    seed,
    records,
    xlsxWrittenAsCsv: asCsv,
    files: reports,
    badRows,
    published,
    rejected,
    ...(calendar.months === DEFAULT_CALENDAR.months
      ? {}
      : { through: monthKey(calendar.months - 1) }),
    ...(plan.rises ? { injectedRises: plan.rises.seed } : {}),
  };
}

export interface SampleOptions {
  out: string;
  seed: number;
  /** Clean (published) records of the default 33 months; default: the reference size. */
  records?: number;
  /** Runs on the same pattern to this month ('YYYY-MM', not before 2024-09). */
  through?: string;
  /** Adds seeded rises to the sample (rises.ts); their truth is written beside it. */
  injectRises?: number;
}

/**
 * Generates the sample into `out`. A fresh folder is filled under a temporary name and renamed;
 * an existing one may only hold an earlier sample (its files are replaced), never other data.
 */
export async function writeSample(options: SampleOptions): Promise<SampleReport> {
  const out = path.resolve(options.out);
  const records = options.records ?? DEFAULT_RECORDS;
  const calendar = options.through ? calendarThrough(options.through) : DEFAULT_CALENDAR;
  const rises =
    options.injectRises === undefined
      ? null
      : planRises(options.injectRises, options.seed, records, calendar);
  const previous = existsSync(out) ? ownedFiles(out) : null;
  const work = `${out}.partial-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    const report = await writeInto(work, { seed: options.seed, records, calendar, rises });
    writeFileSync(path.join(work, MANIFEST), JSON.stringify(report, null, 2) + '\n');
    if (rises) writeFileSync(path.join(work, RISES_FILE), JSON.stringify(rises, null, 2) + '\n');
    if (previous === null) renameSync(work, out);
    else {
      for (const name of previous) rmSync(path.join(out, name), { force: true });
      for (const name of readdirSync(work)) renameSync(path.join(work, name), path.join(out, name));
      rmSync(work, { recursive: true, force: true });
    }
    return report;
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

/** Files of an earlier sample in `dir`; throws if `dir` holds data files that are not ours. */
function ownedFiles(dir: string): string[] {
  const manifest = path.join(dir, MANIFEST);
  const owned = existsSync(manifest)
    ? [
        MANIFEST,
        RISES_FILE,
        ...(JSON.parse(readFileSync(manifest, 'utf8')) as SampleReport).files.map((f) => f.file),
      ]
    : [];
  const foreign = readdirSync(dir).filter(
    (name) => /\.(csv|xlsx)$/i.test(name) && !owned.includes(name),
  );
  if (foreign.length > 0) {
    throw new Error(
      `输出目录 ${dir} 中已有不是示例数据的文件（${foreign.slice(0, 3).join('、')}${foreign.length > 3 ? ' 等' : ''}），为免覆盖，请换一个目录（--out）。`,
    );
  }
  return owned;
}
