/**
 * Input columns of a bureau's export (data contract §1): canonical names, Chinese aliases,
 * which are required, and how a header as written is matched to a column.
 */
import columnRows from './columns.json' with { type: 'json' };

const COLUMN_KINDS = [
  'id',
  'date',
  'vocabulary',
  'category',
  'persons',
  'text',
  'tags',
  'boolean',
  'petitioner',
  'pii',
] as const;

export type ColumnKind = (typeof COLUMN_KINDS)[number];

export interface ColumnSpec {
  /** The headers that name the column; the first is its name for bureau staff. */
  aliases: readonly string[];
  kind: ColumnKind;
  required: boolean;
  /** The column's name for bureau staff, used in messages. */
  label: string;
}

const isColumnKind = (value: unknown): value is ColumnKind =>
  (COLUMN_KINDS as readonly unknown[]).includes(value);

/**
 * The column table as columns.json writes it, checked: each column's row is its kind, `required`
 * or `optional`, then its aliases (the label first). A bad row throws, naming the column.
 */
export function columnSpecs<K extends string>(
  rows: Readonly<Record<K, readonly unknown[]>>,
): Record<K, ColumnSpec> {
  const specs = {} as Record<K, ColumnSpec>;
  for (const name of Object.keys(rows) as K[]) {
    const [kind, need, ...aliases] = rows[name];
    const fail = (problem: string): Error => new Error(`columns.json, column ${name}: ${problem}`);
    if (!isColumnKind(kind)) {
      throw fail(`kind ${JSON.stringify(kind)} is not one of ${COLUMN_KINDS.join(', ')}`);
    }
    if (need !== 'required' && need !== 'optional') {
      throw fail(`${JSON.stringify(need)} where required or optional belongs`);
    }
    if (!aliases.every((alias): alias is string => typeof alias === 'string' && alias !== '')) {
      throw fail('every alias must be a non-empty string');
    }
    const [label] = aliases;
    if (label === undefined) throw fail('no alias (the first is its label)');
    specs[name] = { aliases, kind, required: need === 'required', label };
  }
  return specs;
}

export type InputColumn = keyof typeof columnRows;

export const INPUT_COLUMNS: Readonly<Record<InputColumn, ColumnSpec>> = columnSpecs(columnRows);

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
