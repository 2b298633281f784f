/** The 总览 headline cards: each figure of the period beside its comparison, in the bureau's words. */
import { changeWords, pointsChangeWords, type ChangeWords, type Direction } from '../lib/change.ts';
import type { Measure } from '../lib/counts.ts';
import type { Compare } from '../lib/periods.ts';
import { rate, ratePercentText, type Rate } from '../lib/rates.ts';
import type { SqlRow } from '../lib/query-runner.ts';
import { compareWords, countsText } from '../lib/wording.ts';
import {
  missingReason,
  NO_DATA,
  NO_DENOMINATOR,
  type Coverage,
  type Figure,
} from '../lib/figure-columns.ts';
import { countsWhere, isCollective, isRegistered, isUpward, isVisit, sumWhere } from './rows.ts';

export interface HeadlineCard {
  key: string;
  label: string;
  /** '689批 901人次', '120件', '23.4%' */
  valueText: string;
  /** '去年同期 594批 816人次' */
  previousText: string;
  /** '上升16.0%', '下降2.1个百分点', '持平', '去年同期为0' */
  changeText: string;
  direction: Direction;
  /** Numerator and denominator of a rate, for hover and the table view. */
  detail?: string;
}

function cardChange({
  direction,
  text,
}: ChangeWords): Pick<HeadlineCard, 'changeText' | 'direction'> {
  return { direction, changeText: text };
}

/** A card whose figure the export cannot give: 无数据 and the reason, no change, no 0. */
function noDataCard(key: string, label: string, reason: string): HeadlineCard {
  return {
    key,
    label,
    valueText: NO_DATA,
    previousText: reason,
    changeText: '',
    direction: 'flat',
    detail: reason,
  };
}

export function headlineCards(
  rows: readonly SqlRow[],
  measure: Measure,
  compare: Compare,
  coverage: Coverage = {},
): HeadlineCard[] {
  const cards = allCards(rows, measure, compare);
  return cards.map((card) => {
    const figure = CARD_FIGURES[card.key];
    const reason = figure === undefined ? null : missingReason(coverage, figure);
    return reason === null ? card : noDataCard(card.key, card.label, reason);
  });
}

/** The figure each card shows (figure-columns.ts); 登记 needs nothing the export may lack. */
const CARD_FIGURES: Partial<Record<string, Figure>> = {
  letters: 'channels',
  visits: 'channels',
  online: 'channels',
  collective: 'visits',
  upward: 'visits',
  repeat: 'repeat',
};

function allCards(rows: readonly SqlRow[], measure: Measure, compare: Compare): HeadlineCard[] {
  const previousLabel = compareWords(compare).previous;
  const countCard = (
    key: string,
    label: string,
    match: (row: SqlRow) => boolean,
    unit: 'batch' | 'item',
  ): HeadlineCard => {
    const current = countsWhere(rows, 'current', match);
    const previous = countsWhere(rows, 'previous', match);
    const by: Measure = unit === 'item' ? 'batches' : measure;
    return {
      key,
      label,
      valueText: countsText(current, unit, ' '),
      previousText: `${previousLabel} ${countsText(previous, unit, ' ')}`,
      ...cardChange(changeWords(current[by], previous[by], compare)),
    };
  };
  const channel = (name: string) => (row: SqlRow) => isRegistered(row) && row['channel'] === name;
  const repeat = (side: 'current' | 'previous'): Rate =>
    rate(
      sumWhere(rows, side, isRegistered, 'repeat_batches'),
      sumWhere(rows, side, isRegistered, 'batches'),
    );
  const repeatNow = repeat('current');
  const repeatBefore = repeat('previous');
  return [
    countCard('registered', '登记', isRegistered, 'batch'),
    countCard('letters', '来信', channel('来信'), 'item'),
    countCard('visits', '来访', isVisit, 'batch'),
    countCard('online', '网上信访', channel('网上信访'), 'item'),
    countCard('collective', '集体访', isCollective, 'batch'),
    countCard('upward', '越级访', isUpward, 'batch'),
    {
      key: 'repeat',
      label: '重复信访率',
      valueText: ratePercentText(repeatNow) ?? NO_DENOMINATOR,
      previousText: `${previousLabel} ${ratePercentText(repeatBefore) ?? NO_DENOMINATOR}`,
      detail: `重复信访 ${repeatNow.numerator}批 ÷ 登记 ${repeatNow.denominator}批`,
      ...cardChange(pointsChangeWords(repeatNow, repeatBefore, compare)),
    },
  ];
}
