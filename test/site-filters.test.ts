/**
 * The view lives in the URL: filters re-render the charts in the browser, reload and history
 * restore a view, and a hostile URL is shrugged off with a note.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  pageUrl,
  rendered,
  useBrowser,
  viewText,
  waitForRenderAfter,
  watchedContext,
} from './setup/browser.ts';

const browser = useBrowser();

function formValues(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const form = document.querySelector<HTMLFormElement>('form.filters');
    const values: Record<string, string> = {};
    for (const element of form?.elements ?? []) {
      const field = element as HTMLSelectElement | HTMLInputElement;
      if (field.name) values[field.name] = field.value;
    }
    return values;
  });
}

function search(page: Page): Record<string, string> {
  return Object.fromEntries(new URL(page.url()).searchParams);
}

describe('filters and the URL', () => {
  it('层级 and 口径 re-render the 总览 and go into the URL; reload and back restore the view', async () => {
    const { context, problems, foreign } = await watchedContext(browser());
    try {
      const page = await context.newPage();
      await page.goto(pageUrl(''));
      const initial = await viewText(page);
      expect(initial.cards).toContain('批');

      await rendered(page, () => page.selectOption('select[name=level]', '赴省'));
      expect(search(page)).toEqual({ level: '赴省' });
      const provincial = await viewText(page);
      expect(provincial.cards).not.toBe(initial.cards);
      expect(provincial.tables).not.toEqual(initial.tables);

      await rendered(page, () => page.selectOption('select[name=measure]', 'persons'));
      expect(search(page)).toEqual({ level: '赴省', measure: 'persons' });
      expect(new URL(page.url()).pathname).toBe('/xf/');
      const persons = await viewText(page);
      expect(persons.charts).not.toEqual(provincial.charts);
      expect(persons.tables).not.toEqual(provincial.tables);
      expect(await page.locator('[data-scope]').textContent()).toContain('赴省');
      expect(await page.locator('[data-scope]').textContent()).toContain('人次');
      // Links to the other pages carry the view.
      expect(
        new URL((await page.locator('a[data-nav=levels]').getAttribute('href')) ?? '', page.url())
          .search,
      ).toBe(new URL(page.url()).search);

      // A reload renders the filtered view from the URL alone.
      await page.reload();
      await waitForRenderAfter(page, 0);
      expect(await formValues(page)).toMatchObject({ level: '赴省', measure: 'persons' });
      expect(await viewText(page)).toEqual(persons);

      await rendered(page, () => page.goBack());
      expect(search(page)).toEqual({ level: '赴省' });
      expect(await formValues(page)).toMatchObject({ level: '赴省', measure: 'batches' });
      expect(await viewText(page)).toEqual(provincial);

      await rendered(page, () => page.goBack());
      expect(search(page)).toEqual({});
      expect(await formValues(page)).toMatchObject({ level: '', measure: 'batches' });
      const back = await viewText(page);
      // Same figures as the build-time page, now computed by DuckDB-WASM in the browser.
      expect(back.cards).toBe(initial.cards);
      expect(back.tables).toEqual(initial.tables);

      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a garbage URL gives a working page with a note, and nothing of it is echoed as markup', async () => {
    const { context, problems, foreign } = await watchedContext(browser());
    try {
      const page = await context.newPage();
      const garbage =
        '?level=乡里&category=<script>alert(1)</script>&period=custom&from=9999-99' +
        '&region=%27;DROP%20TABLE%20records;--';
      await page.goto(pageUrl('', garbage));
      const notes = page.locator('.notes');
      await expect.poll(() => notes.isVisible()).toBe(true);
      const note = (await notes.textContent()) ?? '';
      expect(note).toContain('层级');
      expect(note).toContain('问题类别');
      expect(note).toContain('无效');
      // The cleaned URL keeps nothing of the garbage.
      expect(search(page)).toEqual({});
      expect(await formValues(page)).toMatchObject({ level: '', category: '', region: '' });
      const cards = await page.locator('.chart-card').count();
      expect(cards).toBeGreaterThan(0);
      expect(await page.locator('.chart-card figure.chart svg').count()).toBe(cards);

      // Still a working page: a filter change after the garbage renders normally.
      await rendered(page, () => page.selectOption('select[name=level]', '进京'));
      expect(search(page)).toEqual({ level: '进京' });
      expect(await page.locator('.chart-card figure.chart svg').count()).toBe(cards);

      const html = await page.content();
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).not.toContain('DROP TABLE');
      const scripts = await page
        .locator('script')
        .evaluateAll((nodes) => nodes.map((node) => node.textContent ?? ''));
      expect(scripts.some((text) => text.includes('alert('))).toBe(false);
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
