/** 数据说明: the CSV download is written in the browser from the published database alone. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, inject, it } from 'vitest';
import { EXPORT_COLUMNS } from '../src/lib/export-csv.ts';
import type { Manifest } from '../src/lib/schema.ts';
import { pageUrl, useBrowser, watchedContext } from './setup/browser.ts';

const browser = useBrowser();

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('数据说明', () => {
  it('downloads every published record as CSV with a BOM, a header and no ID numbers', async () => {
    const manifest = JSON.parse(
      await readFile(path.join(inject('site').dataDir, 'manifest.json'), 'utf8'),
    ) as Manifest;
    const { context, problems, foreign } = await watchedContext(browser(), {
      acceptDownloads: true,
    });
    try {
      const page = await context.newPage();
      await page.goto(pageUrl('about/'));
      expect(await page.locator('[data-manifest]').textContent()).toContain(
        `已发布 ${manifest.published} 条`,
      );
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }),
        page.click('[data-download-csv]'),
      ]);
      expect(download.suggestedFilename()).toMatch(
        /^信访数据-去标识化-截至\d{4}-\d{2}-\d{2}\.csv$/,
      );
      const csv = await text(await download.createReadStream());
      expect(csv.startsWith(`\uFEFF${EXPORT_COLUMNS.join(',')}\n`)).toBe(true);
      const lines = csv.slice(1).split('\n');
      expect(lines.pop()).toBe('');
      expect(manifest.published).toBeGreaterThan(1000);
      expect(lines.length - 1).toBe(manifest.published);
      for (const line of lines.slice(1)) {
        expect(line.split(',').length).toBeGreaterThanOrEqual(EXPORT_COLUMNS.length);
      }
      expect(csv.match(/\d{17}[\dXx]/g) ?? []).toEqual([]);
      expect(await page.locator('[data-download-status]').textContent()).toBe('');
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
