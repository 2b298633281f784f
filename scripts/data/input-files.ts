/** Finding and reading the export files: encoding detection, CSV streaming, XLSX sheets. */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { columnForHeader } from '../../src/lib/columns.ts';
import type { Cell } from '../../src/lib/parse-values.ts';
import { BuildError } from './build-error.ts';
import { CsvSyntaxError, type RecordHandler } from './csv-parser.ts';
import {
  READ_CHUNK,
  streamCsvRecords,
  type CsvStreamResult,
  type TextEncoding,
} from './csv-reader.ts';
import { inspectWorkbook } from './xlsx-guard.ts';

export type InputFormat = 'csv' | 'xlsx';

export interface InputFile {
  name: string;
  path: string;
  format: InputFormat;
}

/** Handed each record with its physical line (CSV) or row number (XLSX), 1-based. */
export type CellsHandler = (cells: Cell[], line: number) => void;

export interface ReadResult {
  sha256: string;
  bytes: number;
  encoding: string;
  /** The sheet read, when a workbook has several. */
  sheet?: string;
  /** XLSX cells past the header that were dropped before reading (see xlsx-guard.ts). */
  ignoredCells?: number;
}

/** The .csv and .xlsx files of a folder in file-name order (lock files and hidden files skipped). */
export async function listInputFiles(folder: string): Promise<InputFile[]> {
  let entries: string[];
  try {
    entries = await fs.readdir(folder);
  } catch {
    throw new BuildError(
      `找不到输入目录 ${folder}：请把导出的 .csv/.xlsx 文件放在这里，或用 --input 指定目录`,
    );
  }
  const files: InputFile[] = [];
  for (const name of entries.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (name.startsWith('.') || name.startsWith('~$')) continue;
    const extension = path.extname(name).toLowerCase();
    if (extension !== '.csv' && extension !== '.xlsx') continue;
    const full = path.join(folder, name);
    if (!(await fs.stat(full)).isFile()) continue;
    files.push({ name, path: full, format: extension === '.csv' ? 'csv' : 'xlsx' });
  }
  return files;
}

function startsWith(buffer: Buffer, bytes: readonly number[]): boolean {
  return bytes.every((byte, index) => buffer[index] === byte);
}

/** Length of the prefix of `buffer` that ends on a UTF-8 character boundary. */
function completeUtf8Length(buffer: Buffer): number {
  let index = buffer.length - 1;
  let continuation = 0;
  while (index >= 0 && continuation < 3 && ((buffer[index] ?? 0) & 0xc0) === 0x80) {
    index--;
    continuation++;
  }
  if (index < 0) return buffer.length;
  const lead = buffer[index] ?? 0;
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return buffer.length - index >= needed ? buffer.length : index;
}

/** Zero bytes (the high bytes of ASCII characters) nearly all at even or all at odd offsets. */
function looksLikeUtf16Or32(head: Buffer): boolean {
  const zeros = [0, 0];
  for (let i = 0; i < Math.min(head.length, 4096); i++) if (head[i] === 0) zeros[i % 2]!++;
  const total = zeros[0]! + zeros[1]!;
  return total >= 8 && Math.max(zeros[0]!, zeros[1]!) >= total * 0.9;
}

/**
 * The text encoding of a CSV, detected, never assumed: a BOM decides; else UTF-8 when every byte
 * sequence is valid UTF-8; else GB18030. Binary content and zipped spreadsheets are refused.
 */
export async function detectEncoding(file: InputFile): Promise<TextEncoding> {
  const stream = createReadStream(file.path, { highWaterMark: READ_CHUNK });
  let carry: Buffer = Buffer.alloc(0);
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (first) {
        first = false;
        if (startsWith(chunk, [0xef, 0xbb, 0xbf])) return 'utf-8-bom';
        if (startsWith(chunk, [0xff, 0xfe, 0, 0]) || startsWith(chunk, [0, 0, 0xfe, 0xff])) {
          throw new BuildError(
            `文件 ${file.name} 是 UTF-32 编码：请在 Excel 或记事本中另存为 UTF-8 或 GB18030 编码的 CSV`,
          );
        }
        if (startsWith(chunk, [0xff, 0xfe])) return 'utf-16le';
        if (startsWith(chunk, [0xfe, 0xff])) return 'utf-16be';
        if (startsWith(chunk, [0x50, 0x4b, 0x03, 0x04])) {
          throw new BuildError(
            `文件 ${file.name} 实际是 Excel（xlsx）文件而不是 CSV：请把扩展名改为 .xlsx，或在 Excel 中另存为 CSV`,
          );
        }
        const head = chunk.subarray(0, 65_536);
        if (looksLikeUtf16Or32(head)) {
          throw new BuildError(
            `文件 ${file.name} 像是没有 BOM 的 UTF-16 或 UTF-32 编码：请在 Excel 或记事本中另存为 UTF-8 或 GB18030 编码的 CSV`,
          );
        }
        if (head.includes(0)) {
          throw new BuildError(
            `文件 ${file.name} 不是文本 CSV 文件（含二进制内容）：请从信访系统重新导出 CSV 或 XLSX`,
          );
        }
      }
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const complete = completeUtf8Length(bytes);
      if (!isUtf8(bytes.subarray(0, complete))) return 'gb18030';
      carry = Buffer.from(bytes.subarray(complete));
    }
  } finally {
    stream.destroy();
  }
  if (first) throw new BuildError(`文件 ${file.name} 是空文件：请重新导出`);
  return carry.length === 0 ? 'utf-8' : 'gb18030';
}

function syntaxError(file: InputFile, message: string, line: number): BuildError {
  return new BuildError(
    `文件 ${file.name} 第${line}行起无法按 CSV 读取（${message}）：请检查该处的引号，或在 Excel 中重新另存为 CSV`,
  );
}

function finished(file: InputFile, result: CsvStreamResult, encoding: TextEncoding): ReadResult {
  if (!result.hadText) throw new BuildError(`文件 ${file.name} 是空文件：请重新导出`);
  return { sha256: result.sha256, bytes: result.bytes, encoding };
}

/** Streams a CSV's records to `onCells`, hashing the bytes on the way. */
export async function readCsv(
  file: InputFile,
  onCells: CellsHandler,
  afterChunk?: () => Promise<void> | void,
): Promise<ReadResult> {
  const encoding = await detectEncoding(file);
  try {
    const result = await streamCsvRecords(
      file.path,
      encoding,
      onCells as RecordHandler,
      afterChunk ? { afterChunk } : {},
    );
    return finished(file, result, encoding);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw syntaxError(file, error.message, error.line);
    throw error;
  }
}

/**
 * Reads one sheet of an XLSX; row numbers are the sheet's (header usually row 1). With several
 * sheets, the one whose first rows hold a header is read (named in the result); several such
 * sheets are refused by name; none: the first visible sheet.
 */
export async function readXlsx(file: InputFile, onCells: CellsHandler): Promise<ReadResult> {
  const content = await fs.readFile(file.path);
  if (content.length === 0) throw new BuildError(`文件 ${file.name} 是空文件：请重新导出`);
  const unreadable = (): BuildError =>
    new BuildError(
      `文件 ${file.name} 无法作为 Excel（xlsx）读取：请在 Excel 中打开后另存为 .xlsx 或 CSV`,
    );
  const inspected = inspectWorkbook(content, file.name);
  const sheets = inspected?.sheets ?? [];
  const readable = inspected?.zip ?? content;
  const read = async (sheet?: string): Promise<Cell[][]> => {
    try {
      return (await (sheet === undefined
        ? readSheet(readable)
        : readSheet(readable, sheet))) as unknown as Cell[][];
    } catch {
      throw unreadable();
    }
  };
  let chosen: string | undefined;
  let rows: Cell[][] | undefined;
  if (sheets.length > 1) {
    const holding: { name: string; label: string; rows: Cell[][] }[] = [];
    for (const sheet of sheets) {
      const sheetRows = await read(sheet.name);
      if (holdsHeader(sheetRows)) holding.push({ ...sheet, rows: sheetRows });
    }
    if (holding.length > 1) {
      throw new BuildError(
        `文件 ${file.name} 有 ${holding.length} 个工作表都像信访数据（${holding.map((h) => `“${h.label}”`).join('、')}）：请把每个工作表另存为单独的文件，或删去不用的工作表`,
      );
    }
    const visible = sheets.find((sheet) => !sheet.hidden) ?? sheets[0]!;
    chosen = holding[0]?.label ?? visible.label;
    rows = holding[0]?.rows ?? (await read(visible.name));
  }
  rows ??= await read();
  rows.forEach((row, index) => onCells(row, index + 1));
  return {
    sha256: createHash('sha256').update(content).digest('hex'),
    bytes: content.length,
    encoding: 'xlsx',
    ...(chosen === undefined ? {} : { sheet: chosen }),
    ...(inspected?.ignoredCells ? { ignoredCells: inspected.ignoredCells } : {}),
  };
}

/** Three or more cells of one of the first rows name input columns. */
function holdsHeader(rows: readonly Cell[][]): boolean {
  return rows
    .slice(0, 10)
    .some(
      (row) =>
        row.filter((cell) => typeof cell === 'string' && columnForHeader(cell.trim()) !== undefined)
          .length >= 3,
    );
}
