import { describe, expect, it } from 'vitest';
import { BuildError } from '../scripts/data/build-error.ts';
import { errorKind, withoutQuotedText } from '../scripts/data/engine-error.ts';

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
