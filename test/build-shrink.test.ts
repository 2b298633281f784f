/** A re-export that went wrong never replaces the published data with an empty or much smaller one. */
import { promises as fs } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  build,
  csvText,
  HEADER,
  row,
  snapshot,
  testFolders,
  writeInput,
  type TestBuild,
} from './helpers/build-fixtures.ts';

const rows = (n: number, day = (i: number) => `2024-0${1 + (i % 6)}-05`) =>
  Array.from({ length: n }, (_, i) => row({ 登记日期: day(i) }));

async function published(n: number): Promise<TestBuild> {
  const folders = testFolders();
  await fs.mkdir(folders.input, { recursive: true });
  await writeInput(folders.input, 'a.csv', csvText(rows(n)));
  await build(folders);
  return folders;
}

async function expectRefused(folders: TestBuild, pattern: RegExp): Promise<void> {
  const before = snapshot(folders.out);
  await expect(build(folders)).rejects.toThrow(pattern);
  expect(snapshot(folders.out)).toEqual(before);
}

describe('an export that would empty the site', () => {
  it('a header without rows is refused, also on the first build', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await writeInput(folders.input, '导出.csv', csvText([]));
    await expect(build(folders)).rejects.toThrow(/文件 导出\.csv 只有表头，没有任何记录/);
    const again = await published(12);
    await writeInput(again.input, 'a.csv', csvText([], HEADER));
    await expectRefused(again, /文件 a\.csv 只有表头，没有任何记录.*先前发布的数据未改动/);
  });

  it('every row rejected is refused', async () => {
    const folders = await published(12);
    await writeInput(
      folders.input,
      'a.csv',
      csvText([row({ 登记日期: '' }), row({ 登记日期: '' })]),
    );
    await expectRefused(folders, /没有可发布的记录/);
  });

  it('fewer than half the published records is refused, saying both counts, unless confirmed', async () => {
    const folders = await published(12);
    await writeInput(folders.input, 'a.csv', csvText(rows(5)));
    await expectRefused(
      folders,
      /本次将发布 5 条（登记日期 2024-01-05 至 2024-05-05），不到当前已发布 12 条（登记日期 2024-01-05 至 2024-06-05）的一半.*--allow-shrink/,
    );
    const { manifest } = await build(folders, { allowShrink: true });
    expect(manifest.published).toBe(5);
  });

  it('half or more is published', async () => {
    const folders = await published(12);
    await writeInput(folders.input, 'a.csv', csvText(rows(6)));
    expect((await build(folders)).manifest.published).toBe(6);
  });

  it('a shorter date range is refused unless confirmed', async () => {
    const folders = await published(12);
    await writeInput(folders.input, 'a.csv', csvText(rows(12, () => '2024-03-05')));
    await expectRefused(
      folders,
      /本次将发布 12 条（登记日期 2024-03-05 至 2024-03-05），日期范围比当前已发布 12 条（登记日期 2024-01-05 至 2024-06-05）短/,
    );
    expect((await build(folders, { allowShrink: true })).manifest.published).toBe(12);
  });

  it('a longer range with more records is published', async () => {
    const folders = await published(12);
    await writeInput(folders.input, 'a.csv', csvText(rows(14, (i) => `2024-0${1 + (i % 7)}-05`)));
    expect((await build(folders)).manifest.published).toBe(14);
  });
});
