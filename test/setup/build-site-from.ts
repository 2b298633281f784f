/**
 * A small site from given exports (with their mapping.json): published and built into `dir`.
 * Runs from inside a test worker: its NODE_ENV=test, VITEST_* and Vite's import.meta.env variables
 * (BASE_URL=/ would make the pages link their files at the server's root) are not passed on.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './build-site.ts';

const WORKER_ONLY = ['NODE_ENV', 'BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR'];

function run(step: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !WORKER_ONLY.includes(key) && !key.startsWith('VITEST'),
    ),
  );
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: ROOT, env: { ...base, TZ: 'Asia/Shanghai', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve();
        const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-30).join('\n');
        reject(new Error(`step "${step}" failed (${error.message}):\n${tail}`));
      },
    );
  });
}

export async function buildSiteFrom(options: {
  input: string;
  dir: string;
  basePath: string;
}): Promise<{ data: string; site: string }> {
  const data = path.join(options.dir, 'data');
  const site = path.join(options.dir, 'site');
  const key = path.join(options.dir, 'pseudonym-key');
  await run('build:data', [
    'scripts/build-data.ts',
    '--input',
    options.input,
    '--out',
    data,
    '--key-file',
    key,
  ]);
  await run('astro build', ['node_modules/astro/bin/astro.mjs', 'build'], {
    XINFANG_DATA_DIR: data,
    XINFANG_OUT_DIR: site,
    XINFANG_BASE_PATH: options.basePath,
  });
  return { data, site };
}
