import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDecoder } from '../scripts/data/csv-reader.ts';
import { readCsv } from '../scripts/data/input-files.ts';
import type { Cell } from '../src/lib/parse-values.ts';
import { encode, tempFolder } from './helpers/build-fixtures.ts';
import {
  CsvParser,
  CsvSyntaxError,
  detectDelimiter,
  type RecordHandler,
} from '../scripts/data/csv-parser.ts';

function parse(text: string, chunk = Infinity, delimiter = ','): [string[], number][] {
  const records: [string[], number][] = [];
  const onRecord: RecordHandler = (fields, line) => records.push([fields, line]);
  const parser = new CsvParser(onRecord, delimiter);
  for (let i = 0; i < text.length; i += Math.min(chunk, text.length)) {
    parser.push(text.slice(i, i + Math.min(chunk, text.length)));
  }
  parser.end();
  return records;
}

const SAMPLE =
  'a,b,c\r\n' +
  '1,"x, y",3\r\n' +
  '2,"第一行\r\n第二行\n第三行",4\r\n' +
  '3,"he said ""hi""",\r\n' +
  '\r\n' +
  '4,,"\r\n"\n' +
  '5,last,row';

const EXPECTED: [string[], number][] = [
  [['a', 'b', 'c'], 1],
  [['1', 'x, y', '3'], 2],
  [['2', '第一行\r\n第二行\n第三行', '4'], 3],
  [['3', 'he said "hi"', ''], 6],
  [[''], 7],
  [['4', '', '\r\n'], 8],
  [['5', 'last', 'row'], 10],
];

describe('CsvParser', () => {
  it('handles quotes, embedded commas and newlines, CRLF and LF, with start lines', () => {
    expect(parse(SAMPLE)).toEqual(EXPECTED);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    for (const size of [1, 2, 3, 5, 7, 13])
      expect(parse(SAMPLE, size), `chunk ${size}`).toEqual(EXPECTED);
  });

  it('keeps a trailing empty field and a final newline makes no extra record', () => {
    expect(parse('a,\n')).toEqual([[['a', ''], 1]]);
    expect(parse('a,b\r\nc,d\r\n')).toEqual([
      [['a', 'b'], 1],
      [['c', 'd'], 2],
    ]);
  });

  it('reads tab-separated exports', () => {
    expect(detectDelimiter('编号\t登记日期\t形式')).toBe('\t');
    expect(detectDelimiter('编号,登记日期')).toBe(',');
    expect(parse('a\tb\n1\t"x\ty"\n', Infinity, '\t')).toEqual([
      [['a', 'b'], 1],
      [['1', 'x\ty'], 2],
    ]);
  });

  it('refuses an unterminated quote, naming the line', () => {
    expect(() => parse('a,b\n1,"open\n2,3\n')).toThrowError(CsvSyntaxError);
    try {
      parse('a,b\n1,2\n3,"open\n');
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(3);
    }
  });
});

describe('readCsv', () => {
  const tricky =
    '编号,内容,日期\r\n' +
    'A,"含,逗号",2024-03-05\r\n' +
    'B,"多行\r\n内容 ""引号""",2024-03-06\n' +
    'C,"x"尾巴,2024-03-07\r\n' +
    ',,\r\n' +
    'D,普通,2024-03-08';

  async function records(bytes: Buffer): Promise<[Cell[], number][]> {
    const folder = tempFolder('xf-csv-');
    const file = path.join(folder, 'a.csv');
    await fs.writeFile(file, bytes);
    const seen: [Cell[], number][] = [];
    await readCsv({ name: 'a.csv', path: file, format: 'csv' }, (cells, line) =>
      seen.push([cells, line]),
    );
    return seen;
  }

  it('gives the same records in every encoding', async () => {
    const expected = await records(encode(tricky, 'utf-8'));
    expect(expected.map(([cells]) => cells[1])).toEqual([
      '内容',
      '含,逗号',
      '多行\r\n内容 "引号"',
      'x尾巴',
      '',
      '普通',
    ]);
    expect(expected.map(([, line]) => line)).toEqual([1, 2, 3, 5, 6, 7]);
    for (const encoding of ['utf-8', 'utf-8-bom', 'gb18030'] as const) {
      expect(await records(encode(tricky, encoding)), encoding).toEqual(expected);
    }
  });

  it("decodes GB18030 with Node's decoder as iconv-lite does, chunk boundaries anywhere", () => {
    const text = '信访𠀀€　ａ中文，标点“引号”' + String.fromCodePoint(0x10ffff) + '龘';
    const bytes = encode(text, 'gb18030');
    const decode = (input: Buffer, native: boolean): string => {
      const decoder = createDecoder('gb18030', native);
      let out = '';
      for (let i = 0; i < input.length; i += 3) out += decoder.write(input.subarray(i, i + 3));
      return out + decoder.end();
    };
    expect(decode(bytes, true)).toBe(text);
    expect(decode(bytes, false)).toBe(text);
    // Broken bytes become U+FFFD, never an error.
    expect(decode(Buffer.concat([bytes, Buffer.from([0x81, 0x30, 0xff])]), true)).toMatch(
      /龘\uFFFD/,
    );
  });

  it('reports a syntax error with file and line', async () => {
    await expect(records(encode('a,b\r\n1,2\r\n3,"open\r\n'))).rejects.toThrow(
      /a\.csv 第3行起无法按 CSV 读取（引号未闭合）/,
    );
  });
});
