/**
 * `report --docx` end to end on the sample: the .docx unzips, its XML is well-formed and holds
 * the figures of `report --json`, its images are the charts' PNGs at the size they are placed.
 * Drawing the charts needs a CJK font (CI installs fonts-noto-cjk).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/lib/report.ts';
import { buildSampleData } from './setup/build-site.ts';
import {
  missingFigures,
  parseXml,
  partText,
  placedImages,
  pngSize,
  unzipDocx,
  type Parts,
} from './helpers/docx.ts';

const root = path.resolve(import.meta.dirname, '..');
let dir = '';
let data = '';
let report: Report;
let parts: Parts;
let stdout = '';

interface Result {
  status: number;
  stdout: string;
  stderr: string;
}

function node(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: root, env: { ...process.env, TZ: 'Asia/Shanghai', ...env } },
      (error, out, err) => {
        resolve({ status: error ? Number(error.code ?? 1) : 0, stdout: out, stderr: err });
      },
    );
  });
}

const reportCommand = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<Result> =>
  node(['scripts/report.ts', '--data', data, ...args], env);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'report-docx-'));
  ({ data } = await buildSampleData({ dir }));
  const period = ['--from', '2024-01', '--to', '2024-09'];
  const json = await reportCommand([...period, '--json']);
  expect(json.status, json.stderr).toBe(0);
  report = JSON.parse(json.stdout) as Report;
  const docx = await reportCommand([...period, '--docx', path.join(dir, '汇报.docx')]);
  expect(docx.status, docx.stderr).toBe(0);
  stdout = docx.stdout;
  parts = unzipDocx(await readFile(path.join(dir, '汇报.docx')));
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('report --docx', () => {
  it('says where it wrote the file, on one line', () => {
    expect(stdout.trim().split('\n')).toEqual([
      `已写入 Word 文件：${path.join(dir, '汇报.docx')}（图表 3 幅）`,
    ]);
  });

  it('is a valid package: every part typed, every XML part well-formed', () => {
    const types = parseXml(partText(parts, '[Content_Types].xml'));
    const defaults = new Map(
      [...types.getElementsByTagName('Default')].map((d) => [
        d.getAttribute('Extension'),
        d.getAttribute('ContentType'),
      ]),
    );
    const overrides = new Map(
      [...types.getElementsByTagName('Override')].map((o) => [
        o.getAttribute('PartName'),
        o.getAttribute('ContentType'),
      ]),
    );
    expect(overrides.get('/word/document.xml')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    );
    expect(defaults.get('png')).toBe('image/png');
    for (const name of overrides.keys()) expect(parts[name?.slice(1) ?? '']).toBeDefined();
    for (const name of Object.keys(parts)) {
      if (name === '[Content_Types].xml') continue;
      const typed = overrides.has(`/${name}`) || defaults.has(name.split('.').pop() ?? '');
      expect(typed, name).toBe(true);
      if (/\.(xml|rels)$/.test(name)) expect(() => parseXml(partText(parts, name))).not.toThrow();
    }
  });

  it('holds the figures and the briefing of report --json for the same period', () => {
    const xml = partText(parts, 'word/document.xml');
    expect(missingFigures(xml, report)).toEqual([]);
    expect(xml).toContain('2024年1-9月信访工作情况汇报');
    expect(xml).toContain('统计范围：全部　数据截至2024年9月30日');
  });

  it('would notice a wrong figure', () => {
    const xml = partText(parts, 'word/document.xml');
    const wrong = structuredClone(report);
    wrong.registered.persons += 1;
    wrong.visits!.byLevel['赴省'].previous.batches -= 1;
    wrong.rates.satisfaction!.numerator += 1;
    wrong.ruleOfLaw!.total += 0.001;
    expect(missingFigures(xml, wrong)).toHaveLength(4);
  });

  it('holds the 总览 charts as PNGs, placed at their drawn size', () => {
    const images = placedImages(parts);
    expect(images).toHaveLength(3);
    expect(Object.keys(parts).filter((name) => name.startsWith('word/media/'))).toHaveLength(3);
    for (const image of images) {
      const png = pngSize(parts[image.part] ?? new Uint8Array());
      expect(png.width).toBe(image.width * 2);
      expect(Math.abs(png.height - image.height * 2)).toBeLessThanOrEqual(1);
    }
    const xml = partText(parts, 'word/document.xml');
    expect(xml).toContain('图1　登记信访月度走势');
    expect(xml).toContain('图3　同比上升的问题类别');
  });

  it('takes the charts asked for, from any page, and none with --no-charts', async () => {
    const file = path.join(dir, 'chosen.docx');
    const chosen = await reportCommand(['--docx', file, '--charts', 'levels:monthly,heatmap']);
    expect(chosen.status, chosen.stderr).toBe(0);
    const chosenParts = unzipDocx(await readFile(file));
    expect(placedImages(chosenParts)).toHaveLength(2);
    expect(partText(chosenParts, 'word/document.xml')).toContain('图2　');

    const bare = path.join(dir, 'bare.docx');
    const none = await reportCommand(['--docx', bare, '--no-charts'], {
      XINFANG_FONT: path.join(dir, 'no-such-font.ttc'),
    });
    expect(none.status, none.stderr).toBe(0);
    const bareParts = unzipDocx(await readFile(bare));
    expect(Object.keys(bareParts).some((name) => name.startsWith('word/media/'))).toBe(false);
  });

  it('prints the JSON alone on stdout when --json comes with --docx', async () => {
    const both = await reportCommand([
      '--json',
      '--docx',
      path.join(dir, 'both.docx'),
      '--no-charts',
    ]);
    expect(both.status, both.stderr).toBe(0);
    expect((JSON.parse(both.stdout) as Report).registered.batches).toBe(report.registered.batches);
    expect(both.stderr).toContain('已写入 Word 文件');
  });

  it('leaves no file, and an older one untouched, when it fails', async () => {
    const file = path.join(dir, 'kept.docx');
    await writeFile(file, 'older');
    const before = await readdir(dir);
    const unknown = await reportCommand(['--docx', file, '--charts', 'nosuch']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('没有图表 nosuch');
    const ambiguous = await reportCommand(['--docx', file, '--charts', 'ranking']);
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toContain('categories:ranking');
    const noFont = await reportCommand(['--docx', file], {
      XINFANG_FONT: path.join(dir, 'no-such-font.ttc'),
    });
    expect(noFont.status).toBe(1);
    expect(noFont.stderr).toContain('XINFANG_FONT');
    expect(noFont.stderr).toContain('--no-charts');
    const noFolder = await reportCommand([
      '--docx',
      path.join(dir, 'missing', 'x.docx'),
      '--no-charts',
    ]);
    expect(noFolder.status).toBe(1);
    expect(noFolder.stderr).toContain('无法写入 Word 文件');
    expect(await readFile(file, 'utf8')).toBe('older');
    expect(await readdir(dir)).toEqual(before);
    expect(existsSync(path.join(dir, 'missing'))).toBe(false);
  });

  it('refuses --charts without --docx', async () => {
    const result = await reportCommand(['--charts', 'trend']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
  });
});
