/**
 * Stored values that look like markup (`<img src=x onerror=…>`) in every published text column:
 * they pass the build, and every page's HTML, the briefing and the .docx show them as text.
 */
import { strFromU8, unzipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPublished } from '../src/node/duckdb-node.ts';
import { briefingDocx } from '../src/lib/briefing-docx.ts';
import { loadPage } from '../src/dashboard/load.ts';
import { ALERTS_VERSION } from '../src/lib/alerts/published.ts';
import type { Alert } from '../src/lib/alerts/types.ts';
import { alertsPageData } from '../src/dashboard/page-alerts.ts';
import { PAGES, isChartPage } from '../src/dashboard/pages.ts';
import { renderPanel } from '../src/render/panel.ts';
import { briefingHtml, chartCardHtml, headlineCardsHtml } from '../src/render/html.ts';
import { scopeOf } from '../src/dashboard/scope.ts';
import { computeReport } from '../src/lib/report.ts';
import { reportOptions } from '../src/lib/report-options.ts';
import type { QueryRunner } from '../src/lib/query-runner.ts';
import { DEFAULT_VIEW, type ViewState } from '../src/lib/view-state.ts';
import { siteConfig } from '../src/site.config.ts';
import { alertBlocks } from './helpers/alert-blocks.ts';
import { HEADER, build, csvText, row, testFolders, type Row } from './helpers/build-fixtures.ts';

const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(2)>',
  '<script>alert(3)</script>',
  "'><b onmouseover=alert(4)>",
];
const window = new JSDOM('<!doctype html><body></body>').window;
const { document } = window;

let run: QueryRunner;

beforeAll(async () => {
  const folders = testFolders();
  await fs.mkdir(folders.input, { recursive: true });
  const header = [...HEADER, '二级分类', '专项标签'];
  const rows: Row[] = [];
  for (const [i, payload] of PAYLOADS.entries()) {
    for (let n = 0; n < 3; n++) {
      rows.push({
        ...row({ 登记日期: `2025-0${1 + n}-1${i}`, 信访形式: '来访' }),
        问题属地: payload,
        责任单位: payload,
        问题类别: payload,
        二级分类: payload,
        专项标签: payload,
      } as Row);
      rows.push(row({ 登记日期: `2024-0${1 + n}-1${i}` }));
    }
  }
  await fs.writeFile(path.join(folders.input, 'a.csv'), csvText(rows, header));
  const { manifest } = await build(folders);
  expect(manifest.published).toBe(rows.length);
  run = (await openPublished(path.join(folders.out, 'petitions.duckdb'))).run;
});

/** Parsed HTML: no element or attribute a payload could have made, and the payloads as text. */
function expectInert(html: string, where: string): string {
  const host = document.createElement('div');
  host.innerHTML = html;
  expect(host.querySelectorAll('img, script, b, svg[onload]').length, where).toBe(
    host.querySelectorAll('svg:not([onload]) script').length,
  );
  const handlers = [...host.querySelectorAll('*')].filter((el) =>
    [...el.attributes].some((a) => a.name.startsWith('on')),
  );
  expect(
    handlers.map((el) => el.outerHTML.slice(0, 80)),
    where,
  ).toEqual([]);
  return host.textContent ?? '';
}

function views(): [string, ViewState][] {
  return [
    ['default', { ...DEFAULT_VIEW, period: 'last12' }],
    ['region', { ...DEFAULT_VIEW, period: 'last12', region: PAYLOADS[0]! }],
    ['tag', { ...DEFAULT_VIEW, period: 'last12', tag: PAYLOADS[1]! }],
  ];
}

describe('stored markup renders as text', () => {
  it.each(PAGES.map((p) => p.id).filter(isChartPage))('%s', async (page) => {
    let text = '';
    for (const [name, view] of views()) {
      const context = {
        view,
        scope: scopeOf(view, '2025-06-30'),
        run,
        regionLabel: siteConfig.regionLabel,
        measure: view.measure,
      };
      const data = await loadPage(page, context);
      for (const panel of data.panels) {
        const rendered = renderPanel(panel, {
          width: 640,
          document,
          subtitle: 's',
          interactive: false,
          source: 'src',
        });
        text += expectInert(chartCardHtml(rendered), `${page} ${name} ${panel.id}`);
      }
      if (data.cards) text += expectInert(headlineCardsHtml(data.cards), `${page} cards`);
    }
    if (page === 'regions') expect(text).toContain(PAYLOADS[0]);
  });

  it('苗头预警: the ranked alerts and the matrix', () => {
    const [region = '', category = '', unit = ''] = PAYLOADS;
    const alert = (over: Partial<Alert>): Alert => ({
      kind: 'above',
      dimension: 'region-category',
      keys: [region, category],
      name: `${region}·${category}`,
      measure: 'batches',
      month: '2025-06',
      observed: 9,
      expected: 3,
      upper: 7,
      score: 1.5,
      since: '2025-06',
      runMonths: 1,
      baseline: 'seasonal',
      partialThrough: null,
      detail: null,
      mainly: [],
      sentence: `${region}·${category}：6月登记9批，高于近年同期水平（预期约3批，上限7批）。`,
      band: [{ month: '2025-06', observed: 9, expected: 3, upper: 7 }],
      ...over,
    });
    const data = alertsPageData(
      {
        version: ALERTS_VERSION,
        firstDay: '2024-01-01',
        cutoff: '2025-06-30',
        options: siteConfig.alerts,
        alerts: [
          alert({}),
          alert({ dimension: 'category', keys: [category], name: category, score: 1.2 }),
          alert({
            dimension: 'unit',
            keys: [unit],
            name: unit,
            score: 1.1,
            mainly: [{ dimension: 'category', key: category, share: 1 }],
          }),
        ],
      },
      { measure: 'batches' },
      { regions: [region], categories: [category] },
    );
    const { matrix, list } = alertBlocks(data, siteConfig.regionLabel);
    const text =
      expectInert(matrix, 'alerts matrix') + expectInert(`<ol>${list}</ol>`, 'alerts list');
    expect(text).toContain(region);
    expect(text).toContain(category);
    expect(text).toContain(unit);
  });

  it('the briefing, in HTML and in the .docx', async () => {
    const report = await computeReport(
      run,
      { from: '2025-01', to: '2025-06' },
      reportOptions(siteConfig),
    );
    const text = expectInert(briefingHtml(report), 'briefing');
    expect(text.length).toBeGreaterThan(20);
    const docx = await briefingDocx({
      report,
      bureauName: '测试局',
      scope: PAYLOADS[0]!,
      charts: [],
    });
    const xml = strFromU8(unzipSync(docx)['word/document.xml']!);
    for (const payload of PAYLOADS) expect(xml).not.toContain(payload);
    expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
