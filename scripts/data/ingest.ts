/**
 * Reads every export file into staging: files are parsed and checked in worker threads, several
 * at a time (small inputs in this thread), and their batches staged here as they arrive. Read
 * order — file name, then line — is kept in the staged rows, so arrival order does not matter.
 */
import os from 'node:os';
import { promises as fs } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { BuildError } from './build-error.ts';
import { withoutQuotedText } from './engine-error.ts';
import { processFile, type FileJob, type FileRead, type StagingBatch } from './file-reader.ts';
import type { FileWorkerMessage } from './file-worker.ts';
import type { InputFile } from './input-files.ts';
import type { FileMapping } from './mapping.ts';
import type { PersonalValues } from './personal-values.ts';
import type { RejectSink } from './rejects.ts';
import type { StagingWriter } from './staging.ts';

/** Below this much input everything is read in this thread (a worker costs a startup). */
export const WORKER_MIN_BYTES = 8 << 20;

export interface IngestContext {
  staging: StagingWriter;
  rejects: RejectSink;
  personal: PersonalValues;
  categories: readonly string[];
  latestDay: number;
  key: Buffer;
  log: (line: string) => void;
  /** Force (true) or forbid (false) worker threads; by default decided by input size. */
  workers?: boolean;
}

interface Reader {
  fileIndex: number;
  job: FileJob;
}

function runInWorker(
  reader: Reader,
  onBatch: (batch: StagingBatch) => void,
  log: (line: string) => void,
  active: Set<Worker>,
): Promise<FileRead> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./file-worker.ts', import.meta.url), {
      workerData: reader.job,
    });
    active.add(worker);
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      active.delete(worker);
      void worker.terminate();
      reject(error);
    };
    worker.on('message', (message: FileWorkerMessage) => {
      if (settled) return;
      try {
        if (message.type === 'batch') {
          onBatch(message.batch);
          worker.postMessage('ack');
        } else if (message.type === 'progress') {
          log(`  ${reader.job.file.name}：已读 ${message.read} 行`);
        } else if (message.type === 'error') {
          fail(message.buildError ? new BuildError(message.message) : new Error(message.message));
        } else {
          settled = true;
          active.delete(worker);
          resolve(message.read);
        }
      } catch (error) {
        fail(error);
      }
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`file worker exited with code ${code}`)));
  });
}

export async function ingestFiles(
  files: readonly InputFile[],
  mappingFor: (file: InputFile) => FileMapping | undefined,
  context: IngestContext,
): Promise<FileRead[]> {
  const sizes = await Promise.all(files.map(async (file) => (await fs.stat(file.path)).size));
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const useWorkers = context.workers ?? total >= WORKER_MIN_BYTES;
  const parallel = useWorkers ? Math.max(1, Math.min(files.length, os.availableParallelism())) : 1;
  const readers: Reader[] = files.map((file, fileIndex) => ({
    fileIndex,
    job: {
      file,
      mapping: mappingFor(file),
      categories: context.categories,
      latestDay: context.latestDay,
      key: new Uint8Array(context.key),
    },
  }));
  // Workers take the largest files first (even load); one thread goes in file-name order.
  const queue = useWorkers
    ? [...readers].sort((a, b) => sizes[b.fileIndex]! - sizes[a.fileIndex]!)
    : [...readers];
  const active = new Set<Worker>();
  const results: FileRead[] = new Array(files.length);
  let failure: unknown = null;

  const read = async (reader: Reader): Promise<void> => {
    const { fileIndex, job } = reader;
    const onBatch = (batch: StagingBatch): void => {
      context.staging.addBatch(fileIndex, batch);
      for (const r of batch.rejects) {
        context.rejects.add(fileIndex, r.line, r.column, r.kind, r.reason);
      }
    };
    context.log(`读取 ${job.file.name}`);
    const result = useWorkers
      ? await runInWorker(reader, onBatch, context.log, active)
      : await processFile(job, {
          batch: onBatch,
          progress: (count) => context.log(`  ${job.file.name}：已读 ${count} 行`),
          pause: () => {},
        });
    context.personal.merge(result.personal);
    results[fileIndex] = result;
  };

  const lane = async (): Promise<void> => {
    for (let reader = queue.shift(); reader && failure === null; reader = queue.shift()) {
      try {
        await read(reader);
      } catch (error) {
        const name = reader.job.file.name;
        failure ??= withoutQuotedText(error, `“读取 ${name}”`, name);
        for (const worker of active) void worker.terminate();
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  if (failure !== null) throw failure;
  return results;
}
