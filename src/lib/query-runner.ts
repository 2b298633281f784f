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
