import { createHmac } from 'node:crypto';
import { promises as fs, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { exportRecords } from '../scripts/data/export.ts';
import { PersonalValues } from '../scripts/data/personal-values.ts';
import { describeFindings, scanDatabase } from '../scripts/data/pii-scan.ts';
import { HmacSha256 } from '../scripts/data/hmac-sha256.ts';
import { keyFromText, PSEUDONYM_HEX_DIGITS } from '../scripts/data/pseudonym.ts';
import { buildSettings } from '../src/lib/build-settings.ts';
import { siteConfig } from '../src/site.config.ts';
import {
  HEADER,
  TEST_KEY,
  build,
  csvText,
  publishedTexts,
  query,
  readManifest,
  readRejects,
  row,
  snapshot,
  tempFolder,
  testFolders,
  writeInput,
} from './helpers/build-fixtures.ts';

const NAME = '甄测试员';
const ID = '11010519491231002X'; // valid GB 11643 check character
const PHONE = '13912345678';
const ADDRESS = '城关镇幸福路甲12号';
const CANARIES = [NAME, ID, ID.slice(0, 17), PHONE, ADDRESS];
/** The pseudonym as the build makes it, never published (HmacSha256 is checked against node:crypto below). */
const pseudonymOf = (key: string, id: string) =>
  new HmacSha256(keyFromText(key)).hex(id, PSEUDONYM_HEX_DIGITS);

function containsCanary(bytes: Buffer): string | null {
  for (const canary of CANARIES) {
    if (bytes.includes(Buffer.from(canary, 'utf8'))) return canary;
    if (bytes.includes(Buffer.from(canary, 'utf16le'))) return canary;
  }
  return null;
}

describe('personal data never leaves the build', () => {
  const folders = testFolders();
  const exported = path.join(tempFolder(), 'export.csv');
  const header = [...HEADER, '住址', '备注', '二级分类', '专项标签'];

  beforeAll(async () => {
    await fs.mkdir(folders.input, { recursive: true });
    const text = `信访人${NAME}（身份证${ID}，电话${PHONE}）住${ADDRESS}，反映问题。`;
    const rows = [
      {
        ...row({ 信访人姓名: NAME, 信访人证件号码: ID, 联系电话: PHONE, 诉求内容: text }),
        住址: ADDRESS,
        备注: text,
      },
      {
        ...row({ 信访人证件号码: ID.toLowerCase(), 诉求内容: text }),
        二级分类: '拖欠工资',
        专项标签: '两拖欠',
      },
    ];
    await writeInput(folders.input, 'a.csv', csvText(rows as never, header));
    await build(folders);
    await exportRecords({ dataDir: folders.out, outFile: exported });
  });

  it('publishes both records, linked by one petitioner number', async () => {
    expect(
      await query(
        folders.out,
        'SELECT count(*)::INTEGER AS n, count(DISTINCT petitioner)::INTEGER AS p FROM records',
      ),
    ).toEqual([{ n: 2, p: 1 }]);
  });

  it('leaves no canary in any published byte', () => {
    for (const [name, bytes] of snapshot(folders.out))
      expect(containsCanary(bytes), name).toBeNull();
  });

  it('publishes no pseudonym: the keyed hash stays in the build', () => {
    const hash = pseudonymOf(TEST_KEY, ID);
    for (const [name, bytes] of [
      ...snapshot(folders.out),
      ['export', readFileSync(exported)],
    ] as const) {
      expect(bytes.includes(Buffer.from(hash, 'utf8')), String(name)).toBe(false);
      expect(bytes.includes(Buffer.from(hash.slice(0, 8), 'utf8')), String(name)).toBe(false);
    }
  });

  it('leaves no canary in any published text value', async () => {
    const texts = await publishedTexts(folders.out);
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.filter((t) => CANARIES.some((c) => t.includes(c)))).toEqual([]);
  });

  it('leaves no canary in the analysts export', () => {
    const bytes = readFileSync(exported);
    expect(containsCanary(bytes)).toBeNull();
    const text = bytes.toString('utf8');
    expect(
      text.startsWith(
        '\uFEFFregistered_on,record_type,channel,level,persons,category,category_raw,subcategory,tags,',
      ),
    ).toBe(true);
    expect(text.split('\n')[0]?.endsWith(',resolved,petitioner')).toBe(true);
    expect(text.split('\n').filter((line) => line.endsWith(',1'))).toHaveLength(2);
    expect(text).toContain('拖欠工资');
  });
});

describe('fail closed', () => {
  async function attempt(
    column: string,
    value: string,
    pattern: RegExp,
    values: Record<string, string> = {},
  ): Promise<void> {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await writeInput(folders.input, 'a.csv', csvText([row()]));
    await build(folders);
    const before = snapshot(folders.out);
    const rows = [{ ...row(values), [column]: value }, row()];
    const header: string[] = (HEADER as readonly string[]).includes(column)
      ? [...HEADER]
      : [...HEADER, column];
    await writeInput(folders.input, 'a.csv', csvText(rows as never, header));
    const failure = build(folders);
    await expect(failure).rejects.toThrow(pattern);
    const message = await failure.catch((error: Error) => error.message);
    for (const canary of CANARIES) expect(message).not.toContain(canary);
    expect(snapshot(folders.out)).toEqual(before);
  }

  it('an ID number in a published column stops everything, naming column and count', async () => {
    await attempt('责任单位', `转办单位${ID}`, /未发布任何数据：records\.unit：疑似身份证号 1 个/);
  });

  it('a mobile number in a published column', async () => {
    await attempt('二级分类', `联系${PHONE}`, /records\.subcategory：疑似手机号 1 个/);
  });

  it('a mobile number hidden in a tag', async () => {
    await attempt('专项标签', `两拖欠;${PHONE}`, /records\.tags：疑似手机号 1 个/);
  });

  it("a petitioner's name put in a published column", async () => {
    await attempt(
      '责任单位',
      NAME,
      /records\.unit：与个人信息列（姓名\/电话\/住址）的值相同或包含其值的 1 个/,
      {
        信访人姓名: NAME,
      },
    );
  });

  it('an ID number in a file name', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await writeInput(folders.input, `a.csv`, csvText([row()]));
    await writeInput(folders.input, `导出${ID}.csv`, csvText([row()]));
    const lines: string[] = [];
    const failure = build(folders, { log: (line) => lines.push(line) });
    await expect(failure).rejects.toThrow(
      /输入文件的文件名含疑似个人信息：按文件名排序的第 2 个文件（疑似身份证号）/,
    );
    const message = await failure.catch((error: Error) => error.message);
    expect(message).not.toContain(ID);
    expect(lines.filter((line) => line.includes(ID))).toEqual([]);
  });

  it('a dated file name is no identifier', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await writeInput(folders.input, '信访导出20240305.csv', csvText([row()]));
    await writeInput(folders.input, '导出_20240305143000.csv', csvText([row()]));
    expect((await build(folders)).manifest.published).toBe(2);
  });

  it('a NUL byte after the first 64 KB rejects its row, naming line and column, quoting nothing', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    const rows = Array.from({ length: 1500 }, (_, i) =>
      row({ 责任单位: i === 1200 ? `区人\u0000社局${NAME}` : '区人社局' }),
    );
    await writeInput(folders.input, 'a.csv', csvText(rows));
    const { manifest } = await build(folders);
    expect([manifest.published, manifest.rejected]).toEqual([1499, 1]);
    expect(readRejects(folders.out)).toEqual([
      {
        file: 'a.csv',
        line: 1202,
        column: '责任单位',
        kind: '控制字符',
        reason: '含不可见的控制字符（如 NUL），请检查导出文件',
      },
    ]);
  });

  it('hides personal data in category values that missed the vocabulary, and publishes', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await writeInput(
      folders.input,
      'a.csv',
      csvText([row({ 问题类别: `电话${PHONE}` }), row({ 问题类别: '其它事项' })]),
    );
    const { manifest } = await build(folders);
    expect(manifest.vocabularyMisses).toEqual({
      category: { '（已隐去：疑似个人信息或过长的取值）': 1, 其它事项: 1 },
    });
    for (const [name, bytes] of snapshot(folders.out))
      expect(containsCanary(bytes), name).toBeNull();
  });
});

describe('the scan of a published database', () => {
  it('reads ENUM columns as text and every ENUM type’s labels, even one no row holds', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await connection.run(`CREATE TYPE region_t AS ENUM ('城关街道', '${ID}')`);
      await connection.run(`CREATE TYPE unit_t AS ENUM ('区住建局', '联系${PHONE}')`);
      await connection.run('CREATE TABLE records (region region_t, unit unit_t)');
      await connection.run(`INSERT INTO records VALUES ('城关街道', '联系${PHONE}')`);
      const findings = describeFindings(
        await scanDatabase(connection, 'memory', new PersonalValues()),
      );
      expect(findings).toContain('records.unit：疑似手机号 1 个');
      expect(findings).toContain('类型 region_t：疑似身份证号 1 个');
      expect(findings).toContain('类型 unit_t：疑似手机号 1 个');
      expect(findings).not.toContain('records.region');
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});

describe('petitioner numbers', () => {
  const IDS = ['110105194912310021', '420106198001010015', 'P-1', 'P-2', 'P-3', 'P-4', 'P-5'];

  /** Each ID's published number (its record is told apart by the day it was registered). */
  async function numbers(keyFromEnv: string | undefined, keyFile?: string): Promise<number[]> {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    const day = (i: number) => `2024-03-${String(i + 1).padStart(2, '0')}`;
    const rows = IDS.map((id, i) => row({ 信访人证件号码: id, 登记日期: day(i) }));
    await writeInput(folders.input, 'a.csv', csvText(rows));
    await build(folders, { keyFromEnv, ...(keyFile ? { keyFile } : {}) });
    const published = await query(
      folders.out,
      'SELECT registered_on::VARCHAR AS d, petitioner FROM records',
    );
    const byDay = new Map(published.map((r) => [r['d'], Number(r['petitioner'])]));
    return IDS.map((_, i) => byDay.get(day(i)) ?? 0);
  }

  /** 1, 2, … in the order of the keyed hashes, never of the IDs or of the rows. */
  function hashOrder(key: string): number[] {
    const hashes = IDS.map((id) => pseudonymOf(key, id));
    const sorted = [...hashes].sort();
    return hashes.map((hash) => sorted.indexOf(hash) + 1);
  }

  it('are dense, in the keyed hash order, the same with the same key, different with another', async () => {
    const first = await numbers(TEST_KEY);
    expect(first).toEqual(hashOrder(TEST_KEY));
    expect([...first].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(first).not.toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await numbers(TEST_KEY)).toEqual(first);
    const otherKey = 'another-key-0123456789abcdef';
    expect(hashOrder(otherKey)).not.toEqual(first);
    expect(await numbers(otherKey)).toEqual(hashOrder(otherKey));
  });

  it('come from a key file created on first build (32 random bytes, mode 0600)', async () => {
    const keyFile = path.join(tempFolder(), '.pseudonym-key');
    const first = await numbers(undefined, keyFile);
    const text = readFileSync(keyFile, 'utf8');
    expect(text).toMatch(/^[0-9a-f]{64}\n$/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(first).toEqual(hashOrder(text.trim()));
    expect(await numbers(undefined, keyFile)).toEqual(first);
    expect(await numbers(text.trim())).toEqual(first);
  });

  it('refuse a key that is too short', async () => {
    await expect(numbers('short')).rejects.toThrow(/密钥过短/);
  });

  it('use an HMAC-SHA-256 that matches node:crypto', () => {
    const keys = [
      Buffer.from(TEST_KEY),
      Buffer.alloc(32, 0xab),
      Buffer.alloc(64, 1),
      Buffer.alloc(100, 2),
    ];
    const messages = [
      '',
      'A',
      ID,
      '身份证号'.repeat(5),
      'x'.repeat(55),
      'y'.repeat(56),
      'z'.repeat(130),
    ];
    for (const key of keys) {
      const hmac = new HmacSha256(key);
      for (const message of messages) {
        const expected = createHmac('sha256', key).update(message, 'utf8').digest('hex');
        expect(hmac.hex(message)).toBe(expected);
        expect(hmac.hex(message, 16)).toBe(expected.slice(0, 16));
      }
    }
  });
});

describe('manifest stays clean', () => {
  it('holds file names, counts and vocabulary misses only', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await writeInput(folders.input, 'a.csv', csvText([row({ 信访人姓名: NAME, 联系电话: PHONE })]));
    await build(folders);
    const manifest = readManifest(folders.out);
    expect(Object.keys(manifest).sort()).toEqual(
      [
        'alerts',
        'builtAt',
        'categoryLabels',
        'columns',
        'dateRange',
        'files',
        'inputs',
        'published',
        'rejected',
        'schemaVersion',
        'settings',
        'vocabularyMisses',
      ].sort(),
    );
    // The settings come from the code and src/site.config.ts, never from the export.
    expect(manifest.settings).toEqual(buildSettings(siteConfig));
    // The alerts' texts are in alerts.json (scanned before publishing); the manifest counts them.
    expect(Object.values(manifest.alerts ?? {}).every((v) => typeof v === 'number')).toBe(true);
  });
});
