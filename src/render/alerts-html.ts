/**
 * The 苗头预警 page's blocks as markup text: the Astro page inlines them at build time and the
 * browser writes the same markup for another view, so both look the same. The matrix and every
 * rise's band are chart cards (alertPanels), with the cards' exports and 表格.
 */
import { chartCardHtml, escapeHtml } from './html.ts';
import type { RenderedPanel } from './panel.ts';
import type { AlertItem, AlertsPageData } from '../dashboard/page-alerts.ts';

/** `panels`: alertPanels(data) rendered, the matrix first. */
export function alertsBlocksHtml(
  data: AlertsPageData,
  panels: readonly RenderedPanel[],
  base: string,
): { matrix: string; list: string } {
  const [matrix, ...bands] = panels;
  const item = (entry: AlertItem, i: number): string => {
    const card = bands[i];
    return (
      `<li class="alert-item" data-kind="${escapeHtml(entry.alert.kind)}">` +
      `<p class="alert-meta"><span class="alert-kind">${escapeHtml(entry.kindLabel)}</span>` +
      `<span class="note">得分 ${entry.alert.score.toFixed(2)}</span>` +
      `<a href="${escapeHtml(`${base}${entry.link}`)}">查看该序列</a></p>` +
      `${card ? chartCardHtml(card) : `<p class="alert-sentence">${escapeHtml(entry.alert.sentence)}</p>`}</li>`
    );
  };
  return {
    matrix: matrix ? chartCardHtml(matrix) : '',
    list:
      data.items.length === 0
        ? '<li class="note" data-no-alerts>所选条件下本月无预警。</li>'
        : data.items.map(item).join(''),
  };
}
