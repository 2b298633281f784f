/** Formula injection (OWASP): every CSV the project writes opens in Excel/WPS as text, not formulas. */
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableToCsv, tableToTsv } from '../src/charts/table.ts';
import { spreadsheetSafe } from '../src/lib/spreadsheet-safe.ts';
import { exportRecords } from '../scripts/data/export.ts';
import {
  build,
  csvText,
  HEADER,
  query,
  row,
  tempFolder,
  testFolders,
  writeInput,
} from './helpers/build-fixtures.ts';

const PAYLOADS = [
  '=HYPERLINK("http://x.cn","点")',
  "+1+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1+1',
  '\r=1+1',
  '-3.2个百分点',
];

/** RFC 4180 fields of one CSV text (quotes, doubled quotes, CRLF or LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
      fields.push(field);
      rows.push(fields);
      fields = [];
      field = '';
    } else field += ch;
  }
  return rows;
}

/** What a spreadsheet shows for a cell written with a leading quote: the value as it was. */
const shown = (cell: string): string => (cell.startsWith("'") ? cell.slice(1) : cell);
const risky = (cell: string): boolean =>
  /^[=+\-@\t\r]/.test(cell) && !/^[+-]?[\d,.]+%?$/.test(cell);

describe('spreadsheetSafe', () => {
  it.each(PAYLOADS)('quotes %j and the value still reads', (payload) => {
    const safe = spreadsheetSafe(payload);
    expect(safe).toBe(`'${payload}`);
    expect(shown(safe)).toBe(payload);
  });

  it('leaves numbers and ordinary text alone', () => {
    for (const text of [
      '-3.2',
      '+5',
      '-12.5%',
      '-1,234',
      '0',
      '城关镇',
      '区住建局',
      "'已有引号",
      '',
    ])
      expect(spreadsheetSafe(text)).toBe(text);
  });

  it('applies to the chart table CSV and the copied TSV', () => {
    const table = {
      headers: ['=属地', '同比'],
      rows: [
        ['@区', '-3.2'],
        ['=1+1', '+5%'],
      ],
    };
    const csv = parseCsv(tableToCsv(table).slice(1));
    expect(csv).toEqual([
      ["'=属地", '同比'],
      ["'@区", '-3.2'],
      ["'=1+1", '+5%'],
    ]);
    expect(tableToTsv(table).split('\n')[2]).toBe("'=1+1\t+5%");
  });
});

describe('the published CSV export and rejects.csv', () => {
  it('neutralise stored formulas, keep negative numbers and the values readable', async () => {
    const folders = testFolders();
    await fs.mkdir(folders.input, { recursive: true });
    const header = [...HEADER, '二级分类', '专项标签'];
    // Sentence punctuation and line breaks are refused as free text before they could be written.
    const stored = PAYLOADS.filter((payload) => !/[!\r]/.test(payload));
    const rows = stored.map((payload) => ({
      ...row(),
      责任单位: payload,
      二级分类: payload,
      问题属地: payload.trim() || '城关镇',
      专项标签: payload.replaceAll(',', ''),
    }));
    await writeInput(folders.input, 'a.csv', csvText(rows as never, header));
    await writeInput(folders.input, '=cmd.csv', csvText([row({ 登记日期: '不是日期' })]));
    await build(folders);
    const units = await query(folders.out, 'SELECT DISTINCT unit FROM records ORDER BY unit');
    const exported = path.join(tempFolder(), 'export.csv');
    await exportRecords({ dataDir: folders.out, outFile: exported });
    const lines = parseCsv(readFileSync(exported, 'utf8').replace(/^\uFEFF/, ''));
    const [head, ...body] = lines;
    const unit = head!.indexOf('unit');
    const persons = head!.indexOf('persons');
    expect(body.map((line) => shown(line[unit]!)).sort()).toEqual(
      units.map((r) => String(r['unit'])).sort(),
    );
    for (const line of body) for (const cell of line) expect(risky(cell), cell).toBe(false);
    expect(body.every((line) => line[persons] === '1')).toBe(true);

    const rejects = parseCsv(readFileSync(path.join(folders.out, 'rejects.csv'), 'utf8').slice(1));
    expect(rejects.find((line) => line[0] === "'=cmd.csv")).toBeDefined();
    for (const line of rejects) for (const cell of line) expect(risky(cell), cell).toBe(false);
  });
});
