/**
 * The fail-closed check before publishing: every text value of every published table (list
 * elements included) and of the manifest and rejects file is searched for resident ID numbers,
 * mobile numbers and values of the export's name/phone columns. Findings carry counts only.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { findPii } from '../../src/lib/pii.ts';
import type { PersonalValues } from './personal-values.ts';

export interface PiiFinding {
  /** Table.column or the published file and field. */
  where: string;
  residentIds: number;
  mobiles: number;
  personal: number;
}

/** Columns holding keyed hashes: hex digits, not personal data, and not to be pattern-matched. */
export const HASH_COLUMNS = new Set(['petitioners.pseudonym']);

const NON_TEXT_TYPES =
  /^(BOOLEAN|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*|DATE|TIME.*|TIMESTAMP.*|INTERVAL|UUID)(\[\])?$/;

export function scanTexts(
  where: string,
  values: Iterable<string>,
  personal: PersonalValues,
): PiiFinding | null {
  const finding: PiiFinding = { where, residentIds: 0, mobiles: 0, personal: 0 };
  for (const value of values) {
    const hits = findPii(value);
    finding.residentIds += hits.residentIds;
    finding.mobiles += hits.mobiles;
    if (personal.matches(value.trim())) finding.personal++;
  }
  return finding.residentIds + finding.mobiles + finding.personal > 0 ? finding : null;
}

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Scans the distinct values of every non-numeric column of every table in `catalog`. */
export async function scanDatabase(
  connection: DuckDBConnection,
  catalog: string,
  personal: PersonalValues,
): Promise<PiiFinding[]> {
  const columns = (
    await connection.runAndReadAll(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_catalog = ? ORDER BY table_name, ordinal_position`,
      [catalog],
    )
  ).getRowObjectsJS() as { table_name: string; column_name: string; data_type: string }[];
  const findings: PiiFinding[] = [];
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    const where = `${table}.${column}`;
    if (HASH_COLUMNS.has(where) || NON_TEXT_TYPES.test(type)) continue;
    const source = `${quoteIdentifier(catalog)}.${quoteIdentifier(table)}`;
    const expression = /^VARCHAR\[\]$/.test(type)
      ? `unnest(${quoteIdentifier(column)})`
      : `CAST(${quoteIdentifier(column)} AS VARCHAR)`;
    const reader = await connection.runAndReadAll(
      `SELECT DISTINCT v FROM (SELECT ${expression} AS v FROM ${source}) WHERE v IS NOT NULL`,
    );
    const values = reader.getColumnsJS()[0] ?? [];
    const finding = scanTexts(where, values as string[], personal);
    if (finding) findings.push(finding);
  }
  return findings;
}

export function describeFindings(findings: readonly PiiFinding[]): string {
  return findings
    .map((finding) => {
      const parts = [
        finding.residentIds > 0 ? `疑似身份证号 ${finding.residentIds} 个` : '',
        finding.mobiles > 0 ? `疑似手机号 ${finding.mobiles} 个` : '',
        finding.personal > 0 ? `与姓名/电话列相同的值 ${finding.personal} 个` : '',
      ].filter(Boolean);
      return `${finding.where}：${parts.join('，')}`;
    })
    .join('；');
}
