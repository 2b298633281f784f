/**
 * The moment between the two renames of the publish swap: the published folder is gone and the
 * previous data waits beside it. Every reader reads that previous data, and the next build
 * puts it back, saying so.
 */
import { execFile } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { exportRecords } from '../scripts/data/export.ts';
import { readablePublishedFolder } from '../src/node/published-folder.ts';
import {
  build,
  csvText,
  row,
  snapshot,
  tempFolder,
  testFolders,
} from './helpers/build-fixtures.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

describe('no moment without data', () => {
  it('readers use the folder set aside, the next build restores it', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await fs.writeFile(path.join(folders.input, 'a.csv'), csvText([row(), row(), row()]));
    await build(folders);
    const before = snapshot(folders.out);
    const exportedBefore = path.join(tempFolder(), 'before.csv');
    await exportRecords({ dataDir: folders.out, outFile: exportedBefore });

    // A build killed after its first rename (published → aside), before its second.
    const aside = path.join(path.dirname(folders.out), `.data.old-${Date.now()}-abcd`);
    await fs.rename(folders.out, aside);
    expect(readablePublishedFolder(folders.out)).toBe(aside);

    const exported = path.join(tempFolder(), 'during.csv');
    expect(await exportRecords({ dataDir: folders.out, outFile: exported })).toBe(3);
    expect(readFileSync(exported)).toEqual(readFileSync(exportedBefore));
    const { stdout } = await run(
      process.execPath,
      [
        'scripts/report.ts',
        '--json',
        '--from',
        '2024-01',
        '--to',
        '2024-03',
        '--data',
        folders.out,
      ],
      { cwd: root, env: { ...process.env, TZ: 'Asia/Shanghai' } },
    );
    expect(JSON.parse(stdout)).toHaveProperty('period');

    const lines: string[] = [];
    await build(folders, { log: (line) => lines.push(line) });
    expect(lines.some((line) => line.startsWith('上次构建在发布切换中被中断：已把原有数据'))).toBe(
      true,
    );
    expect(readablePublishedFolder(folders.out)).toBe(folders.out);
    expect((await fs.readdir(path.dirname(folders.out))).filter((n) => n.startsWith('.'))).toEqual(
      [],
    );
    expect([...snapshot(folders.out).keys()]).toEqual([...before.keys()]);
  });

  it('leftover temporary and old folders are removed, and the build says so', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await fs.writeFile(path.join(folders.input, 'a.csv'), csvText([row(), row()]));
    await build(folders);
    const parent = path.dirname(folders.out);
    await fs.mkdir(path.join(parent, '.data.tmp-999999999-dead'));
    await fs.mkdir(path.join(parent, '.data.old-1-abcd'));
    const lines: string[] = [];
    await build(folders, { log: (line) => lines.push(line) });
    expect(lines).toContain('已删除上次中断的构建留下的旧数据文件夹 .data.old-1-abcd');
    expect(lines).toContain('已删除上次中断的构建留下的临时文件夹 .data.tmp-999999999-dead');
    expect((await fs.readdir(parent)).sort()).toEqual(['data']);
  });
});
