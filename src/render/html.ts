/**
 * The markup of cards and report blocks, as text: the Astro pages inline it at build time and the
 * browser writes the same markup after a filter change, so both always look the same.
 */
import { NO_DATA } from '../lib/figure-columns.ts';
import type { Report } from '../lib/report.ts';
import type { HeadlineCard } from '../dashboard/cards.ts';
import type { RenderedPanel } from './panel.ts';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

export function chartCardHtml(panel: RenderedPanel): string {
  const id = escapeHtml(panel.id);
  const head = panel.table.headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = panel.table.rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('');
  return `<section class="chart-card" data-panel="${id}" aria-labelledby="title-${id}">
<h2 id="title-${id}">${escapeHtml(panel.title)}</h2>
<p class="subtitle">${escapeHtml(panel.subtitle)}</p>
<div class="card-actions needs-js" role="group" aria-label="导出${escapeHtml(panel.title)}"><button type="button" data-export="png">PNG图片</button><button type="button" data-export="svg">SVG图片</button><button type="button" data-export="csv">CSV数据</button><label class="pick"><input type="checkbox" data-pick checked>选入Word</label></div>
<figure class="chart">${panel.svg}</figure>
${panel.note === undefined ? '' : `<p class="note">${escapeHtml(panel.note)}</p>`}
<p class="source print-only">${escapeHtml(panel.source)}</p>
<details class="table-view"><summary>表格</summary><button type="button" class="copy needs-js" data-copy-table>复制表格</button><div class="table-scroll"><table class="data">
<caption class="visually-hidden">${escapeHtml(panel.title)}</caption>
<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div></details>
</section>`;
}

export function headlineCardsHtml(cards: readonly HeadlineCard[]): string {
  return cards
    .map(
      (card) => `<article class="kpi" data-card="${escapeHtml(card.key)}"${
        card.detail === undefined ? '' : ` title="${escapeHtml(card.detail)}"`
      }>
<h3>${escapeHtml(card.label)}</h3>
<div class="value">${escapeHtml(card.valueText)}</div>
<div class="change change-${card.direction}">${escapeHtml(card.changeText)}</div>
<div class="previous">${escapeHtml(card.previousText)}</div>
</article>`,
    )
    .join('\n');
}

export function briefingHtml(report: Report): string {
  return report.text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) =>
      /^[一二三四五六七八九十]+、/u.test(line)
        ? `<p class="heading">${escapeHtml(line)}</p>`
        : `<p>${escapeHtml(line)}</p>`,
    )
    .join('\n');
}

export function ruleOfLawHtml(report: Report): string {
  const heading = `<h2>信访工作法治化考核得分（${escapeHtml(report.labels.periodWithYear)}，按本地数据测算）</h2>`;
  const ruleOfLaw = report.ruleOfLaw;
  if (ruleOfLaw === null) {
    const reason = Object.entries(report.unavailable).find(([f]) => f.startsWith('ruleOfLaw'))?.[1];
    return `${heading}\n<p class="no-data">${NO_DATA}${reason ? `（${escapeHtml(reason)}）` : ''}，不计算得分。</p>`;
  }
  const rows = ruleOfLaw.terms
    .map((term) => {
      const formula =
        term.denominator > 0
          ? `${term.numerator}÷${term.denominator}×${term.weight}`
          : '本期无到期件';
      const score = term.score === null ? '不计分' : term.score.toFixed(3);
      return `<tr><td>${escapeHtml(term.name)}</td><td>${term.numerator}</td><td>${term.denominator}</td><td>${term.weight}</td><td>${formula}</td><td>${score}</td></tr>`;
    })
    .join('');
  return `${heading}
<div class="table-scroll"><table class="data">
<thead><tr><th>考核项</th><th>分子</th><th>分母</th><th>权重</th><th>算式</th><th>得分</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><th colspan="5">总得分</th><td>${ruleOfLaw.total.toFixed(3)}</td></tr></tfoot>
</table></div>`;
}

/** A CSS string literal: quotes, backslashes, line breaks and '<' (a </style> inside) escaped. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"<\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * The printed page: A4 landscape, the view's line (period, filters, cut-off) at the top of every
 * page and the page number at the bottom, in the page margins where no card can cover them.
 */
export function printPageCss(header: string): string {
  return `@page {
  size: A4 landscape;
  margin: 16mm 12mm 14mm;
  @top-left { content: ${cssString(header)}; font-size: 9pt; color: #555; }
  @bottom-right { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 9pt; color: #555; }
}`;
}

/** '示例区信访局 · 总览 · 2024年1-9月（同比…）· 全部 · 批次 · 数据截至…' */
export function printHeader(bureauName: string, pageTitle: string, subtitle: string): string {
  return [bureauName, pageTitle, subtitle].join(' · ');
}
