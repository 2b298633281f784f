/**
 * Settings frozen into the published data (manifest.json `settings`): the data build records what
 * it applied, and a site build or report under other settings stops, naming each difference.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSiteData } from '../src/build-time/site-data.ts';
import type { AlertOptions } from '../src/lib/alerts/options.ts';
import { buildSettings } from '../src/lib/build-settings.ts';
import { PUBLISHED_FILES, type Manifest } from '../src/lib/schema.ts';
import { siteConfig } from '../src/site.config.ts';
import {
  build,
  csvText,
  query,
  readManifest,
  row,
  tempFolder,
  testFolders,
  writeInput,
  type TestBuild,
} from './helpers/build-fixtures.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Two 来访 of 6 persons: 集体访 at the threshold 5, not at 8. */
const ROWS = [
  row({ 登记日期: '2024-03-05', 人数: '6' }),
  row({ 登记日期: '2024-04-09', 人数: '6' }),
  row({ 登记日期: '2024-04-10', 信访形式: '来信' }),
];
const ALERTS_AT_EIGHT: AlertOptions = { ...siteConfig.alerts, level: 0.99 };

/** Published under the current src/site.config.ts. */
let current: TestBuild;
/** Published while site.config.ts said collectiveThreshold 8 and alerts.level 0.99. */
let eight: TestBuild;
/** Published by a build before the settings were recorded (its manifest has none). */
let older: string;

async function publish(options: Parameters<typeof build>[1] = {}): Promise<TestBuild> {
  const folders = testFolders();
  await fs.mkdir(folders.input, { recursive: true });
  await writeInput(folders.input, 'a.csv', csvText(ROWS));
  await build(folders, options);
  return folders;
}

function report(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['scripts/report.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'Asia/Shanghai' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const collectiveVisits = async (out: string): Promise<number> =>
  Number(
    (await query(out, 'SELECT sum(batches) FILTER (WHERE collective) AS n FROM cube'))[0]?.['n'] ??
      0,
  );

beforeAll(async () => {
  current = await publish();
  eight = await publish({ collectiveThreshold: 8, alerts: ALERTS_AT_EIGHT });
  older = path.join(tempFolder('xf-settings-older-'), 'data');
  await fs.cp(current.out, older, { recursive: true });
  const manifest: Partial<Manifest> = readManifest(current.out);
  delete manifest.settings;
  await fs.writeFile(path.join(older, PUBLISHED_FILES.manifest), JSON.stringify(manifest));
});

describe('the data build records the settings it applied', () => {
  it('in manifest.json, as the tables and alerts.json used them', async () => {
    expect(readManifest(current.out).settings).toEqual(buildSettings(siteConfig));
    expect(readManifest(eight.out).settings).toEqual(
      buildSettings({ ...siteConfig, collectiveThreshold: 8, alerts: ALERTS_AT_EIGHT }),
    );
    expect(readManifest(eight.out).settings.repeatWindowMonths).toBe(12);
    expect(await collectiveVisits(current.out)).toBe(2);
    expect(await collectiveVisits(eight.out)).toBe(0);
    const alerts = JSON.parse(
      await fs.readFile(path.join(eight.out, PUBLISHED_FILES.alerts), 'utf8'),
    ) as { options: AlertOptions };
    expect(alerts.options).toEqual(ALERTS_AT_EIGHT);
  });
});

describe('the site build', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('reads data published under its settings', async () => {
    const data = await openSiteData(current.out, siteConfig);
    expect(data.manifest.settings.collectiveThreshold).toBe(5);
  });

  it('stops when the threshold in its config is not the one in the data', async () => {
    const built = openSiteData(current.out, { ...siteConfig, collectiveThreshold: 8 });
    await expect(built).rejects.toThrow(
      `${current.out} 中的数据发布时所用的设置与现在不一致（这些设置在 npm run build:data 时写进了发布的数据，只重建站点或报告会得出互相矛盾的数字）：\n` +
        '  collectiveThreshold（集体访人数标准）：数据中为 5，src/site.config.ts 中为 8\n' +
        `请用原来的导出文件重新运行 npm run build:data（发布到 ${current.out}），再运行 npm run build；` +
        '或把 src/site.config.ts 中不同的设置改回数据中的值。',
    );
  });

  it('stops in the pages too: data published at 8, site.config.ts now at 5', async () => {
    vi.stubEnv('XINFANG_DATA_DIR', eight.out);
    vi.resetModules();
    const pages = await import('../src/build-time/site-data.ts');
    const problem = pages.siteInfo();
    await expect(problem).rejects.toThrow(
      'collectiveThreshold（集体访人数标准）：数据中为 8，src/site.config.ts 中为 5',
    );
    await expect(problem).rejects.toThrow(
      'alerts.level（苗头预警参数）：数据中为 0.99，src/site.config.ts 中为 0.995',
    );
  });

  it('names each differing setting, its value in the data and in the config', async () => {
    const built = openSiteData(current.out, {
      ...siteConfig,
      extraCategories: ['留言'],
      categoryRenames: { ...siteConfig.categoryRenames, 教育文体: '教育', 民政: '民政与应急' },
      alerts: { ...siteConfig.alerts, floor: { batches: 6, persons: 10 } },
    });
    const message = await built.then(
      () => '',
      (error: Error) => error.message,
    );
    const lines = message.split('\n').filter((line) => line.startsWith('  '));
    expect(lines).toEqual([
      expect.stringMatching(
        /^ {2}categories（类别表：.*）：数据中为 农村农业、.*、其他，现在为 农村农业、.*、其他、留言$/,
      ),
      '  categoryRenames.教育文体（类别改名）：数据中为 （无），src/site.config.ts 中为 教育',
      '  alerts.floor.batches（苗头预警参数）：数据中为 5，src/site.config.ts 中为 6',
    ]);
  });

  it('refuses data whose manifest records no settings (an older build)', async () => {
    await expect(openSiteData(older, siteConfig)).rejects.toThrow(
      `${older} 中的 manifest.json 没有记录发布数据时所用的设置（数据由旧版本的 npm run build:data 发布），` +
        '无法核对集体访人数标准、重复信访的回溯月数、类别表、类别改名、取值范围和苗头预警参数是否与现在一致。' +
        `请用原来的导出文件重新运行 npm run build:data（发布到 ${older}），再运行 npm run build。`,
    );
  });
});

describe('npm run report', () => {
  it('reports from data published under its settings', () => {
    const result = report('--json', '--data', current.out);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveProperty('period');
  });

  it('stops on data published under another threshold, before printing a figure', () => {
    const result = report('--json', '--data', eight.out);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'collectiveThreshold（集体访人数标准）：数据中为 8，src/site.config.ts 中为 5',
    );
    expect(result.stderr).toContain(
      `请用原来的导出文件重新运行 npm run build:data（发布到 ${eight.out}），再运行 npm run report`,
    );
  });

  it('refuses data whose manifest records no settings, or that has no manifest', async () => {
    const result = report('--data', older);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('manifest.json 没有记录发布数据时所用的设置');
    await fs.rm(path.join(older, PUBLISHED_FILES.manifest));
    const none = report('--data', older);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain(
      `${path.join(older, PUBLISHED_FILES.manifest)} 不存在：已发布的数据不完整。请重新运行 npm run build:data，再运行 npm run report。`,
    );
  });
});
