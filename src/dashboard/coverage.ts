/** A page's cards and panels with what the export cannot give left out, and said once. */
import {
  missingReason,
  needsReason,
  NO_DATA,
  PAGE_FIGURES,
  panelNeeds,
  type Coverage,
  type Figure,
} from '../lib/figure-columns.ts';
import type { PageData } from './context.ts';

/** Why every figure of `page` is 无数据, or null when the page has something to show. */
export function pageNoData(page: string, coverage: Coverage): string | null {
  return needsReason(PAGE_FIGURES[page], coverage);
}

export function applyCoverage(page: string, data: PageData, coverage: Coverage): PageData {
  const whole = pageNoData(page, coverage);
  if (whole !== null) return { cards: null, panels: [], missing: [], noData: whole };
  const missing: NonNullable<PageData['missing']> = [];
  const panels = data.panels.filter((panel) => {
    const reason = needsReason(panelNeeds(page, panel.id), coverage);
    if (reason !== null) missing.push({ title: panel.title, reason });
    return reason === null;
  });
  const cardsShown = data.cards?.some((card) => card.valueText !== NO_DATA) ?? false;
  const reasons = [...new Set(missing.map((m) => m.reason))].join('；');
  const noData = panels.length === 0 && !cardsShown && missing.length > 0 ? reasons : null;
  return { ...data, panels, missing, ...(noData === null ? {} : { noData }) };
}

/**
 * The series of a chart the export can give, and a note for the others, said by reason (a left-out
 * series is neither drawn at 0 nor as 无): '按期办结率无数据（导出中没有“办结日期”列）。'.
 */
export function coveredSeries<F extends Figure>(
  series: readonly (readonly [F, string])[],
  coverage: Coverage,
): { shown: F[]; note: string } {
  const shown: F[] = [];
  const byReason = new Map<string, string[]>();
  for (const [figure, label] of series) {
    const reason = missingReason(coverage, figure);
    if (reason === null) shown.push(figure);
    else byReason.set(reason, [...(byReason.get(reason) ?? []), label]);
  }
  const parts = [...byReason].map(
    ([reason, labels]) => `${labels.join('、')}${NO_DATA}（${reason}）`,
  );
  return { shown, note: parts.length === 0 ? '' : `${parts.join('；')}。` };
}
