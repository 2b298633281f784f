/** Workbooks that used to crash or mislead: far cells, ZIP bombs, several or hidden sheets. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { boundSheet } from '../scripts/data/xlsx-guard.ts';
import {
  HEADER,
  build,
  csvText,
  row,
  snapshot,
  testFolders,
  type TestBuild,
} from './helpers/build-fixtures.ts';

const values = (n: number): string[][] => [
  [...HEADER],
  ...Array.from({ length: n }, () => HEADER.map((h) => row()[h] ?? '')),
];

async function workbook(sheets: { name: string; data: string[][] }[]): Promise<Buffer> {
  return writeXlsxFile(
    sheets.map((sheet) => ({
      sheet: sheet.name,
      data: sheet.data.map((line) => line.map((value) => ({ value }))),
    })),
  ).toBuffer();
}

/** The workbook with its files changed by `edit` (path → XML text). */
function patched(xlsx: Buffer, edit: (files: Map<string, string>) => void): Buffer {
  const files = new Map(
    Object.entries(unzipSync(new Uint8Array(xlsx))).map(([name, bytes]) => [
      name,
      strFromU8(bytes),
    ]),
  );
  edit(files);
  return Buffer.from(zipSync(Object.fromEntries([...files].map(([n, t]) => [n, strToU8(t)]))));
}

async function withPrevious(file: string, bytes: Buffer): Promise<TestBuild> {
  const folders = testFolders();
  await fs.mkdir(folders.input, { recursive: true });
  await fs.writeFile(path.join(folders.input, 'a.csv'), csvText([row(), row()]));
  await build(folders);
  await fs.rm(path.join(folders.input, 'a.csv'));
  await fs.writeFile(path.join(folders.input, file), bytes);
  return folders;
}

describe('XLSX with bounded memory', () => {
  it.each(['XFD1048576', 'XFD200000', 'AAA900000', 'XFD3'])(
    'one value at %s past the header is ignored and counted, the records read',
    async (cell) => {
      const xlsx = patched(await workbook([{ name: '信访事项', data: values(2) }]), (files) => {
        const sheet = 'xl/worksheets/sheet1.xml';
        const row = cell.replace(/^[A-Z]+/, '');
        const text = files.get(sheet)!;
        files.set(
          sheet,
          row === '3'
            ? text.replace(
                /(<row r="3"[^>]*>[\s\S]*?)<\/row>/,
                `$1<c r="${cell}" t="inlineStr"><is><t>x</t></is></c></row>`,
              )
            : text.replace(
                '</sheetData>',
                `<row r="${row}"><c r="${cell}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`,
              ),
        );
      });
      expect(unzipSync(new Uint8Array(xlsx))['xl/worksheets/sheet1.xml']).toBeDefined();
      const folders = testFolders();
      await fs.mkdir(folders.input, { recursive: true });
      await fs.writeFile(path.join(folders.input, 'a.xlsx'), xlsx);
      const lines: string[] = [];
      const { manifest } = await build(folders, { log: (line) => lines.push(line) });
      expect(manifest.inputs[0]).toMatchObject({ read: 2, published: 2, rejected: 0 });
      const line = lines.find((l) => l.includes('a.xlsx（xlsx）'));
      expect(line).toContain('表头右侧的 1 个单元格已忽略');
      expect(line).not.toContain('x；');
    },
  );

  it('both far cells at once: XFD1048576 and column XFD of row 3', async () => {
    const xlsx = patched(await workbook([{ name: '信访事项', data: values(3) }]), (files) => {
      const sheet = 'xl/worksheets/sheet1.xml';
      files.set(
        sheet,
        files
          .get(sheet)!
          .replace(
            /(<row r="3"[^>]*>[\s\S]*?)<\/row>/,
            '$1<c r="XFD3" t="inlineStr"><is><t>y</t></is></c></row>',
          )
          .replace(
            '</sheetData>',
            '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
          ),
      );
    });
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await fs.writeFile(path.join(folders.input, 'a.xlsx'), xlsx);
    const lines: string[] = [];
    const { manifest } = await build(folders, { log: (line) => lines.push(line) });
    expect(manifest.inputs[0]).toMatchObject({ read: 3, published: 3, rejected: 0 });
    expect(manifest.published).toBe(3);
    expect(lines.join('\n')).toContain('表头右侧的 2 个单元格已忽略');
  });

  it('a sheet whose header itself is too wide for its rows is still refused', async () => {
    const wide = values(2).map((line, index) => [
      ...line,
      ...Array.from({ length: 300 }, (_, n) => (index === 0 ? `备注${n}` : '')),
    ]);
    const xlsx = patched(await workbook([{ name: '信访事项', data: wide }]), (files) => {
      const sheet = 'xl/worksheets/sheet1.xml';
      files.set(
        sheet,
        files
          .get(sheet)!
          .replace(
            '</sheetData>',
            '<row r="900000"><c r="A900000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
          ),
      );
    });
    const folders = await withPrevious('a.xlsx', xlsx);
    const before = snapshot(folders.out);
    await expect(build(folders)).rejects.toThrow(/工作表“信访事项”有内容远在数据之外/);
    expect(snapshot(folders.out)).toEqual(before);
  });

  it('a value far to the right of the header but in a small grid is still read', async () => {
    const xlsx = patched(await workbook([{ name: '信访事项', data: values(2) }]), (files) => {
      const sheet = 'xl/worksheets/sheet1.xml';
      files.set(
        sheet,
        files
          .get(sheet)!
          .replace(
            '</sheetData>',
            '<row r="4"><c r="ZZ4" t="inlineStr"><is><t>备注</t></is></c></row></sheetData>',
          ),
      );
    });
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await fs.writeFile(path.join(folders.input, 'a.xlsx'), xlsx);
    const { manifest } = await build(folders);
    expect(manifest.inputs[0]!.read).toBe(
      manifest.inputs[0]!.published + manifest.inputs[0]!.rejected,
    );
    expect(manifest.published).toBe(2);
  });

  it('a ZIP that declares a huge expansion is refused before it is expanded', async () => {
    const xlsx = await workbook([{ name: '信访事项', data: values(2) }]);
    // Central directory: uncompressed size of the first entry set to 3 GB.
    const end = xlsx.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const directory = xlsx.readUInt32LE(end + 16);
    xlsx.writeUInt32LE(3 * 1024 * 1024 * 1024, directory + 24);
    const folders = await withPrevious('a.xlsx', xlsx);
    const before = snapshot(folders.out);
    await expect(build(folders)).rejects.toThrow(/解压后过大/);
    expect(snapshot(folders.out)).toEqual(before);
  });
});

describe('workbooks with several sheets', () => {
  it('reads the sheet that holds the header and says which', async () => {
    const xlsx = await workbook([
      { name: '说明', data: [['本表由系统导出'], ['共 3 条']] },
      { name: '数据', data: values(3) },
    ]);
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await fs.writeFile(path.join(folders.input, 'a.xlsx'), xlsx);
    const lines: string[] = [];
    const { manifest } = await build(folders, { log: (line) => lines.push(line) });
    expect(manifest.published).toBe(3);
    expect(lines.some((line) => line.includes('a.xlsx（xlsx，工作表“数据”）：读 3 行'))).toBe(true);
  });

  it('reads a hidden data sheet behind a visible cover sheet', async () => {
    const xlsx = patched(
      await workbook([
        { name: '封面', data: [['信访事项导出']] },
        { name: '隐藏数据', data: values(2) },
      ]),
      (files) => {
        const book = 'xl/workbook.xml';
        files.set(
          book,
          files.get(book)!.replace('name="隐藏数据"', 'name="隐藏数据" state="hidden"'),
        );
      },
    );
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await fs.writeFile(path.join(folders.input, 'a.xlsx'), xlsx);
    const lines: string[] = [];
    const { manifest } = await build(folders, { log: (line) => lines.push(line) });
    expect(manifest.published).toBe(2);
    expect(lines.some((line) => line.includes('工作表“隐藏数据”'))).toBe(true);
  });

  it('a sheet name holding a phone number is never printed', async () => {
    const xlsx = await workbook([
      { name: '说明', data: [['导出说明']] },
      { name: '张三13912345678', data: values(2) },
    ]);
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    await fs.writeFile(path.join(folders.input, 'a.xlsx'), xlsx);
    const lines: string[] = [];
    await build(folders, { log: (line) => lines.push(line) });
    expect(lines.some((line) => line.includes('工作表“第 2 个（名称已隐去）”'))).toBe(true);
    expect(lines.filter((line) => line.includes('13912345678'))).toEqual([]);
  });

  it('refuses two sheets that both hold data, naming them', async () => {
    const xlsx = await workbook([
      { name: '2023年', data: values(2) },
      { name: '2024年', data: values(2) },
    ]);
    const folders = await withPrevious('a.xlsx', xlsx);
    const before = snapshot(folders.out);
    await expect(build(folders)).rejects.toThrow(
      /文件 a\.xlsx 有 2 个工作表都像信访数据（“2023年”、“2024年”）/,
    );
    expect(snapshot(folders.out)).toEqual(before);
  });
});

describe('boundSheet', () => {
  it('drops cells past the header and rows left empty, keeps cells without a reference', () => {
    const xml =
      '<worksheet><dimension ref="A1:XFD1048576"/><sheetData>' +
      '<row r="1" spans="1:16384"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
      '<row r="2"><c r="A2"><v>5</v></c><c r="XFD2"><v>9</v></c></row>' +
      '<row r="3"><c><v>7</v></c><c r="XFD3"><v>9</v></c></row>' +
      '<row r="1048576"><c r="XFD1048576"><v>9</v></c></row>' +
      '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1"/></mergeCells></worksheet>';
    const bounded = boundSheet(xml);
    expect(bounded.ignored).toBe(3);
    expect(bounded.xml).toBe(
      '<worksheet><dimension ref="A1:B3"/><sheetData>' +
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
        '<row r="2"><c r="A2"><v>5</v></c></row>' +
        '<row r="3"><c><v>7</v></c></row>' +
        '</sheetData></worksheet>',
    );
  });
});
