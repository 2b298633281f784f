/**
 * The settings the data build freezes into what it publishes, recorded in manifest.json
 * `settings`: the collective threshold (the pre-aggregated tables, alerts.json), the repeat window
 * (`is_repeat`), the category list and renames and the value vocabularies (`records`), and the
 * 苗头预警 parameters (alerts.json). The site build and the report command compare the record with
 * what the code and src/site.config.ts hold now and refuse data published under other settings.
 */
import type { AlertOptions } from './alerts/options.ts';
import { VOCABULARIES, type VocabularyColumn } from './parse-values.ts';
import { CATEGORIES } from './schema.ts';

/**
 * 重复信访 derived by the build: a 登记 of the same petitioner on the same category registered on
 * or after the same day this many calendar months earlier (DuckDB `date - INTERVAL n MONTH`: a day
 * the earlier month lacks becomes its last day, so 2024-02-29 looks back to 2023-02-28).
 */
export const REPEAT_WINDOW_MONTHS = 12;

export interface RecordedVocabulary {
  values: string[];
  aliases: Record<string, string>;
  empty: string | null;
}

export interface BuildSettings {
  collectiveThreshold: number;
  repeatWindowMonths: number;
  /** The class list in force: the code's CATEGORIES, then site.config.ts `extraCategories`. */
  categories: string[];
  categoryRenames: Record<string, string>;
  vocabularies: Record<VocabularyColumn, RecordedVocabulary>;
  alerts: AlertOptions;
}

/** The parts of src/site.config.ts the data build reads. */
export interface BuildConfig {
  collectiveThreshold: number;
  extraCategories: readonly string[];
  categoryRenames: Readonly<Record<string, string>>;
  alerts: AlertOptions;
}

export function buildSettings(config: BuildConfig): BuildSettings {
  const vocabularies = Object.fromEntries(
    Object.entries(VOCABULARIES).map(([column, vocabulary]) => [
      column,
      {
        values: [...vocabulary.values],
        aliases: { ...vocabulary.aliases },
        empty: vocabulary.empty,
      },
    ]),
  ) as Record<VocabularyColumn, RecordedVocabulary>;
  return {
    collectiveThreshold: config.collectiveThreshold,
    repeatWindowMonths: REPEAT_WINDOW_MONTHS,
    categories: [...new Set([...CATEGORIES, ...config.extraCategories])],
    categoryRenames: { ...config.categoryRenames },
    vocabularies,
    alerts: structuredClone(config.alerts),
  };
}

const CONFIG = 'src/site.config.ts 中';

/** What each recorded setting is, and where its current value comes from. */
const SETTINGS: Record<keyof BuildSettings, { name: string; source: string }> = {
  collectiveThreshold: { name: '集体访人数标准', source: CONFIG },
  repeatWindowMonths: { name: '推算重复信访的回溯月数', source: '程序中' },
  categories: {
    name: '类别表：程序的类别表加 src/site.config.ts 的 extraCategories',
    source: '现在',
  },
  categoryRenames: { name: '类别改名', source: CONFIG },
  vocabularies: { name: '取值范围与取值别名', source: '程序中' },
  alerts: { name: '苗头预警参数', source: CONFIG },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every value at the end of a path (`alerts.floor.batches`); lists are one value. */
function leaves(value: unknown, prefix: string, into: Map<string, unknown>): Map<string, unknown> {
  if (!isRecord(value)) return into.set(prefix, value);
  for (const [key, inner] of Object.entries(value)) leaves(inner, `${prefix}.${key}`, into);
  return into;
}

function valueText(value: unknown): string {
  if (value === undefined) return '（无）';
  if (value === null) return '（空）';
  if (Array.isArray(value)) return value.length === 0 ? '（空）' : value.map(String).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Each differing value: `collectiveThreshold（集体访人数标准）：数据中为 5，src/site.config.ts 中为 8`. */
export function settingDifferences(
  recorded: unknown,
  current: BuildSettings,
): { line: string; key: keyof BuildSettings }[] {
  const lines: { line: string; key: keyof BuildSettings }[] = [];
  const record = isRecord(recorded) ? recorded : {};
  for (const key of Object.keys(SETTINGS) as (keyof BuildSettings)[]) {
    const { name, source } = SETTINGS[key];
    const before = leaves(record[key], key, new Map());
    const now = leaves(current[key], key, new Map());
    for (const path of new Set([...now.keys(), ...before.keys()])) {
      const [was, is] = [before.get(path), now.get(path)];
      if (JSON.stringify(was) === JSON.stringify(is)) continue;
      lines.push({
        key,
        line: `${path}（${name}）：数据中为 ${valueText(was)}，${source}为 ${valueText(is)}`,
      });
    }
  }
  return lines;
}

/**
 * Why data published into `dir` cannot be read under the current settings, or null when it can.
 * `then`: the command to run after rebuilding the data (`npm run build`, `npm run report`).
 */
export function settingsProblem(
  manifest: { settings?: unknown },
  current: BuildSettings,
  dir: string,
  then: string,
): string | null {
  const rebuild = `请用原来的导出文件重新运行 npm run build:data（发布到 ${dir}），再运行 ${then}`;
  if (!isRecord(manifest.settings)) {
    return (
      `${dir} 中的 manifest.json 没有记录发布数据时所用的设置（数据由旧版本的 npm run build:data 发布），` +
      `无法核对集体访人数标准、重复信访的回溯月数、类别表、类别改名、取值范围和苗头预警参数是否与现在一致。${rebuild}。`
    );
  }
  const differences = settingDifferences(manifest.settings, current);
  if (differences.length === 0) return null;
  const configured = differences.some(({ key }) => SETTINGS[key].source === CONFIG);
  return (
    `${dir} 中的数据发布时所用的设置与现在不一致（这些设置在 npm run build:data 时写进了发布的数据，只重建站点或报告会得出互相矛盾的数字）：\n` +
    differences.map(({ line }) => `  ${line}\n`).join('') +
    `${rebuild}${configured ? '；或把 src/site.config.ts 中不同的设置改回数据中的值' : ''}。`
  );
}
