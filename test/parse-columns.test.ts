import { describe, expect, it } from 'vitest';
import {
  INPUT_COLUMNS,
  columnForHeader,
  columnSpecs,
  normaliseHeader,
  resolveHeaders,
  toHalfWidth,
  type InputColumn,
} from '../src/lib/columns.ts';

describe('header normalisation', () => {
  it('trims, removes inner and full-width spaces, folds full-width characters', () => {
    expect(normaliseHeader('  登记日期 ')).toBe('登记日期');
    expect(normaliseHeader('登\u3000记　日期')).toBe('登记日期');
    expect(normaliseHeader('\uFEFF信访件编号')).toBe('信访件编号');
    expect(normaliseHeader('ＣＡＳＥ＿ＩＤ')).toBe('case_id');
    expect(toHalfWidth('（１２３）')).toBe('(123)');
  });

  it('finds every canonical name and every contract alias', () => {
    for (const [column, spec] of Object.entries(INPUT_COLUMNS)) {
      expect(columnForHeader(column)).toBe(column);
      for (const alias of spec.aliases) expect(columnForHeader(alias), alias).toBe(column);
    }
    expect(columnForHeader('　信访　形式　')).toBe('channel');
    expect(columnForHeader('Registered_On')).toBe('registered_on');
    expect(columnForHeader('备注')).toBeUndefined();
  });
});

describe('resolveHeaders', () => {
  it('places columns, lists unknown headers as written', () => {
    const result = resolveHeaders(['编号', ' 信访日期', '形式', '备注 ', '', '走访去向']);
    expect(result.positions).toEqual({ case_id: 0, registered_on: 1, channel: 2, level: 5 });
    expect(result.unknown).toEqual(['备注']);
    expect(result.ambiguous).toEqual({});
  });

  it('reports a column named twice', () => {
    const result = resolveHeaders(['登记日期', '信访日期']);
    expect(result.ambiguous).toEqual({ registered_on: ['登记日期', '信访日期'] });
  });

  it('lets mapping overrides win over aliases and ignore headers', () => {
    const overrides = new Map<string, InputColumn | null>([
      ['留言时间', 'registered_on'],
      ['编号', 'petitioner_id'],
      ['回复内容', null],
    ]);
    const result = resolveHeaders(['编号', '留言时间', '回复内容', '事项编号'], overrides);
    expect(result.positions).toEqual({ petitioner_id: 0, registered_on: 1, case_id: 3 });
    expect(result.unknown).toEqual([]);
  });
});

describe('the column table (src/lib/columns.json)', () => {
  it('reads each row as kind, required or optional, then the aliases with the label first', () => {
    expect(columnSpecs({ due_on: ['date', 'optional', '办理期限', '到期日期'] })).toEqual({
      due_on: {
        kind: 'date',
        required: false,
        aliases: ['办理期限', '到期日期'],
        label: '办理期限',
      },
    });
    expect(INPUT_COLUMNS.case_id).toMatchObject({
      kind: 'id',
      required: true,
      label: '信访件编号',
    });
    // @ts-expect-error InputColumn is the union of the table's keys, not any string
    const unknown: InputColumn = 'due_date';
    expect(Object.hasOwn(INPUT_COLUMNS, unknown)).toBe(false);
  });

  it('rejects a bad row, naming the column', () => {
    expect(() =>
      columnSpecs({ a: ['text', 'optional', 'A'], due_on: ['datum', 'optional', 'x'] }),
    ).toThrow('columns.json, column due_on: kind "datum" is not one of id, date, vocabulary');
    expect(() => columnSpecs({ closed_on: ['date', true, '办结日期'] })).toThrow(
      'columns.json, column closed_on: true where required or optional belongs',
    );
    expect(() => columnSpecs({ unit: ['text', 'optional'] })).toThrow(
      'columns.json, column unit: no alias',
    );
    expect(() => columnSpecs({ unit: ['text', 'optional', '责任单位', 3] })).toThrow(
      'columns.json, column unit: every alias must be a non-empty string',
    );
  });
});
