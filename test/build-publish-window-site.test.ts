/**
 * The site build's side of the publish window: while a data build is between its two renames,
 * astro.config.mjs copies, and the pages read, the data set aside as `.data.old-…`.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PUBLISHED_FILES } from '../src/lib/schema.ts';

type BuildDone = (options: { dir: URL }) => Promise<void>;

function midSwap(): { data: string; aside: string; dist: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'publish-window-site-'));
  const data = path.join(root, 'data');
  const older = path.join(root, '.data.old-1000-aaaa');
  const aside = path.join(root, '.data.old-2000-bbbb');
  for (const [folder, mark] of [
    [older, 'older'],
    [aside, 'previous'],
  ] as const) {
    mkdirSync(folder);
    writeFileSync(path.join(folder, PUBLISHED_FILES.manifest), `{"mark":"${mark}"}\n`);
  }
  // An aside folder without a manifest (a build killed while setting it aside) is no data.
  mkdirSync(path.join(root, '.data.old-3000-cccc'));
  const dist = path.join(root, 'dist');
  mkdirSync(dist);
  return { data, aside, dist };
}

describe('the site build finds the data set aside mid-swap', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('astro.config.mjs copies the aside folder into the site', async () => {
    const { data, dist } = midSwap();
    vi.stubEnv('XINFANG_DATA_DIR', data);
    vi.resetModules();
    const config = (await import('../astro.config.mjs')).default;
    const integration = config.integrations?.find(
      (entry) =>
        typeof entry === 'object' &&
        entry !== null &&
        'name' in entry &&
        entry.name === 'published-data',
    ) as { hooks: Record<string, BuildDone> } | undefined;
    expect(integration).toBeDefined();
    await integration!.hooks['astro:build:done']!({ dir: pathToFileURL(`${dist}/`) });
    expect(readFileSync(path.join(dist, 'data', PUBLISHED_FILES.manifest), 'utf8')).toBe(
      '{"mark":"previous"}\n',
    );
  });

  it('the pages read the same folder', async () => {
    const { data, aside } = midSwap();
    vi.stubEnv('XINFANG_DATA_DIR', data);
    vi.resetModules();
    const { DATA_DIR } = await import('../src/build-time/site-data.ts');
    expect(DATA_DIR).toBe(aside);
  });
});
