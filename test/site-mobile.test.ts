/**
 * On a 375 px phone nothing is wider than the screen, as built and after the browser re-renders
 * the charts for a filter; wide tables scroll inside their own box.
 */
import type { Page } from 'playwright-core';
import { describe, it, type ExpectStatic } from 'vitest';
import {
  ALL_PAGES,
  CHART_PAGES,
  pageUrl,
  rendered,
  useBrowser,
  watchedContext,
} from './setup/browser.ts';

const browser = useBrowser();
const WIDTH = 375;
const PHONE = {
  viewport: { width: WIDTH, height: 740 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

interface Layout {
  scrollWidth: number;
  /** Elements sticking out past the right edge, for the failure message. */
  overflowing: string[];
  tables: { overflowX: string; right: number; wider: boolean }[];
}

/** Opens every table view, then measures the page and each .table-scroll box. */
function layout(page: Page): Promise<Layout> {
  return page.evaluate((width) => {
    for (const details of document.querySelectorAll('details')) details.open = true;
    const clipped = (element: Element): boolean => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    const overflowing = [...document.querySelectorAll('body *:not(svg *)')]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .filter((element) => !clipped(element))
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    return {
      scrollWidth: document.documentElement.scrollWidth,
      overflowing,
      tables: [...document.querySelectorAll<HTMLElement>('.table-scroll')].map((box) => ({
        overflowX: getComputedStyle(box).overflowX,
        right: box.getBoundingClientRect().right,
        wider: box.scrollWidth > box.clientWidth,
      })),
    };
  }, WIDTH);
}

function expectFits(expect: ExpectStatic, result: Layout): void {
  expect(result.overflowing).toEqual([]);
  expect(result.scrollWidth).toBeLessThanOrEqual(WIDTH);
  for (const table of result.tables) {
    expect(['auto', 'scroll']).toContain(table.overflowX);
    expect(table.right).toBeLessThanOrEqual(WIDTH + 0.5);
  }
}

describe('at 375×740 on a phone', () => {
  // Pages run side by side: most of a page's time is the engine starting, a wait that overlaps.
  it.concurrent.for(ALL_PAGES)(
    '/xf/%s fits the screen, as loaded and after a filter change',
    async (path, { expect }) => {
      const { context, problems, foreign } = await watchedContext(browser(), PHONE);
      try {
        const page = await context.newPage();
        await page.goto(pageUrl(path));
        const loaded = await layout(page);
        expectFits(expect, loaded);
        expect(loaded.tables.length).toBeGreaterThan(0);
        // The build's file table is wider than a phone: it must scroll inside its own box.
        if (path === 'about/') expect(loaded.tables.some((table) => table.wider)).toBe(true);
        if (CHART_PAGES.includes(path)) {
          await rendered(page, () => page.selectOption('select[name=level]', '赴省'));
          expect(await page.locator('.chart-card figure.chart svg').count()).toBeGreaterThan(0);
          const filtered = await layout(page);
          expectFits(expect, filtered);
        }
        expect(problems).toEqual([]);
        expect(foreign).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
