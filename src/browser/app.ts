/**
 * The chart pages in the browser: the view lives in the URL; a filter change re-runs the page's
 * queries in DuckDB-WASM and redraws every card with the same chart modules as the build.
 */
import { loadView } from '../dashboard/load.ts';
import { scopeOf } from '../dashboard/scope.ts';
import type { ChartPageId } from '../dashboard/pages.ts';
import { sourceLine, type Panel } from '../dashboard/panel.ts';
import { renderPanel } from '../render/panel.ts';
import {
  chartCardHtml,
  headlineCardsHtml,
  briefingHtml,
  printHeader,
  printPageCss,
  ruleOfLawHtml,
} from '../render/html.ts';
import { PAGES } from '../dashboard/pages.ts';
import { withAlerts } from '../lib/alerts/report-alerts.ts';
import { computeReport, type Report } from '../lib/report.ts';
import { periodLabel } from '../lib/periods.ts';
import type { DashboardScope } from '../lib/queries-dashboard.ts';
import { knownValuesQueries } from '../lib/queries-dashboard.ts';
import { reportOptions } from '../lib/report-options.ts';
import {
  DEFAULT_VIEW,
  parseViewState,
  serializeViewState,
  type ViewState,
} from '../lib/view-state.ts';
import { siteConfig } from '../site.config.ts';
import { readBoot, whenIdle } from './boot.ts';
import { startEngine } from './engine.ts';
import { alertsForBriefing } from './published-alerts.ts';
import { setupBriefingActions } from './briefing-actions.ts';
import { setupCardActions } from './card-actions.ts';
import { shown } from './page-state.ts';
import { keepSlideParam, setupPresentation } from './present.ts';

const boot = readBoot();
const page = boot.page as ChartPageId;
const form = document.querySelector<HTMLFormElement>('form.filters');
const notesBox = document.querySelector<HTMLElement>('.notes');
let view: ViewState = DEFAULT_VIEW;
let generation = 0;

function showNotes(notes: readonly string[]): void {
  if (notesBox) notesBox.textContent = notes.join(' ');
}

function field(name: string): HTMLInputElement | HTMLSelectElement | null {
  return form?.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
}

function writeForm(state: ViewState): void {
  const values: Record<string, string> = {
    period: state.period,
    from: state.from ?? '',
    to: state.to ?? '',
    cmp: state.compare,
    measure: state.measure,
    channel: state.channel ?? '',
    level: state.level ?? '',
    category: state.category ?? '',
    region: state.region ?? '',
    tag: state.tag ?? '',
  };
  for (const [name, value] of Object.entries(values)) {
    const element = field(name);
    if (element) element.value = value;
  }
  for (const label of document.querySelectorAll<HTMLElement>('.custom-months')) {
    label.hidden = state.period !== 'custom';
  }
}

function readForm(): string {
  const params = new URLSearchParams();
  for (const name of [
    'period',
    'from',
    'to',
    'cmp',
    'measure',
    'channel',
    'level',
    'category',
    'region',
    'tag',
  ]) {
    const value = field(name)?.value ?? '';
    if (value !== '') params.set(name, value);
  }
  if (params.get('period') === 'custom') {
    params.set('from', params.get('from') ?? boot.info.latestMonth.slice(0, 4) + '-01');
    params.set('to', params.get('to') ?? boot.info.latestMonth);
  }
  return `?${params.toString()}`;
}

/** Navigation and drill links carry the current view to the next page. */
function updateLinks(state: ViewState): void {
  const search = serializeViewState(state);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-nav]')) {
    link.search = search;
  }
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-drill]')) {
    const drill = link.dataset['drill'] ?? '';
    link.search = serializeViewState({ ...state, category: drill === '' ? null : drill });
  }
}

function chartWidth(): number {
  const chart = document.querySelector<HTMLElement>('.chart-card .chart');
  const grid = document.querySelector<HTMLElement>('[data-panels]');
  const width = chart?.clientWidth || grid?.clientWidth || 640;
  return Math.max(280, Math.min(900, Math.floor(width)));
}

const source = sourceLine(siteConfig.bureauName);

function cardsHtml(panels: readonly Panel[], width: number, subtitle: string): string {
  return panels
    .map((panel) =>
      chartCardHtml(renderPanel(panel, { width, document, subtitle, interactive: true, source })),
    )
    .join('\n');
}

/** What exports, the Word document and the slides read: the view now on screen. */
function show(
  panels: readonly Panel[],
  subtitle: string,
  label: string,
  report: () => Promise<Report>,
): void {
  shown.panels = panels;
  shown.subtitle = subtitle;
  shown.periodLabel = label;
  shown.view = view;
  shown.report = report;
}

/**
 * The briefing follows the period, the comparison and the record filters (not the measure). Its
 * counts come from the pre-aggregated tables, its rates from `records` (the slowest query of the
 * page), so each briefing is kept for the next change.
 */
const reportKey = (scope: { period: Report['period'] } & Report['filter']): string =>
  JSON.stringify([
    scope.period.from,
    scope.period.to,
    scope.period.compare,
    ...(['channel', 'level', 'category', 'region', 'tag'] as const).map((key) => scope[key]),
  ]);
const reports = new Map<string, Promise<Report>>(
  boot.report
    ? [
        [
          reportKey({ ...boot.report.filter, period: boot.report.period }),
          Promise.resolve(boot.report),
        ],
      ]
    : [],
);
/**
 * With `onlyWhileShown`, a briefing the reader has already left (a quick second change) stops
 * before its next query, so the new view's charts do not wait behind it.
 */
function reportFor(scope: DashboardScope, onlyWhileShown = false): Promise<Report> {
  const key = reportKey(scope);
  let report = reports.get(key);
  if (!report) {
    const { period, channel, level, category, region, tag } = scope;
    const shownNow = () => !onlyWhileShown || reportKey(scopeOf(view, boot.info.cutoff)) === key;
    report = startEngine(boot.databaseUrl).then(async (run) =>
      withAlerts(
        await computeReport(
          (query) => (shownNow() ? run(query) : Promise.reject(new Error('视图已改变'))),
          {
            from: period.from,
            to: period.to,
            compare: period.compare,
            filter: { channel, level, category, region, tag },
          },
          reportOptions(siteConfig, boot.info.coverage),
          'cube',
        ),
        boot.alerts ? await alertsForBriefing(boot.databaseUrl, period.to) : null,
        reportOptions(siteConfig, boot.info.coverage),
        boot.alerts === true,
      ),
    );
    report.catch(() => reports.delete(key));
    reports.set(key, report);
  }
  return report;
}

/** After the next frame is painted (or a moment, in a tab the browser does not paint). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

async function refresh(): Promise<void> {
  const mine = ++generation;
  document.body.dataset['loading'] = 'true';
  try {
    const run = await startEngine(boot.databaseUrl);
    const { scope, subtitle, data } = await loadView(page, view, boot.info, run, siteConfig);
    if (mine !== generation) return;
    show(data.panels, subtitle, periodLabel(scope.period, true), () => reportFor(scope));
    const width = chartWidth();
    const scopeLine = document.querySelector('[data-scope]');
    if (scopeLine) scopeLine.textContent = subtitle;
    const printStyle = document.querySelector('style[data-print-page]');
    const pageTitle = PAGES.find((p) => p.id === page)?.title ?? '';
    if (printStyle) {
      printStyle.textContent = printPageCss(
        printHeader(siteConfig.bureauName, pageTitle, subtitle),
      );
    }
    const cards = document.querySelector('[data-cards]');
    if (cards && data.cards) cards.innerHTML = headlineCardsHtml(data.cards);
    const panels = document.querySelector('[data-panels]');
    if (panels) {
      panels.innerHTML = cardsHtml(data.panels, width, subtitle);
    }
    performance.mark('xf:charts', { detail: { generation: mine } });
    const wantsReport = page === 'overview' || page === 'handling';
    const texts = document.querySelectorAll('[data-briefing-text], [data-rule-of-law]');
    if (wantsReport) for (const text of texts) text.setAttribute('aria-busy', 'true');
    // The briefing scans `records` in the engine's worker: it starts once the charts are painted,
    // not while they are being drawn.
    if (wantsReport) await afterPaint();
    if (mine !== generation) return;
    const report = wantsReport ? await reportFor(scope, true) : null;
    if (mine !== generation) return;
    for (const text of texts) text.removeAttribute('aria-busy');
    if (report) {
      const briefing = document.querySelector('[data-briefing-text]');
      if (briefing) briefing.innerHTML = briefingHtml(report);
      const rule = document.querySelector('[data-rule-of-law]');
      if (rule) rule.innerHTML = ruleOfLawHtml(report);
    }
    performance.mark('xf:rendered', { detail: { generation: mine } });
    document.dispatchEvent(new CustomEvent('dashboard:rendered', { detail: { generation: mine } }));
  } catch (error) {
    if (mine === generation) showNotes([`数据查询失败：${(error as Error).message}`]);
  } finally {
    if (mine === generation) delete document.body.dataset['loading'];
  }
}

function applyUrl(): void {
  const parsed = parseViewState(location.search, boot.info);
  view = parsed.state;
  showNotes(parsed.notes);
  writeForm(view);
  updateLinks(view);
}

/** A new view chosen by the reader: into the form, the links and the history, then drawn. */
function navigate(search: string): void {
  const parsed = parseViewState(search, boot.info);
  view = parsed.state;
  showNotes(parsed.notes);
  writeForm(view);
  updateLinks(view);
  history.pushState(null, '', `${location.pathname}${keepSlideParam(serializeViewState(view))}`);
  void refresh();
}

function onFormChange(): void {
  navigate(readForm());
}

/** Warm start: the engine answers a first query while the reader looks at the static charts. */
async function warmUp(): Promise<void> {
  const run = await startEngine(boot.databaseUrl);
  await run(knownValuesQueries().months);
  // The page's own queries once: DuckDB reads their part of the database and readies its code,
  // so the reader's first filter change is as quick as the next ones.
  if (generation === 0) await loadView(page, view, boot.info, run, siteConfig);
  performance.mark('xf:engine-ready');
}

/** The default view's charts, redrawn from the page's own data at the reader's width, with tips. */
function redrawDefault(): void {
  const panels = document.querySelector('[data-panels]');
  if (!panels || !boot.panels || generation > 0) return;
  panels.innerHTML = cardsHtml(boot.panels, chartWidth(), boot.subtitle ?? '');
}

if (form?.dataset['changedEarly'] === 'true') {
  // The reader changed a filter before this code arrived: their choice wins over the URL.
  onFormChange();
} else {
  applyUrl();
  const cleaned = serializeViewState(view);
  const kept = keepSlideParam(cleaned);
  if (kept !== location.search && !(kept === '' && location.search === '?')) {
    history.replaceState(null, '', `${location.pathname}${kept}${location.hash}`);
  }
  if (cleaned === '') {
    redrawDefault();
    whenIdle(() => void warmUp().catch(() => undefined));
  } else void refresh();
}

form?.addEventListener('submit', (event) => event.preventDefault());
form?.addEventListener('change', onFormChange);
window.addEventListener('popstate', () => {
  applyUrl();
  void refresh();
});
let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    if (generation > 0) void refresh();
    else redrawDefault();
  }, 300);
});

/** A drill link inside a chart (`?category=…`) keeps the rest of the view and stays on the page. */
document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest('[data-panels] a');
  const href =
    link?.getAttribute('href') ??
    link?.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ??
    '';
  if (!href.startsWith('?')) return;
  event.preventDefault();
  const drill = new URLSearchParams(href);
  const merged = new URLSearchParams(serializeViewState(view));
  for (const [key, value] of drill) merged.set(key, value);
  navigate(`?${merged.toString()}`);
});

{
  const scope = scopeOf(view, boot.info.cutoff);
  show(boot.panels ?? [], boot.subtitle ?? '', periodLabel(scope.period, true), () =>
    reportFor(scope),
  );
}
setupCardActions();
setupBriefingActions();
setupPresentation();
