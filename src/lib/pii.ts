/**
 * Detectors for personal data in text that is about to be published (data contract §3).
 * They count matches; callers report the count, never the matched text. The rules are listed,
 * in the words the docs use, in docs/mapping.md (隐私检查).
 */
import { toHalfWidth } from './columns.ts';

/** GB 11643: the weights of the first 17 digits, and the check character by weighted sum mod 11. */
export const ID_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export const ID_CHECK_CHARS = '10X98765432';

/** True for 17 digits followed by the GB 11643 check character (digit or X). */
export function isResidentId(candidate: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(candidate)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (candidate.charCodeAt(i) - 48) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_CHARS[sum % 11] === candidate[17]!.toUpperCase();
}

/** True when the digits pass the Luhn check (bank card numbers). */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export const PII_KINDS = [
  'residentIds',
  'mobiles',
  'landlines',
  'emails',
  'bankCards',
  'passports',
  'qq',
  'wechat',
] as const;
export type PiiKind = (typeof PII_KINDS)[number];
export type PiiHits = Record<PiiKind, number>;

/** How each kind is named in the build's refusal. */
export const PII_KIND_LABELS: Record<PiiKind, string> = {
  residentIds: '疑似身份证号',
  mobiles: '疑似手机号',
  landlines: '疑似固定电话',
  emails: '疑似电子邮箱',
  bankCards: '疑似银行卡号',
  passports: '疑似护照或通行证号',
  qq: '疑似QQ号',
  wechat: '疑似微信号',
};

export function noHits(): PiiHits {
  return {
    residentIds: 0,
    mobiles: 0,
    landlines: 0,
    emails: 0,
    bankCards: 0,
    passports: 0,
    qq: 0,
    wechat: 0,
  };
}

/** A birth date YYYYMMDD (18-digit IDs) or YYMMDD (15-digit IDs) that a calendar could hold. */
function plausibleBirth(month: string, day: string): boolean {
  const m = Number(month);
  const d = Number(day);
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

const DIGIT_RUN = /(?<!\d)\d+[Xx]?(?!\d)/g;
const MOBILE = /(?<!\d)(?:0{0,2}86)?1[3-9]\d{9}(?!\d)/g;
/** Area code 0xx or 0xxx, then a local number of 7–8 digits not starting with 0 or 1. */
const LANDLINE = /(?<!\d)0[1-9]\d{1,2}[2-9]\d{6,7}(?!\d)/g;
const LANDLINE_NUMBER = /^0[1-9]\d{1,2}[2-9]\d{6,7}$/;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const PASSPORT = /(?<![A-Za-z0-9])(?:[EGDSPHMK]\d{8}|E[A-Z]\d{7})(?![A-Za-z0-9])/gi;
const WECHAT_ID = /wxid_[A-Za-z0-9_-]+/gi;
/** 6–20 of letters, digits, _ and -, starting with a letter, with a lower-case letter and a digit. */
const ACCOUNT = /(?<![A-Za-z0-9_-])[A-Za-z][A-Za-z0-9_-]{5,19}(?![A-Za-z0-9_-])/g;
const QQ = /(?<![A-Za-z\d])[1-9]\d{4,10}(?![A-Za-z\d])/g;
/** Five-digit service numbers (12345 热线, 12315, 10086, 95588, 96xxx): not QQ numbers. */
const SERVICE_NUMBER = /^(?:1\d{4}|9[56]\d{3})$/;

/** Between digits: spaces, dashes, dots, middle dots, underscores, slashes and brackets. */
const DIGIT_SEPARATORS = /(?<=\d)[\s\-.·•_/()—–]+(?=\d)/g;
const CHINESE_DIGITS: Record<string, string> = {
  〇: '0',
  零: '0',
  '○': '0',
  一: '1',
  幺: '1',
  壹: '1',
  二: '2',
  贰: '2',
  三: '3',
  叁: '3',
  四: '4',
  肆: '4',
  五: '5',
  伍: '5',
  六: '6',
  陆: '6',
  七: '7',
  柒: '7',
  八: '8',
  捌: '8',
  九: '9',
  玖: '9',
};
/** Four or more Chinese numerals in a row, separators allowed (so 三跨三分离 or 一二三村 stay words). */
const CHINESE_DIGIT_RUN =
  /[〇零○一幺壹二贰三叁四肆五伍六陆七柒八捌九玖](?:[\s\-.·]*[〇零○一幺壹二贰三叁四肆五伍六陆七柒八捌九玖]){3,}/g;

function count(text: string, pattern: RegExp, exclude?: (match: string) => boolean): number {
  let n = 0;
  for (const match of text.matchAll(pattern)) if (!exclude?.(match[0])) n++;
  return n;
}

/**
 * Number-shaped identifiers in a text whose digits may have been joined from separated groups:
 * only patterns with a structure (length, prefix, check digit or birth date) count here.
 */
function structuredHits(text: string, hits: PiiHits, strict: boolean): void {
  let ids = 0;
  let cards = 0;
  for (const [run] of text.matchAll(DIGIT_RUN)) {
    const digits = run.replace(/[Xx]$/, '');
    if (run.length === 18 && /^\d{17}[\dXx]$/.test(run)) {
      if (strict || isResidentId(run) || plausibleBirth(run.slice(10, 12), run.slice(12, 14)))
        ids++;
    } else if (run.length === 15 && digits.length === 15) {
      if (strict || plausibleBirth(run.slice(8, 10), run.slice(10, 12))) ids++;
    } else if (digits.length === run.length && run.length >= 16 && run.length <= 19) {
      if (isLuhnValid(run) && (strict || /^[3-69]/.test(run))) cards++;
    }
  }
  hits.residentIds = Math.max(hits.residentIds, ids);
  hits.bankCards = Math.max(hits.bankCards, cards);
  hits.mobiles = Math.max(hits.mobiles, count(text, MOBILE));
  hits.landlines = Math.max(hits.landlines, count(text, LANDLINE));
}

function wordHits(text: string, hits: PiiHits): void {
  hits.emails = count(text, EMAIL);
  const rest = text.replace(EMAIL, ' ');
  hits.passports = count(rest, PASSPORT);
  const accounts = rest.replace(PASSPORT, ' ');
  hits.wechat =
    count(accounts, WECHAT_ID) +
    count(
      accounts.replace(WECHAT_ID, ' '),
      ACCOUNT,
      (token) => !/[a-z]/.test(token) || !/\d/.test(token),
    );
  const isMobile = (run: string): boolean => /^1[3-9]\d{9}$/.test(run);
  hits.qq = count(
    rest.replace(PASSPORT, ' '),
    QQ,
    (run) => isMobile(run) || SERVICE_NUMBER.test(run) || LANDLINE_NUMBER.test(run),
  );
}

/** The text with Chinese numeral runs as digits. */
function withArabicDigits(text: string): string {
  return text.replace(CHINESE_DIGIT_RUN, (run) =>
    [...run].map((ch) => CHINESE_DIGITS[ch] ?? ch).join(''),
  );
}

/**
 * Identifiers in a text, also inside longer text. Full-width characters count as half-width.
 * Resident IDs: 18 characters (17 digits and a digit or X, whatever the check digit) or 15
 * digits, standalone; mobiles 1[3-9]+9 digits, with +86, 86 or 0086 before; landlines 0 + area
 * code + 7–8 digits; bank cards 16–19 digits passing Luhn; e-mail addresses; passports and
 * permits (E/G/D/S/P/H/M/K + 8 digits, E + letter + 7 digits); WeChat ids (wxid_…, or 6–20
 * letters/digits/_/- starting with a letter, holding a lower-case letter and a digit); QQ
 * numbers (5–11 digits standalone, five-digit service numbers 1xxxx/95xxx/96xxx excepted).
 * The number patterns are checked again with separators between digits removed
 * (`139.1234.5678`, `0791-86123456`) and with runs of 4+ Chinese numerals as digits (一三九…);
 * then an 18- or 15-digit run counts when its birth date is plausible, a card when it starts
 * with 3–6 or 9.
 */
export function findPii(text: string): PiiHits {
  const hits = noHits();
  const plain = toHalfWidth(text);
  wordHits(plain, hits);
  const hasDigits = /\d/.test(plain);
  const numerals = withArabicDigits(plain);
  if (!hasDigits && numerals === plain) return hits;
  if (hasDigits) structuredHits(plain, hits, true);
  for (const variant of new Set([
    numerals,
    plain.replace(DIGIT_SEPARATORS, ''),
    numerals.replace(DIGIT_SEPARATORS, ''),
  ])) {
    if (variant !== plain) structuredHits(variant, hits, false);
  }
  return hits;
}

/**
 * Number patterns only, in a text pieced together from several values (a row's tags joined):
 * `139;1234;5678` split into three tags.
 */
export function findJoinedPii(parts: readonly string[]): PiiHits {
  const hits = noHits();
  const joined = withArabicDigits(toHalfWidth(parts.join(''))).replace(DIGIT_SEPARATORS, '');
  if (/\d/.test(joined)) structuredHits(joined, hits, false);
  return hits;
}

export function totalHits(hits: PiiHits): number {
  let total = 0;
  for (const kind of PII_KINDS) total += hits[kind];
  return total;
}

export function hasPii(text: string): boolean {
  return totalHits(findPii(text)) > 0;
}
