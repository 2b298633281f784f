/** Cold page loads in a fresh browser context: the first chart on screen, the first click answered. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { firstChangeProbe, firstChartProbe, type FirstChange } from './probes.ts';

export const VIEWPORT = { width: 1280, height: 900 };

export interface LoadRun {
  fcp: number;
  firstChart: number;
  /** Bytes transferred before the first chart (the page itself and every file finished by then). */
  bytes: number;
  /** The same files gzipped, read from the built site. */
  gzipBytes: number;
  /** The app's `xf:engine-ready` mark (NaN for a bare page or when it never came). */
  engineReady: number;
  resources: string[];
}

async function withColdPage<T>(browser: Browser, run: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    return await run(page);
  } finally {
    await context.close();
  }
}

/**
 * Opens `url` cold and times its first chart. With `site`, the bytes are also gzipped from the
 * built files; with `waitForEngine`, the load lasts until the engine has answered its first query.
 */
export function coldLoad(
  browser: Browser,
  url: string,
  options: { site?: string; basePath: string; waitForEngineMs?: number },
): Promise<LoadRun> {
  return withColdPage(browser, async (page) => {
    await page.addInitScript(firstChartProbe);
    await page.goto(url);
    let engineReady = NaN;
    if (options.waitForEngineMs !== undefined) {
      engineReady = await page
        .waitForFunction(
          () => performance.getEntriesByName('xf:engine-ready')[0]?.startTime,
          null,
          { timeout: options.waitForEngineMs },
        )
        .then((handle) => handle.jsonValue() as Promise<number>)
        .catch(() => NaN);
    }
    const figures = await page.evaluate(async () => {
      const firstChart = await (window as unknown as { __firstChart: Promise<number> })
        .__firstChart;
      const navigation = performance.getEntriesByType(
        'navigation',
      )[0] as PerformanceNavigationTiming;
      const before = (
        performance.getEntriesByType('resource') as PerformanceResourceTiming[]
      ).filter((entry) => entry.responseEnd <= firstChart);
      return {
        firstChart,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        fetched: [navigation, ...before].map((entry) => ({
          url: entry.name,
          bytes: entry.transferSize,
        })),
      };
    });
    let gzipBytes = NaN;
    if (options.site !== undefined) {
      gzipBytes = 0;
      for (const { url: resource } of figures.fetched) {
        const pathname = decodeURIComponent(new URL(resource).pathname).slice(
          options.basePath.length,
        );
        const file = path.join(
          options.site,
          pathname.endsWith('/') || pathname === '' ? `${pathname}index.html` : pathname,
        );
        gzipBytes += gzipSync(await readFile(file)).length;
      }
    }
    return {
      fcp: figures.fcp,
      firstChart: figures.firstChart,
      engineReady,
      bytes: figures.fetched.reduce((sum, entry) => sum + entry.bytes, 0),
      gzipBytes,
      resources: figures.fetched.map((entry) => new URL(entry.url).pathname),
    };
  });
}

/**
 * Opens `url` cold and changes a filter the moment the first chart is painted; resolves when the
 * page has answered it (times since navigation started). Rejects after `timeoutMs`.
 */
export function coldFirstChange(
  browser: Browser,
  url: string,
  timeoutMs: number,
): Promise<FirstChange> {
  return withColdPage(browser, async (page) => {
    await page.addInitScript(firstChartProbe);
    await page.addInitScript(firstChangeProbe);
    await page.goto(url);
    await page.waitForFunction(
      () =>
        (window as unknown as { __firstChange?: unknown }).__firstChange !== undefined &&
        performance.getEntriesByName('xf:rendered').length > 0,
      null,
      { timeout: timeoutMs },
    );
    return page.evaluate(() => {
      const made = (window as unknown as { __firstChange: { filter: string; made: number } })
        .__firstChange;
      const at = (name: string) =>
        performance.getEntriesByName(name).find((entry) => entry.startTime >= made.made)
          ?.startTime ?? NaN;
      return { ...made, charts: at('xf:charts'), complete: at('xf:rendered') };
    });
  });
}
