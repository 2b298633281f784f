/**
 * One site built from a bureau's export (the given files written into its input folder), served
 * under `basePath` for the file's tests, with the run's Chromium; removed after them.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { serveStatic } from '../../scripts/serve.ts';
import { buildSiteFrom } from './build-site-from.ts';

export interface ServedExport {
  /** The work folder (input, data, site). */
  readonly dir: string;
  /** `http://127.0.0.1:port`, without the base path. */
  readonly origin: string;
  readonly browser: Browser;
}

export function servedExport(options: {
  prefix: string;
  basePath: string;
  files: () => Record<string, string | Buffer>;
}): ServedExport {
  const served = { dir: '', origin: '', browser: undefined as unknown as Browser };
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    served.dir = await mkdtemp(path.join(tmpdir(), options.prefix));
    const input = path.join(served.dir, 'raw');
    await mkdir(input);
    for (const [name, content] of Object.entries(options.files())) {
      await writeFile(path.join(input, name), content);
    }
    const { site } = await buildSiteFrom({ input, dir: served.dir, basePath: options.basePath });
    const server = serveStatic(site, options.basePath);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    served.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    served.browser = await chromium.connect(inject('site').wsEndpoint);
    close = async () => {
      await served.browser.close();
      await new Promise((resolve) => server.close(resolve));
    };
  }, 300_000);
  afterAll(async () => {
    await close();
    if (served.dir) await rm(served.dir, { recursive: true, force: true });
  });
  return served;
}
