/** The published dataset as CSV for analysts: one query and one writer, for the command and the site. */
import type { Query, SqlRow } from './query-runner.ts';
import { RECORD_COLUMNS } from './schema.ts';

export const EXPORT_COLUMNS = [
  ...Object.keys(RECORD_COLUMNS).filter((column) => column !== 'petitioner'),
  'pseudonym',
] as const;

export function exportQuery(): Query {
  const columns = Object.entries(RECORD_COLUMNS).map(([column, type]) => {
    if (column === 'petitioner') return null;
    if (type.startsWith('DATE')) return `strftime(r.${column}, '%Y-%m-%d') AS ${column}`;
    if (type.startsWith('VARCHAR[]'))
      return `coalesce(array_to_string(r.${column}, ';'), '') AS ${column}`;
    return `r.${column}`;
  });
  return {
    sql: `SELECT ${columns.filter((c) => c !== null).join(', ')}, p.pseudonym
  FROM records r LEFT JOIN petitioners p USING (petitioner)
  ORDER BY ALL`,
    params: [],
  };
}

function cell(value: SqlRow[string]): string {
  if (value === null) return '';
  const text = typeof value === 'boolean' ? (value ? '是' : '否') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** UTF-8 with BOM and CRLF, so Excel and WPS open the Chinese text as it is. */
export function toCsv(rows: readonly SqlRow[]): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const row of rows)
    lines.push(EXPORT_COLUMNS.map((column) => cell(row[column] ?? null)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
