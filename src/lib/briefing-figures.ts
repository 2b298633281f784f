/**
 * The headline figures of a report as table rows (指标 | 本期 | 同期 | 变化), in the words the
 * cards and the briefing use: counts with their units, exact percents, changes from the helpers.
 */
import { changeWords, pointsChangeWords } from './change.ts';
import type { Counts } from './counts.ts';
import type { Compare } from './periods.ts';
import { NO_DATA, NO_DENOMINATOR, TIMING_FIGURES, type Figure } from './figure-columns.ts';
import type { RateKey, Report } from './report.ts';
import { ratePercentText, type Rate } from './rates.ts';
import { scoreText } from './rule-of-law.ts';
import { daysText, TIMINGS, type Timing } from './handling-time.ts';
import { CHANNELS, LEVELS } from './schema.ts';
import { countsText, ITEM_CHANNELS } from './wording.ts';

export interface FigureRow {
  label: string;
  /** Sub-rows ('其中集体访') sit one step in. */
  indent: boolean;
  /** Each cell is one or more lines. */
  current: string[];
  previous: string[];
  change: string[];
}

const NO_VALUE = '—';

const RATE_LABELS: [RateKey, string][] = [
  ['repeat', '重复信访率'],
  ['timelyAcceptance', '及时受理率'],
  ['onTimeClosure', '按期办结率'],
  ['satisfaction', '满意率'],
  ['participation', '参评率'],
];

function countChange(current: number, previous: number, compare: Compare): string {
  return changeWords(current, previous, compare).text;
}

function countsRow(
  label: string,
  current: Counts,
  previous: Counts,
  compare: Compare,
  unit: 'batch' | 'item' = 'batch',
  indent = false,
): FigureRow {
  const change =
    unit === 'item' || previous.batches === 0
      ? [countChange(current.batches, previous.batches, compare)]
      : [
          `批次${countChange(current.batches, previous.batches, compare)}`,
          `人次${countChange(current.persons, previous.persons, compare)}`,
        ];
  return {
    label,
    indent,
    current: [countsText(current, unit)],
    previous: [countsText(previous, unit)],
    change,
  };
}

function rateCell(value: Rate): string[] {
  const percent = ratePercentText(value);
  return percent === null ? [NO_DENOMINATOR] : [percent, `${value.numerator}/${value.denominator}`];
}

/** A row whose figure the export cannot give: 无数据 and the reason, once. */
function noDataRow(label: string, report: Report, figure: Figure, indent = false): FigureRow {
  return {
    label,
    indent,
    current: [NO_DATA],
    previous: [NO_DATA],
    change: [report.unavailable[figure] ?? NO_VALUE],
  };
}

function resolutionRow(
  label: string,
  report: Report,
  figure: 'leaderCases' | 'supervised',
): FigureRow {
  const value = report[figure];
  if (value === null) return noDataRow(label, report, figure);
  return {
    label,
    indent: false,
    current: rateCell({ numerator: value.resolved, denominator: value.total, percent: null }),
    previous: [NO_VALUE],
    change: [NO_VALUE],
  };
}

/** '缩短2天', '延长0.5天', '持平'; '—' without both medians. */
export function daysChangeText(current: Timing, previous: Timing): string {
  if (current.median === null || previous.median === null) return NO_VALUE;
  const delta = current.median - previous.median;
  if (delta === 0) return '持平';
  return `${delta < 0 ? '缩短' : '延长'}${Math.abs(delta)}天`;
}

function timingRows(report: Report): FigureRow[] {
  const { compare } = report.period;
  return TIMINGS.flatMap((timing) => {
    const figure = TIMING_FIGURES[timing.key];
    if (report.unavailable[figure] !== undefined) {
      return [
        noDataRow(`${timing.label}中位数`, report, figure),
        noDataRow(timing.withinLabel, report, figure),
      ];
    }
    const value = report.handlingTime[timing.key];
    const median = (t: Timing) => {
      const days = daysText(t.median);
      return days === null ? [NO_VALUE] : [days, `${t.count}件`];
    };
    return [
      {
        label: `${timing.label}中位数`,
        indent: false,
        current: median(value),
        previous: median(value.previous),
        change: [daysChangeText(value, value.previous)],
      },
      {
        label: timing.withinLabel,
        indent: false,
        current: rateCell(value.within),
        previous: rateCell(value.previous.within),
        change: [pointsChangeWords(value.within, value.previous.within, compare).text],
      },
    ];
  });
}

export function headlineFigures(report: Report): FigureRow[] {
  const { compare } = report.period;
  const rows: FigureRow[] = [
    countsRow('登记信访', report.registered, report.registered.previous, compare),
  ];
  const channels = report.channels;
  for (const channel of channels === null ? [] : CHANNELS) {
    const counts = channels![channel];
    if (counts.batches === 0 && counts.previous.batches === 0) continue;
    const unit = ITEM_CHANNELS.includes(channel) ? 'item' : 'batch';
    rows.push(countsRow(channel, counts, counts.previous, compare, unit));
  }
  if (channels === null) rows.push(noDataRow('信访形式', report, 'channels'));
  const byLevel = report.visits?.byLevel;
  if (!byLevel) rows.push(noDataRow('走访', report, 'visits'));
  for (const level of byLevel ? LEVELS : []) {
    const visits = byLevel![level];
    rows.push(countsRow(`${level}走访`, visits, visits.previous, compare));
    const collective = (counts: typeof visits.previous): Counts => ({
      batches: counts.collectiveBatches,
      persons: counts.collectivePersons,
    });
    if (visits.collectiveBatches > 0 || visits.previous.collectiveBatches > 0) {
      rows.push(
        countsRow(
          '其中集体访',
          collective(visits),
          collective(visits.previous),
          compare,
          'batch',
          true,
        ),
      );
    }
  }
  for (const [key, label] of RATE_LABELS) {
    const value = report.rates[key];
    if (value === null) {
      rows.push(noDataRow(label, report, key));
      continue;
    }
    rows.push({
      label,
      indent: false,
      current: rateCell(value),
      previous: rateCell(value.previous),
      change: [pointsChangeWords(value, value.previous, compare).text],
    });
  }
  rows.push(...timingRows(report));
  rows.push(resolutionRow('领导包案化解率', report, 'leaderCases'));
  rows.push(resolutionRow('督办化解率', report, 'supervised'));
  const ruleOfLaw = report.ruleOfLaw;
  if (ruleOfLaw === null) {
    const figure = (
      ['ruleOfLawAcceptance', 'ruleOfLawHandling', 'ruleOfLawSupervision'] as const
    ).find((f) => report.unavailable[f] !== undefined);
    rows.push(noDataRow('法治化考核得分', report, figure ?? 'ruleOfLawAcceptance'));
    return rows;
  }
  const scored = ruleOfLaw.terms.some((term) => term.score !== null);
  rows.push({
    label: '法治化考核得分',
    indent: false,
    current: [scored ? `${scoreText(ruleOfLaw.total)}分` : NO_VALUE],
    previous: [NO_VALUE],
    change: [NO_VALUE],
  });
  return rows;
}
