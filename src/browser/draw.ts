/** Writes a view into the page: cards, charts, the view's line, the print header, the briefing. */
import type { HeadlineCard } from '../dashboard/cards.ts';
import { PAGES, type ChartPageId } from '../dashboard/pages.ts';
import { sourceLine, type Panel } from '../dashboard/panel.ts';
import type { Report } from '../lib/report.ts';
import {
  briefingHtml,
  chartCardHtml,
  headlineCardsHtml,
  printHeader,
  printPageCss,
  ruleOfLawHtml,
} from '../render/html.ts';
import { renderPanel } from '../render/panel.ts';
import { siteConfig } from '../site.config.ts';

const source = sourceLine(siteConfig.bureauName);

export function showNotes(notes: readonly string[]): void {
  const box = document.querySelector<HTMLElement>('.notes');
  if (box) box.textContent = notes.join(' ');
}

/** The width a chart card has now, between 280 and 900 px. */
export function chartWidth(): number {
  const chart = document.querySelector<HTMLElement>('.chart-card .chart');
  const grid = document.querySelector<HTMLElement>('[data-panels]');
  const width = chart?.clientWidth || grid?.clientWidth || 640;
  return Math.max(280, Math.min(900, Math.floor(width)));
}

/** Every chart card drawn at `width`, with tips. */
export function drawPanels(panels: readonly Panel[], width: number, subtitle: string): void {
  const grid = document.querySelector('[data-panels]');
  if (!grid) return;
  grid.innerHTML = panels
    .map((panel) =>
      chartCardHtml(renderPanel(panel, { width, document, subtitle, interactive: true, source })),
    )
    .join('\n');
}

export function drawView(
  page: ChartPageId,
  subtitle: string,
  data: { cards: HeadlineCard[] | null; panels: readonly Panel[] },
): void {
  const width = chartWidth();
  const scopeLine = document.querySelector('[data-scope]');
  if (scopeLine) scopeLine.textContent = subtitle;
  const printStyle = document.querySelector('style[data-print-page]');
  const pageTitle = PAGES.find((p) => p.id === page)?.title ?? '';
  if (printStyle) {
    printStyle.textContent = printPageCss(printHeader(siteConfig.bureauName, pageTitle, subtitle));
  }
  const cards = document.querySelector('[data-cards]');
  if (cards && data.cards) cards.innerHTML = headlineCardsHtml(data.cards);
  drawPanels(data.panels, width, subtitle);
}

/** The briefing's blocks marked busy while a new briefing is computed. */
export function markReportBusy(busy: boolean): void {
  for (const text of document.querySelectorAll('[data-briefing-text], [data-rule-of-law]')) {
    if (busy) text.setAttribute('aria-busy', 'true');
    else text.removeAttribute('aria-busy');
  }
}

export function drawReport(report: Report): void {
  const briefing = document.querySelector('[data-briefing-text]');
  if (briefing) briefing.innerHTML = briefingHtml(report);
  const rule = document.querySelector('[data-rule-of-law]');
  if (rule) rule.innerHTML = ruleOfLawHtml(report);
}
