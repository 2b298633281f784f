/**
 * Briefing outputs in a real browser: the copied 情况汇报 equals `report` for the same filters;
 * chart images decode at 2× with their title drawn; CSV opens as UTF-8; print gives A4 landscape
 * pages with the view on each and no card cut; 汇报模式 steps through 16:9 slides by URL.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Report } from '../src/lib/report.ts';
import { ROOT } from './setup/build-site.ts';
import { CHART_PAGES, pageUrl, rendered, useBrowser, watchedContext } from './setup/browser.ts';
import { decodePng, inkShare } from './helpers/png.ts';
import {
  missingFigures,
  paragraphTexts,
  partText,
  placedImages,
  unzipDocx,
} from './helpers/docx.ts';

const run = promisify(execFile);
const browser = useBrowser();
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'xf-outputs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function reportJson(args: string[]): Promise<Report> {
  const { stdout } = await run(
    process.execPath,
    ['scripts/report.ts', '--json', '--data', inject('site').dataDir, ...args],
    { cwd: ROOT, env: { ...process.env, TZ: 'Asia/Shanghai' } },
  );
  return JSON.parse(stdout) as Report;
}

let downloads = 0;
async function download(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const saved = path.join(dir, `download-${++downloads}`);
  await file.saveAs(saved);
  return readFile(saved);
}

describe('情况汇报 复制', () => {
  it('copies the same text as `npm run report` for the view’s filters', async () => {
    const { context, problems, foreign } = await watchedContext(browser());
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: inject('site').origin,
      });
      const page = await context.newPage();
      await page.goto(pageUrl(''));
      const plain = await reportJson([]);
      await page.locator('[data-copy-briefing]').click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(plain.text);

      const filtered = await reportJson(['--level', '赴省', '--tag', '两拖欠']);
      expect(filtered.text).not.toBe(plain.text);
      await rendered(page, () => page.goto(pageUrl('', '?level=赴省&tag=两拖欠')));
      const paragraphs = await page.locator('[data-briefing-text] p').allTextContents();
      expect(paragraphs).toEqual(filtered.text.split('\n'));
      await page.locator('[data-copy-briefing]').click();
      await expect
        .poll(() => page.evaluate(() => navigator.clipboard.readText()))
        .toBe(filtered.text);
      expect(filtered.text).toContain('二、存在问题');
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('情况汇报 under quick changes', () => {
  it('shows the briefing of the last view chosen, with no error, when changes come quickly', async () => {
    const { context, problems } = await watchedContext(browser());
    try {
      const page = await context.newPage();
      await page.goto(pageUrl(''));
      const expected = await reportJson(['--level', '进京']);
      await rendered(page, async () => {
        for (const level of ['赴省', '进京', '到市', '进京']) {
          await page.selectOption('select[name=level]', level);
        }
      });
      await expect
        .poll(() => page.locator('[data-briefing-text] p').allTextContents())
        .toEqual(expected.text.split('\n'));
      expect(await page.locator('.notes').textContent()).toBe('');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('导出Word', () => {
  it('writes the view’s briefing, figures and the ticked charts into a .docx', async () => {
    const { context, problems, foreign } = await watchedContext(browser(), {
      acceptDownloads: true,
    });
    try {
      const page = await context.newPage();
      await rendered(page, () => page.goto(pageUrl('', '?level=赴省')));
      const report = await reportJson(['--level', '赴省']);
      const cards = page.locator('.chart-card');
      const total = await cards.count();
      expect(total).toBeGreaterThan(1);
      await cards.nth(1).locator('[data-pick]').uncheck();
      const bytes = await download(page, () => page.locator('[data-word]').click());
      const parts = unzipDocx(new Uint8Array(bytes));
      const xml = partText(parts, 'word/document.xml');
      expect(missingFigures(xml, report)).toEqual([]);
      const paragraphs = paragraphTexts(xml);
      for (const line of report.text.split('\n')) expect(paragraphs).toContain(line);
      expect(paragraphs.join('')).toContain('统计范围：赴省');
      const images = placedImages(parts);
      expect(images).toHaveLength(total - 1);
      for (const image of images) {
        const media = parts[image.part];
        expect(media).toBeDefined();
        const pixels = decodePng(media ?? new Uint8Array());
        expect(pixels.width).toBe(Math.round(image.width * 2));
        expect(
          inkShare(pixels, { x: 0, y: 0, width: pixels.width, height: pixels.height }),
        ).toBeGreaterThan(0.005);
      }
      const skipped = (await cards.nth(1).locator('h2').textContent()) ?? '';
      expect(paragraphs.some((p) => p.includes(skipped))).toBe(false);
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('chart exports', () => {
  it('PNG at 2× with the title drawn, SVG with its labels, CSV with a BOM', async () => {
    const { context, problems } = await watchedContext(browser(), { acceptDownloads: true });
    try {
      const page = await context.newPage();
      await page.goto(pageUrl('levels/'));
      const card = page.locator('.chart-card').first();
      const title = (await card.locator('h2').textContent()) ?? '';
      const subtitle = (await card.locator('.subtitle').textContent()) ?? '';

      const svg = (
        await download(page, () => card.locator('[data-export=svg]').click())
      ).toString();
      for (const text of [title, '数据截至2024年9月30日', '示例区信访局', '单位：']) {
        expect(svg).toContain(text);
      }
      expect(subtitle).toContain('数据截至2024年9月30日');
      const width = Number(/^<svg[^>]*\swidth="(\d+)"/.exec(svg)?.[1]);
      const height = Number(/^<svg[^>]*\sheight="(\d+)"/.exec(svg)?.[1]);
      expect(width).toBeGreaterThan(600);

      const png = decodePng(await download(page, () => card.locator('[data-export=png]').click()));
      expect([png.width, png.height]).toEqual([width * 2, height * 2]);
      // The chart area has ink; the top margin has none.
      expect(inkShare(png, { x: 0, y: 0, width: png.width, height: 40 })).toBe(0);
      expect(
        inkShare(png, { x: 48, y: 200, width: png.width - 96, height: png.height - 300 }),
      ).toBeGreaterThan(0.01);
      // The title band holds as much ink as the title drawn alone in the same font and size.
      const band = { x: 40, y: 44, width: png.width - 80, height: 64 };
      const reference = await page.evaluate(
        ({ text, band }) => {
          const canvas = document.createElement('canvas');
          canvas.width = band.width;
          canvas.height = band.height;
          const context = canvas.getContext('2d');
          if (!context) return 0;
          context.fillStyle = '#fff';
          context.fillRect(0, 0, band.width, band.height);
          context.fillStyle = '#1f1f1f';
          context.font = 'bold 40px "Noto Sans CJK SC", sans-serif';
          context.fillText(text, 8, 48);
          const data = context.getImageData(0, 0, band.width, band.height).data;
          let ink = 0;
          for (let i = 0; i < data.length; i += 4) {
            if (((data[i] ?? 255) + (data[i + 1] ?? 255) + (data[i + 2] ?? 255)) / 3 < 160) ink++;
          }
          return ink / (band.width * band.height);
        },
        { text: title, band },
      );
      expect(reference).toBeGreaterThan(0.005);
      expect(inkShare(png, band) / reference).toBeGreaterThan(0.7);
      expect(inkShare(png, band) / reference).toBeLessThan(1.4);

      const csv = await download(page, () => card.locator('[data-export=csv]').click());
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const headers = await card.locator('table thead th').allTextContents();
      expect(csv.toString('utf8').slice(1).split('\r\n')[0]).toBe(headers.join(','));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

interface PdfLine {
  x: number;
  y: number;
  /** The line's words joined, spaces dropped. */
  text: string;
}

/** Lines of text with their positions, page by page (poppler's pdftotext -bbox-layout). */
async function pdfLines(pdf: string): Promise<PdfLine[][]> {
  const { stdout } = await run('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', pdf, '-']);
  const unescape = (text: string) =>
    text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  return stdout
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g)].map(
        (match) => ({
          x: Number(match[1]),
          y: Number(match[2]),
          text: unescape(
            [...(match[3] ?? '').matchAll(/<word[^>]*>([^<]*)<\/word>/g)]
              .map((word) => word[1])
              .join(''),
          ),
        }),
      ),
    );
}

describe('print', () => {
  it.concurrent.each(CHART_PAGES)(
    'prints /xf/%s as A4 landscape pages, the view’s line on each, no chart cut',
    async (name) => {
      const { context, problems } = await watchedContext(browser());
      try {
        const page = await context.newPage();
        await rendered(page, () => page.goto(pageUrl(name, '?channel=来访')));
        const titles = (await page.locator('.chart-card h2').allTextContents()).map((title) =>
          title.replace(/\s+/g, ''),
        );
        const scope = (await page.locator('[data-scope]').textContent()) ?? '';
        expect(scope).toContain('来访');
        await page.emulateMedia({ media: 'print' });
        const pdf = path.join(dir, `${name.replace('/', '') || 'overview'}.pdf`);
        await writeFile(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));

        const info = (await run('pdfinfo', [pdf])).stdout;
        const [w, h] = (/Page size:\s+([\d.]+) x ([\d.]+)/.exec(info) ?? []).slice(1).map(Number);
        expect(Math.round(w ?? 0)).toBe(842);
        expect(Math.round(h ?? 0)).toBe(595);
        const pages = await pdfLines(pdf);
        expect(pages.length).toBeGreaterThan(1);
        const seen: string[] = [];
        for (const lines of pages) {
          const text = lines.map((line) => line.text).join('');
          expect(text).toContain(scope.replace(/\s+/g, ''));
          // Every card begun on a page ends on it: below its title, in its column, its source line.
          const cardTitles = lines.filter((line) => titles.includes(line.text));
          const sources = lines.filter((line) => line.text.startsWith('数据来源：'));
          for (const title of cardTitles) {
            seen.push(title.text);
            const column = (line: PdfLine) => Math.abs(line.x - title.x) < 4 && line.y > title.y;
            const end = sources.filter(column).sort((a, b) => a.y - b.y)[0];
            expect(end, `${title.text} 的来源行不在同一页`).toBeDefined();
            const next = cardTitles.filter(column).sort((a, b) => a.y - b.y)[0];
            if (next && end) expect(end.y).toBeLessThan(next.y);
          }
          expect(sources).toHaveLength(cardTitles.length);
        }
        expect(seen.sort()).toEqual([...titles].sort());

        const prefix = `${path.basename(pdf, '.pdf')}-page`;
        await run('pdftoppm', ['-r', '30', '-png', pdf, path.join(dir, prefix)]);
        const images = (await readdir(dir)).filter((file) => file.startsWith(prefix));
        expect(images).toHaveLength(pages.length);
        const first = decodePng(await readFile(path.join(dir, images[0] ?? '')));
        expect(first.width).toBeGreaterThan(first.height);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});

describe('汇报模式', () => {
  it('shows one chart per 16:9 slide, keys advance, each slide has its URL', async () => {
    const { context, problems } = await watchedContext(browser(), {
      viewport: { width: 1200, height: 900 },
    });
    try {
      const page = await context.newPage();
      await page.goto(pageUrl('levels/'));
      const titles = await page.locator('.chart-card h2').allTextContents();
      await page.locator('[data-present]').click();
      const slide = page.locator('.present .slide');
      await expect.poll(() => new URL(page.url()).searchParams.get('slide')).toBe('1');
      const box = await slide.boundingBox();
      expect(box?.width).toBe(1200);
      expect(Math.abs((box?.height ?? 0) - (1200 * 9) / 16)).toBeLessThan(2);
      expect(await slide.locator('h2').textContent()).toBe('走访层级');

      await page.keyboard.press('ArrowRight');
      await expect.poll(() => new URL(page.url()).searchParams.get('slide')).toBe('2');
      expect(await slide.locator('.slide-head h2').textContent()).toBe(titles[0]);
      expect(await slide.locator('.slide-body svg').count()).toBe(1);
      await page.keyboard.press('PageDown');
      await expect.poll(() => new URL(page.url()).searchParams.get('slide')).toBe('3');
      expect(await slide.locator('.slide-head h2').textContent()).toBe(titles[1]);
      await page.keyboard.press('PageUp');
      await expect.poll(() => new URL(page.url()).searchParams.get('slide')).toBe('2');
      await page.keyboard.press('b');
      expect(await slide.isVisible()).toBe(false);
      await page.keyboard.press('b');
      expect(await slide.isVisible()).toBe(true);
      await page.keyboard.press('End');
      expect(await slide.locator('.slide-head h2').textContent()).toBe(titles.at(-1));
      expect(await slide.locator('.slide-number').textContent()).toBe(
        `${titles.length + 1} / ${titles.length + 1}`,
      );

      // A slide's URL opened afresh shows that slide, with the view's filters.
      await rendered(page, () => page.goto(pageUrl('levels/', '?channel=来访&slide=3')));
      expect(await slide.locator('.slide-head h2').textContent()).toBe(titles[1]);
      expect(await slide.locator('.slide-head p').textContent()).toContain('来访');
      await page.keyboard.press('Escape');
      expect(await page.locator('.present').count()).toBe(0);
      expect(new URL(page.url()).searchParams.get('slide')).toBeNull();
      expect(new URL(page.url()).searchParams.get('channel')).toBe('来访');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
