/** CSV output that Excel opens as UTF-8: BOM, CRLF, fields quoted when they need it. */
import { closeSync, openSync, writeSync } from 'node:fs';

export const BOM = '\uFEFF';

export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(fields: readonly (string | number)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** Appends lines to a file with buffered synchronous writes. */
export class CsvFileWriter {
  private readonly fd: number;
  private buffer: string[] = [];
  private bufferedChars = 0;
  private lines = 0;

  constructor(file: string, header: readonly string[]) {
    this.fd = openSync(file, 'w');
    this.write(BOM + csvLine(header));
  }

  get rowCount(): number {
    return this.lines;
  }

  row(fields: readonly (string | number)[]): void {
    this.lines++;
    this.write(csvLine(fields));
  }

  private write(text: string): void {
    this.buffer.push(text);
    this.bufferedChars += text.length;
    if (this.bufferedChars > 1 << 16) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.bufferedChars = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
