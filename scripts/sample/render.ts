/** One record as one export row, written the way that export writes things. */
import { DAY_MS, excelSerial, ymd } from './dates.ts';
import { appendGb18030, type ByteBuffer } from './gb18030.ts';
import type { BoolStyle, DateStyle, Field, FileSpec } from './layout.ts';
import { mobile } from './pii.ts';
import { chance, pick, sampler, type Rng } from './prng.ts';
import type { SampleRecord } from './truth.ts';
import { OLD_SCHEME } from './vocab.ts';

/** A cell before encoding: text, a number, an XLSX date cell, or empty. */
export type Cell = string | number | Date | null;

const CLERKS = ['王敏', '刘洋', '陈静', '张磊', '赵丽'];
const dateStylePickers = new WeakMap<FileSpec, (rng: Rng) => DateStyle>();

const STYLE_KEYS: Readonly<Record<DateStyle, number>> = {
  iso: 0,
  slash: 1,
  dot: 2,
  cn: 3,
  serial: 4,
  cell: 5,
};
const textDates = new Map<number, string>();

/** A date as text, cached (XLSX date cells and serial numbers are built each time). */
function formatDate(day: number, style: DateStyle, xlsx: boolean): Cell {
  if (style === 'cell' && xlsx) return dateCell(day);
  if (style === 'serial' && xlsx) return excelSerial(day);
  const key = day * 8 + STYLE_KEYS[style];
  let text = textDates.get(key);
  if (text === undefined) {
    text = textDate(day, style);
    textDates.set(key, text);
  }
  return text;
}

function dateCell(day: number): Date {
  return new Date(day * DAY_MS);
}

function textDate(day: number, style: DateStyle): string {
  const { y, m, d } = ymd(day);
  switch (style) {
    case 'slash':
      return `${y}/${m}/${d}`;
    case 'dot':
      return `${y}.${m}.${d}`;
    case 'cn':
      return `${y}年${m}月${d}日`;
    case 'serial':
      return String(excelSerial(day));
    case 'cell':
    case 'iso':
      return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
}

function formatBool(value: boolean, style: BoolStyle, xlsx: boolean): Cell {
  switch (style) {
    case '是否':
      return value ? '是' : '否';
    case 'YN':
      return value ? 'Y' : 'N';
    case 'truefalse':
      return value ? 'true' : 'false';
    case '10':
      return xlsx ? (value ? 1 : 0) : value ? '1' : '0';
  }
}

function alias(rng: Rng, value: string, aliases: readonly string[] | undefined): string {
  return aliases === undefined ? value : pick(rng, aliases);
}

export type Overrides = Partial<Record<Field, Cell>>;

/** What one row is rendered from (one reused object: rows are rendered a million times). */
interface Row {
  xlsx: boolean;
  style: FileSpec['style'];
  rng: Rng;
  record: SampleRecord;
  dateStyle: DateStyle;
  serial: number;
}

const row: Row = {
  xlsx: false,
  style: undefined as unknown as FileSpec['style'],
  rng: () => 0,
  record: undefined as unknown as SampleRecord,
  dateStyle: 'iso',
  serial: 0,
};

function date(day: number | null): Cell {
  return day === null ? null : formatDate(day, row.dateStyle, row.xlsx);
}

function blankable(value: string, isDefault: boolean): Cell {
  return isDefault && row.rng() < row.style.blankDefaults ? null : value;
}

function bool(value: boolean): Cell {
  return !value && row.rng() < row.style.blankDefaults
    ? null
    : formatBool(value, row.style.bools, row.xlsx);
}

function cellValue(field: Field): Cell {
  const { xlsx, style, rng, record } = row;
  const t = record.truth;
  const person = record.person;
  switch (field) {
    case 'case_id':
      return t.case_id;
    case 'record_type':
      return t.record_type === '登记' && chance(rng, style.blankDefaults / 2)
        ? null
        : t.record_type;
    case 'registered_on':
      return date(record.day);
    case 'channel':
      return alias(rng, t.channel, style.aliases[t.channel]);
    case 'level':
      return alias(rng, t.level, style.aliases[t.level]);
    case 'persons':
      if (t.persons === 1 && chance(rng, style.blankDefaults / 2)) return null;
      return xlsx ? t.persons : String(t.persons);
    case 'category':
      return style.oldCategories
        ? (OLD_SCHEME[record.categoryLabel] ?? record.categoryLabel)
        : record.categoryLabel;
    case 'subcategory':
      return t.subcategory;
    case 'tags':
      return t.tags.length === 0
        ? null
        : t.tags.length === 1
          ? (t.tags[0] as string)
          : t.tags.join(';');
    case 'purpose':
      return t.purpose;
    case 'region':
      return t.region;
    case 'unit':
      return t.unit;
    case 'source':
      return blankable(t.source, t.source === '本级登记');
    case 'acceptance':
      return blankable(t.acceptance, t.acceptance === '待受理');
    case 'accepted_on':
      return date(record.acceptedDay);
    case 'due_on':
      return record.dueWritten ? date(record.dueDay) : null;
    case 'closed_on':
      return date(record.closedDay);
    case 'satisfaction':
      return blankable(t.satisfaction, t.satisfaction === '未评价');
    case 'is_repeat':
      return bool(record.givenRepeat);
    case 'leader_received':
      return bool(t.leader_received);
    case 'leader_case':
      return bool(t.leader_case);
    case 'supervised':
      return bool(t.supervised);
    case 'resolved':
      return bool(t.resolved);
    case 'petitioner_name':
      return person?.name ?? (chance(rng, 0.5) ? '匿名' : null);
    case 'petitioner_id':
      return person?.residentId ?? null;
    case 'phone':
      return person === null || chance(rng, 0.08) ? null : person.phone;
    case 'address':
      return person === null || chance(rng, 0.15) ? null : person.address;
    case 'content':
      return xlsx || !record.content.includes('\n')
        ? record.content
        : record.content.replace(/\s*\n\s*/g, ' ');
    case 'serial':
      return xlsx ? row.serial : String(row.serial);
    case 'remark': {
      const x = rng();
      if (x < 0.85) return null;
      if (x < 0.9) return '已电话回访';
      if (x < 0.94) return '申请延期办理';
      return `联系人${person?.name ?? '家属'}，${mobile(rng)}`;
    }
    case 'clerk':
      return pick(rng, CLERKS);
  }
}

export function renderRow(
  file: FileSpec,
  rng: Rng,
  record: SampleRecord,
  serial: number,
  overrides?: Overrides,
): Cell[] {
  let pickStyle = dateStylePickers.get(file);
  if (pickStyle === undefined) {
    pickStyle = sampler(file.style.dates);
    dateStylePickers.set(file, pickStyle);
  }
  row.xlsx = file.format === 'xlsx';
  row.style = file.style;
  row.rng = rng;
  row.record = record;
  row.dateStyle = pickStyle(rng);
  row.serial = serial;
  const columns = file.columns;
  const cells = new Array<Cell>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const field = (columns[i] as readonly [Field, string])[0];
    cells[i] =
      overrides !== undefined && field in overrides ? (overrides[field] ?? null) : cellValue(field);
  }
  return cells;
}

/** Fields whose text may hold commas, quotes or line breaks (everything else is vocabulary). */
const FREE_TEXT: ReadonlySet<Field> = new Set(['content', 'address', 'remark', 'petitioner_name']);

/** Per column of `file`: whether csvLine must look for characters that need quoting. */
export function freeTextColumns(file: FileSpec): boolean[] {
  return file.columns.map(([field]) => FREE_TEXT.has(field));
}

function cellText(cell: Cell): string {
  return cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
}

/** A CSV line (RFC 4180 quoting, CRLF) appended as GB18030; `check`: columns that may need quoting. */
export function appendCsvLine(
  out: ByteBuffer,
  cells: readonly Cell[],
  check?: readonly boolean[],
): void {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const text = cellText(cells[i] ?? null);
    if (i > 0) line += ',';
    line += (check === undefined || check[i] === true) && needsQuotes(text) ? quote(text) : text;
  }
  appendGb18030(out, line + '\r\n');
}

function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function needsQuotes(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 34 || c === 10 || c === 13) return true;
  }
  return false;
}
