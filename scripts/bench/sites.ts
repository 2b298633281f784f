/**
 * The sites bench:site measures, each in `dir`/<label>/ (data/, site/): built from scratch, or
 * with --reuse taken as far as they were built (the published data, then the site), so a second
 * run at 10M does not rebuild what the first one left.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { PUBLISHED_FILES, type Manifest } from '../../src/lib/schema.ts';
import { buildSampleData, buildStaticSite } from '../lib/build-site.ts';

export interface PreparedSite {
  label: string;
  /** Records published (the manifest's count). */
  records: number;
  data: string;
  site: string;
  /** Seconds each step took in this run; null where it was reused. */
  seconds: { sample: number | null; data: number | null; site: number | null };
}

export const siteLabel = (records: number | undefined): string =>
  records === undefined ? 'sample' : `records-${records}`;

export async function prepareSite(options: {
  dir: string;
  records: number | undefined;
  basePath: string;
  reuse: boolean;
  rebuildSite: boolean;
  log: (line: string) => void;
}): Promise<PreparedSite> {
  const label = siteLabel(options.records);
  const folder = path.join(options.dir, label);
  const data = path.join(folder, 'data');
  const site = path.join(folder, 'site');
  const seconds: PreparedSite['seconds'] = { sample: null, data: null, site: null };
  const manifestFile = path.join(data, PUBLISHED_FILES.manifest);
  if (options.reuse && existsSync(manifestFile)) {
    options.log(`reusing the published data in ${data}`);
  } else {
    options.log(`building the ${label} data (sample → build:data)…`);
    const built = await buildSampleData({
      dir: folder,
      ...(options.records === undefined ? {} : { records: options.records }),
    });
    Object.assign(seconds, built.seconds);
    await rm(path.join(folder, 'sample'), { recursive: true, force: true });
  }
  if (options.reuse && !options.rebuildSite && existsSync(path.join(site, 'index.html'))) {
    options.log(`reusing the site in ${site}`);
  } else {
    options.log(`building the ${label} site…`);
    await rm(site, { recursive: true, force: true });
    seconds.site = await buildStaticSite({ data, site, basePath: options.basePath });
  }
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Manifest;
  return { label, records: manifest.published, data, site, seconds };
}
