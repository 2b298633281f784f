/**
 * The one SQL builder. Every value is a bound `?` parameter; the only SQL text that varies is
 * chosen from fixed names (`name` checks them). Results hold only INTEGER / VARCHAR / BOOLEAN and
 * nothing newer than DuckDB 1.4 is used: the same statements run in Node and in DuckDB-WASM.
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

const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

/** A column or table name as SQL text: only plain lower-case identifiers (`d.region`) pass. */
export function name(identifier: string): Query {
  if (!IDENTIFIER.test(identifier)) throw new Error(`不是合法的SQL名称：${identifier}`);
  return { sql: identifier, params: [] };
}

/** Queries joined by a separator (', ', ' AND ', '\nUNION ALL\n'). */
export function join(parts: readonly Query[], separator: string): Query {
  return {
    sql: parts.map((part) => part.sql).join(separator),
    params: parts.flatMap((part) => part.params),
  };
}

export const EMPTY: Query = { sql: '', params: [] };
