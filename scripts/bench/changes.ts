/** One reader's visit to a page: opened cold, then filter after filter, each timed until redrawn. */
import type { Browser, Page } from 'playwright-core';
import { VIEWPORT } from './loads.ts';
import { changeFilter, engineProbe, type ChangeTiming } from './probes.ts';
import type { BenchServer, DataRead } from './server.ts';

export interface FilterChange extends ChangeTiming {
  filter: string;
}

export interface Visit {
  changes: FilterChange[];
  /** What the server sent of the published data over the whole visit. */
  read: DataRead;
}

/** Several filters, each set and later cleared; filters the page lacks are left out. */
async function cycleOf(page: Page): Promise<[string, string][]> {
  const options = await page.evaluate(() => {
    const values = (name: string) =>
      [...document.querySelectorAll<HTMLOptionElement>(`form.filters [name="${name}"] option`)]
        .map((option) => option.value)
        .filter((value) => value !== '');
    return Object.fromEntries(
      ['period', 'cmp', 'measure', 'channel', 'level', 'category', 'region', 'tag'].map((name) => [
        name,
        values(name),
      ]),
    );
  });
  const has = (name: string, value: string) =>
    value === '' ? (options[name]?.length ?? 0) > 0 : (options[name] ?? []).includes(value);
  const first = (name: string, index = 0) => options[name]?.[index] ?? '';
  const cycle: [string, string][] = [
    ['level', '赴省'],
    ['measure', 'persons'],
    ['channel', '来访'],
    ['level', ''],
    ['category', first('category')],
    ['measure', 'batches'],
    ['region', first('region')],
    ['channel', ''],
    ['period', 'last12'],
    ['category', ''],
    ['cmp', 'mom'],
    ['region', ''],
    ['tag', first('tag')],
    ['period', 'ytd'],
    ['cmp', 'yoy'],
    ['tag', ''],
    ['level', '进京'],
    ['region', first('region', 1)],
    ['level', ''],
    ['region', ''],
  ];
  return cycle.filter(([name, value]) => has(name, value));
}

export async function visit(
  browser: Browser,
  server: BenchServer,
  url: string,
  count: number,
  timeoutMs: number,
): Promise<Visit> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  server.resetRead();
  try {
    const page = await context.newPage();
    await page.addInitScript(engineProbe);
    await page.goto(url);
    await page.waitForFunction(
      () => performance.getEntriesByName('xf:engine-ready').length > 0,
      null,
      { timeout: timeoutMs },
    );
    const cycle = await cycleOf(page);
    const changes: FilterChange[] = [];
    for (let i = 0; cycle.length > 0 && changes.length < count; i++) {
      const [name, value] = cycle[i % cycle.length] ?? ['level', ''];
      const timing = await page.evaluate(changeFilter, [name, value, timeoutMs] as const);
      changes.push({ filter: `${name}=${value || '全部'}`, ...timing });
    }
    return { changes, read: { ...server.read } };
  } finally {
    await context.close();
  }
}
