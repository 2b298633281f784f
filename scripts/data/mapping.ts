/**
 * Mapping files (docs/mapping.md): per file-name pattern, which header feeds which column and
 * what value a column the export lacks takes.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  INPUT_COLUMNS,
  isInputColumn,
  normaliseHeader,
  PII_COLUMNS,
  type InputColumn,
} from '../../src/lib/columns.ts';
import {
  isProblem,
  parseBoolean,
  parseDay,
  parsePersons,
  parseVocabulary,
  type VocabularyColumn,
} from '../../src/lib/parse-values.ts';
import { BuildError } from './build-error.ts';
import { personalRouteProblem } from './mapping-privacy.ts';

export interface FileMapping {
  match: string;
  /** Normalised header → column (null: ignore the header). */
  columns: Map<string, InputColumn | null>;
  defaults: Partial<Record<InputColumn, string>>;
}

export interface Mapping {
  file: string;
  entries: FileMapping[];
}

export const MAPPING_FILE_NAME = 'mapping.json';

/** Columns no default may fill: ids and personal data come from the export or not at all. */
const NO_DEFAULT: ReadonlySet<InputColumn> = new Set(PII_COLUMNS);

function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'i');
}

export function mappingFor(mapping: Mapping | null, fileName: string): FileMapping | undefined {
  return mapping?.entries.find((entry) => globToRegExp(entry.match).test(fileName));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const COLUMN_LIST = Object.keys(INPUT_COLUMNS).join(', ');

function defaultIsValid(column: InputColumn, value: string): boolean {
  const kind = INPUT_COLUMNS[column].kind;
  if (kind === 'vocabulary') {
    const parsed = parseVocabulary(column as VocabularyColumn, value);
    return parsed !== null && !isProblem(parsed);
  }
  if (kind === 'date') return !isProblem(parseDay(value));
  if (kind === 'boolean') return !isProblem(parseBoolean(value));
  if (kind === 'persons') return !isProblem(parsePersons(value));
  return value.trim() !== '';
}

/** Validates parsed JSON; every problem names the mapping file and where in it. */
export function parseMapping(json: unknown, file: string): Mapping {
  const fail = (where: string, what: string): never => {
    throw new BuildError(`映射文件 ${file} 有误：${where}${what}（格式见 docs/mapping.md）`);
  };
  if (!isRecord(json)) return fail('', '应是一个 JSON 对象');
  for (const key of Object.keys(json)) {
    if (key !== 'files' && key !== 'comment') fail(`"${key}"`, ' 不是可用的键（可用：files、comment）');
  }
  if (!Array.isArray(json['files'])) return fail('files', ' 应是数组');
  const entries = (json['files'] as unknown[]).map((entry, index): FileMapping => {
    const at = `files[${index}]`;
    if (!isRecord(entry)) return fail(at, ' 应是对象');
    for (const key of Object.keys(entry)) {
      if (!['match', 'columns', 'defaults', 'comment'].includes(key)) {
        fail(`${at}."${key}"`, ' 不是可用的键（可用：match、columns、defaults、comment）');
      }
    }
    const match = entry['match'];
    if (typeof match !== 'string' || match.trim() === '') {
      return fail(`${at}.match`, ' 应是文件名模式，如 "留言板*.csv"');
    }
    const columns = new Map<string, InputColumn | null>();
    const columnsJson = entry['columns'] ?? {};
    if (!isRecord(columnsJson)) return fail(`${at}.columns`, ' 应是对象：{"表头": "列名"}');
    for (const [header, column] of Object.entries(columnsJson)) {
      if (column !== null && (typeof column !== 'string' || !isInputColumn(column))) {
        fail(`${at}.columns."${header}"`, ` 的列名不可用（可用：${COLUMN_LIST}，或 null 表示忽略）`);
      }
      const personalRoute = personalRouteProblem(header, column as InputColumn | null);
      if (personalRoute) fail(`${at}.columns."${header}"`, personalRoute);
      columns.set(normaliseHeader(header), column as InputColumn | null);
    }
    const defaults: Partial<Record<InputColumn, string>> = {};
    const defaultsJson = entry['defaults'] ?? {};
    if (!isRecord(defaultsJson)) return fail(`${at}.defaults`, ' 应是对象：{"列名": "值"}');
    for (const [column, value] of Object.entries(defaultsJson)) {
      if (!isInputColumn(column)) {
        fail(`${at}.defaults."${column}"`, ` 不是列名（可用：${COLUMN_LIST}）`);
        continue;
      }
      if (NO_DEFAULT.has(column)) fail(`${at}.defaults."${column}"`, ' 不能设默认值');
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        fail(`${at}.defaults."${column}"`, ' 的值应是文本');
      }
      const text = String(value);
      if (!defaultIsValid(column, text)) {
        fail(`${at}.defaults."${column}"`, ` 的值不可用（${INPUT_COLUMNS[column].label}）`);
      }
      defaults[column] = text;
    }
    return { match: match.trim(), columns, defaults };
  });
  return { file, entries };
}

/**
 * The mapping in force: `--mapping FILE` when given (it must exist), else mapping.json in the
 * input folder when present, else none.
 */
export async function loadMapping(
  explicitFile: string | undefined,
  inputDir: string,
): Promise<Mapping | null> {
  const file = explicitFile ?? path.join(inputDir, MAPPING_FILE_NAME);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    if (explicitFile === undefined) return null;
    throw new BuildError(`找不到映射文件 ${file}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new BuildError(`映射文件 ${file} 不是有效的 JSON：请检查逗号、引号和括号（格式见 docs/mapping.md）`);
  }
  return parseMapping(json, file);
}
