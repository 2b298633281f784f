/**
 * Reading one export file: finds its header row, checks its columns, parses every row and sends
 * it to staging or to the rejects file. Every non-blank row after the header is counted as read
 * and ends published or rejected.
 */
import {
  INPUT_COLUMNS,
  REQUIRED_COLUMNS,
  resolveHeaders,
  type HeaderResolution,
  type InputColumn,
} from '../../src/lib/columns.ts';
import { isEmptyCell, type Cell } from '../../src/lib/parse-values.ts';
import { BuildError } from './build-error.ts';
import { readCsv, readXlsx, type InputFile, type ReadResult } from './input-files.ts';
import type { FileMapping } from './mapping.ts';
import type { PersonalValues } from './personal-values.ts';
import type { RejectSink } from './rejects.ts';
import { createRowParser, isRowProblem, type ParsedRow, type RowProblem } from './row-parser.ts';
import type { StagingWriter } from './staging.ts';

const HEADER_SEARCH_ROWS = 10;
const PROGRESS_EVERY = 100_000;
const WHOLE_ROW = '（整行）';

export interface BuildContext {
  staging: StagingWriter;
  rejects: RejectSink;
  personal: PersonalValues;
  categories: readonly string[];
  latestDay: number;
  log: (line: string) => void;
}

function isBlank(cells: readonly Cell[]): boolean {
  return cells.every(isEmptyCell);
}

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
): void {
  const ambiguous = Object.entries(resolution.ambiguous);
  if (ambiguous.length > 0) {
    const [column, headers] = ambiguous[0]!;
    throw new BuildError(
      `文件 ${file.name} 有多个表头都对应 ${column}（${headers.join('、')}）：请删去多余的列，或在映射文件中指定用哪一列（见 docs/mapping.md）`,
    );
  }
  const missing = REQUIRED_COLUMNS.filter(
    (column) => resolution.positions[column] === undefined && mapping?.defaults[column] === undefined,
  );
  if (missing.length > 0) {
    throw new BuildError(
      `文件 ${file.name} 缺少必填列：${missing.map(describeColumn).join('；')}。` +
        `如果导出的表头名称不同，请在映射文件中写明哪个表头对应它，或为整个文件指定默认值（见 docs/mapping.md）`,
    );
  }
}

export interface FileRead extends ReadResult {
  /** Non-blank rows after the header. */
  read: number;
  /** Rows that passed every value check (duplicates among them are found later). */
  accepted: number;
  unknownColumns: string[];
  /** The case_id header as written, for duplicate rejections. */
  caseHeader: string;
}

export async function ingestFile(
  file: InputFile,
  fileIndex: number,
  mapping: FileMapping | undefined,
  context: BuildContext,
): Promise<FileRead> {
  const { staging, rejects, personal } = context;
  let header: string[] | null = null;
  let caseHeader: string = INPUT_COLUMNS.case_id.label;
  /** Records before the header is found (title rows, or the header itself). */
  const searched: { cells: Cell[]; line: number }[] = [];
  let parse: ((cells: readonly Cell[]) => ParsedRow | RowProblem) | null = null;
  let unknownColumns: string[] = [];
  let read = 0;
  let accepted = 0;
  let rejected = 0;

  const overrides = mapping?.columns ?? new Map<string, InputColumn | null>();
  const startParsing = (headerCells: string[]): void => {
    const resolution = resolveHeaders(headerCells, overrides);
    checkColumns(file, resolution, mapping);
    header = headerCells;
    unknownColumns = resolution.unknown;
    caseHeader = headerCells[resolution.positions.case_id ?? -1]?.trim() || caseHeader;
    parse = createRowParser({
      positions: resolution.positions,
      headers: headerCells,
      defaults: mapping?.defaults ?? {},
      latestDay: context.latestDay,
      categories: context.categories,
    });
  };

  const reject = (line: number, column: string, kind: string, reason: string): void => {
    rejected++;
    rejects.add(fileIndex, line, column, kind, reason);
  };

  const onCells = (cells: Cell[], line: number): void => {
    if (isBlank(cells)) return;
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
    if (read % PROGRESS_EVERY === 0) context.log(`  ${file.name}：已读 ${read} 行`);
    const width = header!.length;
    if (file.format === 'csv' && cells.length !== width) {
      if (cells.length < width || !cells.slice(width).every(isEmptyCell)) {
        reject(line, WHOLE_ROW, `字段数${cells.length}（表头${width}）`, '字段数与表头不一致');
        return;
      }
    }
    const result = parse(cells);
    if (isRowProblem(result)) {
      reject(line, result.column, result.kind, result.reason);
      return;
    }
    for (const value of result.personal) personal.add(value);
    staging.add(result, fileIndex, line);
    accepted++;
  };

  /** No header recognised: the first record is taken as header (its columns then get checked). */
  const useFirstRecordAsHeader = (): void => {
    const [first, ...rest] = searched.splice(0);
    if (!first) throw new BuildError(`文件 ${file.name} 没有任何内容：请重新导出`);
    startParsing(headerTexts(first.cells));
    for (const record of rest) onCells(record.cells, record.line);
  };

  context.log(`读取 ${file.name}`);
  const result =
    file.format === 'csv' ? await readCsv(file, onCells) : await readXlsx(file, onCells);
  if (parse === null) useFirstRecordAsHeader();
  if (read !== accepted + rejected) {
    throw new Error(`${file.name}: read ${read} ≠ accepted ${accepted} + rejected ${rejected}`);
  }
  return { ...result, read, accepted, unknownColumns, caseHeader };
}
