/**
 * Recorded answers in the browser: a QueryRunner decorator that answers a query from the recorded
 * file of the view on screen (src/build-time/recorded-answers.ts) when the file holds it, and asks
 * DuckDB-WASM otherwise. A file of other data or of another format, or one that cannot be
 * fetched, answers nothing: the engine does.
 */
import type { ChartPageId } from '../dashboard/pages.ts';
import { scopeOf } from '../dashboard/scope.ts';
import type { QueryRunner } from '../lib/query-runner.ts';
import {
  decodeRows,
  queryKey,
  RECORDED_FORMAT,
  recordedPath,
  recordedViews,
  REPORT_ANSWERS,
  reportKey,
  sharedPath,
  viewKey,
  type RecordedFile,
} from '../lib/recorded-answers.ts';
import type { DashboardScope } from '../lib/scope.ts';
import { DEFAULT_VIEW, type KnownValues, type ViewState } from '../lib/view-state.ts';

/** The parsed JSON at `url`, or null when there is none. */
export type FetchJson = (url: string) => Promise<unknown>;

const fetchJson: FetchJson = async (url) => {
  const response = await fetch(url);
  return response.ok ? response.json() : null;
};

/** The file when it is a recorded file of the data `dataId` names, else null. */
export function acceptedFile(file: unknown, dataId: string): RecordedFile | null {
  if (typeof file !== 'object' || file === null) return null;
  const { format, data, answers, shared } = file as Partial<RecordedFile>;
  const shaped = typeof answers === 'object' && answers !== null && Array.isArray(shared);
  return format === RECORDED_FORMAT && data === dataId && shaped ? (file as RecordedFile) : null;
}

/** Reads a file (by its path under the site's base) once; null when it is not one to use. */
export type RecordedFiles = (path: string) => Promise<RecordedFile | null>;

/** `base`: the site's base URL, absolute. The data id goes into the URL, so no cache mixes data. */
export function recordedFiles(
  base: string,
  dataId: string,
  read: FetchJson = fetchJson,
): RecordedFiles {
  const files = new Map<string, Promise<RecordedFile | null>>();
  return (path) => {
    let file = files.get(path);
    if (!file) {
      const url = new URL(`${path}?v=${encodeURIComponent(dataId)}`, base).href;
      file = read(url).then(
        (json) => acceptedFile(json, dataId),
        () => null,
      );
      files.set(path, file);
    }
    return file;
  };
}

/**
 * Answers from `file` (null: nothing recorded), a shared answer from its own file (fetched as
 * soon as `file` names it), and every other query from `engine`. Fresh rows each time, as the
 * engine's.
 */
export function recordedAnswers(
  file: Promise<RecordedFile | null>,
  files: RecordedFiles,
  engine: QueryRunner,
): QueryRunner {
  void file.then((recorded) => recorded?.shared.forEach((key) => void files(sharedPath(key))));
  return async (query) => {
    const key = queryKey(query);
    const recorded = await file;
    let rows = recorded?.answers[key];
    if (!rows && recorded?.shared.includes(key)) {
      rows = (await files(sharedPath(key)))?.answers[key];
    }
    return rows ? decodeRows(rows) : engine(query);
  };
}

export interface RecordedRunners {
  /** The engine itself (the warm-up). */
  engine: QueryRunner;
  /** The runner for `page` in `view`; its recorded file is fetched at once. */
  view: (page: ChartPageId, view: ViewState) => QueryRunner;
  /** The runner for the 情况汇报 of `scope`; its recorded file is fetched at once. */
  report: (scope: DashboardScope) => QueryRunner;
}

/**
 * The runners of a page: recorded answers for the views the build recorded (the default view and
 * each view one change away; the briefings of their scopes), the engine for the rest.
 */
export function recordedRunners(
  known: KnownValues & { cutoff: string },
  files: RecordedFiles | null,
  engine: QueryRunner,
): RecordedRunners {
  const views = recordedViews(known);
  const viewKeys = new Set(views.map(viewKey));
  const reportKeys = new Set(views.map((view) => reportKey(scopeOf(view, known.cutoff))));
  reportKeys.delete(reportKey(scopeOf(DEFAULT_VIEW, known.cutoff)));
  const runner = (recorded: boolean, path: string): QueryRunner =>
    files && recorded ? recordedAnswers(files(path), files, engine) : engine;
  return {
    engine,
    view: (page, view) => runner(viewKeys.has(viewKey(view)), recordedPath(page, viewKey(view))),
    report: (scope) =>
      runner(reportKeys.has(reportKey(scope)), recordedPath(REPORT_ANSWERS, reportKey(scope))),
  };
}
