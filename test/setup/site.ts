/**
 * Vitest global setup of the "site" project: builds the sample site once per run under a
 * sub-path, serves it on 127.0.0.1 and starts one Chromium that every browser test connects to.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { serveStatic } from '../../scripts/serve.ts';
import { buildSite, CHROMIUM_ARGS, requireChromium } from './build-site.ts';

export const BASE_PATH = '/xf/';

export interface SiteUnderTest {
  /** 'http://127.0.0.1:PORT' */
  origin: string;
  /** '/xf/' */
  basePath: string;
  /** The published data folder the site was built from (for `report --json`). */
  dataDir: string;
  /** Chromium's Playwright server, for chromium.connect(). */
  wsEndpoint: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    site: SiteUnderTest;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const executablePath = requireChromium();
  const dir = await mkdtemp(path.join(tmpdir(), 'xf-site-test-'));
  const cleanups: (() => Promise<void>)[] = [() => rm(dir, { recursive: true, force: true })];
  const teardown = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const built = await buildSite({ dir, basePath: BASE_PATH });
    const server = serveStatic(built.site, BASE_PATH);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    const browser = await chromium.launchServer({ executablePath, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());
    const { port } = server.address() as AddressInfo;
    project.provide('site', {
      origin: `http://127.0.0.1:${port}`,
      basePath: BASE_PATH,
      dataDir: built.data,
      wsEndpoint: browser.wsEndpoint(),
    });
    return teardown;
  } catch (error) {
    await teardown();
    throw error;
  }
}
