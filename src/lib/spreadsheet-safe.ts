import type { Query } from './query-runner.ts';
import { sql } from './sql.ts';

/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell that begins with =, +, -, @, a tab
 * or a carriage return is read by Excel and WPS as a formula. Such a text gets a leading single
 * quote, which both show as a text cell holding the value as it was. Plain numbers (-3.2, +5,
 * -12.5%, 1,234) are numbers and stay as they are.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/;

export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** The same rule in SQL, for a VARCHAR expression (both DuckDB engines). */
export function spreadsheetSafeSql(expression: Query): Query {
  return sql`CASE WHEN left(${expression}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) AND NOT regexp_full_match(${expression}, '[+-]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?%?') THEN '''' || ${expression} ELSE ${expression} END`;
}
