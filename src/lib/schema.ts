/**
 * What the data build publishes (public/data/) and what every reader of it may rely on:
 * the report command, the site's build and DuckDB-WASM in the browser.
 */
import type { BuildSettings } from './build-settings.ts';
import type { Query } from './query-runner.ts';
import { columnType, join, name, sql } from './sql.ts';

export const CHANNELS = ['来信', '来访', '网上信访', '电话'] as const;
export const LEVELS = ['进京', '赴省', '到市', '本级'] as const;
export const RECORD_TYPES = ['登记', '劝返'] as const;
export const PURPOSES = ['求决', '投诉', '建议', '揭发控告', '咨询'] as const;
export const SOURCES = ['本级登记', '国家系统转送', '省系统转送', '上级交办'] as const;
export const ACCEPTANCES = ['受理', '不予受理', '不再受理', '待受理'] as const;
export const SATISFACTIONS = ['满意', '基本满意', '不满意', '未评价'] as const;
export const CATEGORIES = [
  '农村农业',
  '自然资源',
  '城乡建设',
  '劳动和社会保障',
  '卫生健康',
  '教育',
  '经济管理',
  '市场监管',
  '交通运输',
  '民政与应急',
  '政法',
  '军队事务',
  '科技与信息产业',
  '生态环境',
  '文体旅游',
  '党务政务',
  '组织人事',
  '纪检监察',
  '其他',
] as const;

export type Channel = (typeof CHANNELS)[number];
export type Level = (typeof LEVELS)[number];

/** Files inside the published data folder (default public/data/). */
export const PUBLISHED_FILES = {
  database: 'petitions.duckdb',
  manifest: 'manifest.json',
  rejects: 'rejects.csv',
  alerts: 'alerts.json',
  alertsBriefing: 'alerts-briefing.json',
} as const;

/**
 * Table `records` of the published database: one row per published petition record.
 * Never: case_id, names, phones, addresses, ID numbers, free text, pseudonyms.
 * Dates are DATE; booleans BOOLEAN (never NULL); `petitioner` is NULL when the export had none.
 * The types here are what readers may rely on; RECORD_ENUM_COLUMNS are stored as ENUMs.
 */
export const RECORD_COLUMNS = {
  registered_on: 'DATE NOT NULL',
  record_type: 'VARCHAR NOT NULL',
  channel: 'VARCHAR NOT NULL',
  level: 'VARCHAR NOT NULL',
  persons: 'INTEGER NOT NULL',
  category: 'VARCHAR NOT NULL',
  /** The export's own label (a renamed or unknown one beside the class it counts under). */
  category_raw: 'VARCHAR NOT NULL',
  subcategory: 'VARCHAR',
  tags: 'VARCHAR[] NOT NULL',
  purpose: 'VARCHAR',
  region: 'VARCHAR NOT NULL',
  unit: 'VARCHAR',
  source: 'VARCHAR NOT NULL',
  acceptance: 'VARCHAR NOT NULL',
  accepted_on: 'DATE',
  due_on: 'DATE',
  closed_on: 'DATE',
  satisfaction: 'VARCHAR NOT NULL',
  is_repeat: 'BOOLEAN NOT NULL',
  leader_received: 'BOOLEAN NOT NULL',
  leader_case: 'BOOLEAN NOT NULL',
  supervised: 'BOOLEAN NOT NULL',
  resolved: 'BOOLEAN NOT NULL',
  /**
   * A dense number (1, 2, …) per petitioner, in the order of the keyed hash of their ID number
   * (scripts/data/pseudonym.ts): it links one person's records within one build and says
   * nothing about the person; the hash itself is never published.
   */
  petitioner: 'UINTEGER',
} as const;

export type RecordColumn = keyof typeof RECORD_COLUMNS;

/**
 * The text columns `records` stores as ENUM types (one to two bytes a row, and long runs once
 * sorted): type `record_<column>` lists the published values in text order, so ORDER BY and the
 * values read back are those of VARCHAR; a filter compares as text, so a value the data lacks
 * matches nothing.
 */
export const RECORD_ENUM_COLUMNS = [
  'record_type',
  'channel',
  'level',
  'category',
  'category_raw',
  'subcategory',
  'purpose',
  'region',
  'unit',
  'source',
  'acceptance',
  'satisfaction',
] as const satisfies readonly RecordColumn[];

export type RecordEnumColumn = (typeof RECORD_ENUM_COLUMNS)[number];

export function recordEnumType(column: RecordEnumColumn): string {
  return `record_${column}`;
}

/**
 * The statement that makes a column's ENUM type from the values `values` (a query with column
 * `v`) returns; an ENUM needs one value at least, so '' stands in when there is none.
 */
export function recordEnumTypeSql(column: RecordEnumColumn, values: Query, schema = ''): Query {
  return enumTypeSql(`${schema}${recordEnumType(column)}`, values);
}

/**
 * `CREATE TYPE type AS ENUM` of the values `values` (a query of one column `v`) holds, sorted. An
 * ENUM needs one value at least: '' stands in when the data has none (no tags, say).
 */
export function enumTypeSql(type: string, values: Query): Query {
  return sql`CREATE TYPE ${name(type)} AS ENUM (
  WITH present AS (SELECT DISTINCT v FROM (${values}) WHERE v IS NOT NULL)
  SELECT v FROM present UNION ALL SELECT '' WHERE NOT EXISTS (FROM present) ORDER BY v)`;
}

/** A table definition's columns: `name TYPE, …` (types as storedRecordColumns gives them). */
export function columnsSql(columns: Readonly<Record<string, string>>): Query {
  return join(
    Object.entries(columns).map(([column, type]) => sql`${name(column)} ${columnType(type)}`),
    ', ',
  );
}

/** RECORD_COLUMNS as stored: each ENUM column with its type (`schema` qualifies the name). */
export function storedRecordColumns(schema = ''): Record<RecordColumn, string> {
  const enums = new Set<string>(RECORD_ENUM_COLUMNS);
  return Object.fromEntries(
    Object.entries(RECORD_COLUMNS).map(([column, type]) => [
      column,
      enums.has(column)
        ? type.replace('VARCHAR', `${schema}${recordEnumType(column as RecordEnumColumn)}`)
        : type,
    ]),
  ) as Record<RecordColumn, string>;
}

export interface ManifestInput {
  file: string;
  sha256: string;
  bytes: number;
  format: 'csv' | 'xlsx';
  encoding: string;
  read: number;
  published: number;
  rejected: number;
  unknownColumns: string[];
}

/** Whether the export carried a column: every file, some (named), or none (coverage.ts). */
export interface ColumnCoverage {
  carried: 'all' | 'some' | 'none';
  /** Files whose header carried it (when 'some'). */
  files: string[];
  /** Files where a mapping default filled it instead (not counted as carried). */
  defaults: string[];
}

/** One export label and the class its rows count under. */
export interface CategoryLabel {
  label: string;
  category: string;
  rows: number;
  /** 'rename': a configured rename; 'own': in no vocabulary, kept as its own class; 'hidden': see parse-values.ts. */
  how: 'rename' | 'own' | 'hidden';
}

/**
 * The published layout's version: raised whenever the tables change (the dashboard's pre-aggregated
 * tables included), so a site is never built from data published by an older build.
 */
export const SCHEMA_VERSION = 4;

/** Why a site cannot be built from this published data, or null when it can. */
export function manifestVersionProblem(
  manifest: { schemaVersion?: unknown },
  dir: string,
): string | null {
  if (manifest.schemaVersion === SCHEMA_VERSION) return null;
  return `${dir} 中的数据由旧版本发布（数据格式 ${String(manifest.schemaVersion ?? '未知')}，本站点需要 ${SCHEMA_VERSION}）。请重新运行 npm run build:data。`;
}

export interface Manifest {
  builtAt: string;
  inputs: ManifestInput[];
  published: number;
  rejected: number;
  dateRange: { from: string; to: string } | null;
  /** Values that were not in a vocabulary, by column: value → count (values that are not PII). */
  vocabularyMisses: Record<string, Record<string, number>>;
  files: { database: string; rejects: string; alerts?: string; alertsBriefing?: string };
  /** Alerts in alerts.json (all months), and of its last month. */
  alerts?: { total: number; lastMonth: number };
  /** Per input column: which files carried it. */
  columns: Record<string, ColumnCoverage>;
  /** Labels that are not a class as written: renamed, kept as their own class, or hidden. */
  categoryLabels: CategoryLabel[];
  /** The settings frozen into the published data (build-settings.ts); readers refuse others. */
  settings: BuildSettings;
  schemaVersion: typeof SCHEMA_VERSION;
}
