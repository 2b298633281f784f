import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePublishedDb, writePublishedManifest } from './helpers/published-db.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
let dir = '';
let data = '';
let empty = '';

function report(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['scripts/report.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'Asia/Shanghai' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-cli-'));
  data = join(dir, 'data');
  empty = join(dir, 'empty');
  await writePublishedDb(data, [
    { registered_on: '2023-02-03', level: '进京' },
    { registered_on: '2024-02-03', level: '进京', persons: 2 },
    { registered_on: '2024-03-09', channel: '来信' },
  ]);
  await writePublishedDb(empty, []);
  await writePublishedManifest(data);
  await writePublishedManifest(empty);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run report', () => {
  it('prints the report object alone on stdout with --json', () => {
    const result = report('--json', '--data', data);
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(parsed['period']).toEqual({
      from: '2024-01',
      to: '2024-03',
      compareFrom: '2023-01',
      compareTo: '2023-03',
      compare: 'yoy',
      throughDay: 9,
    });
    // the data ends 2024-03-09: both sides end on 3月9日
    expect(parsed['labels']).toEqual({
      period: '1月1日-3月9日',
      periodWithYear: '2024年1月1日-3月9日',
      comparePeriod: '2023年1月1日-3月9日',
    });
    expect(parsed['upToDate']).toBeNull();
    expect(parsed['registered']).toMatchObject({
      batches: 2,
      persons: 3,
      previous: { batches: 1, persons: 1 },
    });
    expect(result.stderr).toContain('注意：对比期间');
  });

  it('prints the briefing text by default, for the requested period', () => {
    const result = report(
      '--data',
      data,
      '--from',
      '2024-02',
      '--to',
      '2024-03',
      '--compare',
      'mom',
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('一、2024年2月1日-3月9日信访情况');
    expect(result.stdout).toContain(
      '2月1日-3月9日（环比：2023年12月1日-2024年1月9日），我区共发生登记信访事项2批3人次，上期为0。其中来信1件、来访1批2人次。',
    );
    const february = report('--data', data, '--from', '2024-02', '--to', '2024-02', '--json');
    expect(JSON.parse(february.stdout)).toMatchObject({
      labels: { period: '2月' },
      upToDate: { batches: 2, persons: 3, through: '2024-03-09' },
    });
  });

  it('exits 2 with a message on bad arguments', () => {
    for (const args of [
      ['--from', '2024-13'],
      ['--to', '2024/09'],
      ['--compare', 'qoq'],
      ['--from', '2024-09', '--to', '2024-01'],
      ['--bogus'],
      ['extra'],
      ['--level', '国家'],
      ['--channel', '传真'],
      ['--region', '火星街道'],
      ['--tag', '不存在'],
    ]) {
      const result = report('--data', data, ...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('用法：npm run report');
    }
    expect(report('--data', data, '--from', '2025-01').stderr).toContain(
      '晚于数据的最后月份 2024-03',
    );
  });

  it('follows the filters and names the values the data holds', () => {
    const visits = report(
      '--data',
      data,
      '--from',
      '2024-02',
      '--to',
      '2024-03',
      '--channel',
      '来访',
    );
    expect(visits.status).toBe(0);
    expect(visits.stdout).toContain('（统计范围：来访）');
    expect(visits.stdout).toContain(
      '2月1日-3月9日（同比：2023年2月1日-3月9日），我区共发生登记信访事项1批2人次',
    );
    const region = report('--data', data, '--region', '火星街道');
    expect(region.stderr).toContain('数据中没有 --region 火星街道。可选：示例街道');
  });

  it('tells to build the data when there is none', () => {
    const missing = report('--data', join(dir, 'nowhere'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('npm run build:data');
    const none = report('--data', empty, '--json');
    expect(none.status).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('已发布的数据中没有记录');
    expect(none.stderr).toContain('npm run build:data');
  });
});
