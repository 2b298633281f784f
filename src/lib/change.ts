/**
 * A figure against its comparison period, as a number and in the bureau's words. Every card,
 * chart, table and briefing sentence that states a change takes its words from here, so a zero
 * base reads the same everywhere: the data contract's 去年同期为0 (上期为0 under 环比), no
 * percentage; 持平 when both periods are 0.
 */
import type { Counts } from './counts.ts';
import { formatScaled, roundScaled, scaledToNumber } from './decimal.ts';
import type { Compare } from './periods.ts';
import type { Rate } from './rates.ts';
import { compareWords } from './wording.ts';

export type Direction = 'up' | 'down' | 'flat';

/**
 * current vs previous. `percent` = (current − previous) ÷ previous × 100 to one decimal, half-up on
 * the magnitude (−6.25 → −6.3), signed; null when previous is 0 (no percentage is given then).
 */
export interface Change {
  direction: Direction;
  percent: number | null;
}

export function change(current: number, previous: number): Change {
  const direction: Direction = current > previous ? 'up' : current < previous ? 'down' : 'flat';
  if (previous === 0) return { direction, percent: null };
  return { direction, percent: scaledToNumber(roundScaled(current - previous, previous, 3), 1) };
}

/** '16.0%': the magnitude of a change's percentage, the word carries the sign. */
export function changePercentText(current: number, previous: number): string | null {
  if (previous === 0) return null;
  return `${formatScaled(Math.abs(roundScaled(current - previous, previous, 3)), 1)}%`;
}

const DIRECTION_WORDS: Record<Direction, string> = {
  up: '上升',
  down: '下降',
  flat: '持平',
};

export interface ChangeWords {
  /** Which way the figure went (a card's colour): 0 → 5 is 'up' though it has no percentage. */
  direction: Direction;
  /** '上升16.0%', '下降2.1个百分点', '持平', '去年同期为0', '去年同期无', '—' */
  text: string;
  sign: ChangeSign;
}

/** A chart's colour: 1 up, −1 down, 0 持平, null when the words state no change to colour. */
export type ChangeSign = 1 | -1 | 0 | null;

const SIGNS = { up: 1, down: -1, flat: 0 } as const;

/**
 * A change of counts in words:
 * 689 vs 594 → 上升16.0%; 15 vs 16 → 下降6.3%; 0 vs 7 → 下降100.0%; 8 vs 8 → 持平;
 * 5 vs 0 → 去年同期为0 (环比: 上期为0), sign null; 0 vs 0 → 持平.
 */
export function changeWords(current: number, previous: number, compare: Compare): ChangeWords {
  const { direction } = change(current, previous);
  if (direction === 'flat') return { direction, text: DIRECTION_WORDS.flat, sign: 0 };
  const percent = changePercentText(current, previous);
  if (percent === null) return { direction, text: compareWords(compare).previousZero, sign: null };
  return { direction, text: `${DIRECTION_WORDS[direction]}${percent}`, sign: SIGNS[direction] };
}

/**
 * A change of rates in percentage points, from the two rates as shown (one decimal):
 * 95.2% vs 93.0% → 上升2.2个百分点; 33.3% (2/6) vs 16.7% (1/6) → 上升16.6个百分点 (floats would
 * give 16.599…); 87.5% vs 87.5% → 持平; 95.2% vs no denominator → 去年同期无 (环比: 上期无);
 * no denominator now → — (nothing to compare, whatever the comparison had).
 */
export function pointsChangeWords(current: Rate, previous: Rate, compare: Compare): ChangeWords {
  if (current.percent === null) return { direction: 'flat', text: '—', sign: null };
  if (previous.percent === null) {
    return { direction: 'flat', text: compareWords(compare).previousNone, sign: null };
  }
  const tenths = Math.round(current.percent * 10) - Math.round(previous.percent * 10);
  const direction: Direction = tenths > 0 ? 'up' : tenths < 0 ? 'down' : 'flat';
  if (direction === 'flat') return { direction, text: DIRECTION_WORDS.flat, sign: 0 };
  const points = formatScaled(Math.abs(tenths), 1);
  return {
    direction,
    text: `${DIRECTION_WORDS[direction]}${points}个百分点`,
    sign: SIGNS[direction],
  };
}

/**
 * Batches and persons changed together:
 * 689批901人次 vs 594批816人次 → 分别上升16.0%和10.4% (withSubject: 批次、人次分别上升…);
 * 6批11人次 vs 6批11人次 → 均持平; 21批21人次 vs 20批20人次 → 均上升5.0%;
 * 16批17人次 vs 15批18人次 → 批次上升6.7%、人次下降5.6%; 500批816人次 vs 594批816人次 →
 * 批次下降15.8%、人次持平; 3批4人次 vs 0批0人次 → 去年同期为0 (once, for both).
 */
export function pairChangeText(
  current: Counts,
  previous: Counts,
  compare: Compare,
  withSubject: boolean,
): string {
  const b = changeWords(current.batches, previous.batches, compare);
  if (previous.batches === 0) return b.text;
  const p = changeWords(current.persons, previous.persons, compare);
  const subject = withSubject ? '批次、人次' : '';
  if (b.text === p.text) return `${subject}均${b.text}`;
  const word = DIRECTION_WORDS[b.direction];
  if (b.direction === p.direction && b.sign !== null && p.sign !== null) {
    return `${subject}分别${word}${b.text.slice(word.length)}和${p.text.slice(word.length)}`;
  }
  return `批次${b.text}、人次${p.text}`;
}
