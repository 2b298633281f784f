/**
 * Cell values of an export → published values (data contract §1). Pure: no I/O.
 * A failed parse returns a Problem: what kind of value it was and why it was refused,
 * never the value itself (it may be personal data).
 */
import { toHalfWidth } from './columns.ts';
import { hasPii } from './pii.ts';
import {
  ACCEPTANCES,
  CATEGORIES,
  CHANNELS,
  LEVELS,
  PURPOSES,
  RECORD_TYPES,
  SATISFACTIONS,
  SOURCES,
} from './schema.ts';

/** A cell as read: CSV gives strings, XLSX also numbers, booleans and dates. */
export type Cell = string | number | boolean | Date | null | undefined;

export interface Problem {
  /** What the value looked like, e.g. "空", "非日期文本". Never the value. */
  kind: string;
  reason: string;
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'reason' in value;
}

export function isEmptyCell(cell: Cell): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell !== 'string') return false;
  if (cell.length === 0) return true;
  const first = cell.charCodeAt(0);
  if (first > 0x20 && first !== 0x3000 && first !== 0xfeff && first !== 0xa0) return false;
  return cell.trim() === '';
}

/** Whether a character is whitespace for normaliseText (what /\s/ matches, plus U+FEFF). */
function isSpace(code: number): boolean {
  if (code > 0x20 && code < 0x7f) return false;
  return (
    code <= 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Trimmed, whitespace runs (incl. the ideographic space) collapsed to one space. */
function normaliseText(text: string): string {
  let clean = true;
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) {
      clean = false;
      break;
    }
  }
  if (clean) return text;
  return text.replace(/[\s\uFEFF]+/g, ' ').trim();
}

export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime()) ? '' : formatDay(dayOfUtcDate(cell));
  return normaliseText(String(cell));
}

export const MISSING: Problem = { kind: '空', reason: '缺少必填值' };

// ---------------------------------------------------------------- dates

const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 (Excel's day 0, after its 1900 leap-year bug) to 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;
const MIN_DAY = 10_957; // 2000-01-01

/** Days since 1970-01-01 of a calendar date, or null when no such date exists. */
export function dayFromParts(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays =
    month === 2
      ? leap
        ? 29
        : 28
      : month === 4 || month === 6 || month === 9 || month === 11
        ? 30
        : 31;
  if (day > monthDays) return null;
  // Days from civil (H. Hinnant): exact for the proleptic Gregorian calendar.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** 2024-03-05 exactly (the common case), without regular expressions; null when not that shape. */
function isoDay(text: string): number | null | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45)
    return undefined;
  let year = 0;
  let month = 0;
  let day = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    if (i < 4) year = year * 10 + digit;
    else if (i < 7) month = month * 10 + digit;
    else day = day * 10 + digit;
  }
  return dayFromParts(year, month, day);
}

function dayOfUtcDate(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

/** The local calendar date of an instant, as days since 1970-01-01 (for "built on"). */
export function localDay(instant: Date): number {
  return dayFromParts(instant.getFullYear(), instant.getMonth() + 1, instant.getDate()) ?? 0;
}

export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

const TIME = String.raw`(?:[ T]+\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?)?`;
const DATE_SEPARATED = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const DATE_CHINESE = new RegExp(String.raw`^(\d{4})年(\d{1,2})月(\d{1,2})日?${TIME}$`);
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
/** As text, only a 5-digit number is taken for an Excel serial (1927–2173); "2022.3" is not. */
const EXCEL_SERIAL = /^\d{5}(?:\.\d+)?$/;

const NOT_A_DATE: Problem = { kind: '非日期文本', reason: '日期无法识别' };
const NO_SUCH_DATE: Problem = { kind: '不存在的日期', reason: '日期无法识别' };
const NOT_A_SERIAL: Problem = { kind: '非日期序号的数字', reason: '日期无法识别' };
const RANGE_REASON = '日期超出范围（应在2000-01-01至构建日期之间）';
const TOO_EARLY: Problem = { kind: '早于2000年的日期', reason: RANGE_REASON };
const TOO_LATE: Problem = { kind: '晚于构建日期的日期', reason: RANGE_REASON };

function fromExcelSerial(serial: number): number | Problem {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return NOT_A_SERIAL;
  return Math.floor(serial) - EXCEL_EPOCH_OFFSET;
}

function parseDayText(text: string): number | Problem {
  const iso = isoDay(text);
  if (iso !== undefined) return iso ?? NO_SUCH_DATE;
  const match = DATE_SEPARATED.exec(text) ?? DATE_CHINESE.exec(text);
  if (match) {
    const separated = match.length === 5;
    const [year, month, day] = separated
      ? [match[1], match[3], match[4]]
      : [match[1], match[2], match[3]];
    return dayFromParts(Number(year), Number(month), Number(day)) ?? NO_SUCH_DATE;
  }
  const compact = DATE_COMPACT.exec(text);
  if (compact) {
    return dayFromParts(Number(compact[1]), Number(compact[2]), Number(compact[3])) ?? NO_SUCH_DATE;
  }
  if (EXCEL_SERIAL.test(text)) return fromExcelSerial(Number(text));
  return NOT_A_DATE;
}

/**
 * A non-empty date cell → days since 1970-01-01. Accepts 2024-03-05, 2024/3/5, 2024.3.5,
 * 2024年3月5日 (each optionally followed by a time), 20240305, Excel serials and XLSX dates.
 * `latest` (days) bounds it from above; every date must be on or after 2000-01-01.
 */
export function parseDay(cell: Cell, latest: number = Infinity): number | Problem {
  let day: number | Problem;
  if (cell instanceof Date) {
    day = Number.isNaN(cell.getTime()) ? NOT_A_DATE : dayOfUtcDate(cell);
  } else if (typeof cell === 'number') {
    day = fromExcelSerial(cell);
  } else if (typeof cell === 'string') {
    const iso = isoDay(cell);
    day = iso === undefined ? parseDayText(toHalfWidth(cell).trim()) : (iso ?? NO_SUCH_DATE);
  } else {
    day = NOT_A_DATE;
  }
  if (isProblem(day)) return day;
  if (day < MIN_DAY) return TOO_EARLY;
  if (day > latest) return TOO_LATE;
  return day;
}

// ---------------------------------------------------------------- booleans and persons

const TRUE_WORDS = new Set(['是', 'y', 'yes', '1', 'true']);
const FALSE_WORDS = new Set(['否', 'n', 'no', '0', 'false']);
const NOT_A_BOOLEAN: Problem = {
  kind: '未识别的取值',
  reason: '不是是/否值（可用：是/否、Y/N、1/0、true/false）',
};

/** 是/否, Y/N, 1/0, true/false (any case); an empty cell is 否. */
export function parseBoolean(cell: Cell): boolean | Problem {
  if (typeof cell === 'boolean') return cell;
  if (cell === '否') return false;
  if (cell === '是') return true;
  if (isEmptyCell(cell)) return false;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : NOT_A_BOOLEAN;
  const word = toHalfWidth(String(cell)).trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return NOT_A_BOOLEAN;
}

const MAX_PERSONS = 100_000;
const PERSONS_REASON = '人数不是正整数';
const PERSONS_PROBLEMS = {
  notPositive: { kind: '零或负数', reason: PERSONS_REASON },
  fraction: { kind: '小数', reason: PERSONS_REASON },
  text: { kind: '非数字文本', reason: PERSONS_REASON },
  tooLarge: { kind: `过大的数（超过${MAX_PERSONS}）`, reason: PERSONS_REASON },
} as const satisfies Record<string, Problem>;

function personsFromNumber(value: number): number | Problem {
  if (!Number.isFinite(value)) return PERSONS_PROBLEMS.text;
  if (!Number.isInteger(value)) return PERSONS_PROBLEMS.fraction;
  if (value < 1) return PERSONS_PROBLEMS.notPositive;
  if (value > MAX_PERSONS) return PERSONS_PROBLEMS.tooLarge;
  return value;
}

/** Persons in a batch: an integer ≥ 1 ("3", "3人", 3); an empty cell is 1. */
export function parsePersons(cell: Cell): number | Problem {
  if (cell === '1') return 1;
  if (isEmptyCell(cell)) return 1;
  if (typeof cell === 'number') return personsFromNumber(cell);
  if (typeof cell !== 'string') return PERSONS_PROBLEMS.text;
  const text = toHalfWidth(cell).trim().replace(/人$/, '').trim();
  if (!/^[-+]?\d+(?:\.\d+)?$/.test(text)) return PERSONS_PROBLEMS.text;
  return personsFromNumber(Number(text));
}

// ---------------------------------------------------------------- vocabularies

export type VocabularyColumn =
  'record_type' | 'channel' | 'level' | 'purpose' | 'source' | 'acceptance' | 'satisfaction';

interface Vocabulary {
  values: readonly string[];
  aliases: Readonly<Record<string, string>>;
  /** Value of an empty cell; null when the column may stay empty. */
  empty: string | null;
  label: string;
}

export const VOCABULARIES: Readonly<Record<VocabularyColumn, Vocabulary>> = {
  record_type: {
    values: RECORD_TYPES,
    aliases: { 劝回: '劝返' },
    empty: '登记',
    label: '记录类型',
  },
  channel: {
    values: CHANNELS,
    aliases: { 走访: '来访', 信件: '来信', 网信: '网上信访', 网上投诉: '网上信访', 来电: '电话' },
    empty: null,
    label: '信访形式',
  },
  level: {
    values: LEVELS,
    aliases: {
      国家: '进京',
      京: '进京',
      省: '赴省',
      市: '到市',
      来区: '本级',
      到区: '本级',
      到县: '本级',
      本区: '本级',
      本县: '本级',
    },
    empty: null,
    label: '信访层级',
  },
  purpose: {
    values: PURPOSES,
    aliases: { 检举控告: '揭发控告', 检举揭发: '揭发控告', 意见建议: '建议' },
    empty: null,
    label: '信访目的',
  },
  source: {
    values: SOURCES,
    aliases: {
      本级: '本级登记',
      国家信访系统转送: '国家系统转送',
      国家局转送: '国家系统转送',
      省信访系统转送: '省系统转送',
      省局转送: '省系统转送',
      交办: '上级交办',
    },
    empty: '本级登记',
    label: '来源',
  },
  acceptance: {
    values: ACCEPTANCES,
    aliases: { 已受理: '受理' },
    empty: '待受理',
    label: '受理情况',
  },
  satisfaction: {
    values: SATISFACTIONS,
    aliases: { 非常满意: '满意', 比较满意: '基本满意', 未参评: '未评价' },
    empty: '未评价',
    label: '满意度评价',
  },
};

function vocabularyKey(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, '');
}

const VOCABULARY_LOOKUP = Object.fromEntries(
  Object.entries(VOCABULARIES).map(([column, vocabulary]) => {
    const lookup = new Map<string, string>();
    for (const value of vocabulary.values) lookup.set(vocabularyKey(value), value);
    for (const [alias, value] of Object.entries(vocabulary.aliases)) {
      lookup.set(vocabularyKey(alias), value);
    }
    return [column, lookup];
  }),
) as Record<VocabularyColumn, Map<string, string>>;

const VOCABULARY_PROBLEMS = Object.fromEntries(
  Object.entries(VOCABULARIES).map(([column, vocabulary]) => [
    column,
    {
      kind: '未识别的取值',
      reason: `${vocabulary.label}不在取值范围内（可用：${vocabulary.values.join('、')}）`,
    },
  ]),
) as Record<VocabularyColumn, Problem>;

/**
 * A vocabulary cell → its canonical value (aliases applied); an empty cell → the column's default,
 * or null when it has none (MISSING when the column is required).
 */
export function parseVocabulary(column: VocabularyColumn, cell: Cell): string | null | Problem {
  if (isEmptyCell(cell)) return VOCABULARIES[column].empty;
  const lookup = VOCABULARY_LOOKUP[column];
  const value =
    (typeof cell === 'string' ? lookup.get(cell) : undefined) ??
    lookup.get(vocabularyKey(String(cell)));
  return value ?? VOCABULARY_PROBLEMS[column];
}

// ---------------------------------------------------------------- categories

export const OTHER_CATEGORY = '其他';

/** A label longer than this, or one that looks like personal data, is not published as written. */
const MAX_LABEL_LENGTH = 30;
export const HIDDEN_LABEL = '（已隐去：疑似个人信息或过长的取值）';

export interface CategoryResult {
  /** The class the record counts under. */
  category: string;
  /** The export's own label as published (HIDDEN_LABEL when it could not be). */
  label: string;
  /**
   * 'class': the label is a class; 'rename': a configured rename; 'own': a label in no
   * vocabulary, kept as its own class; 'hidden': such a label that looked personal, counted as 其他.
   */
  how: 'class' | 'rename' | 'own' | 'hidden';
}

export function createCategoryParser(
  extraCategories: readonly string[] = [],
  renames: Readonly<Record<string, string>> = {},
): (text: string) => CategoryResult {
  const classes = new Map<string, string>();
  for (const value of [...CATEGORIES, ...extraCategories]) classes.set(vocabularyKey(value), value);
  const renamed = new Map<string, string>();
  for (const [old, value] of Object.entries(renames)) renamed.set(vocabularyKey(old), value);
  return (text) => {
    const key = vocabularyKey(text);
    const known = classes.get(key);
    if (known !== undefined) return { category: known, label: known, how: 'class' };
    const target = renamed.get(key);
    if (target !== undefined) return { category: target, label: text, how: 'rename' };
    if (text.length > MAX_LABEL_LENGTH || hasPii(text)) {
      return { category: OTHER_CATEGORY, label: HIDDEN_LABEL, how: 'hidden' };
    }
    return { category: text, label: text, how: 'own' };
  };
}

// ---------------------------------------------------------------- tags

const TAG_SEPARATORS = /[;；,，、]/;

/** Tags split on ; ； , ， 、 — trimmed, empty ones dropped, each kept once in first order. */
export function splitTags(text: string): string[] {
  const tags: string[] = [];
  for (const part of text.split(TAG_SEPARATORS)) {
    const tag = normaliseText(part);
    if (tag !== '' && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/** Normalised petitioner id, the input of the pseudonym: trimmed, half-width, upper-case X. */
export function normalisePetitionerId(text: string): string {
  return toHalfWidth(text).trim().toUpperCase();
}
