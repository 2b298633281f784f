/** npm run report reads alerts.json next to the database: --json carries them, the text names them. */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPublished } from '../src/node/duckdb-node.ts';
import { briefingAlerts } from '../src/lib/alerts/briefing.ts';
import { computeAlerts } from '../src/lib/alerts/compute.ts';
import { ALERTS_VERSION, type AlertsFile } from '../src/lib/alerts/published.ts';
import { PUBLISHED_FILES } from '../src/lib/schema.ts';
import { siteConfig } from '../src/site.config.ts';
import { alertRecords } from './helpers/alert-records.ts';
import { writePublishedDb, writePublishedManifest } from './helpers/published-db.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
let dir = '';
let file: AlertsFile;

function report(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['scripts/report.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'Asia/Shanghai' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alerts-cli-'));
  const db = await openPublished(await writePublishedDb(dir, alertRecords()));
  try {
    file = await computeAlerts(db.run, siteConfig.alerts, siteConfig.collectiveThreshold);
  } finally {
    db.close();
  }
  await writeFile(join(dir, PUBLISHED_FILES.alerts), JSON.stringify(file));
  await writePublishedManifest(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('report with alerts', () => {
  it('--json gains the month’s alerts; the text names the strongest', () => {
    const json = report('--data', dir, '--from', '2024-12', '--to', '2024-12', '--json');
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout) as { alerts: unknown[]; text: string };
    const expected = file.alerts
      .filter((a) => a.month === '2024-12')
      .map(({ band: _band, ...a }) => a);
    expect(parsed.alerts).toEqual(expected);
    const text = report('--data', dir, '--from', '2024-12', '--to', '2024-12');
    const [strongest] = briefingAlerts(expected, file.options.briefingTop);
    expect(text.stdout).toContain(`露出信访苗头。${strongest?.sentence ?? '?'}`);
    expect(text.stdout).toBe(`${parsed.text}\n`);
  });

  it('a damaged alerts.json is an error naming the file, never a briefing without its alerts', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'alerts-cli-broken-'));
    try {
      await writePublishedDb(broken, alertRecords());
      await writePublishedManifest(broken);
      await writeFile(join(broken, PUBLISHED_FILES.alerts), '{"version": 0, "alerts": []}');
      const result = report('--data', broken);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        `alerts.json：alerts.json 格式版本为 0，需要 ${ALERTS_VERSION}：请重新运行 npm run build:data`,
      );
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });
});
