/**
 * The 苗头预警 page in the browser: the filter form's view in the URL (month, kind, measure,
 * level, category, region, tag; back and forward work), drawn from alerts.json with the same
 * panels and markup as the build; chart exports, the list as CSV, 打印 and 汇报模式 (the matrix
 * and the strongest rises, one slide each). Never imports Arquero (the CSP forbids `Function`).
 */
import { exportFileName } from '../charts/export-image.ts';
import { tableToCsv } from '../charts/table.ts';
import type { AlertKind } from '../lib/alerts/types.ts';
import {
  alertFilter,
  parseAlertView,
  serializeAlertView,
  type AlertView,
} from '../lib/alerts/view.ts';
import { alertsBlocksHtml } from '../render/alerts-html.ts';
import { printHeader, printPageCss } from '../render/html.ts';
import {
  alertMonthLabel,
  alertPanels,
  alertsPageData,
  alertsSubtitle,
  alertsTable,
  type AlertSelection,
  type AlertsPageData,
} from '../dashboard/page-alerts.ts';
import { sourceLine, type Panel } from '../dashboard/panel.ts';
import { renderPanel } from '../render/panel.ts';
import { MEASURE_UNITS } from '../lib/counts.ts';
import { MEASURE_LABELS, parseViewState, serializeViewState } from '../lib/view-state.ts';
import { siteConfig } from '../site.config.ts';
import { readBoot, type Boot } from './boot.ts';
import { setupBriefingActions } from './briefing-actions.ts';
import { setupCardActions } from './card-actions.ts';
import { saveBlob } from './download.ts';
import { readForm as readFilterForm, writeForm as writeFilterForm } from './filter-form.ts';
import { shown } from './page-state.ts';
import { keepSlideParam, setupPresentation } from './present.ts';
import { publishedAlerts } from './published-alerts.ts';

/** Rises shown as slides after the matrix. */
const SLIDE_RISES = 5;

const boot = readBoot() as Boot & { alertsData?: AlertsPageData };
const base = document.body.dataset['base'] ?? '/';
const form = document.querySelector<HTMLFormElement>('form.filters');
const notesBox = document.querySelector<HTMLElement>('.notes');
const context = boot.info;
let view: AlertView = parseAlertView('', context).view;
let data: AlertsPageData | null = null;
let generation = 0;

const selectionOf = (v: AlertView): AlertSelection => ({
  month: v.month,
  measure: v.base.measure,
  kind: v.kind,
  filter: alertFilter(v),
});

/** The built page shows this view: no need for alerts.json. */
const isBuiltView = (v: AlertView): boolean =>
  v.month === boot.alertsData?.month &&
  v.kind === null &&
  v.base.measure === 'batches' &&
  Object.values(alertFilter(v)).every((value) => value === null);

/** The page's own fields (month, kind); the others are the chart pages' (filter-form.ts). */
function ownField(name: 'month' | 'kind'): HTMLSelectElement | null {
  return form?.elements.namedItem(name) as HTMLSelectElement | null;
}

function writeForm(v: AlertView): void {
  writeFilterForm(form, v.base);
  const month = ownField('month');
  const kind = ownField('kind');
  if (month) month.value = v.month;
  if (kind) kind.value = v.kind ?? '';
}

/** The form's choices over the view they change (its period and 信访形式 are kept). */
function readForm(): string {
  const chosen = parseViewState(readFilterForm(form, context.latestMonth), context).state;
  const { measure, level, category, region, tag } = chosen;
  const next: AlertView = {
    base: { ...view.base, measure, level, category, region, tag },
    month: ownField('month')?.value || view.month,
    kind: (ownField('kind')?.value || null) as AlertKind | null,
  };
  // Parsed again on the way in: a value the data does not hold is dropped with a note.
  return serializeAlertView(next, context);
}

function apply(search: string): void {
  const parsed = parseAlertView(search, context);
  view = parsed.view;
  if (notesBox) notesBox.textContent = parsed.notes.join(' ');
  writeForm(view);
  const carried = serializeViewState(view.base);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-nav]')) {
    link.search = carried;
  }
}

function widthOf(selector: string, fallback: number, max: number): number {
  const width = document.querySelector<HTMLElement>(selector)?.clientWidth || fallback;
  return Math.max(280, Math.min(max, Math.floor(width)));
}

function draw(next: AlertsPageData): void {
  const selection = selectionOf(view);
  const subtitle = alertsSubtitle(next, selection, boot.info.cutoffText);
  const panels = alertPanels(next, {
    unit: MEASURE_UNITS[selection.measure],
    regionLabel: siteConfig.regionLabel,
  });
  const list = document.querySelector<HTMLElement>('[data-alert-list]');
  const matrixWidth = widthOf('[data-alert-matrix-block]', 900, 1240) - 26;
  const listWidth = list?.clientWidth ?? 640;
  const bandWidth = widthOf(
    '[data-alert-list] .chart',
    listWidth > 1100 ? listWidth / 2 : listWidth,
    900,
  );
  const source = sourceLine(siteConfig.bureauName);
  const rendered = panels.map((panel, i) =>
    renderPanel(panel, {
      width: i === 0 ? matrixWidth : bandWidth,
      document,
      subtitle,
      interactive: true,
      source,
    }),
  );
  const blocks = alertsBlocksHtml(next, rendered, base);
  const matrix = document.querySelector('[data-alert-matrix-block]');
  if (matrix) matrix.innerHTML = blocks.matrix;
  if (list) list.innerHTML = blocks.list;
  const heading = document.querySelector('[data-alert-heading]');
  if (heading && next.month) {
    heading.textContent = `苗头预警：${alertMonthLabel(next.month)}`;
  }
  const partial = document.querySelector<HTMLElement>('[data-partial-note]');
  if (partial) partial.hidden = next.partialThrough === null;
  const scope = document.querySelector('[data-scope]');
  if (scope) scope.textContent = subtitle;
  const print = document.querySelector('style[data-print-page]');
  if (print)
    print.textContent = printPageCss(printHeader(siteConfig.bureauName, '苗头预警', subtitle));
  data = next;
  show(panels, subtitle, next);
}

function show(panels: readonly Panel[], subtitle: string, next: AlertsPageData): void {
  shown.panels = panels;
  shown.slides = panels.slice(0, 1 + SLIDE_RISES);
  shown.subtitle = subtitle;
  shown.periodLabel = next.month ? alertMonthLabel(next.month) : '';
}

async function render(): Promise<void> {
  const mine = ++generation;
  document.body.dataset['loading'] = 'true';
  try {
    let next = isBuiltView(view) ? (boot.alertsData ?? null) : null;
    if (!next) {
      const file = await publishedAlerts(boot.databaseUrl);
      if (mine !== generation) return;
      if (!file) {
        if (notesBox) notesBox.textContent = '预警数据未能载入，页面仍显示构建时的最近一月。';
        return;
      }
      next = alertsPageData(file, selectionOf(view), boot.info);
    }
    draw(next);
    performance.mark('xf:rendered', { detail: { generation: mine } });
    document.dispatchEvent(new CustomEvent('dashboard:rendered', { detail: { generation: mine } }));
  } finally {
    if (mine === generation) delete document.body.dataset['loading'];
  }
}

function navigate(search: string): void {
  apply(search);
  history.pushState(
    null,
    '',
    `${location.pathname}${keepSlideParam(serializeAlertView(view, context))}`,
  );
  void render();
}

form?.addEventListener('submit', (event) => event.preventDefault());
form?.addEventListener('change', () => navigate(readForm()));
window.addEventListener('popstate', () => {
  apply(location.search);
  void render();
});
let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    if (data) draw(data);
  }, 300);
});

document.addEventListener('click', (event) => {
  const button = (event.target as Element | null)?.closest('[data-alert-csv]');
  if (!button || !data) return;
  const measure = MEASURE_LABELS[view.base.measure];
  saveBlob(
    new Blob([tableToCsv(alertsTable(data.items))], { type: 'text/csv;charset=utf-8' }),
    exportFileName('苗头预警', `${data.month ?? ''}_${measure}`, 'csv'),
  );
});

if (form?.dataset['changedEarly'] === 'true') navigate(readForm());
else {
  apply(location.search);
  const cleaned = keepSlideParam(serializeAlertView(view, context));
  if (cleaned !== location.search && !(cleaned === '' && location.search === '?')) {
    history.replaceState(null, '', `${location.pathname}${cleaned}${location.hash}`);
  }
  void render();
}
setupCardActions();
setupBriefingActions();
setupPresentation();
