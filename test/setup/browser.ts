/**
 * Helpers for the browser tests: one connection per test file to the run's shared Chromium,
 * contexts that record every problem a reader would hit, and waiting for the page's renders.
 */
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type ConsoleMessage,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

export const CHART_PAGES = ['', 'levels/', 'categories/', 'regions/', 'handling/', 'focus/'];
export const ALL_PAGES = [...CHART_PAGES, 'alerts/', 'about/'];

export function pageUrl(page: string, search = ''): string {
  const site = inject('site');
  return `${site.origin}${site.basePath}${page}${search}`;
}

/** Connects in beforeAll, disconnects in afterAll; the browser itself belongs to the global setup. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.connect(inject('site').wsEndpoint);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('browser not connected yet');
    return browser;
  };
}

export interface Watched {
  context: BrowserContext;
  /** Console errors and warnings, page errors, dialogs, HTTP errors: each one fails a test. */
  problems: string[];
  /** Requests to any host but the test server: aborted and recorded. */
  foreign: string[];
}

function consoleProblem(problems: string[], where: string) {
  return (message: ConsoleMessage): void => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`${where} console.${message.type()}: ${message.text()}`);
    }
  };
}

/** A fresh context whose every request is intercepted: only the test server may answer. */
export async function watchedContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<Watched> {
  const origin = inject('site').origin;
  const context = await browser.newContext(options);
  const problems: string[] = [];
  const foreign: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) await route.continue();
    else {
      foreign.push(url);
      await route.abort('blockedbyclient');
    }
  });
  context.on('page', (page) => {
    page.on('console', consoleProblem(problems, 'page'));
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog ${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('worker', (worker) => worker.on('console', consoleProblem(problems, 'worker')));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => {
      // ERR_ABORTED: the browser dropped it itself (a reload or history step mid-request).
      const aborted = request.failure()?.errorText === 'net::ERR_ABORTED';
      if (new URL(request.url()).origin === origin && !aborted) {
        problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
      }
    });
  });
  return { context, problems, foreign };
}

/** How many times the page has finished a render in the browser (the app's performance mark). */
export function renderCount(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByName('xf:rendered').length);
}

export async function waitForRenderAfter(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => performance.getEntriesByName('xf:rendered').length > n, count, {
    timeout: 90_000,
  });
}

/** Runs `action` (a filter change, a reload of a filtered URL…) and waits for its render. */
export async function rendered(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await renderCount(page);
  await action();
  await waitForRenderAfter(page, before);
}

/** The default view's engine warm-up has answered its first query. */
export async function waitForEngine(page: Page): Promise<void> {
  await page.waitForFunction(
    () => performance.getEntriesByName('xf:engine-ready').length > 0,
    null,
    {
      timeout: 90_000,
    },
  );
}

/** What a reader sees of the view: scope line, cards, chart titles, chart text and tables. */
export function viewText(
  page: Page,
): Promise<{ cards: string; charts: string[]; tables: string[] }> {
  return page.evaluate(() => ({
    cards: document.querySelector('[data-cards]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    charts: [...document.querySelectorAll('.chart-card')].map((card) =>
      [...card.querySelectorAll('svg text, svg title')]
        .map((node) => node.textContent?.replace(/\s+/g, ' ').trim() ?? '')
        .join('|'),
    ),
    tables: [...document.querySelectorAll('.chart-card table')].map(
      (table) => table.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    ),
  }));
}
