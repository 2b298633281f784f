/**
 * The data build: export files → published folder (petitions.duckdb, manifest.json, rejects.csv).
 * Nothing is published unless everything succeeded and passed the personal-data check; the
 * previous published folder stays as it was until the final swap.
 */
import { promises as fs, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { AlertOptions } from '../../src/lib/alerts/options.ts';
import { buildSettings } from '../../src/lib/build-settings.ts';
import { INPUT_COLUMNS, type InputColumn } from '../../src/lib/columns.ts';
import { columnCoverage, missingFigures } from '../../src/lib/figure-columns.ts';
import { HIDDEN_LABEL, localDay } from '../../src/lib/parse-values.ts';
import { hasPii } from '../../src/lib/pii.ts';
import {
  PUBLISHED_FILES,
  SCHEMA_VERSION,
  type CategoryLabel,
  type Manifest,
  type ManifestInput,
} from '../../src/lib/schema.ts';
import { alertTexts, briefingFile } from '../../src/lib/alerts/published.ts';
import { deriveAlertsFile } from './alerts-step.ts';
import { BuildError } from './build-error.ts';
import { createDerivedTables } from './derived-tables.ts';
import { withoutQuotedText } from './engine-error.ts';
import { ingestFiles } from './ingest.ts';
import { listInputFiles } from './input-files.ts';
import { loadMapping, mappingFor, unmatchedRules } from './mapping.ts';
import { PersonalValues } from './personal-values.ts';
import {
  FILE_NAME_IGNORES,
  describeFindings,
  refusePersonalFileNames,
  scanDatabase,
  scanTexts,
  type PiiFinding,
} from './pii-scan.ts';
import { loadPseudonymKey } from './pseudonym.ts';
import { PUBLISHED_CATALOG, attachPublished, createPublishedTables } from './publish-db.ts';
import {
  assertReplaceable,
  createTemporaryFolder,
  isProcessAlive,
  removeFolder,
  repairInterrupted,
  swapIn,
} from './publish-folder.ts';
import { RejectSink, duplicateReason } from './rejects.ts';
import { siteConfig } from '../../src/site.config.ts';
import { name, sql } from '../../src/lib/sql.ts';
import { runQuery, runStatement } from '../../src/node/duckdb-node.ts';
import { assertNotEmptied, publishedManifest } from './shrink-guard.ts';
import { StagingWriter } from './staging.ts';
import { OWN_CATEGORY } from './staging-codes.ts';

export interface BuildOptions {
  inputDir: string;
  outDir: string;
  /** --mapping FILE; otherwise mapping.json in the input folder when present. */
  mappingFile?: string | undefined;
  keyFile: string;
  /** The secret from the environment (XINFANG_PSEUDONYM_KEY), preferred over the key file. */
  keyFromEnv?: string | undefined;
  /**
   * The settings frozen into the published data, by default those of src/site.config.ts; the
   * manifest records them (build-settings.ts).
   */
  extraCategories?: readonly string[];
  /** The export's label → class (site.config.ts categoryRenames). */
  categoryRenames?: Readonly<Record<string, string>>;
  collectiveThreshold?: number;
  alerts?: AlertOptions;
  now?: Date;
  log?: (line: string) => void;
  /** Read files in worker threads (true) or not (false); by default decided by input size. */
  workers?: boolean;
  /** --allow-shrink: publish even far fewer records, or a shorter date range, than now published. */
  allowShrink?: boolean;
  /** Runs when everything is built in the temporary folder, just before the swap (tests fail here). */
  beforeSwap?: () => void | Promise<void>;
}

export interface BuildResult {
  manifest: Manifest;
  outDir: string;
  seconds: number;
}

/** Category values that miss the vocabulary are published in the manifest: keep them harmless. */
const MAX_MISS_KEYS = 100;
const MAX_MISS_LENGTH = 30;
const HIDDEN_MISS = HIDDEN_LABEL;

function summariseMisses(
  misses: Map<string, number>,
  personal: PersonalValues,
): Record<string, number> {
  const safe = new Map<string, number>();
  for (const [value, count] of misses) {
    const key =
      value.length > MAX_MISS_LENGTH || hasPii(value) || personal.matches(value)
        ? HIDDEN_MISS
        : value;
    safe.set(key, (safe.get(key) ?? 0) + count);
  }
  const sorted = [...safe].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = sorted.slice(0, MAX_MISS_KEYS);
  const rest = sorted.slice(MAX_MISS_KEYS);
  const result = Object.fromEntries(kept);
  if (rest.length > 0) {
    result[`（其余${rest.length}种取值）`] = rest.reduce((sum, [, count]) => sum + count, 0);
  }
  return result;
}

async function dateRange(connection: DuckDBConnection): Promise<Manifest['dateRange']> {
  const [row] = await runQuery(
    connection,
    sql`SELECT min(registered_on)::VARCHAR AS first, max(registered_on)::VARCHAR AS last FROM ${name(`${PUBLISHED_CATALOG}.records`)}`,
  );
  const first = row?.['first'];
  const last = row?.['last'];
  return typeof first === 'string' && typeof last === 'string' ? { from: first, to: last } : null;
}

/** The labels that are not a class as written, with the class their rows count under. */
function describeLabels(
  labels: readonly { index: number; label: string; rows: number }[],
  categories: readonly string[],
  personal: PersonalValues,
): CategoryLabel[] {
  const result: CategoryLabel[] = [];
  for (const { index, label, rows } of labels) {
    if (index === OWN_CATEGORY) {
      const safe = !personal.matches(label);
      result.push({
        label: safe ? label : HIDDEN_MISS,
        category: safe ? label : HIDDEN_MISS,
        rows,
        how: 'own',
      });
      continue;
    }
    const category = categories[index]!;
    if (label === category) continue;
    result.push({ label, category, rows, how: label === HIDDEN_LABEL ? 'hidden' : 'rename' });
  }
  return result;
}

/** The build's account of the labels: `卫生计生 → 卫生健康：37 行`. */
export function labelLines(labels: readonly CategoryLabel[]): string[] {
  return labels.map((l) =>
    l.how === 'rename'
      ? `  类别改名 ${l.label} → ${l.category}：${l.rows} 行`
      : l.how === 'own'
        ? `  类别 ${l.label} 不在类别表中：${l.rows} 行，按导出的标签单独成类`
        : `  类别标签疑似个人信息或过长，未发布原文：${l.rows} 行，计入 ${l.category}`,
  );
}

/** Columns some or no file carried, for the build's log. */
function coverageLines(coverage: Manifest['columns']): string[] {
  const lines: string[] = [];
  const missing = missingFigures(coverage);
  for (const [column, entry] of Object.entries(coverage)) {
    if (entry.carried === 'all') continue;
    const label = INPUT_COLUMNS[column as InputColumn].label;
    const defaults =
      entry.defaults.length > 0 ? `（映射文件默认值：${entry.defaults.join('、')}）` : '';
    const needed = Object.values(missing).some((reason) => reason?.includes(`“${label}”`));
    lines.push(
      entry.carried === 'none'
        ? `  导出中没有“${label}”列${defaults}${needed ? '：依赖它的指标显示为无数据' : ''}`
        : `  “${label}”列只在部分文件中：${entry.files.join('、')}${defaults}`,
    );
  }
  return lines;
}

const SPILL_PREFIX = 'xinfang-build-';

/** Spill folders of builds that were killed (their process is gone). */
async function removeAbandonedSpillFolders(): Promise<void> {
  const pattern = new RegExp(`^${SPILL_PREFIX}(\\d+)-`);
  for (const name of await fs.readdir(os.tmpdir()).catch(() => [] as string[])) {
    const pid = Number(pattern.exec(name)?.[1] ?? NaN);
    if (Number.isNaN(pid) || isProcessAlive(pid)) continue;
    await fs.rm(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

/** Folders of builds in progress, for removeTemporaryFoldersSync. */
const temporaryFolders = new Set<string>();

/** On Ctrl+C: drops the half-built folders (the published one was never touched). */
export function removeTemporaryFoldersSync(): void {
  for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
  temporaryFolders.clear();
}

export async function buildData(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const userLog = options.log ?? (() => {});
  /** The last progress line, naming the step an engine error happened in. */
  let step = '准备';
  const log = (line: string): void => {
    if (!line.startsWith(' ')) step = `“${line}”`;
    userLog(line);
  };
  const now = options.now ?? new Date();
  const settings = buildSettings({
    collectiveThreshold: options.collectiveThreshold ?? siteConfig.collectiveThreshold,
    extraCategories: options.extraCategories ?? siteConfig.extraCategories,
    categoryRenames: options.categoryRenames ?? siteConfig.categoryRenames,
    alerts: options.alerts ?? siteConfig.alerts,
  });
  const { categories, categoryRenames } = settings;
  if (categories.length > 254) throw new BuildError('问题类别过多（最多 254 类）');
  for (const [label, target] of Object.entries(categoryRenames)) {
    if (!categories.includes(target)) {
      throw new BuildError(
        `类别改名 ${label} → ${target} 有误：${target} 不是类别（可用：${categories.join('、')}，或在 extraCategories 中加入）`,
      );
    }
  }

  const files = await listInputFiles(options.inputDir);
  if (files.length === 0) {
    throw new BuildError(
      `输入目录 ${options.inputDir} 中没有 .csv 或 .xlsx 文件：请放入导出文件，或用 --input 指定目录`,
    );
  }
  refusePersonalFileNames(files.map((file) => file.name));
  const mapping = await loadMapping(options.mappingFile, options.inputDir);
  if (mapping) log(`使用映射文件 ${mapping.file}`);
  const unmatched = unmatchedRules(
    mapping,
    files.map((file) => file.name),
  );
  const unmatchedNote =
    unmatched.length === 0
      ? ''
      : `映射文件 ${mapping?.file ?? ''} 的规则 ${unmatched.join('、')}没有匹配任何输入文件` +
        `（输入文件：${files.map((file) => file.name).join('、')}）：请检查 match 中的文件名模式`;
  if (unmatchedNote !== '') log(`注意：${unmatchedNote}`);
  const key = await loadPseudonymKey({
    envValue: options.keyFromEnv,
    keyFile: options.keyFile,
    log,
  });

  for (const line of await repairInterrupted(options.outDir)) log(line);
  await assertReplaceable(options.outDir);
  const previous = await publishedManifest(options.outDir);
  const folder = await createTemporaryFolder(options.outDir);
  // DuckDB may spill working data to disk: only to a private folder, removed afterwards.
  await removeAbandonedSpillFolders();
  const spill = await fs.mkdtemp(path.join(os.tmpdir(), `${SPILL_PREFIX}${process.pid}-`));
  temporaryFolders.add(folder).add(spill);
  const instance = await DuckDBInstance.create(':memory:', {
    threads: '2',
    memory_limit: '1GB',
    temp_directory: spill,
  });
  const connection = await instance.connect();
  let open = true;
  const close = (): void => {
    if (!open) return;
    open = false;
    connection.closeSync();
    instance.closeSync();
  };
  try {
    const staging = await StagingWriter.create(connection);
    const rejects = await RejectSink.create(connection);
    const personal = new PersonalValues();
    const reads = await ingestFiles(files, (file) => mappingFor(mapping, file.name), {
      staging,
      rejects,
      personal,
      categories,
      categoryRenames,
      latestDay: localDay(now),
      key,
      log,
      ...(options.workers === undefined ? {} : { workers: options.workers }),
    }).catch((error: unknown) => {
      // A rule that matched nothing is the likelier cause of a missing column: say it first.
      if (unmatchedNote !== '' && error instanceof BuildError) {
        throw new BuildError(`${unmatchedNote}。${error.message}`);
      }
      throw error;
    });
    await staging.finish();

    log('整理：去重、编号、推算重复信访');
    const fileNames = files.map((file) => file.name);
    await staging.removeDuplicates(({ fileIndex, line, firstFileIndex, firstLine }) => {
      rejects.add(
        fileIndex,
        line,
        reads[fileIndex]!.caseHeader,
        '重复的编号',
        duplicateReason(fileNames[firstFileIndex]!, firstLine),
      );
    });
    const publishedPerFile = await staging.rowsPerFile();
    const inputs: ManifestInput[] = files.map((file, index) => {
      const read = reads[index]!;
      const published = publishedPerFile.get(index) ?? 0;
      const rejected = rejects.count(index);
      if (read.read !== published + rejected) {
        throw new Error(
          `${file.name}: read ${read.read} ≠ published ${published} + rejected ${rejected}`,
        );
      }
      const sheet = read.sheet === undefined ? '' : `，工作表“${read.sheet}”`;
      const ignored = read.ignoredCells
        ? `；表头右侧的 ${read.ignoredCells} 个单元格已忽略（未读取）`
        : '';
      log(
        `  ${file.name}（${read.encoding}${sheet}）：读 ${read.read} 行，发布 ${published}，拒绝 ${rejected}${ignored}`,
      );
      return {
        file: file.name,
        sha256: read.sha256,
        bytes: read.bytes,
        format: file.format,
        encoding: read.encoding,
        read: read.read,
        published,
        rejected,
        unknownColumns: read.unknownColumns,
      };
    });
    await rejects.write(path.join(folder, PUBLISHED_FILES.rejects), fileNames);

    log(`写入 ${PUBLISHED_FILES.database}`);
    await attachPublished(connection, path.join(folder, PUBLISHED_FILES.database));
    await createPublishedTables(connection, categories, settings.repeatWindowMonths);
    log('派生表');
    await createDerivedTables(connection, PUBLISHED_CATALOG, settings.collectiveThreshold);
    log('苗头预警');
    const alerts = await deriveAlertsFile(
      connection,
      PUBLISHED_CATALOG,
      settings.alerts,
      settings.collectiveThreshold,
    );

    const labels = await staging.categoryLabels();
    const categoryLabels = describeLabels(labels, categories, personal);
    for (const line of labelLines(categoryLabels)) log(line);
    const misses = new Map(
      labels
        .filter((l) => l.index === OWN_CATEGORY || l.label === HIDDEN_LABEL)
        .map((l) => [l.label, l.rows] as const),
    );
    const coverage = columnCoverage(
      files.map((file, index) => ({
        file: file.name,
        carried: reads[index]!.carried,
        defaulted: reads[index]!.defaulted,
      })),
    );
    for (const line of coverageLines(coverage)) log(line);
    const manifest: Manifest = {
      builtAt: now.toISOString(),
      inputs,
      published: inputs.reduce((sum, input) => sum + input.published, 0),
      rejected: inputs.reduce((sum, input) => sum + input.rejected, 0),
      dateRange: await dateRange(connection),
      vocabularyMisses: misses.size > 0 ? { category: summariseMisses(misses, personal) } : {},
      columns: coverage,
      categoryLabels,
      files: {
        database: PUBLISHED_FILES.database,
        rejects: PUBLISHED_FILES.rejects,
        alerts: PUBLISHED_FILES.alerts,
        alertsBriefing: PUBLISHED_FILES.alertsBriefing,
      },
      alerts: {
        total: alerts.alerts.length,
        lastMonth: alerts.alerts.filter((alert) => alert.month === alerts.cutoff?.slice(0, 7))
          .length,
      },
      settings,
      schemaVersion: SCHEMA_VERSION,
    };

    assertNotEmptied(manifest, previous, options.allowShrink === true);

    log('隐私检查：扫描所有将发布的文本');
    const findings: PiiFinding[] = await scanDatabase(connection, PUBLISHED_CATALOG, personal);
    const manifestTexts: [string, string[]][] = [
      ['manifest.json 文件名', inputs.map((input) => input.file)],
      ['manifest.json 未识别的列', inputs.flatMap((input) => input.unknownColumns)],
      ['manifest.json 类别未匹配值', Object.keys(manifest.vocabularyMisses['category'] ?? {})],
      ['manifest.json 类别标签', categoryLabels.map((l) => l.label)],
      ['rejects.csv 列', [...rejects.columns]],
      ['alerts.json', alertTexts(alerts)],
    ];
    for (const [where, values] of manifestTexts) {
      const finding = scanTexts(where, values, personal, { ignore: FILE_NAME_IGNORES });
      if (finding) findings.push(finding);
    }
    if (findings.length > 0) {
      throw new BuildError(
        `发布前检查发现疑似个人信息，未发布任何数据：${describeFindings(findings)}。` +
          '请检查这些列是否误放了证件号、电话、邮箱、账号、姓名、住址或留言正文，或映射文件是否把个人信息列映射到了发布列（规则见 docs/mapping.md“隐私检查”）',
      );
    }
    await runStatement(connection, sql`CHECKPOINT ${name(PUBLISHED_CATALOG)}`);
    await runStatement(connection, sql`DETACH ${name(PUBLISHED_CATALOG)}`);
    close();
    await fs.writeFile(path.join(folder, PUBLISHED_FILES.alerts), `${JSON.stringify(alerts)}\n`);
    await fs.writeFile(
      path.join(folder, PUBLISHED_FILES.alertsBriefing),
      `${JSON.stringify(briefingFile(alerts))}\n`,
    );
    await fs.writeFile(
      path.join(folder, PUBLISHED_FILES.manifest),
      `${JSON.stringify(manifest, null, 2)}\n`,
    );
    await options.beforeSwap?.();
    log(`发布到 ${options.outDir}`);
    await swapIn(folder, options.outDir);
    return { manifest, outDir: options.outDir, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    close();
    await removeFolder(folder);
    throw withoutQuotedText(error, step);
  } finally {
    close();
    await removeFolder(spill);
    temporaryFolders.delete(folder);
    temporaryFolders.delete(spill);
  }
}
