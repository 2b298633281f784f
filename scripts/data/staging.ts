/**
 * Stages accepted rows in an in-memory DuckDB table: batches from the file readers go in as
 * data chunks (numbers copied in bulk, no NULL bitmaps). Text columns arrive as file-local
 * dictionary ids and are mapped to global ones here; case ids and petitioner pseudonyms stay
 * text so that DuckDB, not a JS map, finds duplicates and distinct petitioners. Raw petitioner
 * ids never get here: the file readers hash them. Nothing here is published.
 */
import {
  DuckDBDataChunk,
  INTEGER,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBType,
} from '@duckdb/node-api';
import {
  BATCH_COLUMNS,
  DICTIONARIES,
  NONE,
  emptyDictionaries,
  type DictionaryName,
  type StagingBatch,
} from './file-reader.ts';
import { join, name, sql } from '../../src/lib/sql.ts';
import { readQuery, runStatement } from '../../src/node/duckdb-node.ts';
import { CATEGORY_SHIFT } from './staging-codes.ts';

/** Staging table: file_index, then the batch columns, then case_id and pseudonym. */
const COLUMNS = ['file_index', ...BATCH_COLUMNS] as const;
const DICTIONARY_COLUMN = Object.fromEntries(
  DICTIONARIES.map((name) => [name, BATCH_COLUMNS.indexOf(name)]),
) as Record<DictionaryName, number>;
const CHUNK_ROWS = 2048;
const DUPLICATE_PAGE_ROWS = 100_000;

export interface Duplicate {
  fileIndex: number;
  line: number;
  firstFileIndex: number;
  firstLine: number;
}

export class StagingWriter {
  private readonly connection: DuckDBConnection;
  private readonly appender: DuckDBAppender;
  private readonly types: DuckDBType[] = [...COLUMNS.map(() => INTEGER), VARCHAR, VARCHAR];
  private readonly dictionaries = emptyDictionaries();
  /** Per file: local dictionary id → global id. */
  private readonly remaps = new Map<number, Record<DictionaryName, number[]>>();
  private rows = 0;

  private constructor(connection: DuckDBConnection, appender: DuckDBAppender) {
    this.connection = connection;
    this.appender = appender;
  }

  static async create(connection: DuckDBConnection): Promise<StagingWriter> {
    const columns = [
      ...COLUMNS.map((column) => sql`${name(column)} INTEGER NOT NULL`),
      sql`case_id VARCHAR NOT NULL`,
      sql`pseudonym VARCHAR NOT NULL`,
    ];
    await runStatement(connection, sql`CREATE TABLE staging (${join(columns, ', ')})`);
    return new StagingWriter(connection, await connection.createAppender('staging'));
  }

  get rowCount(): number {
    return this.rows;
  }

  private remap(fileIndex: number, batch: StagingBatch): Record<DictionaryName, number[]> {
    let remap = this.remaps.get(fileIndex);
    if (!remap) {
      remap = { subcategory: [], tags: [], region: [], unit: [], label: [] };
      this.remaps.set(fileIndex, remap);
    }
    for (const name of DICTIONARIES) {
      const dictionary = this.dictionaries[name];
      for (const value of batch.newEntries[name]) {
        let id = dictionary.get(value);
        if (id === undefined) {
          id = dictionary.size;
          dictionary.set(value, id);
        }
        remap[name].push(id);
      }
    }
    return remap;
  }

  addBatch(fileIndex: number, batch: StagingBatch): void {
    const { rows, ints } = batch;
    if (rows === 0) return;
    const remap = this.remap(fileIndex, batch);
    for (let start = 0; start < rows; start += CHUNK_ROWS) {
      const count = Math.min(CHUNK_ROWS, rows - start);
      const chunk = DuckDBDataChunk.create(this.types, count);
      const fileVector = chunk.getColumnVector(0);
      for (let row = 0; row < count; row++) fileVector.setItem(row, fileIndex);
      fileVector.flush();
      BATCH_COLUMNS.forEach((name, column) => {
        const vector = chunk.getColumnVector(column + 1);
        const offset = column * rows + start;
        const dictionary = (DICTIONARY_COLUMN as Record<string, number | undefined>)[name];
        if (dictionary === undefined) {
          for (let row = 0; row < count; row++) vector.setItem(row, ints[offset + row]!);
        } else {
          const ids = remap[name as DictionaryName];
          for (let row = 0; row < count; row++) {
            const local = ints[offset + row]!;
            vector.setItem(row, local === NONE ? NONE : ids[local]!);
          }
        }
        vector.flush();
      });
      const caseIds = chunk.getColumnVector(COLUMNS.length);
      const pseudonyms = chunk.getColumnVector(COLUMNS.length + 1);
      for (let row = 0; row < count; row++) {
        caseIds.setItem(row, batch.caseIds[start + row]!);
        pseudonyms.setItem(row, batch.pseudonyms[start + row]!);
      }
      caseIds.flush();
      pseudonyms.flush();
      this.appender.appendDataChunk(chunk);
    }
    this.rows += rows;
  }

  /** Closes the appender and loads table `dictionary(name, id, value)`. */
  async finish(): Promise<void> {
    this.appender.closeSync();
    await runStatement(
      this.connection,
      sql`CREATE TABLE dictionary (name VARCHAR NOT NULL, id INTEGER NOT NULL, value VARCHAR NOT NULL)`,
    );
    const dictionary = await this.connection.createAppender('dictionary');
    for (const name of DICTIONARIES) {
      for (const [value, id] of this.dictionaries[name]) {
        dictionary.appendVarchar(name);
        dictionary.appendInteger(id);
        dictionary.appendVarchar(value);
        dictionary.endRow();
      }
    }
    dictionary.closeSync();
  }

  /**
   * Rows whose case id a row read earlier (file-name order, then line) already has: handed to
   * `onDuplicate` in read order, then removed. The first one read stands.
   */
  async removeDuplicates(onDuplicate: (duplicate: Duplicate) => void): Promise<void> {
    await runStatement(
      this.connection,
      sql`
      CREATE TABLE duplicates AS
      SELECT file_index, line, first_file_index, first_line FROM (
        SELECT file_index, line,
               first_value(file_index) OVER earlier AS first_file_index,
               first_value(line) OVER earlier AS first_line,
               row_number() OVER earlier AS position
        FROM staging
        WINDOW earlier AS (PARTITION BY case_id ORDER BY file_index, line)
      ) WHERE position > 1`,
    );
    // Read page by page, each page whole before it is handed over: `onDuplicate` appends to
    // rejects on this connection, and an appender flush (every 204,800 rows) silently ends a
    // streaming result that is still open.
    let after = { file: -1, line: -1 };
    for (;;) {
      const page = await readQuery(
        this.connection,
        sql`SELECT file_index, line, first_file_index, first_line FROM duplicates
         WHERE file_index > ${after.file} OR (file_index = ${after.file} AND line > ${after.line})
         ORDER BY file_index, line LIMIT ${DUPLICATE_PAGE_ROWS}`,
      );
      const rows = page.getRowsJS() as number[][];
      for (const [fileIndex, line, firstFileIndex, firstLine] of rows) {
        onDuplicate({
          fileIndex: fileIndex!,
          line: line!,
          firstFileIndex: firstFileIndex!,
          firstLine: firstLine!,
        });
      }
      const last = rows.at(-1);
      if (!last || rows.length < DUPLICATE_PAGE_ROWS) break;
      after = { file: last[0]!, line: last[1]! };
    }
    await runStatement(
      this.connection,
      sql`DELETE FROM staging USING duplicates d
      WHERE staging.file_index = d.file_index AND staging.line = d.line`,
    );
    await runStatement(this.connection, sql`DROP TABLE duplicates`);
  }

  /** Rows left per file after duplicates were removed. */
  async rowsPerFile(): Promise<Map<number, number>> {
    const reader = await readQuery(
      this.connection,
      sql`SELECT file_index, count(*)::INTEGER AS n FROM staging GROUP BY file_index`,
    );
    return new Map(
      (reader.getRowsJS() as number[][]).map(([fileIndex, count]) => [fileIndex!, count!]),
    );
  }

  /** Rows per category index (OWN_CATEGORY: the label is the class) and the export's label. */
  async categoryLabels(): Promise<{ index: number; label: string; rows: number }[]> {
    const reader = await readQuery(
      this.connection,
      sql`
      SELECT (s.codes >> ${CATEGORY_SHIFT}) & 255 AS cat, d.value, count(*)::INTEGER AS n
      FROM staging s JOIN dictionary d ON d.name = ${'label'} AND d.id = s.label
      GROUP BY ALL ORDER BY n DESC, d.value`,
    );
    return (reader.getRowsJS() as [number, string, number][]).map(([index, label, rows]) => ({
      index,
      label,
      rows,
    }));
  }
}
