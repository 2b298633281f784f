/**
 * The markup of cards and report blocks, as text: the Astro pages inline it at build time and the
 * browser writes the same markup after a filter change, so both always look the same.
 */
import type { Report } from '../report.ts';
import type { HeadlineCard } from './cards.ts';
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
<figure class="chart">${panel.svg}</figure>
${panel.note === undefined ? '' : `<p class="note">${escapeHtml(panel.note)}</p>`}
<details class="table-view"><summary>表格</summary><button type="button" class="copy" data-copy-table>复制表格</button><div class="table-scroll"><table class="data">
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
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('\n');
}

export function ruleOfLawHtml(report: Report): string {
  const rows = report.ruleOfLaw.terms
    .map((term) => {
      const formula =
        term.denominator > 0
          ? `${term.numerator}÷${term.denominator}×${term.weight}`
          : '本期无到期件';
      const score = term.score === null ? '不计分' : term.score.toFixed(3);
      return `<tr><td>${escapeHtml(term.name)}</td><td>${term.numerator}</td><td>${term.denominator}</td><td>${term.weight}</td><td>${formula}</td><td>${score}</td></tr>`;
    })
    .join('');
  return `<h2>信访工作法治化考核得分（${escapeHtml(report.labels.periodWithYear)}，按本地数据测算）</h2>
<div class="table-scroll"><table class="data">
<thead><tr><th>考核项</th><th>分子</th><th>分母</th><th>权重</th><th>算式</th><th>得分</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><th colspan="5">总得分</th><td>${report.ruleOfLaw.total.toFixed(3)}</td></tr></tfoot>
</table></div>`;
}
