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
  type HeaderTarget,
  type InputColumn,
} from '../../src/lib/columns.ts';
import {
  isProblem,
  parseBoolean,
  parseDay,
  parsePersons,
  parseVocabulary,
  VOCABULARIES,
  type VocabularyColumn,
} from '../../src/lib/parse-values.ts';
import { BuildError } from './build-error.ts';
import { personalRouteProblem } from './mapping-privacy.ts';

export interface FileMapping {
  match: string;
  /** Normalised header → column, or columns fed by the same header (null: ignore the header). */
  columns: Map<string, HeaderTarget>;
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

/** What a default of `column` may be, for the message that refuses one. */
function allowedValues(column: InputColumn): string {
  const kind = INPUT_COLUMNS[column].kind;
  if (kind === 'vocabulary') {
    const vocabulary = VOCABULARIES[column as VocabularyColumn];
    const aliases = Object.keys(vocabulary.aliases);
    return `可用：${vocabulary.values.join('、')}${aliases.length > 0 ? `（或别名 ${aliases.join('、')}）` : ''}`;
  }
  if (kind === 'date') return '应是日期，如 2024-03-05（不早于 2000-01-01）';
  if (kind === 'boolean') return '可用：是、否（或 Y/N、1/0、true/false）';
  if (kind === 'persons') return '应是正整数，如 1';
  return '不能为空';
}

/** Validates parsed JSON; every problem names the mapping file and where in it. */
export function parseMapping(json: unknown, file: string): Mapping {
  const fail = (where: string, what: string): never => {
    throw new BuildError(`映射文件 ${file} 有误：${where}${what}（格式见 docs/mapping.md）`);
  };
  if (!isRecord(json)) return fail('', '应是一个 JSON 对象');
  for (const key of Object.keys(json)) {
    if (key !== 'files' && key !== 'comment')
      fail(`"${key}"`, ' 不是可用的键（可用：files、comment）');
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
    const columns = new Map<string, HeaderTarget>();
    const columnsJson = entry['columns'] ?? {};
    if (!isRecord(columnsJson)) return fail(`${at}.columns`, ' 应是对象：{"表头": "列名"}');
    for (const [header, column] of Object.entries(columnsJson)) {
      const names = Array.isArray(column) ? (column as unknown[]) : [column];
      const usable =
        (column === null || names.length > 0) &&
        names.every((name) => column === null || (typeof name === 'string' && isInputColumn(name)));
      if (!usable) {
        fail(
          `${at}.columns."${header}"`,
          ` 的列名不可用（可用：${COLUMN_LIST}；多个列用数组，如 ["registered_on", "accepted_on"]；null 表示忽略）`,
        );
      }
      const targets: (InputColumn | null)[] = Array.isArray(column)
        ? [...new Set(column as InputColumn[])]
        : [column as InputColumn | null];
      for (const target of targets) {
        const personalRoute = personalRouteProblem(header, target);
        if (personalRoute) fail(`${at}.columns."${header}"`, personalRoute);
      }
      columns.set(
        normaliseHeader(header),
        Array.isArray(column) ? (targets as InputColumn[]) : (column as HeaderTarget),
      );
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
        fail(
          `${at}.defaults."${column}"`,
          ` 的值“${text}”不可用（${INPUT_COLUMNS[column].label}，${allowedValues(column)}）`,
        );
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
    throw new BuildError(
      `映射文件 ${file} 不是有效的 JSON：请检查逗号、引号和括号（格式见 docs/mapping.md）`,
    );
  }
  return parseMapping(json, file);
}

/** Rules that match no input file, described by name ('files[0]（"留言板*.csv"）'). */
export function unmatchedRules(mapping: Mapping | null, fileNames: readonly string[]): string[] {
  return (mapping?.entries ?? [])
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => !fileNames.some((name) => globToRegExp(entry.match).test(name)))
    .map(({ entry, index }) => `files[${index}]（"${entry.match}"）`);
}
