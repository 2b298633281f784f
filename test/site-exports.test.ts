/**
 * A message-board export (only 网上信访, no visit, handling or leader columns, its own classes),
 * published and built into its own small site outside the project: no page shows a 0% rate or a
 * page of empty cards; what the export lacks says 无数据 with the reason. Screenshots are kept
 * in XF_SCREENSHOTS (default: a temporary folder) for a person to look at.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { servedExport } from './setup/served-export.ts';

const BASE = '/board/';
const CLASSES = ['城建', '交通', '教育', '环保', '医疗', '治安', '其他事项'];
const MAPPING = {
  files: [
    {
      match: '留言*.csv',
      columns: {
        留言编号: 'case_id',
        留言用户: null,
        留言时间: ['registered_on', 'accepted_on'],
        留言详情: 'content',
        一级分类: 'category',
        涉及区域: 'region',
      },
      defaults: { channel: '网上信访', level: '本级' },
    },
  ],
};

/** About 300 messages, 2021-01 to 2024-09, deterministic. */
function boardCsv(): string {
  const lines = ['留言编号,留言用户,留言时间,留言详情,一级分类,涉及区域'];
  let n = 0;
  for (let year = 2021; year <= 2024; year++) {
    for (let month = 1; month <= (year === 2024 ? 9 : 12); month++) {
      for (let k = 0; k < 3 + ((year * 7 + month * 3) % 5); k++) {
        n++;
        const day = String(1 + ((n * 11) % 28)).padStart(2, '0');
        const region = ['城关街道', '东湖镇', '西山镇'][n % 3];
        lines.push(
          `M${n},网友${n},${year}-${String(month).padStart(2, '0')}-${day} 09:30,反映问题,${CLASSES[(n * 5) % 7]},${region}`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

const shots = process.env['XF_SCREENSHOTS'] ?? '';

const served = servedExport({
  prefix: 'xf-board-site-',
  basePath: BASE,
  files: () => ({ '留言板.csv': boardCsv(), 'mapping.json': JSON.stringify(MAPPING) }),
});

async function open(page: string): Promise<{ tab: Page; problems: string[] }> {
  const context = await served.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  await context.route('**/*', (route) =>
    new URL(route.request().url()).origin === served.origin ? route.continue() : route.abort(),
  );
  const tab = await context.newPage();
  tab.on('console', (m) => {
    const where = m.location().url;
    if (m.type() === 'error' || m.type() === 'warning') {
      problems.push(`${m.text()} ${where}`);
    }
  });
  tab.on('pageerror', (error) => problems.push(String(error)));
  tab.on('response', (response) => {
    if (response.status() >= 400) {
      problems.push(`HTTP ${response.status()} ${response.url()}`);
    }
  });
  await tab.goto(`${served.origin}${BASE}${page}`);
  return { tab, problems };
}

async function shoot(tab: Page, name: string): Promise<void> {
  const folder = shots || path.join(served.dir, 'screenshots');
  await mkdir(folder, { recursive: true });
  await tab.screenshot({ path: path.join(folder, `${name}.png`), fullPage: true });
}

/** A rate drawn or written as 0%: '0.0%' not preceded by a digit (100.0% is fine). */
const ZERO_RATE = /(?<![\d.])0(?:\.0)?%/;

describe('a message-board export in the browser', () => {
  it('总览: 无数据 cards with reasons, no pyramid, no 0% anywhere', async () => {
    const { tab, problems } = await open('');
    const card = (key: string) => tab.locator(`[data-card=${key}]`).innerText();
    for (const key of ['visits', 'collective', 'upward', 'repeat']) {
      expect(await card(key)).toContain('无数据');
    }
    expect(await card('upward')).toContain('导出中没有“信访形式”、“信访层级”列');
    expect(await card('registered')).toMatch(/\d+批 \d+人次/);
    expect(await tab.locator('[data-panel=pyramid]').count()).toBe(0);
    expect(await tab.locator('[data-missing]').innerText()).toContain('走访层级分布（倒金字塔）');
    expect(ZERO_RATE.test(await tab.locator('main').innerText())).toBe(false);
    await shoot(tab, 'overview');
    expect(await tab.locator('.briefing').innerText()).toContain('（一）走访情况分析。无数据');
    expect(problems).toEqual([]);
    await tab.context().close();
  });

  for (const [page, reason] of [
    ['levels/', '导出中没有“信访形式”、“信访层级”列'],
    ['focus/', '导出中没有“是否重复”或“信访人证件号码”列'],
  ] as const) {
    it(`${page}: one note instead of a page of empty cards, marked in the navigation`, async () => {
      const { tab, problems } = await open(page);
      expect(await tab.locator('main [data-no-data]').innerText()).toContain(reason);
      expect(await tab.locator('.chart-card').count()).toBe(0);
      expect(await tab.locator('.kpi').count()).toBe(0);
      const id = page.replace('/', '');
      expect(await tab.locator(`nav a[data-nav=${id}]`).getAttribute('data-no-data')).toBe('');
      expect(ZERO_RATE.test(await tab.locator('main').innerText())).toBe(false);
      await shoot(tab, id);
      expect(problems).toEqual([]);
      await tab.context().close();
    });
  }

  it('办理与考核: one note naming what the board lacks, no chart, no 0% rate', async () => {
    // 留言时间 feeds 受理日期, but 办理时效 counts 受理 records: without 受理情况 none are.
    const { tab, problems } = await open('handling/');
    expect(await tab.locator('main [data-no-data]').innerText()).toContain(
      '导出中没有“受理情况”列',
    );
    expect(await tab.locator('.chart-card').count()).toBe(0);
    expect(ZERO_RATE.test(await tab.locator('main').innerText())).toBe(false);
    await shoot(tab, 'handling');
    expect(problems).toEqual([]);
    await tab.context().close();
  });

  it('问题类别 shows the board’s own classes; 数据说明 lists what the export lacked', async () => {
    const { tab, problems } = await open('categories/');
    const ranking = await tab.locator('[data-panel=ranking]').innerText();
    for (const name of CLASSES) expect(ranking).toContain(name);
    expect(ranking).not.toContain('其他\n');
    await shoot(tab, 'categories');
    await tab.goto(`${served.origin}${BASE}about/`);
    expect(await tab.locator('[data-columns]').innerText()).toContain(
      '“受理情况”（acceptance）：所有文件都没有这一列',
    );
    expect(await tab.locator('[data-categories]').innerText()).toContain('按导出的原样单独成类');
    await shoot(tab, 'about');
    expect(problems).toEqual([]);
    await tab.context().close();
  });
});
