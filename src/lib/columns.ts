/**
 * Input columns of a bureau's export (data contract §1): canonical names, Chinese aliases,
 * which are required, and how a header as written is matched to a column.
 */

export type ColumnKind =
  | 'id'
  | 'date'
  | 'vocabulary'
  | 'category'
  | 'persons'
  | 'text'
  | 'tags'
  | 'boolean'
  | 'petitioner'
  | 'pii';

export interface ColumnSpec {
  /** The headers that name the column; the first is its name for bureau staff. */
  aliases: readonly string[];
  kind: ColumnKind;
  required: boolean;
  /** The column's name for bureau staff, used in messages. */
  label: string;
}

type ColumnRow = readonly [ColumnKind, 'required' | 'optional', string, ...string[]];

/** Each column: its kind, whether the export must have it, then its aliases (the label first). */
const COLUMN_ROWS = {
  case_id: ['id', 'required', '信访件编号', '事项编号', '编号'],
  record_type: ['vocabulary', 'optional', '记录类型'],
  registered_on: ['date', 'required', '登记日期', '信访日期'],
  channel: ['vocabulary', 'required', '信访形式', '形式'],
  level: ['vocabulary', 'required', '信访层级', '走访去向', '登记层级'],
  persons: ['persons', 'optional', '人数', '信访人数'],
  category: ['category', 'required', '问题类别', '内容分类', '一级分类'],
  subcategory: ['text', 'optional', '二级分类'],
  tags: ['tags', 'optional', '专项标签', '标签'],
  purpose: ['vocabulary', 'optional', '信访目的'],
  region: ['text', 'required', '问题属地', '属地', '乡镇街道'],
  unit: ['text', 'optional', '责任单位', '办理单位'],
  source: ['vocabulary', 'optional', '来源', '转送来源'],
  acceptance: ['vocabulary', 'optional', '受理情况', '受理状态'],
  accepted_on: ['date', 'optional', '受理日期', '告知日期'],
  due_on: ['date', 'optional', '办理期限', '到期日期'],
  closed_on: ['date', 'optional', '办结日期'],
  satisfaction: ['vocabulary', 'optional', '满意度评价', '评价结果'],
  is_repeat: ['boolean', 'optional', '是否重复', '重复信访'],
  leader_received: ['boolean', 'optional', '领导接访'],
  leader_case: ['boolean', 'optional', '领导包案'],
  supervised: ['boolean', 'optional', '督办', '是否督办'],
  resolved: ['boolean', 'optional', '是否化解', '化解情况'],
  petitioner_id: ['petitioner', 'optional', '信访人证件号码', '身份证号', '信访人编号'],
  petitioner_name: ['pii', 'optional', '信访人姓名', '姓名'],
  phone: ['pii', 'optional', '联系电话', '电话', '手机'],
  address: ['pii', 'optional', '住址', '地址'],
  content: ['pii', 'optional', '诉求内容', '反映内容', '信访内容'],
} as const satisfies Record<string, ColumnRow>;

export type InputColumn = keyof typeof COLUMN_ROWS;

export const INPUT_COLUMNS = Object.fromEntries(
  Object.entries(COLUMN_ROWS).map(([name, [kind, need, ...aliases]]): [string, ColumnSpec] => [
    name,
    { aliases, kind, required: need === 'required', label: aliases[0] },
  ]),
) as Readonly<Record<InputColumn, ColumnSpec>>;

export const INPUT_COLUMN_NAMES = Object.keys(INPUT_COLUMNS) as InputColumn[];

export const REQUIRED_COLUMNS = INPUT_COLUMN_NAMES.filter((name) => INPUT_COLUMNS[name].required);

/** Columns whose values are personal data: read for the privacy check only, never published. */
export const PII_COLUMNS: readonly InputColumn[] = [
  'case_id',
  'petitioner_id',
  'petitioner_name',
  'phone',
  'address',
  'content',
];

export function isInputColumn(name: string): name is InputColumn {
  return Object.hasOwn(INPUT_COLUMNS, name);
}

/** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space become their half-width forms. */
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

export function toHalfWidth(text: string): string {
  if (!FULL_WIDTH.test(text)) return text;
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** A header as compared: half-width, no whitespace anywhere, ASCII lower-cased, no BOM. */
export function normaliseHeader(header: string): string {
  return toHalfWidth(header)
    .replace(/[\s\uFEFF\u200B]+/g, '')
    .toLowerCase();
}

const HEADER_LOOKUP: ReadonlyMap<string, InputColumn> = new Map(
  INPUT_COLUMN_NAMES.flatMap((name) => [
    [normaliseHeader(name), name] as const,
    ...INPUT_COLUMNS[name].aliases.map((alias) => [normaliseHeader(alias), name] as const),
  ]),
);

/** The column a header names by its canonical name or a contract alias, if any. */
export function columnForHeader(header: string): InputColumn | undefined {
  return HEADER_LOOKUP.get(normaliseHeader(header));
}

export interface HeaderResolution {
  /** Position of each column found in the header row. */
  positions: Partial<Record<InputColumn, number>>;
  /** Headers (as written) that feed no column. */
  unknown: string[];
  /** Columns named by more than one header: the headers as written. */
  ambiguous: Partial<Record<InputColumn, string[]>>;
}

/** What a mapping file says a header feeds: a column, several columns, or nothing (null). */
export type HeaderTarget = InputColumn | readonly InputColumn[] | null;

/**
 * Matches a header row to columns. `overrides` (from a mapping file, keys already normalised with
 * normaliseHeader) take precedence over the aliases; an override to `null` ignores the header,
 * one to a list feeds each of its columns from the same header.
 */
export function resolveHeaders(
  headers: readonly string[],
  overrides: ReadonlyMap<string, HeaderTarget> = new Map(),
): HeaderResolution {
  const positions: Partial<Record<InputColumn, number>> = {};
  const unknown: string[] = [];
  const seen = new Map<InputColumn, string[]>();
  headers.forEach((header, index) => {
    const key = normaliseHeader(header);
    if (key === '') return;
    const target = overrides.has(key) ? overrides.get(key) : HEADER_LOOKUP.get(key);
    if (target === null) return;
    if (target === undefined) {
      unknown.push(header.trim());
      return;
    }
    for (const column of typeof target === 'string' ? [target] : target) {
      const written = seen.get(column);
      if (written) {
        written.push(header.trim());
        continue;
      }
      seen.set(column, [header.trim()]);
      positions[column] = index;
    }
  });
  const ambiguous: Partial<Record<InputColumn, string[]>> = {};
  for (const [column, written] of seen) if (written.length > 1) ambiguous[column] = written;
  return { positions, unknown, ambiguous };
}
