import { spawn, spawnSync } from 'node:child_process';
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../scripts/data/cli.ts';
import { exportRecords } from '../scripts/data/export.ts';
import {
  TEST_KEY,
  build,
  csvText,
  row,
  snapshot,
  tempFolder,
  testFolders,
  writeInput,
} from './helpers/build-fixtures.ts';

const env = { ...process.env, XINFANG_PSEUDONYM_KEY: TEST_KEY, TZ: 'Asia/Shanghai' };

function run(
  script: string,
  args: string[],
  extraEnv: NodeJS.ProcessEnv = {},
): { status: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', script), ...args], {
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('npm run build:data', () => {
  it('exits 0 with progress and a summary on stderr', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await writeInput(folders.input, 'a.csv', csvText([row(), row({ 人数: '0' })]));
    const result = run('build-data.ts', [
      '--input',
      folders.input,
      '--out',
      folders.out,
      '--key-file',
      folders.keyFile,
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/读取 a\.csv/);
    expect(result.stderr).toMatch(/a\.csv（utf-8）：读 2 行，发布 1，拒绝 1/);
    expect(result.stderr).toMatch(/\[build:data\] 完成：1 个文件，发布 1 条，拒绝 1 条/);
    expect(existsSync(folders.keyFile)).toBe(false);
    expect(readdirSync(folders.out).sort()).toEqual([
      'alerts-briefing.json',
      'alerts.json',
      'manifest.json',
      'petitions.duckdb',
      'rejects.csv',
    ]);

    const csv = path.join(tempFolder(), 'out.csv');
    const exported = run('export-data.ts', ['--out', csv, '--data', folders.out]);
    expect(exported.status).toBe(0);
    expect(exported.stderr).toMatch(/已导出 1 条记录/);
    expect(readFileSync(csv, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('exits 1 with one message naming the file when the build fails', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await writeInput(folders.input, 'b.csv', '');
    const result = run('build-data.ts', ['--input', folders.input, '--out', folders.out]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(
      '[build:data] 失败：文件 b.csv 是空文件：请重新导出',
    );
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(existsSync(folders.out)).toBe(false);
  });

  it('exits 1 on unknown options and on a missing --out for export', () => {
    expect(run('build-data.ts', ['--inptu', 'x'])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('参数有误'),
    });
    expect(run('export-data.ts', [])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('缺少 --out'),
    });
  });

  it('data:export refuses a folder without published data', async () => {
    const outFile = path.join(tempFolder(), 'x.csv');
    await expect(exportRecords({ dataDir: tempFolder(), outFile })).rejects.toThrow(
      /请先运行 npm run build:data/,
    );
  });

  it('leaves the previous data as it was when killed mid-build, and cleans up next time', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await writeInput(folders.input, 'a.csv', csvText([row()]));
    await build(folders);
    const before = snapshot(folders.out);

    const rows = Array.from({ length: 5_000 }, (_, i) => row({ 信访件编号: `K-${i}` }));
    await writeInput(folders.input, 'b.csv', csvText(rows));
    // The builds' own temporary folder: a build of another test file running beside this one
    // would otherwise clean the killed build's spill folder before this test looks for it.
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'xf-kill-test-'));
    const buildEnv = { ...env, TMPDIR: tmp };
    const interrupt = async (
      signal: NodeJS.Signals,
    ): Promise<{ code: number | null; pid: number }> => {
      const child = spawn(
        process.execPath,
        [
          path.join(REPO_ROOT, 'scripts', 'build-data.ts'),
          '--input',
          folders.input,
          '--out',
          folders.out,
        ],
        { env: buildEnv },
      );
      return new Promise((resolve) => {
        let stderr = '';
        let sent = false;
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          if (!sent && stderr.includes('读取 b.csv')) sent = child.kill(signal);
        });
        child.on('exit', (code) => resolve({ code, pid: child.pid! }));
      });
    };
    expect((await interrupt('SIGTERM')).code).toBe(130);
    expect(snapshot(folders.out)).toEqual(before);
    expect(readdirSync(path.dirname(folders.out))).toEqual(['data']);
    const killed = await interrupt('SIGKILL');
    expect(snapshot(folders.out)).toEqual(before);
    const spills = () =>
      readdirSync(tmp).filter((n) => n.startsWith(`xinfang-build-${killed.pid}-`));
    expect(spills()).toHaveLength(1);

    await fs.rm(path.join(folders.input, 'b.csv'));
    const next = run('build-data.ts', ['--input', folders.input, '--out', folders.out], {
      TMPDIR: tmp,
    });
    expect(next.status, next.stderr).toBe(0);
    expect(readdirSync(path.dirname(folders.out))).toEqual(['data']);
    expect(spills()).toEqual([]);
    await fs.rm(tmp, { recursive: true, force: true });
  });
});
