/**
 * Detectors for personal data in text that is about to be published (data contract §3).
 * They count matches; callers report the count, never the matched text.
 */
import { toHalfWidth } from './columns.ts';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** True for 17 digits followed by the GB 11643 check character (digit or X). */
export function isResidentId(candidate: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(candidate)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (candidate.charCodeAt(i) - 48) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_CHARS[sum % 11] === candidate[17]!.toUpperCase();
}

const ID_CANDIDATE = /(?<!\d)\d{17}[\dXx](?!\d)/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
/** Spaces or dashes between digits, as in "138-0013-8000". */
const DIGIT_SEPARATORS = /(?<=\d)[\s-]+(?=\d)/g;

export interface PiiHits {
  residentIds: number;
  mobiles: number;
}

function countIn(text: string): PiiHits {
  let residentIds = 0;
  for (const match of text.matchAll(ID_CANDIDATE)) if (isResidentId(match[0])) residentIds++;
  const mobiles = text.match(MOBILE)?.length ?? 0;
  return { residentIds, mobiles };
}

/**
 * Resident ID numbers (valid check digit) and mobile numbers in a text, also inside longer text,
 * in full-width digits or split by spaces/dashes; a digit run longer than the pattern is no hit.
 */
export function findPii(text: string): PiiHits {
  if (!/[\d\uFF10-\uFF19]/.test(text)) return { residentIds: 0, mobiles: 0 };
  const plain = toHalfWidth(text);
  const direct = countIn(plain);
  const joined = plain.replace(DIGIT_SEPARATORS, '');
  if (joined === plain) return direct;
  const loose = countIn(joined);
  return {
    residentIds: Math.max(direct.residentIds, loose.residentIds),
    mobiles: Math.max(direct.mobiles, loose.mobiles),
  };
}

export function hasPii(text: string): boolean {
  const hits = findPii(text);
  return hits.residentIds + hits.mobiles > 0;
}
