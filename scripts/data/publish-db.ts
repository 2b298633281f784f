/**
 * From the staging tables to the published database: petitioners numbered by first appearance,
 * is_repeat derived where the export had no such column (a 登记 of the same petitioner on the same
 * category within the previous `repeatWindowMonths` calendar months), records sorted for compression:
 * by registered_on, then accepted_on (which with due_on then runs in long RLE stretches) and
 * closed_on. Strings compress by dictionary whatever the order.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { PETITIONER_COLUMNS, RECORD_COLUMNS } from '../../src/lib/schema.ts';
import {
  CATEGORY_SHIFT,
  FLAG_SHIFTS,
  OWN_CATEGORY,
  REPEAT_DERIVE,
  REPEAT_SHIFT,
  flagSql,
  sqlList,
  sqlString,
  unpackSql,
} from './staging-codes.ts';

/** DuckDB-WASM 1.4.3 reads this storage version; newer ones it does not. */
export const STORAGE_VERSION = 'v1.4.0';
export const PUBLISHED_CATALOG = 'pub';

function tableDefinition(columns: Record<string, string>): string {
  return Object.entries(columns)
    .map(([name, type]) => `${name} ${type}`)
    .join(', ');
}

const day = (column: string): string =>
  `CASE WHEN ${column} >= 0 THEN (DATE '1970-01-01' + ${column})::DATE END`;

function dictionary(name: string, valueSql = 'value'): string {
  return `(SELECT id, ${valueSql} AS value FROM dictionary WHERE name = ${sqlString(name)})`;
}

export async function attachPublished(connection: DuckDBConnection, file: string): Promise<void> {
  await connection.run(
    `ATTACH ${sqlString(file)} AS ${PUBLISHED_CATALOG} (STORAGE_VERSION '${STORAGE_VERSION}')`,
  );
}

export async function createPublishedTables(
  connection: DuckDBConnection,
  categories: readonly string[],
  repeatWindowMonths: number,
): Promise<void> {
  if (!Number.isInteger(repeatWindowMonths) || repeatWindowMonths < 1) {
    throw new Error(`重复信访的回溯月数应为正整数：${repeatWindowMonths}`);
  }
  const pub = PUBLISHED_CATALOG;
  await connection.run(`
    CREATE TABLE petitioner_numbers AS
    SELECT pseudonym, row_number() OVER (ORDER BY first_on, pseudonym)::UINTEGER AS petitioner
    FROM (SELECT pseudonym, min(reg) AS first_on FROM staging
          WHERE pseudonym <> '' GROUP BY pseudonym)`);
  await connection.run(`CREATE TABLE ${pub}.petitioners (${tableDefinition(PETITIONER_COLUMNS)})`);
  await connection.run(
    `INSERT INTO ${pub}.petitioners SELECT petitioner, pseudonym FROM petitioner_numbers ORDER BY petitioner`,
  );

  const flags = Object.entries(FLAG_SHIFTS)
    .map(([name, shift]) => `${flagSql(shift)} AS ${name}`)
    .join(',\n           ');
  await connection.run(`CREATE TABLE ${pub}.records (${tableDefinition(RECORD_COLUMNS)})`);
  // reg is a day number; a day the earlier month lacks (02-29) becomes that month's last day.
  await connection.run(
    `
    INSERT INTO ${pub}.records
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
                                    >= (DATE '1970-01-01' + reg - to_months(?::INTEGER))::DATE,
                              false)
                  ELSE rep = 1 END AS derived_repeat
      FROM base
      WINDOW earlier AS (PARTITION BY petitioner, cat ORDER BY reg, file_index, line
                         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
    )
    SELECT ${day('f.reg')} AS registered_on,
           ${unpackSql('record_type')} AS record_type,
           ${unpackSql('channel')} AS channel,
           ${unpackSql('level')} AS level,
           f.persons,
           CASE WHEN f.cat = ${OWN_CATEGORY} THEN lb.value
                ELSE ${sqlList(categories)}[f.cat + 1] END AS category,
           lb.value AS category_raw,
           sub.value AS subcategory,
           coalesce(tg.value, []::VARCHAR[]) AS tags,
           ${unpackSql('purpose')} AS purpose,
           rg.value AS region,
           un.value AS unit,
           ${unpackSql('source')} AS source,
           ${unpackSql('acceptance')} AS acceptance,
           ${day('f.acc')} AS accepted_on,
           ${day('f.due')} AS due_on,
           ${day('f.closed')} AS closed_on,
           ${unpackSql('satisfaction')} AS satisfaction,
           f.derived_repeat AS is_repeat,
           ${flags},
           f.petitioner
    FROM flagged f
    LEFT JOIN ${dictionary('subcategory')} sub ON sub.id = f.subcategory
    LEFT JOIN ${dictionary('tags', 'string_split(value, chr(31))')} tg ON tg.id = f.tags
    LEFT JOIN ${dictionary('region')} rg ON rg.id = f.region
    LEFT JOIN ${dictionary('unit')} un ON un.id = f.unit
    LEFT JOIN ${dictionary('label')} lb ON lb.id = f.label
    ORDER BY f.reg, f.acc, f.closed, f.file_index, f.line`,
    [repeatWindowMonths],
  );
}
