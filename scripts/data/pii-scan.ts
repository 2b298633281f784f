/**
 * The fail-closed check before publishing: every text value of every published table (list
 * elements and ENUM types' labels included) and of the manifest and rejects file is searched for identifiers
 * (src/lib/pii.ts) and for values of the export's personal columns; a row's tags are also
 * checked joined together; and the record table's text columns must look like short
 * vocabularies, not free text or per-person values. Findings carry counts only.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { name, sql } from '../../src/lib/sql.ts';
import { readQuery, runQuery } from '../../src/node/duckdb-node.ts';
import {
  PII_KINDS,
  PII_KIND_LABELS,
  findJoinedPii,
  findPii,
  noHits,
  totalHits,
  type PiiHits,
  type PiiKind,
} from '../../src/lib/pii.ts';

/** File names carry dates and serial numbers: only the structured number patterns apply. */
export const FILE_NAME_IGNORES: readonly PiiKind[] = ['qq', 'wechat'];
import { BuildError } from './build-error.ts';
import type { PersonalValues } from './personal-values.ts';

export interface PiiFinding {
  /** Table.column or the published file and field. */
  where: string;
  hits: PiiHits;
  /** Values equal to, or containing, a value of a personal column. */
  personal: number;
  /** Values longer than LONG_VALUE characters or holding sentence punctuation. */
  freeText: number;
  /** Set when most values are different from each other: per-person values. */
  mostlyUnique?: { distinct: number; values: number };
}

/** The table whose text columns must look like vocabularies (the others are built from it). */
const RECORDS = 'records';

/** Published labels are short: a longer value, or one with sentence punctuation, is free text. */
export const LONG_VALUE = 30;
const SENTENCE = /[。！？!?；\n\r]/;
/** With at least this many values in a column, more than half of them distinct is refused. */
export const UNIQUE_MIN_VALUES = 100;
export const UNIQUE_MAX_SHARE = 0.5;

const NON_TEXT_TYPES =
  /^(BOOLEAN|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*|DATE|TIME.*|TIMESTAMP.*|INTERVAL|UUID)(\[\])?$/;

function hasFindings(finding: PiiFinding): boolean {
  return (
    totalHits(finding.hits) + finding.personal + finding.freeText > 0 ||
    finding.mostlyUnique !== undefined
  );
}

export function scanTexts(
  where: string,
  values: Iterable<string>,
  personal: PersonalValues,
  options: { freeText?: boolean; ignore?: readonly PiiKind[] } = {},
): PiiFinding | null {
  const finding: PiiFinding = { where, hits: noHits(), personal: 0, freeText: 0 };
  const kinds = PII_KINDS.filter((kind) => !options.ignore?.includes(kind));
  for (const value of values) {
    const hits = findPii(value);
    for (const kind of kinds) finding.hits[kind] += hits[kind];
    if (personal.matches(value.trim())) finding.personal++;
    if (options.freeText && (value.length > LONG_VALUE || SENTENCE.test(value))) finding.freeText++;
  }
  return hasFindings(finding) ? finding : null;
}

/** Scans the distinct values of every non-numeric column of every table in `catalog`. */
export async function scanDatabase(
  connection: DuckDBConnection,
  catalog: string,
  personal: PersonalValues,
): Promise<PiiFinding[]> {
  const columns = (await runQuery(
    connection,
    sql`SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_catalog = ${catalog} ORDER BY table_name, ordinal_position`,
  )) as { table_name: string; column_name: string; data_type: string }[];
  const findings: PiiFinding[] = [];
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    const where = `${table}.${column}`;
    if (NON_TEXT_TYPES.test(type)) continue;
    // Every published table and column is named by the build (name() checks it): a name it
    // refuses stops the build, as a finding would.
    const source = name(`${catalog}.${table}`);
    const value = name(column);
    const isList = /^VARCHAR\[\]$/.test(type);
    const expression = isList ? sql`unnest(${value})` : sql`CAST(${value} AS VARCHAR)`;
    const values = ((
      await readQuery(
        connection,
        sql`SELECT DISTINCT v FROM (SELECT ${expression} AS v FROM ${source}) WHERE v IS NOT NULL`,
      )
    ).getColumnsJS()[0] ?? []) as string[];
    const isRecords = table === RECORDS;
    const finding = scanTexts(where, values, personal, { freeText: isRecords }) ?? {
      where,
      hits: noHits(),
      personal: 0,
      freeText: 0,
    };
    if (isRecords) {
      const [counts] = await runQuery(
        connection,
        sql`SELECT count(v)::DOUBLE AS n FROM (SELECT ${expression} AS v FROM ${source})`,
      );
      const total = Number(counts?.['n'] ?? 0);
      if (total >= UNIQUE_MIN_VALUES && values.length > total * UNIQUE_MAX_SHARE) {
        finding.mostlyUnique = { distinct: values.length, values: total };
      }
    }
    if (isList) {
      const lists = ((
        await readQuery(
          connection,
          sql`SELECT DISTINCT v FROM (SELECT ${value} AS v FROM ${source}) WHERE len(v) > 1`,
        )
      ).getColumnsJS()[0] ?? []) as string[][];
      for (const list of lists) {
        const joined = findJoinedPii(list);
        const apart = list.map(findPii);
        for (const kind of PII_KINDS) {
          const seen = apart.reduce((sum, hits) => sum + hits[kind], 0);
          finding.hits[kind] += Math.max(0, joined[kind] - seen);
        }
      }
    }
    if (hasFindings(finding)) findings.push(finding);
  }
  const types = (
    await readQuery(
      connection,
      sql`SELECT type_name, labels FROM duckdb_types()
       WHERE database_name = ${catalog} AND logical_type = 'ENUM' AND labels IS NOT NULL ORDER BY type_name`,
    )
  ).getRowObjectsJS() as { type_name: string; labels: string[] }[];
  for (const { type_name: name, labels } of types) {
    const finding = scanTexts(`类型 ${name}`, labels, personal, { freeText: true });
    if (finding) findings.push(finding);
  }
  return findings;
}

/** Column, count and rule for each finding; never a value. */
export function describeFindings(findings: readonly PiiFinding[]): string {
  return findings
    .map((finding) => {
      const parts = [
        ...PII_KINDS.filter((kind) => finding.hits[kind] > 0).map(
          (kind) => `${PII_KIND_LABELS[kind]} ${finding.hits[kind]} 个`,
        ),
        finding.personal > 0
          ? `与个人信息列（姓名/电话/住址）的值相同或包含其值的 ${finding.personal} 个`
          : '',
        finding.freeText > 0
          ? `像自由文本的值（超过 ${LONG_VALUE} 字或含句末标点）${finding.freeText} 个`
          : '',
        finding.mostlyUnique
          ? `像每人各异的值：${finding.mostlyUnique.values} 个值中有 ${finding.mostlyUnique.distinct} 种（超过一半互不相同）`
          : '',
      ].filter(Boolean);
      return `${finding.where}：${parts.join('，')}`;
    })
    .join('；');
}

/**
 * File names go into the manifest and every progress line: one holding an identifier stops the
 * build before anything is read or printed, naming the file by its position only.
 */
export function refusePersonalFileNames(names: readonly string[]): void {
  const problems = names.flatMap((name, index) => {
    const hits = findPii(name.replace(/\.(csv|xlsx)$/i, ''));
    const kinds = PII_KINDS.filter(
      (kind) => hits[kind] > 0 && !FILE_NAME_IGNORES.includes(kind),
    ).map((kind) => PII_KIND_LABELS[kind]);
    return kinds.length > 0 ? [`第 ${index + 1} 个文件（${kinds.join('、')}）`] : [];
  });
  if (problems.length > 0) {
    throw new BuildError(
      `输入文件的文件名含疑似个人信息：按文件名排序的${problems.join('，')}。` +
        '文件名会写进发布的 manifest.json，请改名后再构建（未读取任何文件，先前发布的数据未改动）',
    );
  }
}
