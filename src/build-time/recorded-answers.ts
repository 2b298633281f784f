/**
 * Recorded answers at build time (Node): each chart page's loader for its default view and every
 * view one change away, and the 情况汇报 of each of those views' scopes, run on the published
 * database through a runner that keeps every answer.
 */
import { loadView } from '../dashboard/load.ts';
import { PAGES, isChartPage, type ChartPageId } from '../dashboard/pages.ts';
import { scopeOf } from '../dashboard/scope.ts';
import type { QueryRunner } from '../lib/query-runner.ts';
import {
  encodeRows,
  queryKey,
  RECORDED_FORMAT,
  recordedPath,
  recordedViews,
  REPORT_ANSWERS,
  reportKey,
  SHARED_ANSWERS,
  sharedPath,
  viewKey,
  type RecordedFile,
  type RecordedRows,
} from '../lib/recorded-answers.ts';
import { reportOptions } from '../lib/report-options.ts';
import { computeReport } from '../lib/report.ts';
import type { DashboardScope } from '../lib/scope.ts';
import { DEFAULT_VIEW, type ViewState } from '../lib/view-state.ts';
import { siteConfig } from '../site.config.ts';
import { open } from './site-data.ts';

/**
 * A larger answer is left to the engine. The largest today, 办理时效's day counts by unit, had
 * 4,411 rows at 100,000 records; they stop growing once every unit and day count occurs.
 */
const ROWS_LIMIT = 20_000;

/** `run`, keeping each answer it gives in `answers` by query. */
export function recording(run: QueryRunner): {
  run: QueryRunner;
  answers: Record<string, RecordedRows>;
} {
  const answers: Record<string, RecordedRows> = {};
  return {
    answers,
    run: async (query) => {
      const rows = await run(query);
      const encoded = rows.length <= ROWS_LIMIT ? encodeRows(rows) : null;
      if (encoded) answers[queryKey(query)] = encoded;
      return rows;
    },
  };
}

async function recorded(
  of: string,
  key: string,
  ask: (run: QueryRunner) => Promise<unknown>,
): Promise<RecordedFile> {
  const { run, dataId } = await open();
  const recorder = recording(run);
  // A view that fails (data lacking what it needs) keeps the answers given before the failure:
  // the browser answers those and asks the engine the rest, which fails the same way.
  await ask(recorder.run).catch(() => undefined);
  return {
    format: RECORDED_FORMAT,
    data: dataId,
    of,
    key,
    answers: recorder.answers,
    shared: [],
  };
}

/** The answers a browser needs to draw `page` in `view` (the page's loader). */
export async function recordView(page: ChartPageId, view: ViewState): Promise<RecordedFile> {
  const { info } = await open();
  return recorded(page, viewKey(view), (run) => loadView(page, view, info, run, siteConfig));
}

/** The answers of the 情况汇报 for `scope`, from the pre-aggregated tables as the browser asks. */
export async function recordReport(scope: DashboardScope): Promise<RecordedFile> {
  const { info } = await open();
  const { period, channel, level, category, region, tag } = scope;
  return recorded(REPORT_ANSWERS, reportKey(scope), (run) =>
    computeReport(
      run,
      {
        from: period.from,
        to: period.to,
        compare: period.compare,
        filter: { channel, level, category, region, tag },
      },
      reportOptions(siteConfig, info.coverage),
      'cube',
    ),
  );
}

/** An answer this large (JSON characters) that two files or more hold is published once. */
export const SHARED_CHARS = 4_000;

/**
 * The files with each large answer that several of them hold moved to a file of its own (a
 * 办理时效 day count shared by 办理与考核 and the 情况汇报 of the same scope, or by views whose
 * filter does not reach it).
 */
export function shareLarge(files: readonly RecordedFile[]): RecordedFile[] {
  const holders = new Map<string, number>();
  for (const file of files) {
    for (const key of Object.keys(file.answers)) holders.set(key, (holders.get(key) ?? 0) + 1);
  }
  const shared = new Map<string, RecordedFile>();
  const out = files.map((file) => {
    const answers: Record<string, RecordedRows> = {};
    const keys: string[] = [];
    for (const [key, rows] of Object.entries(file.answers)) {
      if ((holders.get(key) ?? 0) < 2 || JSON.stringify(rows).length < SHARED_CHARS) {
        answers[key] = rows;
        continue;
      }
      keys.push(key);
      if (!shared.has(key)) {
        shared.set(key, { ...file, of: SHARED_ANSWERS, key, answers: { [key]: rows }, shared: [] });
      }
    }
    return { ...file, answers, shared: keys };
  });
  return [...out, ...shared.values()];
}

/** Where a file is published, under the site's base path. */
export const publishedPath = (file: RecordedFile): string =>
  file.of === SHARED_ANSWERS ? sharedPath(file.key) : recordedPath(file.of, file.key);

let site: Promise<Map<string, RecordedFile>> | null = null;

/**
 * Every file to publish, by path: each chart page's views, the briefing of each of their scopes
 * but the default one (its report is in the page itself), and the shared large answers.
 */
export function recordedSite(): Promise<Map<string, RecordedFile>> {
  site ??= (async () => {
    const { info } = await open();
    const views = recordedViews(info);
    const files: RecordedFile[] = [];
    for (const { id } of PAGES) {
      if (!isChartPage(id)) continue;
      for (const view of views) files.push(await recordView(id, view));
    }
    const scopes = new Map(views.map((view) => [reportKey(scopeOf(view, info.cutoff)), view]));
    scopes.delete(reportKey(scopeOf(DEFAULT_VIEW, info.cutoff)));
    for (const view of scopes.values()) files.push(await recordReport(scopeOf(view, info.cutoff)));
    return new Map(shareLarge(files).map((file) => [publishedPath(file), file]));
  })();
  return site;
}
