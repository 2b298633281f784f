/**
 * Worker thread: decodes and parses one CSV while the main thread checks and stages the rows
 * (the build's two halves then run on two cores). Records go over as the decoded text plus field
 * offsets — one string copy per chunk instead of one per field — with at most MAX_IN_FLIGHT
 * batches unacknowledged so memory stays flat.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CsvSyntaxError } from './csv-parser.ts';
import { streamCsvRecords, type TextEncoding } from './csv-reader.ts';

/** Records parsed from one piece of text: field i of the batch is text[starts[i], ends[i]). */
export interface CsvBatch {
  type: 'records';
  text: string;
  starts: Int32Array<ArrayBuffer>;
  ends: Int32Array<ArrayBuffer>;
  /** Fields whose value is not a plain slice: [index in the batch, value]. */
  specials: [number, string][];
  /** Fields per record, and the line each record starts on. */
  counts: Int32Array<ArrayBuffer>;
  lines: Int32Array<ArrayBuffer>;
}

export type CsvWorkerMessage =
  | CsvBatch
  | { type: 'done'; sha256: string; bytes: number; hadText: boolean }
  | { type: 'error'; message: string; line: number | null };

const MAX_IN_FLIGHT = 3;
const port = parentPort!;
const { file, encoding } = workerData as { file: string; encoding: TextEncoding };

let text: string | null = null;
let starts: number[] = [];
let ends: number[] = [];
let specials: [number, string][] = [];
let counts: number[] = [];
let lines: number[] = [];
let inFlight = 0;
let wake: (() => void) | null = null;
port.on('message', () => {
  inFlight--;
  wake?.();
  wake = null;
});

function post(): void {
  if (text === null || counts.length === 0) return;
  const batch: CsvBatch = {
    type: 'records',
    text,
    starts: Int32Array.from(starts),
    ends: Int32Array.from(ends),
    specials,
    counts: Int32Array.from(counts),
    lines: Int32Array.from(lines),
  };
  port.postMessage(batch, [batch.starts.buffer, batch.ends.buffer, batch.counts.buffer, batch.lines.buffer]);
  inFlight++;
  text = null;
  starts = [];
  ends = [];
  specials = [];
  counts = [];
  lines = [];
}

async function handOver(): Promise<void> {
  post();
  while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
}

try {
  const result = await streamCsvRecords(
    file,
    encoding,
    (recordText: string, fieldStarts: Int32Array, fieldEnds: Int32Array, fieldSpecials, count, line) => {
      if (recordText !== text) {
        post();
        text = recordText;
      }
      for (let i = 0; i < count; i++) {
        const special = fieldSpecials?.[i];
        if (special !== undefined) specials.push([starts.length, special]);
        starts.push(fieldStarts[i]!);
        ends.push(fieldEnds[i]!);
      }
      counts.push(count);
      lines.push(line);
    },
    { raw: true, afterChunk: handOver },
  );
  post();
  port.postMessage({ type: 'done', ...result } satisfies CsvWorkerMessage);
} catch (error) {
  port.postMessage({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
    line: error instanceof CsvSyntaxError ? error.line : null,
  } satisfies CsvWorkerMessage);
}
port.close();
