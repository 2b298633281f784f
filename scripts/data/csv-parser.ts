/**
 * Streaming CSV (RFC 4180 plus what real exports do): quoted fields with commas, quotes ("")
 * and newlines; CRLF, LF or CR line ends. Text arrives in chunks; each record is handed over with
 * the 1-based physical line it starts on.
 */

export type RecordHandler = (fields: string[], line: number) => void;

export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** A single record longer than this is a runaway quote, not data. */
const MAX_RECORD_CHARS = 8 * 1024 * 1024;

export class CsvParser {
  private readonly onRecord: RecordHandler;
  private readonly delimiter: number;
  private pending = '';
  private line = 1;

  constructor(onRecord: RecordHandler, delimiter = ',') {
    this.onRecord = onRecord;
    this.delimiter = delimiter.charCodeAt(0);
  }

  push(chunk: string): void {
    this.pending = this.pending === '' ? chunk : this.pending + chunk;
    this.consume(false);
  }

  end(): void {
    this.consume(true);
    this.pending = '';
  }

  private consume(final: boolean): void {
    const text = this.pending;
    let position = 0;
    while (position < text.length) {
      const next = this.parseRecord(text, position, final);
      if (next < 0) break;
      position = next;
    }
    this.pending = position === 0 ? text : text.slice(position);
    if (!final && this.pending.length > MAX_RECORD_CHARS) {
      throw new CsvSyntaxError('一条记录过长，可能有未闭合的引号', this.line);
    }
  }

  /** Parses one record at `start`; returns where the next begins, or -1 when more text is needed. */
  private parseRecord(text: string, start: number, final: boolean): number {
    const delimiter = this.delimiter;
    const length = text.length;
    const fields: string[] = [];
    let newlines = 0;
    let position = start;
    for (;;) {
      let value: string;
      if (text.charCodeAt(position) === QUOTE) {
        let piece = position + 1;
        value = '';
        for (;;) {
          const close = text.indexOf('"', piece);
          if (close < 0) {
            if (final) throw new CsvSyntaxError('引号未闭合', this.line);
            return -1;
          }
          if (close + 1 >= length && !final) return -1;
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += text.slice(piece, close + 1);
            piece = close + 2;
            continue;
          }
          value += text.slice(piece, close);
          position = close + 1;
          break;
        }
        newlines += countNewlines(value);
        // Text after the closing quote and before the delimiter is kept, as spreadsheets do.
        let end = position;
        while (end < length) {
          const code = text.charCodeAt(end);
          if (code === delimiter || code === LF || code === CR) break;
          end++;
        }
        if (end > position) value += text.slice(position, end);
        position = end;
      } else {
        let end = position;
        while (end < length) {
          const code = text.charCodeAt(end);
          if (code === delimiter || code === LF || code === CR) break;
          end++;
        }
        value = text.slice(position, end);
        position = end;
      }
      fields.push(value);
      if (position >= length) {
        if (!final) return -1;
        this.emit(fields, newlines);
        return position;
      }
      const code = text.charCodeAt(position);
      if (code === delimiter) {
        position++;
        if (position >= length && !final) return -1;
        if (position >= length) {
          fields.push('');
          this.emit(fields, newlines);
          return position;
        }
        continue;
      }
      if (code === CR) {
        if (position + 1 >= length && !final) return -1;
        position += text.charCodeAt(position + 1) === LF ? 2 : 1;
      } else {
        position++;
      }
      this.emit(fields, newlines);
      this.line++;
      return position;
    }
  }

  private emit(fields: string[], newlines: number): void {
    const line = this.line;
    this.line += newlines;
    this.onRecord(fields, line);
  }
}

function countNewlines(value: string): number {
  let count = 0;
  let index = value.indexOf('\n');
  while (index >= 0) {
    count++;
    index = value.indexOf('\n', index + 1);
  }
  if (count === 0 && value.includes('\r')) {
    for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) === CR) count++;
  }
  return count;
}

/** Whether a header line is tab- rather than comma-separated. */
export function detectDelimiter(firstLine: string): ',' | '\t' {
  const tabs = firstLine.split('\t').length;
  const commas = firstLine.split(',').length;
  return tabs > commas ? '\t' : ',';
}
