/**
 * The 苗头预警 page's blocks as markup text: the Astro page inlines them at build time and the
 * browser writes the same markup for another month, so both look the same.
 */
import type { AlertItem, AlertsPageData } from '../dashboard/page-alerts.ts';
import { escapeHtml } from './html.ts';

/** The region × category matrix; an empty month still draws its rows and columns. */
export function alertMatrixHtml(data: AlertsPageData): string {
  const { regions, categories, cells } = data.matrix;
  if (regions.length === 0) return '<p class="note">本月无预警。</p>';
  const head = categories.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = regions
    .map((region, i) => {
      const row = (cells[i] ?? [])
        .map((cell) =>
          cell
            ? `<td class="alert-cell alert-level-${cell.level}" title="${escapeHtml(cell.title)}">${cell.score.toFixed(1)}</td>`
            : '<td class="alert-cell"></td>',
        )
        .join('');
      return `<tr><th scope="row">${escapeHtml(region)}</th>${row}</tr>`;
    })
    .join('');
  return `<div class="table-scroll"><table class="data alert-matrix" data-alert-matrix><thead><tr><th></th>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** The ranked alerts, each with its band (`svg` draws it) and the link to its view. */
export function alertListHtml(
  data: AlertsPageData,
  base: string,
  svg: (item: AlertItem) => string,
): string {
  if (data.items.length === 0) return '<li class="note">本月无预警。</li>';
  return data.items
    .map(
      (item) =>
        `<li class="chart-card alert-item" data-kind="${escapeHtml(item.alert.kind)}">` +
        `<p><span class="alert-kind">${escapeHtml(item.kindLabel)}</span>` +
        `<span class="note">得分 ${item.alert.score.toFixed(2)}</span></p>` +
        `<p class="alert-sentence">${escapeHtml(item.alert.sentence)}</p>${svg(item)}` +
        `<p><a href="${escapeHtml(`${base}${item.link}`)}">查看该序列</a></p></li>`,
    )
    .join('');
}
