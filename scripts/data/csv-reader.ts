/** Reading a CSV file's records in this thread: decode (known encoding), parse, hash. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { CsvParser, detectDelimiter, type RecordHandler } from './csv-parser.ts';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

export const READ_CHUNK = 1 << 20;

interface ChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

function nativeDecoder(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

/**
 * GB18030 goes through Node's own decoder when it has one (ICU: several times faster, same
 * WHATWG mapping — the tests compare the two), else through iconv-lite.
 */
export function createDecoder(encoding: TextEncoding, preferNative = true): ChunkDecoder {
  const native = preferNative || encoding !== 'gb18030';
  const decoder = native ? nativeDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding) : null;
  if (!decoder) {
    const iconvDecoder = iconv.getDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding);
    return { write: (chunk) => iconvDecoder.write(chunk), end: () => iconvDecoder.end() ?? '' };
  }
  return {
    write: (chunk) => decoder.decode(chunk, { stream: true }),
    end: () => decoder.decode(),
  };
}

export interface CsvStreamResult {
  sha256: string;
  bytes: number;
  /** False when the file decoded to no text at all. */
  hadText: boolean;
}

/**
 * Streams the records of a CSV to `onRecord`; `afterChunk` runs after each chunk of the file
 * (a worker waits there when the main thread falls behind). Throws CsvSyntaxError.
 */
export async function streamCsvRecords(
  file: string,
  encoding: TextEncoding,
  onRecord: RecordHandler,
  options: { afterChunk?: () => Promise<void> | void } = {},
): Promise<CsvStreamResult> {
  const afterChunk = options.afterChunk ?? (() => {});
  const decoder = createDecoder(encoding);
  const hash = createHash('sha256');
  let bytes = 0;
  let parser: CsvParser | undefined;
  const feed = (text: string): void => {
    if (text === '') return;
    if (!parser) {
      const end = text.search(/[\r\n]/);
      const delimiter = detectDelimiter(end < 0 ? text : text.slice(0, end));
      parser = new CsvParser(onRecord, delimiter);
    }
    parser.push(text);
  };
  const stream = createReadStream(file, { highWaterMark: READ_CHUNK });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    feed(decoder.write(chunk));
    await afterChunk();
  }
  feed(decoder.end());
  parser?.end();
  await afterChunk();
  return { sha256: hash.digest('hex'), bytes, hadText: parser !== undefined };
}
