/**
 * Streaming CSV (RFC 4180 plus what real exports do): quoted fields with commas, quotes ("")
 * and newlines; CRLF, LF or CR line ends. Text arrives in chunks; each record is handed over
 * with the 1-based physical line it starts on. Fields are found as offsets into the text and
 * sliced only when the record is complete.
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
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private specials: (string | undefined)[] | null = null;
  private count = 0;

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

  private addField(start: number, end: number, special: string | undefined): void {
    if (this.count === this.starts.length) {
      const starts = new Int32Array(this.count * 2);
      const ends = new Int32Array(this.count * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    if (special !== undefined) {
      this.specials ??= [];
      this.specials[this.count] = special;
    }
    this.count++;
  }

  /** Parses one record at `start`; returns where the next begins, or -1 when more text is needed. */
  private parseRecord(text: string, start: number, final: boolean): number {
    const delimiter = this.delimiter;
    const length = text.length;
    let newlines = 0;
    let position = start;
    this.count = 0;
    this.specials = null;
    for (;;) {
      if (text.charCodeAt(position) === QUOTE) {
        // Quoted: the value is the text between the quotes, with "" meaning ".
        const open = position + 1;
        let piece = open;
        let value: string | undefined;
        let close: number;
        for (;;) {
          close = text.indexOf('"', piece);
          if (close < 0) {
            if (final) throw new CsvSyntaxError('引号未闭合', this.line);
            return -1;
          }
          if (close + 1 >= length && !final) return -1;
          if (text.charCodeAt(close + 1) !== QUOTE) break;
          value = (value ?? '') + text.slice(piece, close + 1);
          piece = close + 2;
        }
        if (value !== undefined) value += text.slice(piece, close);
        position = close + 1;
        // Text after the closing quote and before the delimiter is kept, as spreadsheets do.
        let end = position;
        while (end < length) {
          const code = text.charCodeAt(end);
          if (code === delimiter || code === LF || code === CR) break;
          end++;
        }
        if (end > position) value = (value ?? text.slice(open, close)) + text.slice(position, end);
        newlines += countNewlines(text, open, close);
        this.addField(open, close, value);
        position = end;
      } else {
        let end = position;
        while (end < length) {
          const code = text.charCodeAt(end);
          if (code === delimiter || code === LF || code === CR) break;
          end++;
        }
        this.addField(position, end, undefined);
        position = end;
      }
      if (position >= length) {
        if (!final) return -1;
        this.emit(text, newlines);
        return position;
      }
      const code = text.charCodeAt(position);
      if (code === delimiter) {
        position++;
        if (position >= length && !final) return -1;
        if (position >= length) {
          this.addField(position, position, undefined);
          this.emit(text, newlines);
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
      this.emit(text, newlines);
      this.line++;
      return position;
    }
  }

  private emit(text: string, newlines: number): void {
    const line = this.line;
    this.line += newlines;
    const fields = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) {
      fields[i] = this.specials?.[i] ?? text.slice(this.starts[i], this.ends[i]);
    }
    this.onRecord(fields, line);
  }
}

/** Line breaks inside text[from, to): LF and CRLF count once, a lone CR once. */
function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

/** Whether a header line is tab- rather than comma-separated. */
export function detectDelimiter(firstLine: string): ',' | '\t' {
  const tabs = firstLine.split('\t').length;
  const commas = firstLine.split(',').length;
  return tabs > commas ? '\t' : ',';
}
