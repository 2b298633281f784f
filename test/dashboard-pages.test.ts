import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPublished } from '../src/node/duckdb-node.ts';
import { loadPage, loadView } from '../src/dashboard/load.ts';
import { loadSiteInfo } from '../src/dashboard/site-info.ts';
import { MID_MONTH_CUTOFF, midMonthRecords } from './helpers/mid-month-records.ts';
import { isChartPage, PAGES, type ChartPageId } from '../src/dashboard/pages.ts';
import { panelSubtitle, sourceLine } from '../src/dashboard/panel.ts';
import { panelChart, renderPanel } from '../src/render/panel.ts';
import { exportFileName, exportImage, wrapText } from '../src/charts/export-image.ts';
import { scopeOf } from '../src/dashboard/scope.ts';
import { chartCardHtml } from '../src/render/html.ts';
import { computeReport, type Report } from '../src/lib/report.ts';
import { reportOptions } from '../src/lib/report-options.ts';
import type { QueryRunner } from '../src/lib/query-runner.ts';
import { DEFAULT_VIEW, type ViewState } from '../src/lib/view-state.ts';
import { siteConfig } from '../src/site.config.ts';
import { writeDashboardDb } from './helpers/dashboard-db.ts';
import { referenceRecords } from './helpers/reference-records.ts';

let dir = '';
let db: { run: QueryRunner; close: () => void };
let report: Report;
const window = new JSDOM('<!doctype html><body></body>').window;
const { document, XMLSerializer, DOMParser } = window;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pages-'));
  db = await openPublished(await writeDashboardDb(dir, referenceRecords()));
  report = await computeReport(db.run, {}, reportOptions(siteConfig));
});

afterAll(async () => {
  db?.close();
  await rm(dir, { recursive: true, force: true });
});

function context(view: ViewState) {
  return {
    view,
    scope: scopeOf(view, report.dataCutoff),
    run: db.run,
    regionLabel: siteConfig.regionLabel,
    measure: view.measure,
  };
}

describe('dashboard pages over the pre-aggregated tables', () => {
  it('总览 cards say what the report says', async () => {
    const data = await loadPage('overview', context(DEFAULT_VIEW));
    const card = (key: string) => data.cards?.find((c) => c.key === key);
    const levels = report.visits!.byLevel;
    expect(card('registered')?.valueText).toBe(
      `${report.registered.batches}批 ${report.registered.persons}人次`,
    );
    expect(card('registered')?.changeText).toBe('上升16.0%');
    expect(card('visits')?.valueText).toBe(
      `${report.visits!.batches}批 ${report.visits!.persons}人次`,
    );
    expect(card('letters')?.valueText).toBe(`${report.channels!['来信'].batches}件`);
    expect(card('online')?.valueText).toBe(`${report.channels!['网上信访'].batches}件`);
    const collective = Object.values(levels).reduce((n, l) => n + l.collectiveBatches, 0);
    expect(card('collective')?.valueText).toMatch(new RegExp(`^${collective}批 `));
    const upward = levels['进京'].batches + levels['赴省'].batches + levels['到市'].batches;
    expect(card('upward')?.valueText).toMatch(new RegExp(`^${upward}批 `));
    expect(card('repeat')?.valueText).toBe(`${report.rates.repeat!.percent?.toFixed(1)}%`);
  });

  it('a filter narrows the cards to what the report counts for it', async () => {
    const view: ViewState = { ...DEFAULT_VIEW, level: '赴省', measure: 'persons' };
    const data = await loadPage('overview', context(view));
    const visits = data.cards?.find((c) => c.key === 'visits');
    expect(visits?.valueText).toBe('102批 179人次');
    expect(visits?.changeText).toBe('上升113.1%');
  });

  it.each(PAGES.map((p) => p.id).filter(isChartPage))(
    '%s renders every panel to SVG with a table, at phone width too',
    async (page) => {
      const data = await loadPage(page as ChartPageId, context(DEFAULT_VIEW));
      expect(data.panels.length).toBeGreaterThan(0);
      for (const panel of data.panels) {
        for (const width of [640, 340]) {
          const rendered = renderPanel(panel, {
            width,
            document,
            subtitle: 's',
            interactive: false,
            source: '数据来源：测试',
          });
          expect(rendered.svg).toMatch(/^<svg/);
          expect(rendered.svg).toContain(`width="${width}"`);
          expect(rendered.table.headers.length).toBeGreaterThan(0);
          expect(chartCardHtml(rendered)).toContain(`data-panel="${panel.id}"`);
        }
      }
    },
  );

  it('drilling into a category adds its subcategory, level and region panels', async () => {
    const data = await loadPage('categories', context({ ...DEFAULT_VIEW, category: '城乡建设' }));
    expect(data.panels.map((p) => p.id)).toEqual(
      expect.arrayContaining(['drill-subcategory', 'drill-level', 'drill-region']),
    );
  });

  it.each(PAGES.map((p) => p.id).filter(isChartPage))(
    '%s: every chart exports as one well-formed SVG image that names itself',
    async (page) => {
      const data = await loadPage(page as ChartPageId, context(DEFAULT_VIEW));
      for (const panel of data.panels) {
        const chart = panelChart(panel, { width: 880, document, interactive: false });
        const meta = {
          title: panel.title,
          subtitle: panelSubtitle(panel, '2024年1-9月 · 全部 · 数据截至2024年9月30日'),
          note: panel.note,
          source: sourceLine('示例区信访局 <测试>'),
        };
        const image = exportImage(new XMLSerializer().serializeToString(chart), meta);
        const parsed = new DOMParser().parseFromString(image.svg, 'image/svg+xml');
        expect(parsed.getElementsByTagName('parsererror'), panel.id).toHaveLength(0);
        const root = parsed.documentElement;
        expect(root.getAttribute('width')).toBe(String(image.width));
        expect(image.width).toBe(928);
        const texts = [...root.querySelectorAll(':scope > text')].map((t) => t.textContent);
        expect(texts.join(''), panel.id).toContain(panel.title);
        expect(texts.join('')).toContain('数据截至2024年9月30日');
        expect(texts.join('')).toContain('示例区信访局 <测试>');
        expect(texts.join('')).toContain(`单位：${panel.options.unit}`);
        // The chart sits below the text above it and inside the image.
        const group = root.querySelector(':scope > g');
        const y = Number(/translate\(24,(\d+)\)/.exec(group?.getAttribute('transform') ?? '')?.[1]);
        expect(y).toBeGreaterThan(40);
        expect(y + Number(chart.getAttribute('height'))).toBeLessThan(image.height);
      }
    },
  );

  it('wraps long lines of an export image at the separators, then anywhere', () => {
    expect(wrapText('2024年1-9月（同比：2023年1-9月） · 来访 · 批次', 20)).toEqual([
      '2024年1-9月（同比：2023年1-9月） ·',
      '来访 · 批次',
    ]);
    expect(wrapText('一二三四五六七八九十', 4)).toEqual(['一二三四', '五六七八', '九十']);
    expect(exportFileName('走访/层级:分布', '2024年1-9月', 'png')).toBe(
      '走访_层级_分布_2024年1-9月.png',
    );
  });

  it('card text is escaped', () => {
    const html = chartCardHtml({
      id: 'x',
      title: '<script>alert(1)</script>',
      subtitle: '"&',
      svg: '<svg></svg>',
      source: '<u>',
      table: { headers: ['<b>'], rows: [['<i>']] },
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&lt;b&gt;');
    expect(html).toContain('&lt;u&gt;');
  });
});

describe('pages over an export cut off mid-month (2020-01-07)', () => {
  let mid: { run: QueryRunner; close: () => void };
  beforeAll(async () => {
    mid = await openPublished(await writeDashboardDb(path.join(dir, 'mid'), midMonthRecords()));
  });
  afterAll(() => mid?.close());

  it('every period kind names the cut days, and the cards count like for like', async () => {
    const info = await loadSiteInfo(mid.run);
    expect(info.cutoff).toBe(MID_MONTH_CUTOFF);
    const subtitles: string[] = [];
    for (const view of [
      DEFAULT_VIEW,
      { ...DEFAULT_VIEW, period: 'lastMonth' as const, compare: 'mom' as const },
      { ...DEFAULT_VIEW, period: 'last12' as const },
      { ...DEFAULT_VIEW, period: 'custom' as const, from: '2019-11', to: '2019-12' },
    ]) {
      const { subtitle } = await loadView('overview', view, info, mid.run, siteConfig);
      subtitles.push(subtitle.split(' · ')[0] ?? '');
    }
    expect(subtitles).toEqual([
      '2020年1月1日-7日（同比：2019年1月1日-7日）',
      '2020年1月1日-7日（环比：2019年12月1日-7日）',
      '2019年2月1日-2020年1月7日（同比：2018年2月1日-2019年1月7日）',
      '2019年11-12月（同比：2018年11-12月）',
    ]);
    const { data } = await loadView('overview', DEFAULT_VIEW, info, mid.run, siteConfig);
    const registered = data.cards?.find((c) => c.key === 'registered');
    expect(registered?.valueText).toBe('4批 9人次');
    // 4 against 3 (2019-01-01..07), not against the 7 of all January 2019
    expect(registered?.changeText).toBe('上升33.3%');
  });

  it('办理与考核 draws the 办理时效 panels from the cut days', async () => {
    const info = await loadSiteInfo(mid.run);
    const { data } = await loadView('handling', DEFAULT_VIEW, info, mid.run, siteConfig);
    const byId = new Map(data.panels.map((p) => [p.id, p]));
    expect(byId.get('timing-rates')?.rows).toEqual([
      { month: '2020-01', rate: '15日内受理率', numerator: 1, denominator: 1 },
      { month: '2020-01', rate: '60日内办结率', numerator: 1, denominator: 2 },
    ]);
    expect(byId.get('timing-months')?.rows).toEqual([
      { key: '1月', series: '受理用时中位数', value: 1, label: '1天（1件）' },
      { key: '1月', series: '办结用时中位数', value: 41, label: '41天（2件）' },
    ]);
    const units = byId.get('timing-units');
    expect(units?.rows).toEqual([
      { key: '住建局', series: '受理用时中位数', value: 1, label: '1天（1件）' },
      { key: '住建局', series: '办结用时中位数', value: 41, label: '41天（2件）' },
    ]);
    for (const panel of data.panels) {
      const rendered = renderPanel(panel, {
        width: 640,
        document,
        subtitle: 's',
        interactive: false,
        source: '数据来源：测试',
      });
      expect(rendered.svg, panel.id).not.toMatch(/NaN/);
    }
  });
});
