/** The 苗头预警 page in Chromium: loads cleanly, its matrix and bands are there with JavaScript off. */
import { describe, expect, it } from 'vitest';
import { pageUrl, rendered, useBrowser, watchedContext } from './setup/browser.ts';

const browser = useBrowser();

describe('苗头预警 page in Chromium', () => {
  it('loads with no error, ranks the alerts and keeps the measure in the URL', async () => {
    const { context, problems, foreign } = await watchedContext(browser());
    try {
      const page = await context.newPage();
      const response = await page.goto(pageUrl('alerts/'));
      expect(response?.status()).toBe(200);
      await page.waitForLoadState('networkidle');
      // The sample's last month has alerts in 人次 at least (the sample's own trends).
      const items = page.locator('.alert-item');
      expect(await items.count()).toBeGreaterThan(0);
      for (const sentence of await page.locator('.alert-item .alert-sentence').allTextContents()) {
        expect(sentence).toMatch(/^[^：]+：(\d+月|此前|截至)/);
      }
      expect(
        await page
          .locator('.alert-item')
          .evaluateAll((li) => li.every((l) => l.querySelector('svg'))),
      ).toBe(true);
      // Another month is drawn in the browser from alerts.json, with the same markup.
      const previous = await page
        .locator('select[name="month"] option')
        .nth(1)
        .getAttribute('value');
      await page.selectOption('select[name="month"]', previous ?? '');
      await expect.poll(() => new URL(page.url()).searchParams.get('month')).toBe(previous);
      await expect
        .poll(() => page.locator('[data-alert-heading]').textContent())
        .toContain(`${Number(previous?.slice(5))}月`);
      const drawn = page.locator('[data-measure="batches"] .alert-item');
      await expect.poll(() => drawn.count()).toBeGreaterThan(0);
      expect(await drawn.evaluateAll((li) => li.every((l) => l.querySelector('svg')))).toBe(true);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('[data-alert-csv]'),
      ]);
      expect(download.suggestedFilename()).toBe(`苗头预警_${previous}_批次.csv`);
      await page.selectOption('select[name="measure"]', 'persons');
      await expect.poll(() => new URL(page.url()).searchParams.get('measure')).toBe('persons');
      expect(await page.locator('[data-measure="persons"]').isVisible()).toBe(true);
      expect(await page.locator('[data-measure="batches"]').isVisible()).toBe(false);
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
      const matrix = page.locator('[data-measure="batches"] table[data-alert-matrix]');
      expect(await matrix.isVisible()).toBe(true);
      const rows = await matrix.locator('tbody tr').count();
      const columns = await matrix.locator('thead th').count();
      expect(rows).toBeGreaterThan(5);
      expect(columns).toBeGreaterThan(5);
      const box = await matrix.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(200);
      const widths = await page
        .locator('[data-measure="batches"] .alert-item svg')
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
