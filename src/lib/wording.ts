/** Phrases of the briefing: counts with their units, and changes in the reference's style. */
import { change, changePercentText, DIRECTION_WORDS } from './change.ts';
import type { Compare } from './periods.ts';
import type { Channel } from './schema.ts';

export interface Counts {
  batches: number;
  persons: number;
}

/** Channels counted in 件 (records) rather than 批/人次; a phone call brings no visitors to count. */
export const ITEM_CHANNELS: readonly Channel[] = ['来信', '网上信访', '电话'];

export function countsText(counts: Counts, unit: 'batch' | 'item' = 'batch'): string {
  return unit === 'item' ? `${counts.batches}件` : `${counts.batches}批${counts.persons}人次`;
}

export interface CompareWords {
  /** 较去年同期 594批816人次 */
  than: string;
  /** 同比去年 15批16人次 */
  against: string;
  /** 去年同期为0 */
  previousZero: string;
  /** 去年同期无: a rate whose comparison had nothing to divide by */
  previousNone: string;
  /** 去年同期为 594批816人次 (when nothing happened now) */
  previousWas: string;
}

export function compareWords(compare: Compare): CompareWords {
  return compare === 'yoy'
    ? {
        than: '较去年同期',
        against: '同比去年',
        previousZero: '去年同期为0',
        previousNone: '去年同期无',
        previousWas: '去年同期为',
      }
    : {
        than: '较上期',
        against: '环比上期',
        previousZero: '上期为0',
        previousNone: '上期无',
        previousWas: '上期为',
      };
}

/** '上升6.7%', '下降5.0%', '持平'; the previous value must not be 0. */
export function changeText(current: number, previous: number): string {
  const d = change(current, previous).direction;
  if (d === 'flat') return DIRECTION_WORDS.flat;
  return `${DIRECTION_WORDS[d]}${changePercentText(current, previous) ?? ''}`;
}

/**
 * Batches and persons changed together, previous batches > 0:
 * '分别上升16.0%和10.4%' / '批次、人次分别上升6.7%和6.3%' (withSubject), '均持平', '均上升5.0%',
 * '批次上升6.7%、人次下降5.0%', '批次持平、人次上升6.3%'.
 */
export function pairChangeText(current: Counts, previous: Counts, withSubject: boolean): string {
  const b = change(current.batches, previous.batches).direction;
  const p = change(current.persons, previous.persons).direction;
  const subject = withSubject ? '批次、人次' : '';
  const bText = changeText(current.batches, previous.batches);
  const pText = changeText(current.persons, previous.persons);
  if (b === p) {
    if (bText === pText) return `${subject}均${bText}`;
    const word = DIRECTION_WORDS[b];
    return `${subject}分别${word}${bText.slice(word.length)}和${pText.slice(word.length)}`;
  }
  return `批次${bText}、人次${pText}`;
}

/** '我区' from '示例区信访局', '我县' from 'X县信访局'; '我区' when the name says nothing. */
export function placeWord(bureauName: string): string {
  const unit = /([区县市旗州盟])(?:人民政府)?信访(?:局|办|办公室)?$/.exec(bureauName.trim());
  return `我${unit?.[1] ?? '区'}`;
}
