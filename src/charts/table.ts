/** The accessible table behind each chart card's 表格 view, and its copy text. */
import { spreadsheetSafe } from '../lib/spreadsheet-safe.ts';

export interface TableData {
  headers: string[];
  rows: string[][];
}

function tsvCell(value: string): string {
  const text = spreadsheetSafe(value);
  return /[\t\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Tab-separated text: pastes into WPS/Excel as cells. */
export function tableToTsv(table: TableData): string {
  return [table.headers, ...table.rows].map((row) => row.map(tsvCell).join('\t')).join('\n');
}

function csvCell(value: string): string {
  const text = spreadsheetSafe(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV with a byte-order mark, so Excel and WPS open the Chinese text as UTF-8. */
export function tableToCsv(table: TableData): string {
  const lines = [table.headers, ...table.rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
