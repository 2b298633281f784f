/**
 * The whole pipeline the bureau runs, from scratch into one folder: sample exports → published
 * data → static site under a sub-path. Shared by bench:site and the browser tests' global setup.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Debian's chromium (installed here and by .ci/run); the tests fail without it, never skip. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function requireChromium(): string {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM}, which is missing. ` +
        'Install it with `apt-get install chromium fonts-noto-cjk` (.ci/run does this in CI).',
    );
  }
  return CHROMIUM;
}

export interface BuiltSite {
  /** The folder holding sample/, data/ and site/. */
  dir: string;
  data: string;
  site: string;
  basePath: string;
  seconds: { sample: number; data: number; site: number };
}

function run(step: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      {
        cwd: ROOT,
        env: { ...process.env, TZ: 'Asia/Shanghai', ...env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) {
          const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-30).join('\n');
          reject(new Error(`site pipeline step "${step}" failed (${error.message}):\n${tail}`));
        } else resolve((performance.now() - started) / 1000);
      },
    );
  });
}

/** The sample exports into `dir`/sample, published into `dir`/data. */
export async function buildSampleData(options: {
  dir: string;
  records?: number;
}): Promise<{ data: string; seconds: { sample: number; data: number } }> {
  const { dir } = options;
  const sample = path.join(dir, 'sample');
  const data = path.join(dir, 'data');
  const records = options.records === undefined ? [] : ['--records', String(options.records)];
  await mkdir(dir, { recursive: true });
  const sampleSeconds = await run('sample', ['scripts/sample.ts', '--out', sample, ...records]);
  const dataSeconds = await run('build:data', [
    'scripts/build-data.ts',
    '--input',
    sample,
    '--out',
    data,
    '--key-file',
    path.join(dir, 'pseudonym-key'),
  ]);
  return { data, seconds: { sample: sampleSeconds, data: dataSeconds } };
}

/** The static site from published data: `astro build` with the data and output folders given. */
export function buildStaticSite(options: {
  data: string;
  site: string;
  basePath: string;
}): Promise<number> {
  return run('astro build', ['node_modules/astro/bin/astro.mjs', 'build'], {
    XINFANG_DATA_DIR: options.data,
    XINFANG_OUT_DIR: options.site,
    XINFANG_BASE_PATH: options.basePath,
  });
}

export async function buildSite(options: {
  dir: string;
  basePath: string;
  records?: number;
}): Promise<BuiltSite> {
  const { dir, basePath } = options;
  const site = path.join(dir, 'site');
  const built = await buildSampleData(options);
  const { data } = built;
  const siteSeconds = await buildStaticSite({ data, site, basePath });
  return {
    dir,
    data,
    site,
    basePath,
    seconds: { ...built.seconds, site: siteSeconds },
  };
}
