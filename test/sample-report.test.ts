/**
 * The whole chain on the bundled sample: generated exports → data build → `report --json`
 * reproduces the reference briefing's figures (district-jan-sep-report.txt), exactly.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/lib/report.ts';

const root = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);
let dir = '';
let report: Report;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sample-report-'));
  const node = (args: string[]) =>
    run(process.execPath, args, { cwd: root, env: { ...process.env, TZ: 'Asia/Shanghai' } });
  await node(['scripts/sample.ts', '--out', path.join(dir, 'sample')]);
  await node([
    'scripts/build-data.ts',
    '--input',
    path.join(dir, 'sample'),
    '--out',
    path.join(dir, 'data'),
    '--key-file',
    path.join(dir, 'key'),
  ]);
  const { stdout } = await node([
    'scripts/report.ts',
    '--from',
    '2024-01',
    '--to',
    '2024-09',
    '--json',
    '--data',
    path.join(dir, 'data'),
  ]);
  report = JSON.parse(stdout) as Report;
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const pair = (batches: number, persons: number) => ({ batches, persons });

describe('report --json on the sample reproduces the 1-9月 briefing', () => {
  it('compares 2024年1-9月 with 2023年1-9月', () => {
    expect(report.period).toMatchObject({
      from: '2024-01',
      to: '2024-09',
      compareFrom: '2023-01',
      compareTo: '2023-09',
    });
  });

  it('registrations and visits', () => {
    expect(report.registered.batches).toBe(689);
    expect(report.registered.previous.batches).toBe(594);
    expect(report.visits).toMatchObject({ ...pair(237, 461), previous: pair(148, 338) });
  });

  it('visits by level, with 集体访', () => {
    const { byLevel } = report.visits!;
    expect(byLevel['进京']).toMatchObject({
      ...pair(16, 17),
      collectiveBatches: 0,
      previous: pair(15, 16),
    });
    expect(byLevel['赴省']).toMatchObject({
      ...pair(102, 179),
      collectiveBatches: 4,
      collectivePersons: 39,
      previous: pair(42, 84),
    });
    expect(byLevel['到市']).toMatchObject({
      ...pair(59, 138),
      collectiveBatches: 5,
      collectivePersons: 42,
    });
    expect(byLevel['本级']).toMatchObject(pair(60, 127));
  });

  it('劝返, 领导接访, 包案 and 督办', () => {
    expect(report.persuadedBack!['进京']).toMatchObject(pair(143, 268));
    expect(report.persuadedBack!['赴省']).toMatchObject(pair(73, 331));
    expect(report.persuadedBack!['到市']).toMatchObject(pair(20, 236));
    expect(report.leaderReceptions).toMatchObject(pair(232, 345));
    expect(report.leaderCases).toMatchObject({ total: 25, resolved: 24, percent: 96 });
    expect(report.supervised).toMatchObject({ total: 41, resolved: 36, percent: 87.8 });
  });

  it('says it in the briefing’s words, with the exact changes', () => {
    expect(report.text).toContain('689批');
    expect(report.text).toContain('较去年同期594批');
    expect(report.text).toContain(
      '共发生走访登记237批461人次，较去年同期148批338人次，分别上升60.1%和36.4%',
    );
    expect(report.text).toContain(
      '登记16批17人次，同比去年15批16人次，批次、人次分别上升6.7%和6.3%',
    );
    expect(report.text).toContain('分别上升142.9%和113.1%');
    expect(report.text).toContain('化解率96.0%');
  });
});
