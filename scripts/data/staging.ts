/**
 * Streams accepted rows into an in-memory DuckDB table of integers (data chunks through the
 * Appender: no per-value native calls, no NULL bitmaps). Strings become dictionary ids here;
 * the dictionaries and the petitioner pseudonyms follow as small tables.
 */
import {
  DuckDBDataChunk,
  INTEGER,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBType,
} from '@duckdb/node-api';
import type { ParsedRow } from './row-parser.ts';
import { HmacSha256 } from './hmac-sha256.ts';
import { PSEUDONYM_HEX_DIGITS } from './pseudonym.ts';

export const NONE = -1;

/** Staging columns, in table order. Dates are days since 1970-01-01; NONE stands for NULL. */
const STAGING_COLUMNS = [
  'seq',
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
  'pidx',
] as const;

export const DICTIONARIES = ['subcategory', 'tags', 'region', 'unit'] as const;
export type DictionaryName = (typeof DICTIONARIES)[number];

const CHUNK_ROWS = 2048;

/** A string that owns its characters (a slice would keep its whole source chunk alive). */
function detached(text: string): string {
  return (text + ' ').slice(0, -1);
}

export class StagingWriter {
  private readonly connection: DuckDBConnection;
  private readonly appender: DuckDBAppender;
  private readonly hmac: HmacSha256;
  private readonly types: DuckDBType[] = STAGING_COLUMNS.map(() => INTEGER);
  private readonly buffers = STAGING_COLUMNS.map(() => new Int32Array(CHUNK_ROWS));
  private buffered = 0;
  private rows = 0;
  readonly dictionaries: Record<DictionaryName, Map<string, number>> = {
    subcategory: new Map(),
    tags: new Map(),
    region: new Map(),
    unit: new Map(),
  };
  private readonly petitioners = new Map<string, number>();
  private readonly pseudonyms: string[] = [];

  private constructor(connection: DuckDBConnection, appender: DuckDBAppender, key: Buffer) {
    this.connection = connection;
    this.appender = appender;
    this.hmac = new HmacSha256(key);
  }

  static async create(connection: DuckDBConnection, key: Buffer): Promise<StagingWriter> {
    const columns = STAGING_COLUMNS.map((name) => `${name} INTEGER NOT NULL`).join(', ');
    await connection.run(`CREATE TABLE staging (${columns})`);
    const appender = await connection.createAppender('staging');
    return new StagingWriter(connection, appender, key);
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

  private petitionerIndex(id: string | null): number {
    if (id === null) return NONE;
    let index = this.petitioners.get(id);
    if (index === undefined) {
      index = this.pseudonyms.length;
      this.petitioners.set(detached(id), index);
      this.pseudonyms.push(this.hmac.hex(id, PSEUDONYM_HEX_DIGITS));
    }
    return index;
  }

  add(row: ParsedRow): void {
    const at = this.buffered;
    const b = this.buffers;
    b[0]![at] = this.rows;
    b[1]![at] = row.registeredOn;
    b[2]![at] = row.acceptedOn;
    b[3]![at] = row.dueOn;
    b[4]![at] = row.closedOn;
    b[5]![at] = row.persons;
    b[6]![at] = row.codes;
    b[7]![at] = this.dictionaryId('subcategory', row.subcategory);
    b[8]![at] = this.dictionaryId('tags', row.tags);
    b[9]![at] = this.dictionaryId('region', row.region);
    b[10]![at] = this.dictionaryId('unit', row.unit);
    b[11]![at] = this.petitionerIndex(row.petitionerId);
    this.rows++;
    this.buffered++;
    if (this.buffered === CHUNK_ROWS) this.flush();
  }

  private flush(): void {
    if (this.buffered === 0) return;
    const count = this.buffered;
    const chunk = DuckDBDataChunk.create(this.types, count);
    this.buffers.forEach((buffer, column) => {
      const vector = chunk.getColumnVector(column);
      for (let row = 0; row < count; row++) vector.setItem(row, buffer[row]!);
      vector.flush();
    });
    this.appender.appendDataChunk(chunk);
    this.buffered = 0;
  }

  /** Flushes the rows and loads tables `dictionary(name, id, value)` and `pseudonyms(pidx, pseudonym)`. */
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
    await this.connection.run(
      'CREATE TABLE pseudonyms (pidx INTEGER NOT NULL, pseudonym VARCHAR NOT NULL)',
    );
    const pseudonyms = await this.connection.createAppender('pseudonyms');
    this.pseudonyms.forEach((pseudonym, index) => {
      pseudonyms.appendInteger(index);
      pseudonyms.appendVarchar(pseudonym);
      pseudonyms.endRow();
    });
    pseudonyms.closeSync();
    this.petitioners.clear();
  }
}
