/**
 * Build-time data for the Astro pages (Node only): the published database opened once, every
 * page's default view computed and its charts rendered to SVG, so the first paint needs no wasm.
 */
import { readablePublishedFolder } from '../node/published-folder.ts';
import { readCheckedManifest } from '../node/published-manifest.ts';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { readAlertsFile } from '../node/alerts-file.ts';
import { openPublished } from '../node/duckdb-node.ts';
import type { AlertsFile } from '../lib/alerts/published.ts';
import { withAlerts } from '../lib/alerts/report-alerts.ts';
import { loadView } from '../dashboard/load.ts';
import { isChartPage, PAGES, type ChartPageId } from '../dashboard/pages.ts';
import { sourceLine, type Panel } from '../dashboard/panel.ts';
import { renderPanel, type RenderedPanel } from '../render/panel.ts';
import type { HeadlineCard } from '../dashboard/cards.ts';
import { loadSiteInfo, type SiteInfo } from '../dashboard/site-info.ts';
import { computeReport, type Report } from '../lib/report.ts';
import { reportOptions } from '../lib/report-options.ts';
import type { QueryRunner } from '../lib/query-runner.ts';
import type { BuildConfig } from '../lib/build-settings.ts';
import { PUBLISHED_FILES, type Manifest } from '../lib/schema.ts';
import { DEFAULT_VIEW } from '../lib/view-state.ts';
import { siteConfig } from '../site.config.ts';

export const DATA_DIR = readablePublishedFolder(process.env['XINFANG_DATA_DIR'] ?? 'public/data');

interface Published {
  run: QueryRunner;
  info: SiteInfo;
  manifest: Manifest;
  alerts: AlertsFile | null;
}

let published: Promise<Published> | null = null;
/** The default period's report: the same for every page, so computed once per build. */
let defaultReport: Promise<Report> | null = null;

/** The data published in `dir`, refused when published in another layout or under other settings. */
export async function openSiteData(dir: string, config: BuildConfig): Promise<Published> {
  const file = path.join(dir, PUBLISHED_FILES.database);
  if (!existsSync(file)) {
    throw new Error(`站点构建需要已发布的数据：${file} 不存在。请先运行 npm run build:data。`);
  }
  const manifest = await readCheckedManifest(dir, config, 'npm run build');
  const db = await openPublished(file);
  const alerts = await readAlertsFile(dir);
  return { run: db.run, info: await loadSiteInfo(db.run, manifest.columns), manifest, alerts };
}

function open(): Promise<Published> {
  published ??= openSiteData(DATA_DIR, siteConfig);
  return published;
}

export async function siteInfo(): Promise<SiteInfo> {
  return (await open()).info;
}

export async function manifest(): Promise<Manifest> {
  return (await open()).manifest;
}

/** The published 苗头预警 (null for data published before they existed). */
export async function alertsFile(): Promise<AlertsFile | null> {
  return (await open()).alerts;
}

export interface StaticPage {
  info: SiteInfo;
  subtitle: string;
  cards: HeadlineCard[] | null;
  panels: RenderedPanel[];
  /** The same panels unrendered: the browser redraws them at the reader's width without a query. */
  panelData: Panel[];
  report: Report;
  /** Panels left out because the export lacks a column, and why. */
  missing: { title: string; reason: string }[];
  /** Every figure of the page is 无数据: why (shown once instead of the cards). */
  noData: string | null;
  /** The data has 苗头预警 (data published before they existed has none). */
  hasAlerts: boolean;
}

let emptyPages: Promise<Partial<Record<string, string>>> | null = null;

/** Pages with nothing to show for this export (the navigation marks them), with the reason. */
export function noDataPages(): Promise<Partial<Record<string, string>>> {
  emptyPages ??= (async () => {
    const { run, info } = await open();
    const result: Partial<Record<string, string>> = {};
    for (const page of PAGES) {
      if (!isChartPage(page.id)) continue;
      const { data } = await loadView(page.id, DEFAULT_VIEW, info, run, siteConfig);
      if (data.noData !== undefined) result[page.id] = data.noData;
    }
    return result;
  })();
  return emptyPages;
}

const document = new JSDOM('<!doctype html><html><body></body></html>').window.document;

/** The page in its default view (本年累计 against last year, no filters), charts as SVG. */
export async function staticPage(page: ChartPageId): Promise<StaticPage> {
  const { run, info, alerts } = await open();
  const view = DEFAULT_VIEW;
  const { subtitle, data } = await loadView(page, view, info, run, siteConfig);
  const options = reportOptions(siteConfig, info.coverage);
  defaultReport ??= computeReport(run, {}, options).then((r) => withAlerts(r, alerts, options));
  const report = await defaultReport;
  return {
    info,
    subtitle,
    cards: data.cards,
    panelData: data.panels,
    missing: data.missing ?? [],
    noData: data.noData ?? null,
    panels: data.panels.map((panel) =>
      renderPanel(panel, {
        width: 640,
        document,
        subtitle,
        interactive: false,
        source: sourceLine(siteConfig.bureauName),
      }),
    ),
    report,
    hasAlerts: alerts !== null,
  };
}
