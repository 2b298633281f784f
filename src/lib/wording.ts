/** Phrases of the briefing: counts with their units, the comparison period's names (changes: change.ts). */
import type { Counts } from './counts.ts';
import type { Compare } from './periods.ts';
import type { Channel } from './schema.ts';

/** Channels counted in 件 (records) rather than 批/人次; a phone call brings no visitors to count. */
export const ITEM_CHANNELS: readonly Channel[] = ['来信', '网上信访', '电话'];

/** '689批901人次' ('689批 901人次' with gap ' ', as the cards write it), '120件' for item channels. */
export function countsText(counts: Counts, unit: 'batch' | 'item' = 'batch', gap = ''): string {
  return unit === 'item' ? `${counts.batches}件` : `${counts.batches}批${gap}${counts.persons}人次`;
}

export interface CompareWords {
  /** 去年同期 (同比) or 上期 (环比): the comparison period as cards and charts name it */
  previous: string;
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
  const previous = compare === 'yoy' ? '去年同期' : '上期';
  return {
    previous,
    than: `较${previous}`,
    against: compare === 'yoy' ? '同比去年' : '环比上期',
    previousZero: `${previous}为0`,
    previousNone: `${previous}无`,
    previousWas: `${previous}为`,
  };
}

/** '我区' from '示例区信访局', '我县' from 'X县信访局'; '我区' when the name says nothing. */
export function placeWord(bureauName: string): string {
  const unit = /([区县市旗州盟])(?:人民政府)?信访(?:局|办|办公室)?$/.exec(bureauName.trim());
  return `我${unit?.[1] ?? '区'}`;
}
