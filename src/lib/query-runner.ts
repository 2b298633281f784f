/** A value bound to a `?` placeholder. Queries never splice values into SQL text. */
export type SqlParam = string | number | boolean;

/** Query results hold only these: SQL casts counts to INTEGER and dates to VARCHAR. */
export type SqlValue = string | number | boolean | null;
export type SqlRow = Record<string, SqlValue>;

export interface Query {
  sql: string;
  params: readonly SqlParam[];
}

/** Runs one query against the published database; the Node and browser engines both implement it. */
export type QueryRunner = (query: Query) => Promise<SqlRow[]>;

/** Engines hand back bigints for 64-bit integers and Date-like numbers; rows leave as plain values. */
export function toSqlRow(row: Record<string, unknown>): SqlRow {
  const out: SqlRow = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === null || value === undefined) out[key] = null;
    else if (typeof value === 'bigint') out[key] = Number(value);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out[key] = value;
    } else out[key] = String(value);
  }
  return out;
}
