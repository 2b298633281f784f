/**
 * Streams accepted rows into an in-memory DuckDB table (data chunks through the Appender: no
 * per-value native calls for numbers, no NULL bitmaps). Small vocabularies arrive packed, text
 * columns as dictionary ids; case and petitioner ids stay text so that DuckDB, not a JS map,
 * finds duplicates and distinct petitioners. Nothing here is ever written to the published file.
 */
import {
  DuckDBDataChunk,
  INTEGER,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBType,
} from '@duckdb/node-api';
import { HmacSha256 } from './hmac-sha256.ts';
import { PSEUDONYM_HEX_DIGITS } from './pseudonym.ts';
import type { ParsedRow } from './row-parser.ts';

export const NONE = -1;

/** Integer staging columns, in table order. Dates are days since 1970-01-01; NONE is NULL. */
const INTEGER_COLUMNS = [
  'seq',
  'file_index',
  'line',
  'reg',
  'acc',
  'due',
  'closed',
  'persons',
  'codes',
  'subcategory',
  'tags',
  'region',
  'unit',
  'miss',
] as const;
/** Text staging columns ('' for none): the case id and the normalised petitioner id. */
const TEXT_COLUMNS = ['case_id', 'pid'] as const;

export const DICTIONARIES = ['subcategory', 'tags', 'region', 'unit', 'miss'] as const;
export type DictionaryName = (typeof DICTIONARIES)[number];

const CHUNK_ROWS = 2048;

/** A string that owns its characters (a slice would keep its whole source chunk alive). */
function detached(text: string): string {
  return (text + ' ').slice(0, -1);
}

export interface Duplicate {
  fileIndex: number;
  line: number;
  firstFileIndex: number;
  firstLine: number;
}

export class StagingWriter {
  private readonly connection: DuckDBConnection;
  private readonly appender: DuckDBAppender;
  private readonly types: DuckDBType[] = [
    ...INTEGER_COLUMNS.map(() => INTEGER),
    ...TEXT_COLUMNS.map(() => VARCHAR),
  ];
  private readonly numbers = INTEGER_COLUMNS.map(() => new Int32Array(CHUNK_ROWS));
  private readonly texts = TEXT_COLUMNS.map(() => new Array<string>(CHUNK_ROWS).fill(''));
  private buffered = 0;
  private rows = 0;
  private readonly dictionaries: Record<DictionaryName, Map<string, number>> = {
    subcategory: new Map(),
    tags: new Map(),
    region: new Map(),
    unit: new Map(),
    miss: new Map(),
  };

  private constructor(connection: DuckDBConnection, appender: DuckDBAppender) {
    this.connection = connection;
    this.appender = appender;
  }

  static async create(connection: DuckDBConnection): Promise<StagingWriter> {
    const columns = [
      ...INTEGER_COLUMNS.map((name) => `${name} INTEGER NOT NULL`),
      ...TEXT_COLUMNS.map((name) => `${name} VARCHAR NOT NULL`),
    ].join(', ');
    await connection.run(`CREATE TABLE staging (${columns})`);
    return new StagingWriter(connection, await connection.createAppender('staging'));
  }

  get rowCount(): number {
    return this.rows;
  }

  private dictionaryId(name: DictionaryName, text: string | null): number {
    if (text === null) return NONE;
    const dictionary = this.dictionaries[name];
    let id = dictionary.get(text);
    if (id === undefined) {
      id = dictionary.size;
      dictionary.set(detached(text), id);
    }
    return id;
  }

  add(row: ParsedRow, fileIndex: number, line: number): void {
    const at = this.buffered;
    const n = this.numbers;
    n[0]![at] = this.rows;
    n[1]![at] = fileIndex;
    n[2]![at] = line;
    n[3]![at] = row.registeredOn;
    n[4]![at] = row.acceptedOn;
    n[5]![at] = row.dueOn;
    n[6]![at] = row.closedOn;
    n[7]![at] = row.persons;
    n[8]![at] = row.codes;
    n[9]![at] = this.dictionaryId('subcategory', row.subcategory);
    n[10]![at] = this.dictionaryId('tags', row.tags);
    n[11]![at] = this.dictionaryId('region', row.region);
    n[12]![at] = this.dictionaryId('unit', row.unit);
    n[13]![at] = this.dictionaryId('miss', row.categoryMiss);
    this.texts[0]![at] = row.caseId;
    this.texts[1]![at] = row.petitionerId ?? '';
    this.rows++;
    this.buffered++;
    if (this.buffered === CHUNK_ROWS) this.flush();
  }

  private flush(): void {
    const count = this.buffered;
    if (count === 0) return;
    const chunk = DuckDBDataChunk.create(this.types, count);
    this.numbers.forEach((buffer, column) => {
      const vector = chunk.getColumnVector(column);
      for (let row = 0; row < count; row++) vector.setItem(row, buffer[row]!);
      vector.flush();
    });
    this.texts.forEach((buffer, index) => {
      const vector = chunk.getColumnVector(INTEGER_COLUMNS.length + index);
      for (let row = 0; row < count; row++) vector.setItem(row, buffer[row]!);
      vector.flush();
    });
    this.appender.appendDataChunk(chunk);
    this.buffered = 0;
  }

  /** Flushes the last rows and loads table `dictionary(name, id, value)`. */
  async finish(): Promise<void> {
    this.flush();
    this.appender.closeSync();
    await this.connection.run(
      'CREATE TABLE dictionary (name VARCHAR NOT NULL, id INTEGER NOT NULL, value VARCHAR NOT NULL)',
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
   * Rows whose case id an earlier row (in read order) already has: handed to `onDuplicate` in
   * read order, then removed. The first one read stands.
   */
  async removeDuplicates(onDuplicate: (duplicate: Duplicate) => void): Promise<void> {
    await this.connection.run(`
      CREATE TABLE duplicates AS
      SELECT seq, file_index, line, first_file_index, first_line FROM (
        SELECT seq, file_index, line,
               first_value(file_index) OVER earlier AS first_file_index,
               first_value(line) OVER earlier AS first_line,
               row_number() OVER earlier AS position
        FROM staging
        WINDOW earlier AS (PARTITION BY case_id ORDER BY seq)
      ) WHERE position > 1`);
    const result = await this.connection.stream(
      'SELECT file_index, line, first_file_index, first_line FROM duplicates ORDER BY seq',
    );
    for await (const rows of result.yieldRowsJs()) {
      for (const [fileIndex, line, firstFileIndex, firstLine] of rows as number[][]) {
        onDuplicate({
          fileIndex: fileIndex!,
          line: line!,
          firstFileIndex: firstFileIndex!,
          firstLine: firstLine!,
        });
      }
    }
    await this.connection.run('DELETE FROM staging WHERE seq IN (SELECT seq FROM duplicates)');
    await this.connection.run('DROP TABLE duplicates');
  }

  /** Table `pseudonyms(pid, pseudonym)`: the keyed hash of every distinct petitioner id. */
  async computePseudonyms(key: Buffer): Promise<void> {
    const hmac = new HmacSha256(key);
    await this.connection.run(
      'CREATE TABLE pseudonyms (pid VARCHAR NOT NULL, pseudonym VARCHAR NOT NULL)',
    );
    const appender = await this.connection.createAppender('pseudonyms');
    const result = await this.connection.stream(
      "SELECT DISTINCT pid FROM staging WHERE pid <> ''",
    );
    for await (const rows of result.yieldRowsJs()) {
      for (const [pid] of rows as string[][]) {
        appender.appendVarchar(pid!);
        appender.appendVarchar(hmac.hex(pid!, PSEUDONYM_HEX_DIGITS));
        appender.endRow();
      }
    }
    appender.closeSync();
  }

  /** Rows left per file after duplicates were removed. */
  async rowsPerFile(): Promise<Map<number, number>> {
    const reader = await this.connection.runAndReadAll(
      'SELECT file_index, count(*)::INTEGER AS n FROM staging GROUP BY file_index',
    );
    return new Map(
      (reader.getRowsJS() as number[][]).map(([fileIndex, count]) => [fileIndex!, count!]),
    );
  }

  /** Category values (as written) that missed the vocabulary, with their counts. */
  async categoryMisses(): Promise<Map<string, number>> {
    const reader = await this.connection.runAndReadAll(`
      SELECT d.value, count(*)::INTEGER AS n
      FROM staging s JOIN dictionary d ON d.name = 'miss' AND d.id = s.miss
      GROUP BY d.value`);
    return new Map(
      (reader.getRowsJS() as [string, number][]).map(([value, count]) => [value, count]),
    );
  }
}
