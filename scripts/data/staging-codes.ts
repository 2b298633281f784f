/**
 * Small vocabulary values travel to DuckDB packed into one INTEGER per row (fast to append);
 * SQL unpacks them. One table of fields keeps the JS packing and the SQL decoding in step.
 */
import {
  ACCEPTANCES,
  CHANNELS,
  LEVELS,
  PURPOSES,
  RECORD_TYPES,
  SATISFACTIONS,
  SOURCES,
} from '../../src/lib/schema.ts';
import type { Query } from '../../src/lib/query-runner.ts';
import { list, sql } from '../../src/lib/sql.ts';

interface PackedField {
  shift: number;
  bits: number;
  /** Code → value; code 0 is NULL when `nullable`. */
  values: readonly string[];
  nullable: boolean;
}

export const PACKED = {
  record_type: { shift: 0, bits: 1, values: RECORD_TYPES, nullable: false },
  channel: { shift: 1, bits: 2, values: CHANNELS, nullable: false },
  level: { shift: 3, bits: 2, values: LEVELS, nullable: false },
  purpose: { shift: 5, bits: 3, values: PURPOSES, nullable: true },
  source: { shift: 8, bits: 2, values: SOURCES, nullable: false },
  acceptance: { shift: 10, bits: 2, values: ACCEPTANCES, nullable: false },
  satisfaction: { shift: 12, bits: 2, values: SATISFACTIONS, nullable: false },
} as const satisfies Record<string, PackedField>;

export type PackedColumn = keyof typeof PACKED;

/** is_repeat: 0 no, 1 yes, 2 derive from the records (the file had no such column). */
export const REPEAT_SHIFT = 14;
export const REPEAT_DERIVE = 2;
export const FLAG_SHIFTS = {
  leader_received: 16,
  leader_case: 17,
  supervised: 18,
  resolved: 19,
} as const;
/** Index into the category list (schema vocabulary + site extras). */
export const CATEGORY_SHIFT = 20;
/** Category index meaning: the export's own label is the class (a label in no vocabulary). */
export const OWN_CATEGORY = 255;

const CODE_OF = Object.fromEntries(
  Object.entries(PACKED).map(([column, field]) => [
    column,
    new Map(field.values.map((value, index) => [value, field.nullable ? index + 1 : index])),
  ]),
) as Record<PackedColumn, Map<string, number>>;

/** The packed bits of a vocabulary value (0 for NULL in a nullable field). */
export function packValue(column: PackedColumn, value: string | null): number {
  if (value === null) return 0;
  const code = CODE_OF[column].get(value);
  if (code === undefined) throw new Error(`no code for a ${column} value`);
  return code << PACKED[column].shift;
}

/** SQL expression (over column `codes`) giving a packed field's value. */
export function unpackSql(column: PackedColumn): Query {
  const field = PACKED[column];
  const code = sql`((codes >> ${field.shift}) & ${(1 << field.bits) - 1})`;
  return sql`${list(field.values)}[${field.nullable ? code : sql`${code} + 1`}]`;
}

export function flagSql(shift: number): Query {
  return sql`((codes >> ${shift}) & 1) = 1`;
}
