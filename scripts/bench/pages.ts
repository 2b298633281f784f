/** The built site's chart pages and, for each, the bare page its first chart is compared with. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PAGES } from '../../src/dashboard/pages.ts';

export interface ChartPage {
  id: string;
  title: string;
  /** Under the base path: '' for 总览, 'regions/'… */
  path: string;
  /** The first chart's inline <svg> in a page with nothing else. */
  bare: string;
}

/** The first <svg>…</svg> inside the first chart card of a built page. */
function firstChartSvg(html: string): string | undefined {
  const card = html.indexOf('class="chart-card');
  if (card < 0) return undefined;
  const start = html.indexOf('<svg', card);
  const end = html.indexOf('</svg>', start);
  return start < 0 || end < 0 ? undefined : html.slice(start, end + '</svg>'.length);
}

export const barePage = (svg: string): string =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>bare</title></head>` +
  `<body><div class="chart-card">${svg}</div></body></html>`;

/**
 * Pages of the navigation whose HTML carries the default view's panels (the boot JSON) and a
 * chart: the ones with filters and charts to measure. Others (数据说明…) are listed as skipped.
 */
export async function chartPages(site: string): Promise<{ pages: ChartPage[]; skipped: string[] }> {
  const pages: ChartPage[] = [];
  const skipped: string[] = [];
  for (const page of PAGES) {
    let html: string;
    try {
      html = await readFile(path.join(site, page.path, 'index.html'), 'utf8');
    } catch {
      skipped.push(`${page.title} (not built)`);
      continue;
    }
    const svg = firstChartSvg(html);
    const hasPanels = /<script[^>]*id="boot"[^>]*>[^<]*"panels":\[/.test(html);
    if (svg === undefined || !hasPanels || !html.includes('class="filters"')) {
      skipped.push(page.title);
      continue;
    }
    pages.push({ id: page.id, title: page.title, path: page.path, bare: barePage(svg) });
  }
  return { pages, skipped };
}
