/**
 * The one SQL builder. Every value is a bound `?` parameter; the only SQL text that varies is
 * chosen from fixed names (`name` checks them) and column types (`columnType`). The one exception
 * is `literal`, for the single place DuckDB takes no parameter. Results hold only INTEGER /
 * VARCHAR / BOOLEAN and nothing newer than DuckDB 1.4 is used: the same statements run in Node
 * and in DuckDB-WASM.
 */
import type { Query, SqlParam } from './query-runner.ts';

/** A query built from a template: each `${value}` becomes a `?`, each `${query}` is inlined. */
export function sql(strings: TemplateStringsArray, ...values: (SqlParam | Query)[]): Query {
  let text = strings[0] ?? '';
  const params: SqlParam[] = [];
  values.forEach((value, i) => {
    if (typeof value === 'object') {
      text += value.sql;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1] ?? '';
  });
  return { sql: text, params };
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*){0,2}$/;

/**
 * A column, table or type name as SQL text: only plain lower-case identifiers pass, qualified
 * by table, schema or catalog at most twice (`d.region`, `pub.records`, `pub.main.record_level`).
 */
export function name(identifier: string): Query {
  if (!IDENTIFIER.test(identifier)) throw new Error(`不是合法的SQL名称：${identifier}`);
  return { sql: identifier, params: [] };
}

const COLUMN_TYPE = /^([A-Z]+(\[\])?|[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*){0,2})( NOT NULL)?$/;

/** A column's type in a table definition: a built-in or named type, `[]`, `NOT NULL` (schema.ts). */
export function columnType(type: string): Query {
  if (!COLUMN_TYPE.test(type)) throw new Error(`不是合法的SQL列类型：${type}`);
  return { sql: type, params: [] };
}

/** Bound values as a list: `[?, ?, …]`. */
export function list(values: readonly SqlParam[]): Query {
  return sql`[${join(
    values.map((value) => sql`${value}`),
    ', ',
  )}]`;
}

/**
 * A string literal, quotes doubled: only for the file name of ATTACH, which DuckDB's grammar
 * takes as a literal alone (`ATTACH ? AS db` is a syntax error in DuckDB 1.4 and 1.5; its
 * options, COPY's target and every other value bind as parameters).
 */
export function literal(text: string): Query {
  return { sql: `'${text.replaceAll("'", "''")}'`, params: [] };
}

/** Queries joined by a separator (', ', ' AND ', '\nUNION ALL\n'). */
export function join(parts: readonly Query[], separator: string): Query {
  return {
    sql: parts.map((part) => part.sql).join(separator),
    params: parts.flatMap((part) => part.params),
  };
}

export const EMPTY: Query = { sql: '', params: [] };
