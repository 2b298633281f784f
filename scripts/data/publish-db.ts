/**
 * From the staging tables to the published database: petitioners numbered in the order of their
 * keyed hash (the hash stays here), is_repeat derived where the export had no such column (a 登记
 * of the same petitioner on the same category within the previous `repeatWindowMonths` calendar
 * months), the short text columns as ENUM types, and records sorted for compression: by month,
 * then the vocabulary columns (long runs), then the dates (registered_on, accepted_on, closed_on).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Query } from '../../src/lib/query-runner.ts';
import {
  RECORD_ENUM_COLUMNS,
  columnsSql,
  recordEnumTypeSql,
  storedRecordColumns,
  type RecordEnumColumn,
} from '../../src/lib/schema.ts';
import { join, list, literal, name, sql } from '../../src/lib/sql.ts';
import { runStatement } from '../../src/node/duckdb-node.ts';
import {
  CATEGORY_SHIFT,
  FLAG_SHIFTS,
  OWN_CATEGORY,
  REPEAT_DERIVE,
  REPEAT_SHIFT,
  flagSql,
  unpackSql,
} from './staging-codes.ts';

/** DuckDB-WASM 1.4.3 reads this storage version; newer ones it does not. */
export const STORAGE_VERSION = 'v1.4.0';
/**
 * 64 KiB blocks instead of DuckDB's 256 KiB: a table takes whole blocks, so each of the two dozen
 * small pre-aggregated tables costs 64 KiB, and the browser reads the file a block at a time.
 * Measured at 1M records: 22.0 MB instead of 26.2 MB, a visit to 办理与考核 in Chromium reading
 * 20.9 MB instead of 24.4 MB but in 135 requests instead of 60 (docs/scale.md); 32 KiB blocks were
 * larger again, 16 KiB almost three times the size. DuckDB-WASM 1.4.3 reads it.
 */
export const BLOCK_SIZE = 65_536;
/** The published database's ATTACH options (the build's, and the tests' databases). */
export const PUBLISHED_OPTIONS: Query = sql`STORAGE_VERSION ${STORAGE_VERSION}, BLOCK_SIZE ${BLOCK_SIZE}`;
export const PUBLISHED_CATALOG = 'pub';

const day = (column: string): Query =>
  sql`CASE WHEN ${name(column)} >= 0 THEN (DATE '1970-01-01' + ${name(column)})::DATE END`;

function dictionary(dictionaryName: string, value = sql`value`): Query {
  return sql`(SELECT id, ${value} AS value FROM dictionary WHERE name = ${dictionaryName})`;
}

export async function attachPublished(connection: DuckDBConnection, file: string): Promise<void> {
  await runStatement(
    connection,
    sql`ATTACH ${literal(file)} AS ${name(PUBLISHED_CATALOG)} (${PUBLISHED_OPTIONS})`,
  );
}

/** SQL for each text column, over a staging row `f` with the dictionaries joined as below. */
function textColumns(categories: readonly string[]): Record<RecordEnumColumn, Query> {
  return {
    record_type: unpackSql('record_type'),
    channel: unpackSql('channel'),
    level: unpackSql('level'),
    category: sql`CASE WHEN f.cat = ${OWN_CATEGORY} THEN lb.value
                ELSE ${list(categories)}[f.cat + 1] END`,
    category_raw: sql`lb.value`,
    subcategory: sql`sub.value`,
    purpose: unpackSql('purpose'),
    region: sql`rg.value`,
    unit: sql`un.value`,
    source: unpackSql('source'),
    acceptance: unpackSql('acceptance'),
    satisfaction: unpackSql('satisfaction'),
  };
}

const DICTIONARY_JOINS = sql`
    LEFT JOIN ${dictionary('subcategory')} sub ON sub.id = f.subcategory
    LEFT JOIN ${dictionary('region')} rg ON rg.id = f.region
    LEFT JOIN ${dictionary('unit')} un ON un.id = f.unit
    LEFT JOIN ${dictionary('label')} lb ON lb.id = f.label`;

/**
 * The ENUM types of `records`' text columns, from the values the published rows hold (staging
 * holds exactly the rows to publish): one pass over the distinct code combinations.
 */
async function createRecordTypes(
  connection: DuckDBConnection,
  texts: Record<RecordEnumColumn, Query>,
): Promise<void> {
  const columns = RECORD_ENUM_COLUMNS.map((column) => sql`${texts[column]} AS ${name(column)}`);
  await runStatement(
    connection,
    sql`
    CREATE TEMP TABLE published_texts AS
    SELECT DISTINCT ${join(columns, ',\n           ')}
    FROM (SELECT DISTINCT codes, (codes >> ${CATEGORY_SHIFT}) & 255 AS cat,
                 subcategory, region, unit, label FROM staging) f${DICTIONARY_JOINS}`,
  );
  for (const column of RECORD_ENUM_COLUMNS) {
    await runStatement(
      connection,
      recordEnumTypeSql(
        column,
        sql`SELECT ${name(column)} AS v FROM published_texts`,
        `${PUBLISHED_CATALOG}.main.`,
      ),
    );
  }
  await runStatement(connection, sql`DROP TABLE published_texts`);
}

/**
 * Month first (what a period reads stays in few row groups), then the vocabulary columns, few
 * values each, so that runs of equal values compress to almost nothing; the dates last. Measured
 * at 1M records: 9.96 B/record against 11.80 sorted by date alone (both with ENUMs).
 */
const RECORD_ORDER = sql`date_trunc('month', registered_on), record_type, acceptance, region, unit,
    category, category_raw, subcategory, channel, level, registered_on, accepted_on, closed_on`;

export async function createPublishedTables(
  connection: DuckDBConnection,
  categories: readonly string[],
  repeatWindowMonths: number,
): Promise<void> {
  if (!Number.isInteger(repeatWindowMonths) || repeatWindowMonths < 1) {
    throw new Error(`重复信访的回溯月数应为正整数：${repeatWindowMonths}`);
  }
  const records = name(`${PUBLISHED_CATALOG}.records`);
  await runStatement(
    connection,
    sql`
    CREATE TABLE petitioner_numbers AS
    SELECT pseudonym, row_number() OVER (ORDER BY pseudonym)::UINTEGER AS petitioner
    FROM (SELECT DISTINCT pseudonym FROM staging WHERE pseudonym <> '')`,
  );

  const texts = textColumns(categories);
  await createRecordTypes(connection, texts);
  const flags = join(
    Object.entries(FLAG_SHIFTS).map(([flag, shift]) => sql`${flagSql(shift)} AS ${name(flag)}`),
    ',\n           ',
  );
  await runStatement(
    connection,
    sql`CREATE TABLE ${records} (${columnsSql(storedRecordColumns(`${PUBLISHED_CATALOG}.main.`))})`,
  );
  // reg is a day number; a day the earlier month lacks (02-29) becomes that month's last day.
  const published = sql`
    WITH base AS (
      SELECT s.file_index, s.line, s.reg, s.acc, s.due, s.closed, s.persons, s.codes,
             s.subcategory, s.tags, s.region, s.unit, s.label, pn.petitioner,
             (codes >> ${CATEGORY_SHIFT}) & 255 AS cat,
             codes & 1 AS rt,
             (codes >> ${REPEAT_SHIFT}) & 3 AS rep
      FROM staging s LEFT JOIN petitioner_numbers pn ON pn.pseudonym = s.pseudonym
    ),
    flagged AS (
      SELECT *,
             CASE WHEN rep = ${REPEAT_DERIVE}
                  THEN coalesce(petitioner IS NOT NULL
                                AND DATE '1970-01-01' + max(CASE WHEN rt = 0 THEN reg END) OVER earlier
                                    >= (DATE '1970-01-01' + reg - to_months(${repeatWindowMonths}::INTEGER))::DATE,
                              false)
                  ELSE rep = 1 END AS derived_repeat
      FROM base
      WINDOW earlier AS (PARTITION BY petitioner, cat ORDER BY reg, file_index, line
                         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
    )
    SELECT ${day('f.reg')} AS registered_on,
           ${texts.record_type} AS record_type,
           ${texts.channel} AS channel,
           ${texts.level} AS level,
           f.persons,
           ${texts.category} AS category,
           ${texts.category_raw} AS category_raw,
           ${texts.subcategory} AS subcategory,
           coalesce(tg.value, []::VARCHAR[]) AS tags,
           ${texts.purpose} AS purpose,
           ${texts.region} AS region,
           ${texts.unit} AS unit,
           ${texts.source} AS source,
           ${texts.acceptance} AS acceptance,
           ${day('f.acc')} AS accepted_on,
           ${day('f.due')} AS due_on,
           ${day('f.closed')} AS closed_on,
           ${texts.satisfaction} AS satisfaction,
           f.derived_repeat AS is_repeat,
           ${flags},
           f.petitioner,
           f.file_index, f.line
    FROM flagged f${DICTIONARY_JOINS}
    LEFT JOIN ${dictionary('tags', sql`string_split(value, chr(31))`)} tg ON tg.id = f.tags
  `;
  await runStatement(
    connection,
    sql`
    INSERT INTO ${records}
    SELECT * EXCLUDE (file_index, line) FROM (${published})
    ORDER BY ${RECORD_ORDER}, file_index, line`,
  );
}
