/**
 * The 苗头预警 page in Chromium: loads cleanly; shows alerts.json's alerts (one card per rise);
 * its filter form keeps the view in the URL with back and forward; chart exports, the list as
 * CSV and 汇报模式 work; the matrix and the bands are there with JavaScript off.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readAlertsFile } from '../src/node/alerts-file.ts';
import type { AlertsFile } from '../src/lib/alerts/published.ts';
import { alertMonths } from '../src/lib/alerts/view.ts';
import { alertsPageData, alsoText, type AlertSelection } from '../src/dashboard/page-alerts.ts';
import { NO_FILTER } from '../src/lib/scope.ts';
import { siteConfig } from '../src/site.config.ts';
import {
  pageUrl,
  rendered,
  useBrowser,
  waitForRenderAfter,
  watchedContext,
} from './setup/browser.ts';

const browser = useBrowser();
let file: AlertsFile;
/** The offered month with the most rises in 批次: the sample's latest month has none. */
let month = '';
let dir = '';

beforeAll(async () => {
  file = (await readAlertsFile(inject('site').dataDir))!;
  const cutoff = file.cutoff!;
  const rises = (m: string) => alertsPageData(file, { month: m }).items.length;
  month = alertMonths({ cutoff, firstMonth: file.firstDay!.slice(0, 7) }).reduce((a, b) =>
    rises(b) > rises(a) ? b : a,
  );
  dir = await mkdtemp(path.join(tmpdir(), 'xf-alerts-downloads-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What the page lists: each card's sentence (with the rise's other alerts), in order. */
const notes = (page: Page) => page.locator('.alert-item .chart-card > p.note').allTextContents();
const expected = (selection: Partial<AlertSelection>) =>
  alertsPageData(file, { month, ...selection }).items.map(
    (i) => `${i.alert.sentence}${alsoText(i)}`,
  );

let downloads = 0;
async function download(page: Page, click: () => Promise<void>): Promise<[string, string]> {
  const [saved] = await Promise.all([page.waitForEvent('download'), click()]);
  const to = path.join(dir, `download-${++downloads}`);
  await saved.saveAs(to);
  return [saved.suggestedFilename(), await readFile(to, 'utf8')];
}

describe('苗头预警 page in Chromium', () => {
  it('shows alerts.json’s rises; the filters live in the URL, with back and forward', async () => {
    const { context, problems, foreign } = await watchedContext(browser());
    try {
      const page = await context.newPage();
      const response = await page.goto(pageUrl('alerts/', `?month=${month}`));
      expect(response?.status()).toBe(200);
      // Another month than the built one: drawn in the browser from alerts.json.
      await waitForRenderAfter(page, 0);
      expect(await notes(page)).toEqual(expected({}));
      expect(expected({}).length).toBeGreaterThan(2);
      expect(
        await page
          .locator('.alert-item')
          .evaluateAll((li) => li.every((l) => l.querySelector('svg'))),
      ).toBe(true);
      expect(await page.locator('select[name=month]').inputValue()).toBe(month);

      // A region with a rise that month: only its series stay, the matrix keeps its row.
      const region = alertsPageData(file, { month }).items.find(
        (i) => i.alert.dimension === 'region-category',
      )!.alert.keys[0]!;
      await rendered(page, () => page.selectOption('select[name=region]', region));
      const url = new URL(page.url());
      expect(url.searchParams.get('region')).toBe(region);
      expect(url.searchParams.get('month')).toBe(month);
      const filtered = expected({ filter: { ...NO_FILTER, region } });
      expect(await notes(page)).toEqual(filtered);
      expect(await page.locator('[data-panel="alert-matrix"] table tbody tr').count()).toBe(1);
      await rendered(page, () => page.selectOption('select[name=measure]', 'persons'));
      expect(new URL(page.url()).searchParams.get('measure')).toBe('persons');
      expect(await notes(page)).toEqual(
        expected({ measure: 'persons', filter: { ...NO_FILTER, region } }),
      );
      // The navigation carries the filters to the chart pages.
      expect(await page.locator('a[data-nav="regions"]').getAttribute('href')).toContain(
        `region=${encodeURIComponent(region)}`,
      );

      await rendered(page, () => page.goBack());
      expect(new URL(page.url()).searchParams.get('measure')).toBeNull();
      expect(await page.locator('select[name=measure]').inputValue()).toBe('batches');
      expect(await notes(page)).toEqual(filtered);
      await rendered(page, () => page.goBack());
      expect(new URL(page.url()).searchParams.get('region')).toBeNull();
      expect(await page.locator('select[name=region]').inputValue()).toBe('');
      expect(await notes(page)).toEqual(expected({}));
      await rendered(page, () => page.goForward());
      expect(await notes(page)).toEqual(filtered);

      // A kind, and a month the link no longer offers (dropped with a note).
      await page.goto(pageUrl('alerts/', `?month=${month}&kind=collective`));
      await waitForRenderAfter(page, 0);
      expect(await notes(page)).toEqual(expected({ kind: 'collective' }));
      await page.goto(pageUrl('alerts/', '?month=1999-01'));
      await waitForRenderAfter(page, 0);
      expect(await page.locator('.notes').textContent()).toContain('月份参数无效');
      expect(new URL(page.url()).searchParams.get('month')).toBeNull();
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('exports each chart and the list; 汇报模式 shows the matrix and the strongest rises', async () => {
    const { context, problems, foreign } = await watchedContext(browser());
    try {
      const page = await context.newPage();
      await page.goto(pageUrl('alerts/', `?month=${month}`));
      await waitForRenderAfter(page, 0);
      const label = `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
      const matrix = page.locator('[data-panel="alert-matrix"]');
      const [png] = await download(page, () => matrix.locator('[data-export=png]').click());
      expect(png).toBe(`${siteConfig.regionLabel}×问题类别预警得分_${label}.png`);
      const [, matrixCsv] = await download(page, () => matrix.locator('[data-export=csv]').click());
      const matrixLines = matrixCsv.split('\r\n').filter((line) => line !== '');
      expect(matrixLines[0]).toMatch(new RegExp(`^\uFEFF${siteConfig.regionLabel},`));
      expect(matrixLines.length).toBe(1 + (await matrix.locator('table tbody tr').count()));
      const band = page.locator('.alert-item .chart-card').first();
      const [svgName, svg] = await download(page, () => band.locator('[data-export=svg]').click());
      expect(svgName).toMatch(new RegExp(`_${label}\\.svg$`));
      expect(svg).toContain('<svg');
      const [, bandCsv] = await download(page, () => band.locator('[data-export=csv]').click());
      expect(bandCsv.split('\r\n')[0]).toBe('\uFEFF月份,登记数（批）,预期,上限');

      const [listName, list] = await download(page, () => page.locator('[data-alert-csv]').click());
      expect(listName).toBe(`苗头预警_${month}_批次.csv`);
      const alerts = file.alerts.filter((a) => a.month === month && a.measure === 'batches');
      expect(list.split('\r\n').filter((line) => line !== '')).toHaveLength(1 + alerts.length);

      const items = alertsPageData(file, { month }).items;
      const shown = Math.min(5, items.length);
      await page.locator('[data-present]').click();
      const slide = page.locator('.present .slide');
      await expect
        .poll(() => page.title())
        .toMatch(new RegExp(`^1/${2 + shown} · 汇报模式 · 苗头预警`));
      await page.keyboard.press('ArrowRight');
      await expect
        .poll(() => slide.locator('.slide-head h2').textContent())
        .toBe(`${siteConfig.regionLabel}×问题类别预警得分`);
      expect(await slide.locator('.slide-body svg').count()).toBe(1);
      await page.keyboard.press('End');
      const last = items[shown - 1]!;
      await expect
        .poll(() => slide.locator('.slide-head h2').textContent())
        .toBe(`${last.alert.name}：${last.kindLabel}`);
      expect(new URL(page.url()).searchParams.get('slide')).toBe(String(2 + shown));
      expect(new URL(page.url()).searchParams.get('month')).toBe(month);
      await page.keyboard.press('Escape');
      expect(await page.locator('.present').count()).toBe(0);
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('draws the matrix and each alert’s band with JavaScript off; 总览 names the briefing’s alerts', async () => {
    const { context, problems, foreign } = await watchedContext(browser(), {
      javaScriptEnabled: false,
    });
    try {
      const page = await context.newPage();
      await page.goto(pageUrl('alerts/'));
      const matrix = page.locator('[data-panel="alert-matrix"] figure svg');
      expect(await matrix.isVisible()).toBe(true);
      const box = await matrix.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(500);
      // Every region × category of the data is a cell, with or without an alert.
      const rows = await page.locator('[data-panel="alert-matrix"] table tbody tr').count();
      const columns =
        (await page.locator('[data-panel="alert-matrix"] table thead th').count()) - 1;
      expect(rows).toBeGreaterThan(5);
      expect(columns).toBeGreaterThan(5);
      expect(await matrix.locator('g[aria-label="cell"] rect').count()).toBeGreaterThanOrEqual(
        rows * columns,
      );
      const latest = alertsPageData(file, {}).items.length;
      expect(await page.locator('.alert-item').count()).toBe(latest);
      const widths = await page
        .locator('.alert-item svg')
        .evaluateAll((svgs) => svgs.map((svg) => svg.getBoundingClientRect().width));
      for (const width of widths) expect(width).toBeGreaterThan(100);
      // 总览's top alerts are the sentences its 情况汇报 names.
      await page.goto(pageUrl(''));
      const briefing = (await page.locator('[data-briefing-text]').allTextContents()).join('');
      for (const line of await page.locator('[data-top-alerts] li').allTextContents()) {
        expect(briefing).toContain(
          line.replace(/^(高于预期|持续偏高|新出现|集体苗头|越级占比上升)/, ''),
        );
      }
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('总览’s briefing fetches alerts-briefing.json, not alerts.json, and says so when it cannot', async () => {
    const { context, problems } = await watchedContext(browser());
    try {
      const page = await context.newPage();
      const fetched: string[] = [];
      page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
      await page.goto(pageUrl(''));
      await rendered(page, () => page.selectOption('select[name=level]', '本级'));
      await expect
        .poll(() => fetched.some((path) => path.endsWith('/alerts-briefing.json')))
        .toBe(true);
      expect(fetched.some((path) => path.endsWith('/alerts.json'))).toBe(false);
      expect(await page.locator('[data-briefing-text]').textContent()).not.toContain(
        '预警数据未能载入',
      );
      expect(problems).toEqual([]);

      const failing = await context.newPage();
      await failing.route('**/alerts*.json*', (route) => route.fulfill({ status: 503, body: '' }));
      await failing.goto(pageUrl(''));
      await rendered(failing, () => failing.selectOption('select[name=level]', '本级'));
      await expect
        .poll(() => failing.locator('[data-briefing-text]').textContent())
        .toContain('提示：预警数据未能载入，本汇报未列入苗头预警。');
      expect(problems.filter((problem) => !/alerts|503/.test(problem))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
