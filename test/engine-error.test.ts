import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { BuildError } from '../scripts/data/build-error.ts';
import { errorKind, errorLine, withoutQuotedText } from '../scripts/data/engine-error.ts';

describe('engine errors reach the user without the text they quote', () => {
  const quoted = new Error('Parser Error: unterminated quoted string at or near "\'区人甄测试员"');

  it('keeps the kind and the step only', () => {
    expect(errorKind(quoted)).toBe('Parser Error');
    expect(errorKind(new RangeError('Invalid array length 13912345678'))).toBe('RangeError');
    const wrapped = withoutQuotedText(quoted, '“派生表”');
    expect(wrapped).toBeInstanceOf(BuildError);
    expect(wrapped.message).toMatch(/^内部错误：“派生表”时出错（Parser Error），未发布任何数据/);
    expect(wrapped.message).not.toContain('甄测试员');
    expect(wrapped.message).not.toContain('区人');
    expect(wrapped.cause).toBe(quoted);
  });

  it('passes a BuildError through', () => {
    const error = new BuildError('文件 a.csv 第 3 行');
    expect(withoutQuotedText(error, 'x')).toBe(error);
  });
});

describe('an engine error with a line number names file and line, never the text', () => {
  it('a DuckDB CSV error on a crafted file', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'engine-error-'));
    const file = path.join(folder, 'a.csv');
    writeFileSync(
      file,
      'case_id,unit\nX1,甲局\nX2,乙局\nX3,区人甄测试员,13912345678,多余\nX4,丙局\n',
    );
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    let caught: unknown;
    try {
      await connection.run(
        `SELECT * FROM read_csv($file, auto_detect = false, header = true, delim = ',', quote = '"', columns = {'case_id': 'VARCHAR', 'unit': 'VARCHAR'}, strict_mode = true, null_padding = false)`,
        { file },
      );
    } catch (error) {
      caught = error;
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    expect(String(caught)).toContain('甄测试员');
    expect(errorLine(caught)).toBe(4);
    const wrapped = withoutQuotedText(caught, '“读取 a.csv”', 'a.csv');
    expect(wrapped.message).toMatch(
      /^内部错误：“读取 a\.csv”时出错（文件 a\.csv 第 4 行，[A-Za-z ]+）/,
    );
    for (const quoted of ['甄测试员', '13912345678', '多余', folder]) {
      expect(wrapped.message).not.toContain(quoted);
    }
  });

  it('takes only a line number, never a long number after "line"', () => {
    expect(errorLine(new Error('Conversion Error at line 13912345678'))).toBeNull();
    expect(errorLine(new Error('CSV Error on Line: 12\nOriginal Line: x'))).toBe(12);
    expect(errorLine(new Error('no position'))).toBeNull();
    expect(withoutQuotedText(new Error('boom'), '“派生表”').message).toMatch(
      /^内部错误：“派生表”时出错（Error），/,
    );
  });
});
