/**
 * Rows the build must reject, written on top of the clean truth (they never change a figure):
 * each names its file, the month after whose rows it is written, and what is wrong with it.
 */
import type { Field } from './layout.ts';
import type { Cell } from './render.ts';

export type BadKind =
  | 'unparseable-date'
  | 'impossible-date'
  | 'bad-persons'
  | 'unknown-channel'
  | 'unknown-level'
  | 'empty-required'
  | 'duplicate-conflicting'
  | 'duplicate-identical';

export const BAD_KIND_LABELS: Readonly<Record<BadKind, string>> = {
  'unparseable-date': '日期无法识别',
  'impossible-date': '日期不存在',
  'bad-persons': '人数不是正整数',
  'unknown-channel': '信访形式不在词表内',
  'unknown-level': '信访层级不在词表内',
  'empty-required': '必填项为空',
  'duplicate-conflicting': '编号重复（内容不同）',
  'duplicate-identical': '编号重复（整行相同）',
};

export interface BadRowSpec {
  file: number;
  month: number;
  kind: BadKind;
  field: Field;
  /** The wrong value written in `field` (fresh-record kinds). */
  value?: Cell;
  /** duplicate-conflicting: repeat the case number of the first record of this month … */
  sourceMonth?: number;
  /** … that is first read from this file, with these cells changed. */
  sourceFile?: number;
  changes?: Partial<Record<Field, Cell>>;
}

/** The bad rows written into file `file` (an index into layout.FILES). */
function inFile(file: number, rows: readonly Omit<BadRowSpec, 'file'>[]): BadRowSpec[] {
  return rows.map((row) => ({ file, ...row }));
}

/** A repeat of the row written just before it, cell for cell. */
function identicalDuplicate(month: number): Omit<BadRowSpec, 'file'> {
  return { month, kind: 'duplicate-identical', field: 'case_id' };
}

/** The case number of an earlier record again, on a row whose cells say otherwise. */
function conflictingDuplicate(
  spec: Required<Pick<BadRowSpec, 'month' | 'sourceMonth' | 'sourceFile' | 'changes'>>,
): Omit<BadRowSpec, 'file'> {
  return {
    month: spec.month,
    kind: 'duplicate-conflicting',
    field: 'case_id',
    sourceMonth: spec.sourceMonth,
    sourceFile: spec.sourceFile,
    changes: spec.changes,
  };
}

/** Month indices: 0 = 2022-01, 12 = 2023-01, 24 = 2024-01; in month order. */
export const BAD_ROWS: readonly BadRowSpec[] = [
  ...inFile(0, [
    { month: 2, kind: 'unparseable-date', field: 'registered_on', value: '2022.3' },
    identicalDuplicate(3),
    { month: 4, kind: 'empty-required', field: 'case_id', value: null },
  ]),
  ...inFile(1, [
    { month: 8, kind: 'bad-persons', field: 'persons', value: 0 },
    { month: 10, kind: 'empty-required', field: 'category', value: null },
    { month: 11, kind: 'unparseable-date', field: 'registered_on', value: '待补录' },
  ]),
  ...inFile(2, [
    { month: 13, kind: 'impossible-date', field: 'registered_on', value: '2023-02-30' },
    { month: 15, kind: 'empty-required', field: 'registered_on', value: null },
    { month: 16, kind: 'unknown-channel', field: 'channel', value: '传真' },
  ]),
  ...inFile(3, [
    conflictingDuplicate({
      month: 18,
      sourceMonth: 14,
      sourceFile: 2,
      changes: { closed_on: null, satisfaction: null, resolved: null },
    }),
    { month: 20, kind: 'empty-required', field: 'channel', value: null },
    identicalDuplicate(21),
    { month: 22, kind: 'bad-persons', field: 'persons', value: '两人' },
  ]),
  ...inFile(4, [
    { month: 24, kind: 'empty-required', field: 'region', value: null },
    { month: 25, kind: 'unknown-level', field: 'level', value: '乡里' },
    { month: 26, kind: 'bad-persons', field: 'persons', value: '-2' },
  ]),
  ...inFile(5, [
    { month: 27, kind: 'empty-required', field: 'level', value: null },
    { month: 29, kind: 'impossible-date', field: 'registered_on', value: '2024/6/31' },
    conflictingDuplicate({
      month: 30,
      sourceMonth: 28,
      sourceFile: 5,
      changes: { category: '其他', subcategory: null },
    }),
    identicalDuplicate(31),
    { month: 32, kind: 'unparseable-date', field: 'registered_on', value: '2024-09' },
  ]),
];
