/**
 * Every page of the built site, served under /xf/ in Chromium: loads cleanly, asks nothing of any
 * other host, and shows its default charts even with JavaScript off.
 */
import { describe, expect, it } from 'vitest';
import {
  ALL_PAGES,
  CHART_PAGES,
  pageUrl,
  useBrowser,
  waitForEngine,
  watchedContext,
} from './setup/browser.ts';

const browser = useBrowser();

describe('site pages in Chromium', () => {
  it('the guard blocks and records requests to other hosts, and records console errors', async () => {
    // The site's CSP would stop the request first (site-security.test.ts): off here, to test the guard.
    const { context, problems, foreign } = await watchedContext(browser(), { bypassCSP: true });
    try {
      const page = await context.newPage();
      await page.goto(pageUrl('about/'));
      const outcome = await page.evaluate(() =>
        fetch('http://example.com/beacon').then(
          () => 'fetched',
          () => 'blocked',
        ),
      );
      expect(outcome).toBe('blocked');
      expect(foreign).toEqual(['http://example.com/beacon']);
      await page.evaluate(() => console.error('guard self-test'));
      await expect.poll(() => problems).toContain('page console.error: guard self-test');
    } finally {
      await context.close();
    }
  });

  // Pages run side by side: most of a page's time is the engine starting, a wait that overlaps.
  it.concurrent.for(ALL_PAGES)(
    '/xf/%s loads with no error and no request to another host',
    async (path, { expect }) => {
      const { context, problems, foreign } = await watchedContext(browser());
      try {
        const page = await context.newPage();
        const response = await page.goto(pageUrl(path));
        expect(response?.status()).toBe(200);
        if (CHART_PAGES.includes(path)) {
          // The default view starts the engine in the background: its requests and errors count too.
          await waitForEngine(page);
          expect(await page.locator('.chart-card svg').count()).toBeGreaterThan(0);
        } else {
          await page.waitForLoadState('networkidle');
        }
        expect(await page.title()).toContain('信访态势看板');
        const links = await page
          .locator('nav.pages a')
          .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
        expect(links).toEqual(ALL_PAGES.map((p) => `/xf/${p}`));
        expect(problems).toEqual([]);
        expect(foreign).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it.concurrent.for(CHART_PAGES)(
    '/xf/%s shows its default charts with JavaScript off',
    async (path, { expect }) => {
      const { context, problems, foreign } = await watchedContext(browser(), {
        javaScriptEnabled: false,
      });
      try {
        const page = await context.newPage();
        await page.goto(pageUrl(path));
        const cards = await page.locator('.chart-card').evaluateAll((sections) =>
          sections.map((section) => ({
            title: section.querySelector('h2')?.textContent ?? '',
            svg: section.querySelector('figure.chart svg') !== null,
            width: section.querySelector('figure.chart svg')?.getBoundingClientRect().width ?? 0,
          })),
        );
        expect(cards.length).toBeGreaterThan(0);
        // The exports need the page's code: without it the <noscript> style hides their buttons.
        expect(await page.locator('.card-actions').first().isVisible()).toBe(false);
        for (const card of cards) {
          expect(card, card.title).toMatchObject({ svg: true });
          expect(card.width, card.title).toBeGreaterThan(100);
        }
        if (path === '') {
          const figures = await page.locator('[data-cards] .kpi .value').allTextContents();
          expect(figures.length).toBe(7);
          for (const figure of figures) expect(figure).toMatch(/\d/);
        }
        expect(await page.locator('[data-scope]').textContent()).toMatch(/本年|年\d/);
        expect(problems).toEqual([]);
        expect(foreign).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
