/** The 总览 headline cards: each figure of the period beside its comparison, in the bureau's words. */
import { changeWords, pointsChangeWords, type ChangeWords, type Direction } from '../lib/change.ts';
import type { Measure } from '../lib/counts.ts';
import type { Compare } from '../lib/periods.ts';
import { countTotals, registeredCount } from '../lib/count-totals.ts';
import { RATE_MEASURES, rateOf } from '../lib/measures.ts';
import { ratePercentText, type Rate } from '../lib/rates.ts';
import { LEVELS, type Level } from '../lib/schema.ts';
import type { SqlRow } from '../lib/query-runner.ts';
import { compareWords, countsText } from '../lib/wording.ts';
import {
  missingReason,
  NO_DATA,
  NO_DENOMINATOR,
  type Coverage,
  type Figure,
} from '../lib/figure-columns.ts';
import type { Counts } from '../lib/counts.ts';

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
  const totals = countTotals(rows);
  const countCard = (
    key: string,
    label: string,
    [current, previous]: readonly [Counts, Counts],
    unit: 'batch' | 'item',
  ): HeadlineCard => {
    const by: Measure = unit === 'item' ? 'batches' : measure;
    return {
      key,
      label,
      valueText: countsText(current, unit, ' '),
      previousText: `${previousLabel} ${countsText(previous, unit, ' ')}`,
      ...cardChange(changeWords(current[by], previous[by], compare)),
    };
  };
  const sumLevels = (levels: readonly Level[], collective: boolean): [Counts, Counts] =>
    SIDE_INDEXES.map((s) =>
      levels.reduce(
        (sum, level) => {
          const at = totals.levels[level][s];
          return {
            batches: sum.batches + (collective ? at.collectiveBatches : at.batches),
            persons: sum.persons + (collective ? at.collectivePersons : at.persons),
          };
        },
        { batches: 0, persons: 0 },
      ),
    ) as [Counts, Counts];
  const repeat = (s: 0 | 1): Rate => rateOf('repeat', (count) => registeredCount(totals, s, count));
  const repeatNow = repeat(0);
  const repeatBefore = repeat(1);
  return [
    countCard('registered', '登记', totals.registered, 'batch'),
    countCard('letters', '来信', totals.channels['来信'], 'item'),
    countCard('visits', '来访', totals.visits, 'batch'),
    countCard('online', '网上信访', totals.channels['网上信访'], 'item'),
    countCard('collective', '集体访', sumLevels(LEVELS, true), 'batch'),
    countCard('upward', '越级访', sumLevels(UPWARD_LEVELS, false), 'batch'),
    {
      key: 'repeat',
      label: RATE_MEASURES.repeat.label,
      valueText: ratePercentText(repeatNow) ?? NO_DENOMINATOR,
      previousText: `${previousLabel} ${ratePercentText(repeatBefore) ?? NO_DENOMINATOR}`,
      detail: `重复信访 ${repeatNow.numerator}批 ÷ 登记 ${repeatNow.denominator}批`,
      ...cardChange(pointsChangeWords(repeatNow, repeatBefore, compare)),
    },
  ];
}

const SIDE_INDEXES = [0, 1] as const;
/** 越级: 走访 above 本级. */
const UPWARD_LEVELS = LEVELS.filter((level) => level !== '本级');
