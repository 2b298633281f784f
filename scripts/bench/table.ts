/** Plain-text tables for the terminal: CJK characters count as two columns. */
const width = (text: string): number =>
  [...text].reduce((sum, char) => sum + (char.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);

export function textTable(rows: readonly (readonly string[])[]): string {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) =>
    Math.max(0, ...rows.map((row) => width(row[column] ?? ''))),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell + ' '.repeat(Math.max(0, (widths[column] ?? 0) - width(cell))))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export const ms = (value: number): string =>
  Number.isNaN(value) ? '—' : `${Math.round(value)} ms`;
export const kb = (value: number): string =>
  Number.isNaN(value) ? '—' : `${(value / 1024).toFixed(1)} KB`;
export const mb = (value: number): string =>
  Number.isNaN(value) ? '—' : `${(value / 1024 / 1024).toFixed(2)} MB`;
