/**
 * The first filter change is drawn from the answers the build recorded, while DuckDB-WASM is still
 * held back, and what it draws is what the engine draws for the same view; answers of other data
 * are refused and the engine answers instead.
 */
import type { BrowserContext, Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pageUrl, useBrowser, viewText, watchedContext } from './setup/browser.ts';

const browser = useBrowser();

/** Holds every .wasm request until `release()`: the engine cannot start before. */
async function holdEngine(context: BrowserContext) {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const state = { requested: false, served: false };
  await context.route('**/*.wasm', async (route: Route) => {
    state.requested = true;
    await released;
    state.served = true;
    await route.continue();
  });
  return { state, release };
}

/** The scope line, cards, charts, tables and briefing of the view on screen. */
async function drawn(page: Page) {
  return {
    scope: await page.locator('[data-scope]').textContent(),
    briefing: await page.evaluate(
      () => document.querySelector('[data-briefing-text]')?.textContent?.trim() ?? null,
    ),
    ...(await viewText(page)),
  };
}

const renders = (page: Page): Promise<number> =>
  page.evaluate(() => performance.getEntriesByName('xf:rendered').length);

async function changeAndRender(page: Page, field: string, value: string): Promise<void> {
  await page.selectOption(`form.filters select[name=${field}]`, value);
  await page.waitForFunction(() => performance.getEntriesByName('xf:rendered').length > 0, null, {
    timeout: 60_000,
  });
}

describe('recorded answers: the first change does not wait for the engine', () => {
  it.concurrent.each([
    { page: '总览', path: '', field: 'level', value: '赴省' },
    { page: '办理与考核', path: 'handling/', field: 'channel', value: '来访' },
    { page: '属地', path: 'regions/', field: 'tag', value: '两拖欠' },
  ])(
    '$page, $field=$value: drawn before the engine starts, as the engine draws it',
    async ({ path, field, value }) => {
      // From the recorded answers, the engine held back.
      const recorded = await watchedContext(browser());
      let fromAnswers: Awaited<ReturnType<typeof drawn>>;
      const answers: string[] = [];
      try {
        const engine = await holdEngine(recorded.context);
        const page = await recorded.context.newPage();
        page.on('response', (response) => {
          if (response.url().includes('/answers/')) answers.push(`${response.status()}`);
        });
        await page.goto(pageUrl(path));
        await page.waitForLoadState('load');
        await changeAndRender(page, field, value);
        expect(engine.state.served).toBe(false);
        expect(
          await page.evaluate(() => performance.getEntriesByName('xf:engine-ready').length),
        ).toBe(0);
        expect(answers.length).toBeGreaterThan(0);
        expect(new Set(answers)).toEqual(new Set(['200']));
        fromAnswers = await drawn(page);
        expect(fromAnswers.scope).toContain(value === '两拖欠' ? `标签：${value}` : value);
        engine.release();
        await page.waitForFunction(
          () => performance.getEntriesByName('xf:engine-ready').length > 0,
          null,
          { timeout: 90_000 },
        );
        expect(recorded.problems).toEqual([]);
        expect(recorded.foreign).toEqual([]);
      } finally {
        await recorded.context.close();
      }

      // The same change, the answers made out to other data: refused, so the engine draws it.
      const other = await watchedContext(browser());
      try {
        await other.context.route('**/answers/**', async (route) => {
          const response = await route.fetch();
          const file = (await response.json()) as { data: string };
          await route.fulfill({ response, json: { ...file, data: `other-${file.data}` } });
        });
        const engine = await holdEngine(other.context);
        const page = await other.context.newPage();
        await page.goto(pageUrl(path));
        await page.waitForLoadState('load');
        await page.selectOption(`form.filters select[name=${field}]`, value);
        await page.waitForTimeout(1_500);
        // Nothing recorded to draw from: the view waits for the engine.
        expect(await renders(page)).toBe(0);
        engine.release();
        await page.waitForFunction(
          () => performance.getEntriesByName('xf:rendered').length > 0,
          null,
          { timeout: 90_000 },
        );
        expect(engine.state.served).toBe(true);
        expect(await drawn(page)).toEqual(fromAnswers);
        expect(other.problems).toEqual([]);
      } finally {
        await other.context.close();
      }
    },
  );
});
