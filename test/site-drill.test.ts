/** One click on a category's bar drills into it, keeping the rest of the view; back returns. */
import { describe, expect, it } from 'vitest';
import { pageUrl, rendered, useBrowser, watchedContext } from './setup/browser.ts';

const browser = useBrowser();

describe('drilling into a category', () => {
  it('a click on a bar of the ranking adds the category to the URL and its drill panels', async () => {
    const { context, problems, foreign } = await watchedContext(browser());
    try {
      const page = await context.newPage();
      await page.goto(pageUrl('categories/', '?measure=persons'));
      await page.waitForFunction(() => performance.getEntriesByName('xf:rendered').length > 0);
      const bar = page.locator('[data-panel=ranking] svg a').first();
      const href = await bar.evaluate(
        (a) => a.getAttribute('href') ?? a.getAttributeNS('http://www.w3.org/1999/xlink', 'href'),
      );
      const target = new URLSearchParams(href ?? '').get('category');
      expect(target).toBeTruthy();
      await rendered(page, () => bar.click());
      const search = new URL(page.url()).searchParams;
      expect(search.get('category')).toBe(target);
      expect(search.get('measure')).toBe('persons');
      expect(await page.locator('[data-panel=drill-subcategory] h2').textContent()).toContain(
        target ?? '',
      );
      await rendered(page, () => page.goBack());
      expect(await page.locator('[data-panel=drill-subcategory]').count()).toBe(0);
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
