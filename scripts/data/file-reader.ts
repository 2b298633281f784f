/**
 * Reading one export file, start to end: finds the header row, checks the columns, parses every
 * row and hands over batches of staged rows (integers, text dictionaries, ids) and rejections.
 * Runs in a worker thread (file-worker.ts) or, for small inputs, in the main thread: same code.
 */
import {
  INPUT_COLUMNS,
  REQUIRED_COLUMNS,
  resolveHeaders,
  type HeaderResolution,
  type HeaderTarget,
  type InputColumn,
} from '../../src/lib/columns.ts';
import { isEmptyCell, type Cell } from '../../src/lib/parse-values.ts';
import { BuildError } from './build-error.ts';
import { diagnoseHeader } from './header-diagnosis.ts';
import { readCsv, readXlsx, type InputFile, type ReadResult } from './input-files.ts';
import { HmacSha256 } from './hmac-sha256.ts';
import type { FileMapping } from './mapping.ts';
import { PersonalValues } from './personal-values.ts';
import { PSEUDONYM_HEX_DIGITS } from './pseudonym.ts';
import { createRowParser, isRowProblem, type ParsedRow, type RowProblem } from './row-parser.ts';

export interface FileJob {
  file: InputFile;
  mapping: FileMapping | undefined;
  categories: readonly string[];
  categoryRenames: Readonly<Record<string, string>>;
  latestDay: number;
  /** The pseudonym secret: petitioner ids are replaced by their keyed hash right here. */
  key: Uint8Array;
}

export const DICTIONARIES = ['subcategory', 'tags', 'region', 'unit', 'label'] as const;
export type DictionaryName = (typeof DICTIONARIES)[number];

/** Text → id, one map per dictionary column. */
export function emptyDictionaries(): Record<DictionaryName, Map<string, number>> {
  return {
    subcategory: new Map(),
    tags: new Map(),
    region: new Map(),
    unit: new Map(),
    label: new Map(),
  };
}

/** Integer columns of a batch, in order; dictionary columns hold ids local to the file. */
export const BATCH_COLUMNS = [
  'line',
  'reg',
  'acc',
  'due',
  'closed',
  'persons',
  'codes',
  'subcategory',
  'tags',
  'region',
  'unit',
  'label',
] as const;
export const NONE = -1;

export interface RejectRecord {
  line: number;
  column: string;
  kind: string;
  reason: string;
}

export interface StagingBatch {
  rows: number;
  /** BATCH_COLUMNS, column after column, `rows` values each. */
  ints: Int32Array<ArrayBuffer>;
  caseIds: string[];
  /** Petitioner pseudonyms (never the ids themselves), '' for none. */
  pseudonyms: string[];
  /** Dictionary entries first seen in this batch, in id order. */
  newEntries: Record<DictionaryName, string[]>;
  rejects: RejectRecord[];
}

export interface FileRead extends ReadResult {
  /** Non-blank rows after the header. */
  read: number;
  /** Rows that passed every value check (duplicates among them are found later). */
  accepted: number;
  rejected: number;
  unknownColumns: string[];
  /** Columns the file's header carried, and columns a mapping default filled (coverage.ts). */
  carried: InputColumn[];
  defaulted: InputColumn[];
  /** The case_id header as written, for duplicate rejections. */
  caseHeader: string;
  /** Names and phones seen, as hashes (see personal-values.ts). */
  personal: { hashes: Float64Array<ArrayBuffer>; lengths: number[] };
}

export interface FileSink {
  batch(batch: StagingBatch): void;
  progress(read: number): void;
  /** Called between chunks of the file: a worker waits here when the reader falls behind. */
  pause(): Promise<void> | void;
}

const BATCH_ROWS = 4096;
const HEADER_SEARCH_ROWS = 10;
const PROGRESS_EVERY = 100_000;
const WHOLE_ROW = '（整行）';

function headerTexts(cells: readonly Cell[]): string[] {
  return cells.map((cell) => (cell === null || cell === undefined ? '' : String(cell)));
}

function describeColumn(column: InputColumn): string {
  const spec = INPUT_COLUMNS[column];
  return `${spec.label}（${column}，也可写作 ${spec.aliases.join('、')}）`;
}

function checkColumns(
  file: InputFile,
  resolution: HeaderResolution,
  mapping: FileMapping | undefined,
  headers: readonly string[],
): void {
  const ambiguous = Object.entries(resolution.ambiguous);
  if (ambiguous.length > 0) {
    const [column, headers] = ambiguous[0]!;
    throw new BuildError(
      `文件 ${file.name} 有多个表头都对应 ${column}（${headers.join('、')}）：请删去多余的列，或在映射文件中指定用哪一列（见 docs/mapping.md）`,
    );
  }
  const missing = REQUIRED_COLUMNS.filter(
    (column) =>
      resolution.positions[column] === undefined && mapping?.defaults[column] === undefined,
  );
  if (missing.length > 0) {
    const cause = file.format === 'csv' ? diagnoseHeader(file.path, headers) : null;
    if (cause) throw new BuildError(`文件 ${file.name} 读不出表头：${cause}`);
    throw new BuildError(
      `文件 ${file.name} 缺少必填列：${missing.map(describeColumn).join('；')}。` +
        `如果导出的表头名称不同，请在映射文件中写明哪个表头对应它，或为整个文件指定默认值（见 docs/mapping.md）`,
    );
  }
}

/** Accumulates staged rows with file-local dictionaries. */
class BatchBuilder {
  private readonly hmac: HmacSha256;
  private ints = new Int32Array(BATCH_COLUMNS.length * BATCH_ROWS);
  private rows = 0;
  private caseIds: string[] = [];
  private pseudonyms: string[] = [];
  private rejects: RejectRecord[] = [];
  private newEntries = BatchBuilder.noEntries();
  private readonly dictionaries = emptyDictionaries();

  constructor(key: Uint8Array) {
    this.hmac = new HmacSha256(key);
  }

  private static noEntries(): Record<DictionaryName, string[]> {
    return { subcategory: [], tags: [], region: [], unit: [], label: [] };
  }

  private id(name: DictionaryName, text: string | null): number {
    if (text === null) return NONE;
    const dictionary = this.dictionaries[name];
    let id = dictionary.get(text);
    if (id === undefined) {
      id = dictionary.size;
      const owned = (text + ' ').slice(0, -1);
      dictionary.set(owned, id);
      this.newEntries[name].push(owned);
    }
    return id;
  }

  get full(): boolean {
    return this.rows === BATCH_ROWS;
  }

  get empty(): boolean {
    return this.rows === 0 && this.rejects.length === 0;
  }

  add(row: ParsedRow, line: number): void {
    const at = this.rows;
    const ints = this.ints;
    const set = (column: number, value: number): void => {
      ints[column * BATCH_ROWS + at] = value;
    };
    set(0, line);
    set(1, row.registeredOn);
    set(2, row.acceptedOn);
    set(3, row.dueOn);
    set(4, row.closedOn);
    set(5, row.persons);
    set(6, row.codes);
    set(7, this.id('subcategory', row.subcategory));
    set(8, this.id('tags', row.tags));
    set(9, this.id('region', row.region));
    set(10, this.id('unit', row.unit));
    set(11, this.id('label', row.categoryLabel));
    this.caseIds.push(row.caseId);
    this.pseudonyms.push(
      row.petitionerId === null ? '' : this.hmac.hex(row.petitionerId, PSEUDONYM_HEX_DIGITS),
    );
    this.rows++;
  }

  reject(record: RejectRecord): void {
    this.rejects.push(record);
  }

  /** The batch so far (columns packed to its row count); the builder starts a new one. */
  take(): StagingBatch {
    const rows = this.rows;
    const ints = new Int32Array(BATCH_COLUMNS.length * rows);
    for (let column = 0; column < BATCH_COLUMNS.length; column++) {
      ints.set(this.ints.subarray(column * BATCH_ROWS, column * BATCH_ROWS + rows), column * rows);
    }
    const batch: StagingBatch = {
      rows,
      ints,
      caseIds: this.caseIds,
      pseudonyms: this.pseudonyms,
      newEntries: this.newEntries,
      rejects: this.rejects,
    };
    this.rows = 0;
    this.caseIds = [];
    this.pseudonyms = [];
    this.rejects = [];
    this.newEntries = BatchBuilder.noEntries();
    return batch;
  }
}

export async function processFile(job: FileJob, sink: FileSink): Promise<FileRead> {
  const { file, mapping } = job;
  const builder = new BatchBuilder(job.key);
  const personal = new PersonalValues();
  let header: string[] | null = null;
  let caseHeader: string = INPUT_COLUMNS.case_id.label;
  /** Records before the header is found (title rows, or the header itself). */
  const searched: { cells: Cell[]; line: number }[] = [];
  let parse: ((cells: readonly Cell[]) => ParsedRow | RowProblem) | null = null;
  let unknownColumns: string[] = [];
  let carried: InputColumn[] = [];
  let defaulted: InputColumn[] = [];
  let read = 0;
  let accepted = 0;
  let rejected = 0;

  const overrides = mapping?.columns ?? new Map<string, HeaderTarget>();
  const startParsing = (headerCells: string[]): void => {
    const resolution = resolveHeaders(headerCells, overrides);
    checkColumns(file, resolution, mapping, headerCells);
    header = headerCells;
    unknownColumns = resolution.unknown;
    carried = Object.keys(resolution.positions) as InputColumn[];
    defaulted = (Object.keys(mapping?.defaults ?? {}) as InputColumn[]).filter(
      (column) => resolution.positions[column] === undefined,
    );
    caseHeader = headerCells[resolution.positions.case_id ?? -1]?.trim() || caseHeader;
    parse = createRowParser({
      positions: resolution.positions,
      headers: headerCells,
      defaults: mapping?.defaults ?? {},
      latestDay: job.latestDay,
      categories: job.categories,
      categoryRenames: job.categoryRenames,
    });
  };

  const reject = (line: number, column: string, kind: string, reason: string): void => {
    rejected++;
    builder.reject({ line, column, kind, reason });
  };

  const onCells = (cells: Cell[], line: number): void => {
    if (cells.every(isEmptyCell)) return;
    if (parse === null) {
      searched.push({ cells, line });
      const texts = headerTexts(cells);
      if (Object.keys(resolveHeaders(texts, overrides).positions).length >= 2) {
        startParsing(texts);
      } else if (searched.length >= HEADER_SEARCH_ROWS) {
        useFirstRecordAsHeader();
      }
      return;
    }
    read++;
    if (read % PROGRESS_EVERY === 0) sink.progress(read);
    const width = header!.length;
    if (file.format === 'csv' && cells.length !== width) {
      if (cells.length < width || !cells.slice(width).every(isEmptyCell)) {
        reject(line, WHOLE_ROW, `字段数${cells.length}（表头${width}）`, '字段数与表头不一致');
        return;
      }
    }
    const result = parse(cells);
    if (isRowProblem(result)) {
      for (const value of result.personal) personal.add(value);
      reject(line, result.column, result.kind, result.reason);
      return;
    }
    for (const value of result.personal) personal.add(value);
    builder.add(result, line);
    accepted++;
    if (builder.full) sink.batch(builder.take());
  };

  /** No header recognised: the first record is taken as header (its columns then get checked). */
  const useFirstRecordAsHeader = (): void => {
    const [first, ...rest] = searched.splice(0);
    if (!first) throw new BuildError(`文件 ${file.name} 没有任何内容：请重新导出`);
    startParsing(headerTexts(first.cells));
    for (const record of rest) onCells(record.cells, record.line);
  };

  const result =
    file.format === 'csv'
      ? await readCsv(file, onCells, () => sink.pause())
      : await readXlsx(file, onCells);
  if (parse === null) useFirstRecordAsHeader();
  if (!builder.empty) sink.batch(builder.take());
  if (read !== accepted + rejected) {
    throw new Error(`${file.name}: read ${read} ≠ accepted ${accepted} + rejected ${rejected}`);
  }
  return {
    ...result,
    read,
    accepted,
    rejected,
    unknownColumns,
    carried,
    defaulted,
    caseHeader,
    personal: personal.export(),
  };
}
