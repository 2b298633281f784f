/**
 * Worker thread: reads, parses and checks one export file (file-reader.ts) while other files
 * are read in other workers and the main thread stages the rows. Batches go over with their
 * integer columns transferred, not copied; at most MAX_IN_FLIGHT wait unacknowledged.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BuildError } from './build-error.ts';
import { processFile, type FileJob, type FileRead, type StagingBatch } from './file-reader.ts';

export type FileWorkerMessage =
  | { type: 'batch'; batch: StagingBatch }
  | { type: 'progress'; read: number }
  | { type: 'done'; read: FileRead }
  | { type: 'error'; message: string; buildError: boolean };

const MAX_IN_FLIGHT = 4;
const port = parentPort!;
let inFlight = 0;
let wake: (() => void) | null = null;
port.on('message', () => {
  inFlight--;
  wake?.();
  wake = null;
});

const send = (message: FileWorkerMessage, transfer: ArrayBuffer[] = []): void =>
  port.postMessage(message, transfer);

try {
  const read = await processFile(workerData as FileJob, {
    batch: (batch) => {
      inFlight++;
      send({ type: 'batch', batch }, [batch.ints.buffer]);
    },
    progress: (count) => send({ type: 'progress', read: count }),
    pause: async () => {
      while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    },
  });
  send({ type: 'done', read }, [read.personal.hashes.buffer]);
} catch (error) {
  send({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
    buildError: error instanceof BuildError,
  });
}
port.close();
