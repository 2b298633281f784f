/** The published dataset as CSV for analysts: one query and one writer, for the command and the site. */
import type { Query, SqlRow } from './query-runner.ts';
import { RECORD_COLUMNS } from './schema.ts';
import { spreadsheetSafeSql } from './spreadsheet-safe.ts';
import { join, name, sql } from './sql.ts';

export const EXPORT_COLUMNS = Object.keys(RECORD_COLUMNS);

/** A column as the export writes it; the types are the published schema's. */
function columnSql(column: string, type: string): Query {
  const value = name(`r.${column}`);
  const as = name(column);
  if (type.startsWith('DATE')) return sql`strftime(${value}, '%Y-%m-%d') AS ${as}`;
  if (type.startsWith('VARCHAR[]')) {
    // NULL for no tags in both engines (DuckDB 1.4 and 1.5 disagree on an empty list's string).
    const joined = spreadsheetSafeSql(sql`array_to_string(${value}, ';')`);
    return sql`CASE WHEN len(${value}) = 0 THEN NULL ELSE ${joined} END AS ${as}`;
  }
  if (type.startsWith('BOOLEAN')) return sql`CASE WHEN ${value} THEN '是' ELSE '否' END AS ${as}`;
  if (type.startsWith('VARCHAR')) {
    return sql`${spreadsheetSafeSql(sql`CAST(${value} AS VARCHAR)`)} AS ${as}`;
  }
  return value;
}

/**
 * Tags joined with ';', booleans 是/否, dates YYYY-MM-DD, texts (ENUM columns read as text) safe
 * from formula injection; `petitioner` is the published number, valid within one build.
 */
export function exportQuery(): Query {
  const columns = Object.entries(RECORD_COLUMNS).map(([column, type]) => columnSql(column, type));
  return sql`SELECT ${join(columns, ', ')}
  FROM records r
  ORDER BY ALL`;
}

function cell(value: SqlRow[string]): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** UTF-8 with BOM, so Excel and WPS open the Chinese text as it is: the bytes data:export writes. */
export function toCsv(rows: readonly SqlRow[]): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const row of rows) {
    lines.push(EXPORT_COLUMNS.map((column) => cell(row[column] ?? null)).join(','));
  }
  return `\uFEFF${lines.join('\n')}\n`;
}
