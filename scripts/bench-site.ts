/**
 * npm run bench:site [-- --records 1000000 --loads 5 --changes 30 --skip-big --keep --reuse DIR]
 * Builds the sample site and a large one (sample → data → site, under /xf/, into temp folders),
 * then measures them in headless Chromium on localhost with a cold cache: first chart painted and
 * the bytes fetched before it, the engine's first answer, filter change → all charts redrawn, and
 * how much of the database the server sent (range requests, not the whole file).
 */
import { existsSync } from 'node:fs';
import { readFile, rm, mkdtemp, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serveStatic } from './serve.ts';
import {
  buildSite,
  CHROMIUM_ARGS,
  requireChromium,
  type BuiltSite,
} from '../test/setup/build-site.ts';

const BASE_PATH = '/xf/';
const TARGET = { firstChartMs: 300, firstChartBytes: 200 * 1024, filterP95Ms: 100 };

interface LoadRun {
  fcp: number;
  firstChart: number;
  bytes: number;
  gzipBytes: number;
  engineReady: number;
  resources: string[];
}

interface ChangeTiming {
  rendered: number;
  painted: number;
  /** Time with at least one request to the DuckDB worker in flight. */
  engine: number;
  queries: number;
}

interface Change extends ChangeTiming {
  page: string;
  filter: string;
}

interface EngineStats {
  inflight: number;
  since: number;
  busy: number;
  queries: number;
}

interface SiteFigures {
  label: string;
  records: number;
  databaseBytes: number;
  /** Bytes of petitions.duckdb the server sent, and in how many responses, per filter session. */
  databaseRead: { page: string; bytes: number; responses: number; ranged: number }[];
  htmlBytes: number;
  buildSeconds: BuiltSite['seconds'];
  loads: LoadRun[];
  changes: Change[];
}

/**
 * Before any page script: the time the first chart's <svg> reaches the screen. If it was in the
 * DOM before the first contentful paint, that paint shows it; otherwise the frame after it does.
 */
function firstChartProbe(): void {
  const box = window as unknown as { __firstChart: Promise<number> };
  box.__firstChart = new Promise((resolve) => {
    const painted = (inserted: number): void => {
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
          resolve(fcp !== undefined && inserted <= fcp ? fcp : performance.now());
        };
        channel.port2.postMessage(0);
      });
    };
    const observer = new MutationObserver(() => {
      if (document.querySelector('.chart-card svg')) {
        observer.disconnect();
        painted(performance.now());
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

/**
 * Before any page script: counts the queries sent to the DuckDB worker and the time it has work,
 * so a filter change's time splits into the engine's part and the page's own (charts, DOM).
 */
function engineProbe(): void {
  const stats: EngineStats = { inflight: 0, since: 0, busy: 0, queries: 0 };
  (window as unknown as { __engine: EngineStats }).__engine = stats;
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      const pending = new Set<unknown>();
      const post = this.postMessage.bind(this) as (message: unknown, transfer?: unknown) => void;
      this.postMessage = ((message: { messageId?: unknown; type?: string }, transfer?: unknown) => {
        if (message && typeof message === 'object' && 'messageId' in message) {
          pending.add(message.messageId);
          if (stats.inflight++ === 0) stats.since = performance.now();
          if (message.type === 'RUN_PREPARED' || message.type === 'RUN_QUERY') stats.queries++;
        }
        post(message, transfer);
      }) as Worker['postMessage'];
      this.addEventListener(
        'message',
        (event: MessageEvent<{ requestId?: unknown; type?: string }>) => {
          const { requestId, type } = event.data ?? {};
          if (!pending.has(requestId) || type === 'INSTANTIATE_PROGRESS') return;
          pending.delete(requestId);
          if (--stats.inflight === 0) stats.busy += performance.now() - stats.since;
        },
      );
    }
  };
}

async function coldLoad(browser: Browser, url: string, site: string): Promise<LoadRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.addInitScript(firstChartProbe);
    await page.goto(url);
    await page.waitForFunction(
      () => performance.getEntriesByName('xf:engine-ready').length > 0,
      null,
      {
        timeout: 120_000,
      },
    );
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
        engineReady: performance.getEntriesByName('xf:engine-ready')[0]?.startTime ?? NaN,
        fetched: [navigation, ...before].map((entry) => ({
          url: entry.name,
          bytes: entry.transferSize,
        })),
      };
    });
    let gzipBytes = 0;
    for (const { url: resource } of figures.fetched) {
      const pathname = decodeURIComponent(new URL(resource).pathname).slice(BASE_PATH.length);
      const file = path.join(
        site,
        pathname.endsWith('/') || pathname === '' ? `${pathname}index.html` : pathname,
      );
      gzipBytes += gzipSync(await readFile(file)).length;
    }
    return {
      fcp: figures.fcp,
      firstChart: figures.firstChart,
      engineReady: figures.engineReady,
      bytes: figures.fetched.reduce((sum, entry) => sum + entry.bytes, 0),
      gzipBytes,
      resources: figures.fetched.map((entry) => new URL(entry.url).pathname),
    };
  } finally {
    await context.close();
  }
}

/** One filter change made in the page: ms from the change event to the render mark and paint. */
async function change(page: Page, name: string, value: string): Promise<ChangeTiming> {
  return page.evaluate(
    ([field, choice]) =>
      new Promise<ChangeTiming>((resolve, reject) => {
        const stats = (window as unknown as { __engine: EngineStats }).__engine;
        const busy = () => stats.busy + (stats.inflight > 0 ? performance.now() - stats.since : 0);
        const select = document.querySelector<HTMLSelectElement>(`form.filters [name="${field}"]`);
        if (!select) return reject(new Error(`no filter ${field}`));
        const timer = setTimeout(
          () => reject(new Error(`no render after ${field}=${choice}`)),
          120_000,
        );
        let started = 0;
        let busyBefore = 0;
        let queriesBefore = 0;
        document.addEventListener(
          'dashboard:rendered',
          () => {
            // Charts updated: the briefing text may follow later (it is not a chart).
            const mark = performance.getEntriesByName('xf:charts').at(-1)?.startTime ?? NaN;
            const engine = busy() - busyBefore;
            const queries = stats.queries - queriesBefore;
            requestAnimationFrame(() => {
              const channel = new MessageChannel();
              channel.port1.onmessage = () => {
                clearTimeout(timer);
                resolve({
                  rendered: mark - started,
                  painted: performance.now() - started,
                  engine,
                  queries,
                });
              };
              channel.port2.postMessage(0);
            });
          },
          { once: true },
        );
        select.value = choice;
        busyBefore = busy();
        queriesBefore = stats.queries;
        started = performance.now();
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }),
    [name, value] as const,
  );
}

/** Several filters, each set and later cleared, repeated until `count` changes. */
async function filterChanges(page: Page, label: string, count: number): Promise<Change[]> {
  const options = await page.evaluate(() => {
    const values = (name: string) =>
      [...document.querySelectorAll<HTMLOptionElement>(`form.filters [name="${name}"] option`)]
        .map((option) => option.value)
        .filter((value) => value !== '');
    return {
      category: values('category'),
      region: values('region'),
      tag: values('tag'),
    };
  });
  const cycle: [string, string][] = [
    ['level', '赴省'],
    ['measure', 'persons'],
    ['channel', '来访'],
    ['level', ''],
    ['category', options.category[0] ?? ''],
    ['measure', 'batches'],
    ['region', options.region[0] ?? ''],
    ['channel', ''],
    ['period', 'last12'],
    ['category', ''],
    ['cmp', 'mom'],
    ['region', ''],
    ['tag', options.tag[0] ?? ''],
    ['period', 'ytd'],
    ['cmp', 'yoy'],
    ['tag', ''],
    ['level', '进京'],
    ['region', options.region[1] ?? ''],
    ['level', ''],
    ['region', ''],
  ];
  const changes: Change[] = [];
  for (let i = 0; changes.length < count; i++) {
    const [name, value] = cycle[i % cycle.length] ?? ['level', ''];
    const timing = await change(page, name, value);
    changes.push({ page: label, filter: `${name}=${value || '全部'}`, ...timing });
  }
  return changes;
}

async function measure(
  browser: Browser,
  built: BuiltSite,
  label: string,
  records: number,
  loads: number,
  changes: number,
): Promise<SiteFigures> {
  const server = serveStatic(built.site, BASE_PATH);
  // Whether DuckDB-WASM reads the database in pieces (range requests) or whole.
  const read = { bytes: 0, responses: 0, ranged: 0 };
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!new URL(request.url ?? '/', 'http://localhost').pathname.endsWith('/petitions.duckdb'))
      return;
    const write = response.write.bind(response) as (chunk: unknown, ...rest: unknown[]) => boolean;
    response.write = ((chunk: { length?: number }, ...rest: unknown[]) => {
      read.bytes += chunk?.length ?? 0;
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    response.on('finish', () => {
      read.responses++;
      if (response.statusCode === 206) read.ranged++;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const runs: LoadRun[] = [];
    for (let i = 0; i < loads; i++)
      runs.push(await coldLoad(browser, `${origin}${BASE_PATH}`, built.site));
    const measured: Change[] = [];
    const databaseRead: SiteFigures['databaseRead'] = [];
    for (const [page, pagePath] of [
      ['总览', ''],
      ['属地', 'regions/'],
    ] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      Object.assign(read, { bytes: 0, responses: 0, ranged: 0 });
      try {
        const tab = await context.newPage();
        await tab.addInitScript(engineProbe);
        await tab.goto(`${origin}${BASE_PATH}${pagePath}`);
        await tab.waitForFunction(
          () => performance.getEntriesByName('xf:engine-ready').length > 0,
          null,
          { timeout: 120_000 },
        );
        measured.push(...(await filterChanges(tab, page, changes)));
        databaseRead.push({ page, ...read });
      } finally {
        await context.close();
      }
    }
    return {
      label,
      records,
      databaseBytes: (await stat(path.join(built.data, 'petitions.duckdb'))).size,
      databaseRead,
      htmlBytes: (await stat(path.join(built.site, 'index.html'))).size,
      buildSeconds: built.seconds,
      loads: runs,
      changes: measured,
    };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? NaN;
}

const ms = (value: number): string => `${Math.round(value)} ms`;
const kb = (value: number): string => `${(value / 1024).toFixed(1)} KB`;
const mb = (value: number): string => `${(value / 1024 / 1024).toFixed(1)} MB`;
const verdict = (ok: boolean): string => (ok ? 'ok' : 'MISS');

function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) =>
      Math.max(
        ...rows.map((row) =>
          [...(row[column] ?? '')].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0),
        ),
      ),
    ) ?? [];
  const pad = (text: string, width: number): string => {
    const shown = [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
    return text + ' '.repeat(Math.max(0, width - shown));
  };
  return rows
    .map((row) => row.map((cell, column) => pad(cell, widths[column] ?? 0)).join('  '))
    .join('\n');
}

function report(all: SiteFigures[]): string {
  const header = [
    '',
    ...all.map((s) => `${s.label} (${s.records.toLocaleString('en-US')} records)`),
    'target',
  ];
  const med = (s: SiteFigures, pick: (run: LoadRun) => number) => quantile(s.loads.map(pick), 0.5);
  const worst = (s: SiteFigures, pick: (run: LoadRun) => number) => Math.max(...s.loads.map(pick));
  const changes = (
    s: SiteFigures,
    page: string | null,
    q: number,
    key: 'rendered' | 'painted' | 'engine' | 'queries',
  ) =>
    quantile(
      s.changes.filter((c) => page === null || c.page === page).map((c) => c[key]),
      q,
    );
  const rows: string[][] = [
    header,
    ['database (petitions.duckdb)', ...all.map((s) => mb(s.databaseBytes)), ''],
    ...['总览', '属地'].map((page) => [
      `  read by one ${page} session: bytes (responses, 206)`,
      ...all.map((s) => {
        const read = s.databaseRead.find((r) => r.page === page);
        return read ? `${mb(read.bytes)} (${read.responses}, ${read.ranged})` : '';
      }),
      '',
    ]),
    ['总览 HTML', ...all.map((s) => kb(s.htmlBytes)), ''],
    ['cold loads', ...all.map((s) => String(s.loads.length)), ''],
    ['first contentful paint, median', ...all.map((s) => ms(med(s, (r) => r.fcp))), ''],
    [
      'first chart painted, median (max)',
      ...all.map(
        (s) => `${ms(med(s, (r) => r.firstChart))} (${ms(worst(s, (r) => r.firstChart))})`,
      ),
      `≤ ${TARGET.firstChartMs} ms`,
    ],
    [
      'bytes before first chart, median',
      ...all.map((s) => kb(med(s, (r) => r.bytes))),
      `≤ ${kb(TARGET.firstChartBytes)}`,
    ],
    ['  same files gzipped', ...all.map((s) => kb(med(s, (r) => r.gzipBytes))), ''],
    [
      'engine answered first query, median (max)',
      ...all.map(
        (s) => `${ms(med(s, (r) => r.engineReady))} (${ms(worst(s, (r) => r.engineReady))})`,
      ),
      '',
    ],
  ];
  for (const page of ['总览', '属地', null]) {
    const name = page ?? 'both pages';
    const count = (s: SiteFigures) =>
      s.changes.filter((c) => page === null || c.page === page).length;
    rows.push([
      `filter → rendered, ${name}: p50 / p95 (n)`,
      ...all.map(
        (s) =>
          `${ms(changes(s, page, 0.5, 'rendered'))} / ${ms(changes(s, page, 0.95, 'rendered'))} (${count(s)})`,
      ),
      page === null ? `p95 ≤ ${TARGET.filterP95Ms} ms` : '',
    ]);
    rows.push([
      `  of which DuckDB at work: p50 / p95`,
      ...all.map(
        (s) => `${ms(changes(s, page, 0.5, 'engine'))} / ${ms(changes(s, page, 0.95, 'engine'))}`,
      ),
      '',
    ]);
    rows.push([
      `  queries per change: p50 / max`,
      ...all.map((s) => `${changes(s, page, 0.5, 'queries')} / ${changes(s, page, 1, 'queries')}`),
      '',
    ]);
    rows.push([
      `filter → painted, ${name}: p50 / p95`,
      ...all.map(
        (s) => `${ms(changes(s, page, 0.5, 'painted'))} / ${ms(changes(s, page, 0.95, 'painted'))}`,
      ),
      '',
    ]);
  }
  // Changes answered from the page's cache of earlier answers send no query: these did.
  const queried = (s: SiteFigures) => s.changes.filter((c) => c.queries > 0).map((c) => c.rendered);
  rows.push([
    'filter → rendered, changes that queried: p50 / p95 (n)',
    ...all.map(
      (s) =>
        `${ms(quantile(queried(s), 0.5))} / ${ms(quantile(queried(s), 0.95))} (${queried(s).length})`,
    ),
    '',
  ]);
  const lines = [table(rows), ''];
  for (const s of all) {
    const chart = med(s, (r) => r.firstChart);
    const bytes = med(s, (r) => r.bytes);
    const p95 = changes(s, null, 0.95, 'rendered');
    lines.push(
      `${s.label}: first chart ${verdict(chart <= TARGET.firstChartMs)}, bytes ${verdict(bytes <= TARGET.firstChartBytes)}, ` +
        `filter p95 ${verdict(p95 <= TARGET.filterP95Ms)}; fetched before the first chart: ${[
          ...new Set(s.loads[0]?.resources ?? []),
        ].join(', ')}`,
    );
    const slowest = [...s.changes].sort((a, b) => b.rendered - a.rendered).slice(0, 5);
    lines.push(
      `  slowest changes: ${slowest
        .map(
          (c) =>
            `${c.page} ${c.filter} ${ms(c.rendered)} (DuckDB ${ms(c.engine)}, ${c.queries} queries)`,
        )
        .join('; ')}`,
    );
    const { sample, data, site } = s.buildSeconds;
    lines.push(
      Number.isNaN(sample)
        ? '  build: reused (--reuse)'
        : `  build: sample ${sample.toFixed(1)} s, data ${data.toFixed(1)} s, site ${site.toFixed(1)} s`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '1000000' },
      loads: { type: 'string', default: '5' },
      changes: { type: 'string', default: '30' },
      'skip-big': { type: 'boolean', default: false },
      /** Keep the built sites (the folder is printed) for another run with --reuse. */
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
    },
  });
  const records = Number(values.records.replaceAll('_', ''));
  const loads = Number(values.loads);
  const changes = Number(values.changes);
  if (![records, loads, changes].every((n) => Number.isSafeInteger(n) && n > 0)) {
    throw new Error('--records, --loads and --changes take positive integers');
  }
  const executablePath = requireChromium();
  const dir = values.reuse ?? (await mkdtemp(path.join(tmpdir(), 'xf-bench-site-')));
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const sites: [string, number | undefined][] = [['sample', undefined]];
    if (!values['skip-big']) sites.push(['large', records]);
    const figures: SiteFigures[] = [];
    for (const [label, size] of sites) {
      const folder = path.join(dir, label);
      let built: BuiltSite;
      if (values.reuse !== undefined && existsSync(path.join(folder, 'site', 'index.html'))) {
        console.error(`[bench:site] reusing the ${label} site in ${folder}`);
        const none = { sample: NaN, data: NaN, site: NaN };
        built = {
          dir: folder,
          data: path.join(folder, 'data'),
          site: path.join(folder, 'site'),
          basePath: BASE_PATH,
          seconds: none,
        };
      } else {
        console.error(`[bench:site] building the ${label} site…`);
        built = await buildSite({
          dir: folder,
          basePath: BASE_PATH,
          ...(size === undefined ? {} : { records: size }),
        });
      }
      const manifest = JSON.parse(
        await readFile(path.join(built.data, 'manifest.json'), 'utf8'),
      ) as {
        published: number;
      };
      console.error(`[bench:site] measuring the ${label} site (${manifest.published} records)…`);
      figures.push(await measure(browser, built, label, manifest.published, loads, changes));
      await rm(path.join(dir, label, 'sample'), { recursive: true, force: true });
    }
    console.log(report(figures));
  } finally {
    await browser.close();
    if (values.keep || values.reuse !== undefined)
      console.error(`[bench:site] built sites kept in ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

await main();
