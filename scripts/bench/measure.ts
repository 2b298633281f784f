/** Every figure of one built site, page by page, served from one local server. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { folderSize } from '../../src/node/folder-size.ts';
import { visit, type Visit } from './changes.ts';
import { coldFirstChange, coldLoad, type LoadRun } from './loads.ts';
import { chartPages } from './pages.ts';
import type { FirstChange } from './probes.ts';
import { BARE_PREFIX, startServer } from './server.ts';

export interface PageFigures {
  id: string;
  title: string;
  /** The bare page (its first chart's SVG alone) and the page, loaded in turns. */
  bare: LoadRun[];
  loads: LoadRun[];
  firstChanges: (FirstChange | { error: string })[];
  visit: Visit | { error: string };
}

export interface SiteFigures {
  label: string;
  records: number;
  databaseBytes: number;
  /** The recorded answers the site build published (answers/): files and bytes. */
  answers: { files: number; bytes: number };
  pages: PageFigures[];
  skipped: string[];
}

export interface MeasureOptions {
  basePath: string;
  loads: number;
  changes: number;
  /** How long one load may wait for the engine or one change for its answer. */
  timeoutMs: number;
  log: (line: string) => void;
}

const failure = (error: unknown): { error: string } => ({
  error: (error as Error).message.split('\n')[0] ?? String(error),
});

export async function measureSite(
  browser: Browser,
  built: { label: string; records: number; data: string; site: string },
  options: MeasureOptions,
): Promise<SiteFigures> {
  const { basePath } = options;
  const { pages, skipped } = await chartPages(built.site);
  const server = await startServer(
    built.site,
    basePath,
    new Map(pages.map((page) => [`${page.id}.html`, page.bare])),
  );
  try {
    const measured: PageFigures[] = [];
    for (const page of pages) {
      options.log(`${built.label} ${page.title}: ${options.loads} cold loads and bare pages…`);
      const url = `${server.origin}${basePath}${page.path}`;
      const bareUrl = `${server.origin}${basePath}${BARE_PREFIX}${page.id}.html`;
      const bare: LoadRun[] = [];
      const loads: LoadRun[] = [];
      for (let i = 0; i < options.loads; i++) {
        bare.push(await coldLoad(browser, bareUrl, { basePath }));
        loads.push(
          await coldLoad(browser, url, {
            site: built.site,
            basePath,
            waitForEngineMs: options.timeoutMs,
          }),
        );
      }
      options.log(`${built.label} ${page.title}: first filter change, cold…`);
      const firstChanges: PageFigures['firstChanges'] = [];
      for (let i = 0; i < options.loads; i++) {
        firstChanges.push(await coldFirstChange(browser, url, options.timeoutMs).catch(failure));
      }
      options.log(`${built.label} ${page.title}: ${options.changes} filter changes…`);
      const pageVisit = await visit(browser, server, url, options.changes, options.timeoutMs).catch(
        failure,
      );
      measured.push({
        id: page.id,
        title: page.title,
        bare,
        loads,
        firstChanges,
        visit: pageVisit,
      });
    }
    return {
      label: built.label,
      records: built.records,
      databaseBytes: (await stat(path.join(built.data, 'petitions.duckdb'))).size,
      answers: await folderSize(path.join(built.site, 'answers')),
      pages: measured,
      skipped,
    };
  } finally {
    await server.close();
  }
}
