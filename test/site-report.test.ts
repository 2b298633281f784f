/**
 * The 总览 says what `npm run report` says: the same figures for the same period, the same
 * briefing text, whether the page was rendered at build time or by DuckDB-WASM in the browser.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Report } from '../src/lib/report.ts';
import { ROOT } from './setup/build-site.ts';
import { pageUrl, rendered, useBrowser, watchedContext } from './setup/browser.ts';

const browser = useBrowser();
let report: Report;

beforeAll(async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['scripts/report.ts', '--json', '--data', inject('site').dataDir],
    { cwd: ROOT, env: { ...process.env, TZ: 'Asia/Shanghai' } },
  );
  report = JSON.parse(stdout) as Report;
});

interface Counts {
  batches: number;
  persons: number;
}

const WORDS = { up: '上升', down: '下降', flat: '持平' } as const;

function sum(list: Counts[]): Counts {
  return {
    batches: list.reduce((total, c) => total + c.batches, 0),
    persons: list.reduce((total, c) => total + c.persons, 0),
  };
}

/** data-card → [value, previous] as the report's figures say they must read. */
function expectedCards(r: Report): Record<string, [string, string]> {
  const both = (c: Counts) => `${c.batches}批 ${c.persons}人次`;
  const items = (c: Counts) => `${c.batches}件`;
  const levels = r.visits!.byLevel;
  const collective = (side: 'now' | 'before') =>
    sum(
      Object.values(levels).map((level) => {
        const source = side === 'now' ? level : level.previous;
        return { batches: source.collectiveBatches, persons: source.collectivePersons };
      }),
    );
  const upward = (side: 'now' | 'before') =>
    sum(
      (['进京', '赴省', '到市'] as const).map((name) =>
        side === 'now' ? levels[name] : levels[name].previous,
      ),
    );
  const repeat = r.rates.repeat!;
  return {
    registered: [both(r.registered), `去年同期 ${both(r.registered.previous)}`],
    letters: [items(r.channels!['来信']), `去年同期 ${items(r.channels!['来信'].previous)}`],
    visits: [both(r.channels!['来访']), `去年同期 ${both(r.channels!['来访'].previous)}`],
    online: [items(r.channels!['网上信访']), `去年同期 ${items(r.channels!['网上信访'].previous)}`],
    collective: [both(collective('now')), `去年同期 ${both(collective('before'))}`],
    upward: [both(upward('now')), `去年同期 ${both(upward('before'))}`],
    repeat: [`${repeat.percent?.toFixed(1)}%`, `去年同期 ${repeat.previous.percent?.toFixed(1)}%`],
  };
}

async function shownCards(page: Page): Promise<Record<string, [string, string]>> {
  const cards = await page
    .locator('[data-cards] .kpi')
    .evaluateAll((nodes) =>
      nodes.map((node) => [
        (node as HTMLElement).dataset['card'] ?? '',
        node.querySelector('.value')?.textContent?.trim() ?? '',
        node.querySelector('.previous')?.textContent?.trim() ?? '',
      ]),
    );
  return Object.fromEntries(cards.map(([key, value, previous]) => [key, [value, previous]]));
}

async function expectSameAsReport(page: Page): Promise<void> {
  expect(await shownCards(page)).toEqual(expectedCards(report));
  const change = report.registered.change.batches;
  expect(await page.locator('[data-card=registered] .change').textContent()).toBe(
    `${WORDS[change.direction]}${change.percent === null ? '' : Math.abs(change.percent).toFixed(1)}%`,
  );
  expect(await page.locator('[data-card=repeat]').getAttribute('title')).toBe(
    `重复信访 ${report.rates.repeat!.numerator}批 ÷ 登记 ${report.rates.repeat!.denominator}批`,
  );
  const paragraphs = await page.locator('[data-briefing-text] p').allTextContents();
  expect(paragraphs).toEqual(report.text.split('\n').filter((line) => line.trim() !== ''));
  expect(await page.locator('[data-scope]').textContent()).toContain(
    `${report.labels.periodWithYear}（同比：${report.labels.comparePeriod}）`,
  );
}

describe('总览 against report --json', () => {
  it('covers 2024年1-9月 against 2023年1-9月 on the sample', () => {
    expect(report.period).toMatchObject({
      from: '2024-01',
      to: '2024-09',
      compareFrom: '2023-01',
      compareTo: '2023-09',
    });
    expect(report.registered.batches).toBeGreaterThan(0);
  });

  it('shows the report figures and briefing, at build time and again after a browser render', async () => {
    const { context, problems, foreign } = await watchedContext(browser());
    try {
      const page = await context.newPage();
      await page.goto(pageUrl(''));
      await expectSameAsReport(page);

      // A round trip through a filter makes the browser compute the default view itself.
      await rendered(page, () => page.selectOption('select[name=channel]', '来访'));
      expect(await page.locator('[data-card=registered] .value').textContent()).toBe(
        `${report.channels!['来访'].batches}批 ${report.channels!['来访'].persons}人次`,
      );
      await rendered(page, () => page.selectOption('select[name=channel]', ''));
      await expectSameAsReport(page);
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('办理与考核 shows the report’s rule-of-law scores', async () => {
    const { context, problems } = await watchedContext(browser(), { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(pageUrl('handling/'));
      const rule = page.locator('[data-rule-of-law]');
      expect(await rule.locator('tfoot td').textContent()).toBe(report.ruleOfLaw!.total.toFixed(3));
      const rows = await rule
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
        );
      expect(rows.map((row) => [row[0], row[1], row[2]])).toEqual(
        report.ruleOfLaw!.terms.map((term) => [
          term.name,
          String(term.numerator),
          String(term.denominator),
        ]),
      );
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
