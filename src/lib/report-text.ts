/**
 * The first section of a 情况汇报, in the style of the reference briefing. Every figure comes
 * from the report object; nothing is said that the data does not show (no causes, no ranks).
 */
import { ALERTS_MISSING_NOTE, alertsProblemText } from './alerts/briefing.ts';
import { changeWords, pairChangeText } from './change.ts';
import { compareWords, countsText, ITEM_CHANNELS } from './wording.ts';
import type { Compared, Report, Rise, Visits } from './report.ts';
import { ratePercentText } from './rates.ts';
import type { RuleOfLawKey, RuleOfLawTerm } from './rule-of-law.ts';
import { scoreText } from './rule-of-law.ts';
import { CHANNELS, LEVELS, type Level } from './schema.ts';
import { COMPARE_LABELS, filterSummary } from './view-state.ts';
import { NO_DATA, type Figure } from './figure-columns.ts';

export interface TextOptions {
  placeName: string;
  regionLabel: string;
}

/** '无数据（导出中没有“受理情况”列）' */
function noData(report: Report, figure: Figure): string {
  return `${NO_DATA}（${report.unavailable[figure] ?? ''}）`;
}

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const TERM_WORDS: Record<RuleOfLawKey, { due: string; missed: string; done: string }> = {
  acceptance: { due: '应受理件数为', missed: '未按规定受理件数', done: '受理件数' },
  handling: { due: '应办理件数为', missed: '未按规定办理件数', done: '办理件数' },
  supervision: { due: '督办到期件数为', missed: '督办后未化解的', done: '化解件数' },
};

/** '1-9月份' for whole months within one year, the bare label across years or cut at a day. */
function when(report: Report): string {
  const label = report.labels.period;
  return label.includes('年') || label.endsWith('日') ? label : `${label}份`;
}

/** A period cut at the cut-off day names the days it is compared with: '（同比：2019年1月1日-7日）'. */
function comparedDays(report: Report): string {
  if (report.period.throughDay === null) return '';
  return `（${COMPARE_LABELS[report.period.compare]}：${report.labels.comparePeriod}）`;
}

/** '（截止目前是21批22人次）' when the period ends before the data's cut-off. */
function toDate(report: Report): string {
  return report.upToDate ? `（截止目前是${countsText(report.upToDate)}）` : '';
}

/**
 * '689批901人次，较去年同期594批816人次，分别上升16.0%和10.4%', or the zero forms.
 * `style` 'lead' compares with 较去年同期; 'level' with 同比去年 and names 批次、人次.
 */
function comparedText(
  report: Report,
  counts: Compared,
  style: 'lead' | 'level',
  suffix = '',
): string {
  const { compare } = report.period;
  const words = compareWords(compare);
  const now = `${countsText(counts)}${suffix}`;
  const change = pairChangeText(counts, counts.previous, compare, style === 'level');
  if (counts.previous.batches === 0) return `${now}，${change}`;
  const lead = style === 'lead' ? words.than : words.against;
  return `${now}，${lead}${countsText(counts.previous)}，${change}`;
}

function overview(report: Report, options: TextOptions): string {
  const words = compareWords(report.period.compare);
  const head = `${when(report)}${comparedDays(report)}，${options.placeName}`;
  const r = report.registered;
  if (r.batches === 0) {
    return r.previous.batches === 0
      ? `${head}未发生登记信访事项${toDate(report)}。`
      : `${head}未发生登记信访事项${toDate(report)}，${words.previousWas}${countsText(r.previous)}。`;
  }
  const lead = `${head}共发生登记信访事项${comparedText(report, r, 'lead', toDate(report))}。`;
  const byChannel = report.channels;
  if (byChannel === null) return `${lead}按信访形式的分布${noData(report, 'channels')}。`;
  const channels = CHANNELS.filter((c) => byChannel[c].batches > 0).map(
    (c) => `${c}${countsText(byChannel[c], ITEM_CHANNELS.includes(c) ? 'item' : 'batch')}`,
  );
  return `${lead}其中${channels.join('、')}。`;
}

function levelText(report: Report, byLevel: Visits['byLevel'], level: Level): string {
  const words = compareWords(report.period.compare);
  const visits = byLevel[level];
  const parts =
    visits.batches === 0
      ? [
          visits.previous.batches === 0
            ? `未发生${level}走访登记`
            : `未发生${level}走访登记，${words.previousWas}${countsText(visits.previous)}`,
        ]
      : [`登记${comparedText(report, visits, 'level')}`];
  if (visits.collectiveBatches > 0) {
    parts.push(
      `其中集体访${countsText({ batches: visits.collectiveBatches, persons: visits.collectivePersons })}`,
    );
  }
  const back = report.persuadedBack?.[level];
  if (back && back.batches > 0) parts.push(`另外劝返${level}走访${countsText(back)}`);
  return `${parts.join('，')}。`;
}

function visitsText(report: Report): string {
  const words = compareWords(report.period.compare);
  const v = report.visits;
  const head = '（一）走访情况分析。';
  if (v === null) return `${head}${noData(report, 'visits')}。`;
  const nothingPersuaded = LEVELS.every((l) => (report.persuadedBack?.[l].batches ?? 0) === 0);
  if (v.batches === 0 && v.previous.batches === 0 && nothingPersuaded) {
    return `${head}未发生走访登记。`;
  }
  const total =
    v.batches === 0
      ? v.previous.batches === 0
        ? '未发生走访登记。'
        : `未发生走访登记，${words.previousWas}${countsText(v.previous)}。`
      : `共发生走访登记${comparedText(report, v, 'lead')}。`;
  const levels = LEVELS.map(
    (level, i) => `${ORDINALS[i] ?? ''}是${level}走访。${levelText(report, v.byLevel, level)}`,
  );
  return head + total + levels.join('');
}

function receptionsText(report: Report): string {
  const head = `（二）领导干部接访情况。${when(report)}，`;
  const r = report.leaderReceptions;
  if (r === null) return `（二）领导干部接访情况。${noData(report, 'leaderReceptions')}。`;
  if (r.batches === 0) {
    const words = compareWords(report.period.compare);
    return r.previous.batches === 0
      ? `${head}无领导干部接访登记。`
      : `${head}无领导干部接访登记，${words.previousWas}${countsText(r.previous)}。`;
  }
  return `${head}领导干部接访群众${comparedText(report, r, 'lead')}。`;
}

function resolutionText(
  head: string,
  subject: string,
  report: Report,
  figure: 'leaderCases' | 'supervised',
): string {
  const value = report[figure];
  if (value === null) return `${head}${noData(report, figure)}。`;
  const lead = `${head}${when(report)}，`;
  if (value.total === 0) return `${lead}无${subject}。`;
  const percent = ratePercentText({
    numerator: value.resolved,
    denominator: value.total,
    percent: null,
  });
  return `${lead}${subject}共${value.total}件，目前已经化解${value.resolved}件，化解率${percent ?? ''}。`;
}

function termText(term: RuleOfLawTerm): string {
  const words = TERM_WORDS[term.key];
  if (term.score === null) return `${term.name}，本期无到期件，不计分`;
  return (
    `${term.name}，${words.due}${term.denominator}件，${words.missed}${term.denominator - term.numerator}件，` +
    `${words.done}${term.numerator}件，${term.numerator}÷${term.denominator}×${term.weight}=${scoreText(term.score)}分`
  );
}

function ruleOfLawText(report: Report): string {
  const head = `（五）信访工作法治化考核情况。${when(report)}`;
  if (report.ruleOfLaw === null) {
    const figure = (
      ['ruleOfLawAcceptance', 'ruleOfLawHandling', 'ruleOfLawSupervision'] as const
    ).find((f) => report.unavailable[f] !== undefined);
    return `${head}${figure ? noData(report, figure) : NO_DATA}，不计算得分。`;
  }
  const { terms, total } = report.ruleOfLaw;
  if (terms.length === 0) return `${head}未配置考核项。`;
  if (terms.every((t) => t.score === null)) return `${head}无到期考核事项，不计算得分。`;
  return `${head}按本地数据测算总得分${scoreText(total)}分。其中：${terms.map(termText).join('；')}。`;
}

function riseText(rise: Rise, report: Report): string {
  const how = changeWords(rise.batches, rise.previous, report.period.compare).text;
  return `${rise.name}${rise.batches}批（增加${rise.increase}批，${how}）`;
}

function repeatText(report: Report): string | null {
  const { repeat } = report.rates;
  if (repeat === null || repeat.denominator === 0) return null;
  if (repeat.numerator === 0) return null;
  const words = compareWords(report.period.compare);
  const previous = ratePercentText(repeat.previous);
  const then = previous === null ? '' : `，${words.previousWas}${previous}`;
  return `重复信访。重复信访登记${repeat.numerator}批，占登记批次的${ratePercentText(repeat) ?? ''}${then}。`;
}

function overdueText(report: Report): string | null {
  if (report.overdue === null || report.rates.onTimeClosure === null) return null;
  const { due, late, open } = report.overdue;
  if (due === 0) return null;
  const head = `按期办结。到期应办结的受理事项${due}件，`;
  if (late === 0) return `${head}均按期办结。`;
  const openPart = open > 0 ? `，其中尚无办结记录${open}件` : '';
  const percent = ratePercentText(report.rates.onTimeClosure) ?? '';
  return `${head}未按期办结${late}件${openPart}，按期办结率${percent}。`;
}

/**
 * 二、存在问题: only what the figures show (rises, the repeat share, late handling), numbered in
 * the reference's 一是… style; the causes are the writer's to add.
 */
function problemsText(report: Report, options: TextOptions): string[] {
  // A filter on a level, category or region leaves only one: nothing to compare it with.
  const { filter } = report;
  const levels = filter.level === null ? report.rises.levels : [];
  const categories =
    filter.category === null && report.categories.length > 1 ? report.rises.categories : [];
  const regions = filter.region === null && report.regions.length > 1 ? report.rises.regions : [];
  const items: string[] = [];
  if (levels.length > 0) {
    const parts = levels.map(
      (r) =>
        `${r.name}走访登记${comparedText(report, report.visits!.byLevel[r.name as Level], 'level')}`,
    );
    items.push(`部分层级走访增加。${parts.join('；')}。`);
  }
  if (categories.length > 0) {
    items.push(
      `部分问题类别登记增加较多。${categories.map((r) => riseText(r, report)).join('、')}。`,
    );
  }
  if (regions.length > 0) {
    items.push(
      `部分${options.regionLabel}登记增加较多。${regions.map((r) => riseText(r, report)).join('、')}。`,
    );
  }
  const alerts = alertsProblemText(report.alerts, report.alertsTop);
  if (alerts) items.push(alerts);
  if (items.length === 0) {
    items.push(
      `登记批次未见增加。各层级走访、各问题类别和各${options.regionLabel}登记批次均未增加。`,
    );
  }
  for (const item of [repeatText(report), overdueText(report)]) if (item) items.push(item);
  return [
    '二、存在问题',
    ...items.map((item, i) => `${ORDINALS[i] ?? ''}是${item}`),
    ...(report.alertsMissing ? [ALERTS_MISSING_NOTE] : []),
  ];
}

function scopeLine(report: Report): string[] {
  const summary = filterSummary(report.filter);
  return summary === '全部' ? [] : [`（统计范围：${summary}）`];
}

export function briefingText(report: Report, options: TextOptions): string {
  return [
    `一、${report.labels.periodWithYear}信访情况`,
    ...scopeLine(report),
    overview(report, options),
    visitsText(report),
    receptionsText(report),
    resolutionText('（三）领导包案化解信访事项情况。', '领导包案信访事项', report, 'leaderCases'),
    resolutionText('（四）督办信访事项办理情况。', '上级督办信访事项', report, 'supervised'),
    ruleOfLawText(report),
    ...problemsText(report, options),
  ].join('\n');
}
