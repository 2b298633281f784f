/**
 * A bureau's own export in the browser (test/helpers/bureau-export.ts): cut off on 2024-09-17,
 * without 办结日期, 满意度评价, 记录类型 or an ID column, with its own headers, a class of its own
 * and a renamed one. Published and built once into its own small site under /bx/, opened in the
 * run's Chromium with JavaScript on (DuckDB-WASM answering a filter change) and off (the build's
 * markup). Every expected figure is counted here from the fixture rows.
 */
import { type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  BUREAU_CUTOFF,
  BUREAU_MAPPING,
  BUREAU_REGIONS,
  bureauCsv,
  bureauRows,
  OWN_CLASS,
  RENAMED,
  type BureauRow,
} from './helpers/bureau-export.ts';
import { servedExport } from './setup/served-export.ts';

const BASE = '/bx/';
const ROWS = bureauRows();

const NO_CLOSING = '导出中没有“办结日期”列';
const NO_EVALUATION = '导出中没有“满意度评价”、“办结日期”列';
const NO_REPEAT = '导出中没有“是否重复”或“信访人证件号码”列';
const RATES_NOTE = `按期办结率无数据（${NO_CLOSING}）；满意率、参评率无数据（${NO_EVALUATION}）。`;
/** 总览's 情况汇报 (苗头预警 and 法治化 are set in the same style). */
const BRIEFING = '[aria-labelledby=briefing-title]';
const TIMING_NOTE = `办结用时、60日内办结率无数据（${NO_CLOSING}）。`;
/** What the export cannot give: none of these may be drawn or tabled, at 0 or as 无. */
const NOT_GIVEN = ['按期办结率', '满意率', '参评率', '60日内办结率', '办结用时', '劝返'];

type Counted = { batches: number; persons: number };

/** Registrations from `from` to `to` ('YYYY-MM-DD', both included) that pass `keep`. */
function counted(from: string, to: string, keep: (row: BureauRow) => boolean = () => true) {
  const rows = ROWS.filter((r) => r.registered >= from && r.registered <= to && keep(r));
  return { batches: rows.length, persons: rows.reduce((sum, r) => sum + r.persons, 0) };
}

/** '上升16.0%' / '下降2.1%' / '持平', one decimal, half up. */
function change(now: number, before: number): string {
  if (now === before) return '持平';
  const tenths = Math.round((Math.abs(now - before) * 1000) / before);
  return `${now > before ? '上升' : '下降'}${(tenths / 10).toFixed(1)}%`;
}

const countsText = (c: Counted) => `${c.batches}批${c.persons}人次`;

const YTD = {
  now: counted('2024-01-01', BUREAU_CUTOFF),
  before: counted('2023-01-01', '2023-09-17'),
};
const OWN = (r: BureauRow) => r.category === OWN_CLASS;

const served = servedExport({
  prefix: 'xf-bureau-site-',
  basePath: BASE,
  files: () => ({
    '信访登记表.csv': bureauCsv(ROWS),
    'mapping.json': JSON.stringify(BUREAU_MAPPING),
  }),
});

interface Opened {
  tab: Page;
  problems: string[];
  /** Responses for the published database: the engine read it. */
  database: string[];
}

/**
 * A page of the site in a fresh context; only the site's server answers. `engineOnly` keeps the
 * recorded answers away (each file answered by one the page refuses), so a view other than the
 * built one is drawn by DuckDB-WASM.
 */
async function open(
  page: string,
  options: { js?: boolean; engineOnly?: boolean; search?: string } = {},
): Promise<Opened> {
  const context = await served.browser.newContext({ javaScriptEnabled: options.js ?? true });
  const problems: string[] = [];
  const database: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== served.origin) return route.abort();
    if (options.engineOnly && url.pathname.startsWith(`${BASE}answers/`)) {
      // Not a recorded file of this data: the page refuses it and asks the engine.
      return route.fulfill({ json: {} });
    }
    return route.continue();
  });
  const tab = await context.newPage();
  tab.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  tab.on('pageerror', (error) => problems.push(String(error)));
  tab.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
    if (response.url().includes('petitions.duckdb')) database.push(String(response.status()));
  });
  await tab.goto(`${served.origin}${BASE}${page}${options.search ?? ''}`);
  return { tab, problems, database };
}

const text = (tab: Page, selector: string): Promise<string> =>
  tab.evaluate(
    (s) => document.querySelector(s)?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    selector,
  );

/** Each chart card: title, note, the texts of its SVG and its table's rows of cells. */
function cards(tab: Page) {
  return tab.evaluate(() =>
    [...document.querySelectorAll('.chart-card')].map((card) => ({
      title: card.querySelector('h2, h3')?.textContent?.trim() ?? '',
      note: card.querySelector('.note')?.textContent?.trim() ?? '',
      svg: [...card.querySelectorAll('svg text, svg title')].map((n) => n.textContent ?? ''),
      table: [...card.querySelectorAll('table tr')].map((tr) =>
        [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? ''),
      ),
    })),
  );
}

function renders(tab: Page): Promise<number> {
  return tab.evaluate(() => performance.getEntriesByName('xf:rendered').length);
}

async function changeFilter(tab: Page, name: string, value: string): Promise<void> {
  const before = await renders(tab);
  await tab.selectOption(`form.filters select[name=${name}]`, value);
  await tab.waitForFunction((n) => performance.getEntriesByName('xf:rendered').length > n, before, {
    timeout: 90_000,
  });
}

/** The 办理与考核 charts show only what the export holds, and say why the rest is missing. */
async function expectHandlingCovered(tab: Page): Promise<void> {
  const shown = await cards(tab);
  const byTitle = (title: string) => shown.find((card) => card.title === title);
  expect(shown.map((card) => card.title)).toEqual([
    '受理情况（按登记月份）',
    '办理质量指标月度走势',
    '各责任单位办理质量指标（本期）',
    '办理时效：15日内受理率（月度）',
    '办理用时中位数（月度）',
    '各责任单位办理用时中位数（本期）',
  ]);
  expect(byTitle('办理质量指标月度走势')!.note.startsWith(RATES_NOTE)).toBe(true);
  expect(byTitle('办理质量指标月度走势')!.table[0]).toEqual(['月份', '及时受理率']);
  expect(byTitle('各责任单位办理质量指标（本期）')!.note).toBe(
    `${RATES_NOTE}到期件最多的12个单位。`,
  );
  expect(byTitle('各责任单位办理质量指标（本期）')!.table[0]).toEqual(['责任单位', '及时受理率']);
  expect(byTitle('办理时效：15日内受理率（月度）')!.note.startsWith(TIMING_NOTE)).toBe(true);
  expect(byTitle('办理时效：15日内受理率（月度）')!.table[0]).toEqual(['月份', '15日内受理率']);
  for (const card of shown) {
    const drawn = [...card.svg, ...card.table.flat()].join('|');
    for (const word of NOT_GIVEN) expect(drawn, `${card.title}: ${word}`).not.toContain(word);
  }
  expect(await text(tab, '[data-missing]')).toBe(
    `无数据，未绘制：各责任单位按期办结率（由低到高）（${NO_CLOSING}）。`,
  );
  expect(await text(tab, '[data-rule-of-law]')).toContain(`无数据（${NO_CLOSING}），不计算得分。`);
}

describe('a bureau’s own export, cut off mid-month, in the browser', () => {
  it('the fixture is what the test needs: cut off mid-month, the cut mattering', () => {
    expect(ROWS.length).toBeGreaterThan(250);
    expect(ROWS.length).toBeLessThan(400);
    expect(ROWS.at(-1)!.registered).toBe(BUREAU_CUTOFF);
    // Whole months would set 9月1日-17日 against all of September 2023.
    expect(counted('2023-01-01', '2023-09-30')).not.toEqual(YTD.before);
    expect(counted('2023-09-01', '2023-09-30')).not.toEqual(counted('2023-09-01', '2023-09-17'));
  });

  it.concurrent(
    '总览: the cut-off day, like-for-like 同比 in cards and briefing, 无数据 with its reason',
    async () => {
      const { tab, problems } = await open('');
      expect(await text(tab, '[data-scope]')).toBe(
        '2024年1月1日-9月17日（同比：2023年1月1日-9月17日） · 全部 · 批次 · 数据截至2024年9月17日',
      );
      expect(await text(tab, 'header .meta:last-of-type')).toBe('数据截至 2024年9月17日');
      expect(await text(tab, '[data-card=registered]')).toBe(
        `登记 ${YTD.now.batches}批 ${YTD.now.persons}人次 ${change(YTD.now.batches, YTD.before.batches)} ` +
          `去年同期 ${YTD.before.batches}批 ${YTD.before.persons}人次`,
      );
      expect(await text(tab, '[data-card=repeat]')).toBe(`重复信访率 无数据 ${NO_REPEAT}`);
      const briefing = await text(tab, BRIEFING);
      expect(briefing).toContain('一、2024年1月1日-9月17日信访情况');
      expect(briefing).toContain(
        `1月1日-9月17日（同比：2023年1月1日-9月17日），我区共发生登记信访事项${countsText(YTD.now)}，` +
          `较去年同期${countsText(YTD.before)}，`,
      );
      expect(briefing).toContain(
        `（五）信访工作法治化考核情况。1月1日-9月17日无数据（${NO_CLOSING}），不计算得分。`,
      );
      expect(briefing).toContain('（二）领导干部接访情况。无数据（导出中没有“领导接访”列）。');
      expect(problems).toEqual([]);
      await tab.context().close();
    },
  );

  it.concurrent(
    '上月 环比: 9月1日-17日 against 8月1日-17日, in the cards and the briefing',
    async () => {
      const { tab, problems } = await open('', { search: '?period=lastMonth&cmp=mom' });
      await tab.waitForFunction(
        () => performance.getEntriesByName('xf:rendered').length > 0,
        null,
        {
          timeout: 90_000,
        },
      );
      const now = counted('2024-09-01', BUREAU_CUTOFF);
      const before = counted('2024-08-01', '2024-08-17');
      expect(counted('2024-08-01', '2024-08-31')).not.toEqual(before);
      expect(await text(tab, '[data-scope]')).toBe(
        '2024年9月1日-17日（环比：2024年8月1日-17日） · 全部 · 批次 · 数据截至2024年9月17日',
      );
      expect(await text(tab, '[data-card=registered]')).toBe(
        `登记 ${now.batches}批 ${now.persons}人次 ${change(now.batches, before.batches)} ` +
          `上期 ${before.batches}批 ${before.persons}人次`,
      );
      expect(await text(tab, BRIEFING)).toContain(
        `9月1日-17日（环比：2024年8月1日-17日），我区共发生登记信访事项${countsText(now)}，` +
          `较上期${countsText(before)}，`,
      );
      expect(problems).toEqual([]);
      await tab.context().close();
    },
  );

  it.concurrent(
    'the bureau’s own class and regions as exported, in the filters and the charts; the rename said',
    async () => {
      const { tab, problems } = await open('categories/');
      const options = (name: string) =>
        tab.locator(`form.filters select[name=${name}] option`).allTextContents();
      const categories = await options('category');
      expect(categories).toContain(OWN_CLASS);
      expect(categories).toContain(RENAMED.counted);
      expect(categories).not.toContain(RENAMED.label);
      expect(categories).not.toContain('其他');
      expect((await options('region')).slice(1).sort()).toEqual([...BUREAU_REGIONS].sort());
      const ranking = (await cards(tab)).find((card) => card.title === '问题类别排名')!;
      const own = {
        now: counted('2024-01-01', BUREAU_CUTOFF, OWN),
        before: counted('2023-01-01', '2023-09-17', OWN),
      };
      const row = ranking.table.find((cells) => cells[1] === OWN_CLASS);
      expect(row?.slice(2)).toEqual([
        `${own.now.batches}批`,
        `${own.before.batches}批`,
        change(own.now.batches, own.before.batches),
      ]);
      expect(ranking.svg).toContain(OWN_CLASS);
      const renamed = (r: BureauRow) => r.category === RENAMED.label;
      expect(ranking.table.find((cells) => cells[1] === RENAMED.counted)?.[2]).toBe(
        `${counted('2024-01-01', BUREAU_CUTOFF, renamed).batches}批`,
      );
      await tab.goto(`${served.origin}${BASE}about/`);
      const about = await tab.evaluate(() =>
        [...document.querySelectorAll('[data-categories] tr')].map((tr) =>
          [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? ''),
        ),
      );
      expect(about).toContainEqual([
        RENAMED.label,
        RENAMED.counted,
        String(ROWS.filter(renamed).length),
      ]);
      expect(await text(tab, '[data-categories]')).toContain(
        `不在类别表中的标签按导出的原样单独成类，不并入“其他”：${OWN_CLASS}（${ROWS.filter(OWN).length} 行）。`,
      );
      expect(problems).toEqual([]);
      await tab.context().close();
    },
  );

  it.concurrent(
    'a filter change answered by DuckDB-WASM: 无数据 stays 无数据, on 总览 and 办理与考核',
    async () => {
      for (const page of ['', 'handling/']) {
        const { tab, problems, database } = await open(page, { engineOnly: true });
        await changeFilter(tab, 'category', OWN_CLASS);
        // The recorded answers kept away: DuckDB-WASM read the database and drew the change.
        expect(database.length).toBeGreaterThan(0);
        for (const status of database) expect(['200', '206']).toContain(status);
        expect(await text(tab, '[data-scope]')).toContain(`· ${OWN_CLASS} ·`);
        if (page === '') {
          const own = counted('2024-01-01', BUREAU_CUTOFF, OWN);
          expect(await text(tab, '[data-card=registered]')).toContain(
            `登记 ${own.batches}批 ${own.persons}人次`,
          );
          expect(await text(tab, '[data-card=repeat]')).toBe(`重复信访率 无数据 ${NO_REPEAT}`);
          expect(await text(tab, BRIEFING)).toContain(`1月1日-9月17日无数据（${NO_CLOSING}）`);
        } else {
          await expectHandlingCovered(tab);
        }
        expect(problems).toEqual([]);
        await tab.context().close();
      }
    },
  );

  it.concurrent('JavaScript off: the built 办理与考核 draws and says the same', async () => {
    const { tab, problems } = await open('handling/', { js: false });
    await expectHandlingCovered(tab);
    expect(problems).toEqual([]);
    await tab.context().close();
  });

  it.concurrent(
    'JavaScript off: 走访层级 draws no 劝返 and sets 1-9月 against 1-9月 in every level',
    async () => {
      const { tab, problems } = await open('levels/', { js: false });
      expect(await text(tab, '[data-missing]')).toBe(
        '无数据，未绘制：走访登记与劝返（本期）（导出中没有“记录类型”列）。',
      );
      const shown = await cards(tab);
      for (const card of shown) expect(card.svg.join('|'), card.title).not.toContain('劝返');
      // A level with no visit in the cut-off month on one side still sets 1-9月 against 1-9月.
      const visits = (level: string) => (r: BureauRow) => r.channel === '来访' && r.level === level;
      const levels = ['进京', '赴省', '到市', '本级'];
      const quiet = levels.filter(
        (level) =>
          counted('2023-09-01', '2023-09-17', visits(level)).batches === 0 ||
          counted('2024-09-01', BUREAU_CUTOFF, visits(level)).batches === 0,
      );
      expect(quiet.length).toBeGreaterThan(0);
      for (const level of levels) {
        const now = counted('2024-01-01', BUREAU_CUTOFF, visits(level)).batches;
        const before = counted('2023-01-01', '2023-09-17', visits(level)).batches;
        const card = shown.find((c) => c.title === `${level}走访累计走势`)!;
        expect(card.table.at(-1)).toEqual([
          '1-9月',
          `${now}批`,
          `${before}批`,
          change(now, before),
        ]);
      }
      expect(problems).toEqual([]);
      await tab.context().close();
    },
  );
});
