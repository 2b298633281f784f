/**
 * Looks inside an XLSX before the spreadsheet reader does, with bounded memory: the ZIP's entries
 * (declared and real expansion capped), the workbook's sheets (name, hidden, file), and how far
 * each sheet's cells reach. The reader builds a dense grid, so a sheet whose farthest cell makes
 * that grid huge (one value in XFD1048576) is rewritten here without the cells past its header
 * (counted, never shown); a sheet still too large after that is refused.
 */
import { inflateRawSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { findPii, totalHits } from '../../src/lib/pii.ts';
import { BuildError } from './build-error.ts';

function sheetLabel(name: string, index: number): string {
  const hits = findPii(name);
  return totalHits({ ...hits, qq: 0, wechat: 0 }) > 0 ? `第 ${index + 1} 个（名称已隐去）` : name;
}

/** The most a whole workbook may expand to, declared or real. */
export const MAX_EXPANDED_BYTES = 1536 * 1024 * 1024;
/** The most one ZIP entry may expand to. */
export const MAX_ENTRY_BYTES = 768 * 1024 * 1024;
/**
 * A sheet reaching past column IV (256) may span at most this many cells (farthest row ×
 * farthest column); within 256 columns any number of rows is read, as exports have.
 */
export const MAX_GRID_CELLS = 20_000_000;
export const MAX_PLAIN_COLUMNS = 256;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

export interface SheetInfo {
  name: string;
  /** The name for messages: a name holding an identifier is replaced by the sheet's position. */
  label: string;
  hidden: boolean;
  rows: number;
  columns: number;
}

function zipEntries(zip: Buffer): ZipEntry[] | null {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      uncompressedSize: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

function entryBytes(zip: Buffer, entry: ZipEntry, tooLarge: () => never): Buffer {
  const local = entry.localOffset;
  if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) return Buffer.alloc(0);
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  try {
    return inflateRawSync(data, { maxOutputLength: MAX_ENTRY_BYTES });
  } catch (error) {
    if (
      error instanceof RangeError ||
      (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
    ) {
      tooLarge();
    }
    return Buffer.alloc(0);
  }
}

const COLUMN_LETTERS = /^[A-Z]{1,3}$/;

/** Column number of A, B, …, XFD. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Farthest row and column a sheet's `r="…"` references reach, scanning bytes (no big strings). */
function extent(xml: Buffer): { rows: number; columns: number; farthest: string } {
  const marker = Buffer.from(' r="');
  let rows = 0;
  let columns = 0;
  let farthest = '';
  let farthestSize = 0;
  for (let at = xml.indexOf(marker); at >= 0; at = xml.indexOf(marker, at + 4)) {
    const close = xml.indexOf(0x22, at + 4);
    if (close < 0 || close - at > 24) continue;
    const ref = xml.toString('latin1', at + 4, close);
    const match = /^([A-Z]{0,3})(\d+)$/.exec(ref);
    if (!match) continue;
    const row = Number(match[2]);
    rows = Math.max(rows, row);
    if (match[1] && COLUMN_LETTERS.test(match[1])) {
      const column = columnNumber(match[1]);
      columns = Math.max(columns, column);
      if (row * column > farthestSize) {
        farthestSize = row * column;
        farthest = ref;
      }
    }
  }
  return { rows, columns, farthest };
}

const attribute = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

const unescapeXml = (text: string): string =>
  text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');

function columnLetters(n: number): string {
  let letters = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/** The first rows looked at for the header (as file-reader.ts searches). */
const HEADER_ROWS = 10;
/** Empty header cells tolerated between two named ones. */
const HEADER_GAP = 26;
const ROW = /<row\b[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g;
const CELL = /<c\b[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g;

/**
 * The sheet without the cells past its header: the header is the longest run of cells (gaps up
 * to HEADER_GAP) among the first rows, and its last column the farthest kept. Rows left without
 * cells go too.
 */
export function boundSheet(xml: string): { xml: string; ignored: number } {
  let last = 0;
  let longest = 0;
  let seen = 0;
  for (const [, inner] of xml.matchAll(ROW)) {
    if (seen++ >= HEADER_ROWS) break;
    let end = 0;
    let length = 0;
    for (const [, letters] of (inner ?? '').matchAll(CELL)) {
      const column = columnNumber(letters!);
      if (end !== 0 && column > end + HEADER_GAP) break;
      end = column;
      length++;
    }
    if (length > longest || (length === longest && end > last)) {
      longest = length;
      last = end;
    }
  }
  let ignored = 0;
  let rows = 0;
  const sheetData = xml.replace(ROW, (whole: string, inner: string | undefined) => {
    let kept = 0;
    let rowNumber = 0;
    const cells = (inner ?? '').replace(CELL, (cell: string, letters: string, row: string) => {
      if (columnNumber(letters) > last) {
        ignored++;
        return '';
      }
      kept++;
      rowNumber = Number(row);
      return cell;
    });
    // Cells without a reference (allowed, positional) are kept, and so is their row.
    if (kept === 0 && !/<c\b/.test(cells)) return '';
    const open = /^<row\b[^>]*>/.exec(whole)![0];
    rows = Math.max(rows, rowNumber, Number(attribute(open, 'r') ?? 0));
    return `${open.replace(/\sspans="[^"]*"/, '')}${cells}</row>`;
  });
  const ref = `A1:${columnLetters(Math.max(last, 1))}${Math.max(rows, 1)}`;
  return {
    xml: sheetData
      .replace(/<dimension\b[^>]*\/>/, `<dimension ref="${ref}"/>`)
      .replace(/<mergeCells\b[\s\S]*?<\/mergeCells>/, ''),
    ignored,
  };
}

export interface InspectedWorkbook {
  sheets: SheetInfo[];
  /** The workbook to read: the file itself, or rebuilt with far sheets bounded. */
  zip: Buffer;
  /** Cells past a header that were dropped, over all sheets. */
  ignoredCells: number;
}

/**
 * The workbook's sheets in workbook order, after checking expansion and grid sizes (far sheets
 * bounded); null when the file is no readable ZIP (the spreadsheet reader then refuses it).
 */
export function inspectWorkbook(zip: Buffer, fileName: string): InspectedWorkbook | null {
  const entries = zipEntries(zip);
  if (!entries) return null;
  const tooLarge = (): never => {
    throw new BuildError(
      `文件 ${fileName} 解压后过大（超过 ${MAX_EXPANDED_BYTES / 1024 / 1024} MB，可能是损坏或异常的文件）：请在 Excel 中打开后另存为 .xlsx 或 CSV`,
    );
  };
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > MAX_EXPANDED_BYTES || entries.some((e) => e.uncompressedSize > MAX_ENTRY_BYTES)) {
    tooLarge();
  }
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const text = (name: string): string => {
    const entry = byName.get(name);
    return entry ? entryBytes(zip, entry, tooLarge).toString('utf8') : '';
  };
  const targets = new Map<string, string>();
  for (const [tag] of text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attribute(tag, 'Id');
    const target = attribute(tag, 'Target');
    if (id && target) {
      targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    }
  }
  let expanded = 0;
  const sheets: SheetInfo[] = [];
  const bounded = new Map<string, Buffer>();
  let ignoredCells = 0;
  const tooFar = (rows: number, columns: number): boolean =>
    columns > MAX_PLAIN_COLUMNS && rows * columns > MAX_GRID_CELLS;
  for (const [tag] of text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)) {
    const name = unescapeXml(attribute(tag, 'name') ?? '');
    const target = targets.get(attribute(tag, 'r:id') ?? '');
    const entry = target === undefined ? undefined : byName.get(target);
    let xml = entry ? entryBytes(zip, entry, tooLarge) : Buffer.alloc(0);
    expanded += xml.length;
    if (expanded > MAX_EXPANDED_BYTES) tooLarge();
    let { rows, columns, farthest } = extent(xml);
    if (entry && columns > MAX_PLAIN_COLUMNS) {
      const sheet = boundSheet(xml.toString('utf8'));
      xml = Buffer.from(sheet.xml, 'utf8');
      bounded.set(entry.name, xml);
      ignoredCells += sheet.ignored;
      ({ rows, columns, farthest } = extent(xml));
    }
    if (tooFar(rows, columns)) {
      throw new BuildError(
        `文件 ${fileName} 的工作表“${sheetLabel(name, sheets.length)}”有内容远在数据之外（最远到单元格 ${farthest}，整张表约 ${Math.round((rows * columns) / 1e6)} 百万个格子）：请删去表头右侧和数据下方的多余内容后另存（超过 ${MAX_PLAIN_COLUMNS} 列时限 ${MAX_GRID_CELLS / 1e6} 百万个格子）`,
      );
    }
    sheets.push({
      name,
      label: sheetLabel(name, sheets.length),
      hidden: /^(hidden|veryHidden)$/.test(attribute(tag, 'state') ?? ''),
      rows,
      columns,
    });
  }
  if (bounded.size === 0) return { sheets, zip, ignoredCells };
  let rebuiltBytes = 0;
  const files: Record<string, Uint8Array> = {};
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const bytes = bounded.get(entry.name) ?? entryBytes(zip, entry, tooLarge);
    rebuiltBytes += bytes.length;
    if (rebuiltBytes > MAX_EXPANDED_BYTES) tooLarge();
    files[entry.name] = bytes;
  }
  return { sheets, zip: Buffer.from(zipSync(files, { level: 1 })), ignoredCells };
}
