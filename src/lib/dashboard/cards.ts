/** The 总览 headline cards: each figure of the period beside its comparison, in the bureau's words. */
import type { Direction } from '../change.ts';
import { changeWords, pointsChangeWords } from './change-row.ts';
import type { Compare } from '../periods.ts';
import { rate, ratePercentText, type Rate } from '../rates.ts';
import type { SqlRow } from '../query-runner.ts';
import { compareWords } from '../wording.ts';
import {
  countsWhere,
  isCollective,
  isRegistered,
  isUpward,
  isVisit,
  sumWhere,
  type Counts,
  type Measure,
} from './rows.ts';

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

function countsText(counts: Counts, unit: 'batch' | 'item'): string {
  return unit === 'item' ? `${counts.batches}件` : `${counts.batches}批 ${counts.persons}人次`;
}

function countChange(
  current: number,
  previous: number,
  compare: Compare,
): Pick<HeadlineCard, 'changeText' | 'direction'> {
  const { direction, text } = changeWords(current, previous, compareWords(compare).previousZero);
  return { direction, changeText: text };
}

function rateChange(
  current: Rate,
  previous: Rate,
  compare: Compare,
): Pick<HeadlineCard, 'changeText' | 'direction'> {
  const { direction, text } = pointsChangeWords(
    current,
    previous,
    compareWords(compare).previousZero,
  );
  return { direction, changeText: text };
}

export function headlineCards(
  rows: readonly SqlRow[],
  measure: Measure,
  compare: Compare,
): HeadlineCard[] {
  const previousLabel = compare === 'yoy' ? '去年同期' : '上期';
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
      valueText: countsText(current, unit),
      previousText: `${previousLabel} ${countsText(previous, unit)}`,
      ...countChange(current[by], previous[by], compare),
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
      valueText: ratePercentText(repeatNow) ?? '—',
      previousText: `${previousLabel} ${ratePercentText(repeatBefore) ?? '—'}`,
      detail: `重复信访 ${repeatNow.numerator}批 ÷ 登记 ${repeatNow.denominator}批`,
      ...rateChange(repeatNow, repeatBefore, compare),
    },
  ];
}
