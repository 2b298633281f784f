/** The accessible table behind each chart card's 表格 view, and its copy text. */
export interface TableData {
  headers: string[];
  rows: string[][];
}

function tsvCell(text: string): string {
  return /[\t\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Tab-separated text: pastes into WPS/Excel as cells. */
export function tableToTsv(table: TableData): string {
  return [table.headers, ...table.rows].map((row) => row.map(tsvCell).join('\t')).join('\n');
}
