import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_COLUMNS, NONE, type StagingBatch } from '../scripts/data/file-reader.ts';
import { RejectSink } from '../scripts/data/rejects.ts';
import { StagingWriter } from '../scripts/data/staging.ts';

/**
 * DuckDB's appender flushes every 204,800 rows (100 vectors of 2,048). At 10 million records the
 * duplicate rejections crossed that mark while the duplicates were still being read, and the
 * read stopped there without an error: every duplicate was removed, the ones after the mark were
 * never counted. This many duplicates, staged directly (no file to parse), crosses it again.
 */
const ROWS = 210_000;

function batch(rows: number, caseId: (row: number) => string): StagingBatch {
  const ints = new Int32Array(BATCH_COLUMNS.length * rows);
  for (let row = 0; row < rows; row++) {
    BATCH_COLUMNS.forEach((name, column) => {
      const value =
        name === 'line' ? row + 2 : ['reg', 'acc', 'due', 'closed'].includes(name) ? 19_800 : 1;
      ints[column * rows + row] = ['subcategory', 'tags', 'region', 'unit', 'miss'].includes(name)
        ? NONE
        : value;
    });
  }
  return {
    rows,
    ints,
    caseIds: Array.from({ length: rows }, (_, row) => caseId(row)),
    pseudonyms: Array.from({ length: rows }, () => ''),
    newEntries: { subcategory: [], tags: [], region: [], unit: [], miss: [] },
    rejects: [],
  };
}

describe('duplicates across files', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  });
  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
  });

  it('every duplicate removed is rejected, past the appender’s flush', async () => {
    const staging = await StagingWriter.create(connection);
    const rejects = await RejectSink.create(connection);
    // File 1 repeats every case of file 0, and adds one of its own.
    staging.addBatch(
      0,
      batch(ROWS, (row) => `XF${row}`),
    );
    staging.addBatch(
      1,
      batch(ROWS + 1, (row) => `XF${row}`),
    );
    await staging.finish();

    let handed = 0;
    let misplaced = 0;
    await staging.removeDuplicates(({ fileIndex, line, firstFileIndex, firstLine }) => {
      // Read order: file 1's rows by line, each pointing at the same line of file 0.
      if (fileIndex !== 1 || firstFileIndex !== 0 || line !== handed + 2 || firstLine !== line) {
        misplaced++;
      }
      handed++;
      rejects.add(fileIndex, line, '信访件编号', '重复的编号', 'duplicate');
    });

    expect(handed).toBe(ROWS);
    expect(misplaced).toBe(0);
    expect(rejects.count(0)).toBe(0);
    expect(rejects.count(1)).toBe(ROWS);
    const published = await staging.rowsPerFile();
    expect(published.get(0)).toBe(ROWS);
    expect(published.get(1)).toBe(1);
  });
});
