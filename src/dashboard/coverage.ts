/** A page's cards and panels with what the export cannot give left out, and said once. */
import {
  needsReason,
  NO_DATA,
  PAGE_FIGURES,
  panelNeeds,
  type Coverage,
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
