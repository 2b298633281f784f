import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isResidentId } from '../src/lib/pii.ts';
import { DEFAULT_SEED, sampleTruth } from '../scripts/sample/truth.ts';
import { MANIFEST, writeSample, type SampleReport } from '../scripts/sample/write.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'sample-files-'));
const dirA = path.join(tmp, 'a');
const dirB = path.join(tmp, 'b');
const dirC = path.join(tmp, 'c');
let report: SampleReport;

/** RFC 4180 rows of a CSV text. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

async function readRows(file: string): Promise<string[][]> {
  if (file.endsWith('.csv')) return parseCsv(iconv.decode(readFileSync(file), 'gb18030'));
  const rows = await readSheet(readFileSync(file), { trim: false });
  return rows.map((r) =>
    r.map((v) => (v === null ? '' : v instanceof Date ? v.toISOString() : String(v))),
  );
}

const dataFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => /\.(csv|xlsx)$/.test(f))
    .sort();

beforeAll(async () => {
  report = await writeSample({ out: dirA, seed: DEFAULT_SEED });
  await writeSample({ out: dirB, seed: DEFAULT_SEED });
  await writeSample({ out: dirC, seed: 7 });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('sample files', () => {
  it('are byte-identical for the same seed and all different for another seed', () => {
    const files = [...dataFiles(dirA), MANIFEST];
    expect(files).toHaveLength(7);
    for (const f of files) {
      expect(readFileSync(path.join(dirB, f)).equals(readFileSync(path.join(dirA, f))), f).toBe(
        true,
      );
    }
    for (const f of dataFiles(dirA)) {
      expect(readFileSync(path.join(dirC, f)).equals(readFileSync(path.join(dirA, f))), f).toBe(
        false,
      );
    }
  });

  it('are GB18030 CSV and XLSX, named in reading order, with the rows the manifest states', async () => {
    const files = dataFiles(dirA);
    expect(files.filter((f) => f.endsWith('.csv')).length).toBe(3);
    expect(files.filter((f) => f.endsWith('.xlsx')).length).toBe(3);
    expect(report.files.map((f) => f.file)).toEqual(files);
    for (const f of report.files) {
      const rows = await readRows(path.join(dirA, f.file));
      expect(rows.length - 1, f.file).toBe(f.rows);
      expect(f.rows).toBe(
        f.published + f.overlapDuplicates + Object.values(f.bad).reduce((a, b) => a + b, 0),
      );
    }
    const csv = readFileSync(path.join(dirA, files[0] as string));
    expect(iconv.decode(csv, 'gb18030').startsWith('序号,信访件编号')).toBe(true);
    expect(csv.toString('utf8').includes('信访件编号')).toBe(false);
  });

  it('publish exactly the truth, on top of 10–30 bad rows and the overlap duplicates', async () => {
    expect(report.published).toBe(sampleTruth().length);
    expect(report.badRows.length).toBeGreaterThanOrEqual(10);
    expect(report.badRows.length).toBeLessThanOrEqual(30);
    const overlap = report.files.reduce((n, f) => n + f.overlapDuplicates, 0);
    expect(overlap).toBeGreaterThan(100);
    expect(report.rejected).toBe(report.badRows.length + overlap);
    const ids = new Map<string, number>();
    for (const f of dataFiles(dirA)) {
      const [header, ...rows] = await readRows(path.join(dirA, f));
      const col = (header ?? []).findIndex((h) =>
        ['信访件编号', '事项编号', '编号'].includes(h.trim()),
      );
      for (const r of rows)
        if (r[col] !== '') ids.set(r[col] as string, (ids.get(r[col] as string) ?? 0) + 1);
    }
    expect(new Set(ids.keys())).toEqual(
      new Set([
        ...sampleTruth().map((r) => r.case_id),
        ...report.badRows.map((b) => b.caseId).filter((id) => id !== ''),
      ]),
    );
  });

  it('carry ID numbers with valid check digits, in the ID columns and in the free text', async () => {
    let checked = 0;
    for (const f of dataFiles(dirA)) {
      const [header, ...rows] = await readRows(path.join(dirA, f));
      const idCol = (header ?? []).findIndex((h) =>
        ['信访人证件号码', '身份证号'].includes(h.trim()),
      );
      const textCol = (header ?? []).findIndex((h) =>
        ['诉求内容', '反映内容', '信访内容'].includes(h.trim()),
      );
      expect(idCol, f).toBeGreaterThanOrEqual(0);
      for (const r of rows) {
        const id = r[idCol] as string;
        if (id !== '') {
          expect(isResidentId(id), id).toBe(true);
          checked++;
        }
        for (const m of (r[textCol] ?? '').matchAll(/\d{17}[\dX]/g)) {
          expect(isResidentId(m[0]), m[0]).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(2500);
  });

  it('scale with --records (same layout, exact total)', async () => {
    const dir = path.join(tmp, 'scaled');
    const scaled = await writeSample({ out: dir, seed: 3, records: 6000 });
    expect(scaled.published).toBe(6000);
    expect(dataFiles(dir)).toEqual(dataFiles(dirA));
  });

  it('refuse to overwrite a folder holding other data files', async () => {
    const dir = path.join(tmp, 'foreign');
    await writeSample({ out: dir, seed: 1, records: 300 });
    rmSync(path.join(dir, MANIFEST));
    await expect(writeSample({ out: dir, seed: 1, records: 300 })).rejects.toThrow(/不是示例数据/);
  });
});
