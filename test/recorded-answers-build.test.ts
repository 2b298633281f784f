/**
 * The recorded answers the site build publishes, from the sample's published data: one file per
 * chart page and view, per briefing scope and per shared answer, each carrying the data's identity;
 * and, for a sample of views, every recorded answer equals what Node DuckDB and DuckDB-WASM give.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSampleData } from '../scripts/lib/build-site.ts';
import { openPublishedInWasm } from '../scripts/lib/duckdb-wasm-node.ts';
import { recordedFiles, recordedRunners } from '../src/browser/recorded-answers.ts';
import { loadView } from '../src/dashboard/load.ts';
import { PAGES, isChartPage, type ChartPageId } from '../src/dashboard/pages.ts';
import { scopeOf } from '../src/dashboard/scope.ts';
import type { SiteInfo } from '../src/dashboard/site-info.ts';
import { openPublished } from '../src/node/duckdb-node.ts';
import type { QueryRunner } from '../src/lib/query-runner.ts';
import {
  recordedPath,
  recordedViews,
  REPORT_ANSWERS,
  reportKey,
  sharedPath,
  viewKey,
  type RecordedFile,
} from '../src/lib/recorded-answers.ts';
import { reportOptions } from '../src/lib/report-options.ts';
import { computeReport } from '../src/lib/report.ts';
import { PUBLISHED_FILES } from '../src/lib/schema.ts';
import { DEFAULT_VIEW, type ViewState } from '../src/lib/view-state.ts';
import { siteConfig } from '../src/site.config.ts';

const CHART_PAGES = PAGES.map((page) => page.id).filter(isChartPage);
const BASE = 'http://intranet.example/xf/';

let dir = '';
let data = '';
let site: Map<string, RecordedFile>;
let info: SiteInfo;
let node: Awaited<ReturnType<typeof openPublished>>;
let wasm: Awaited<ReturnType<typeof openPublishedInWasm>>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'recorded-answers-'));
  ({ data } = await buildSampleData({ dir }));
  // The site build's data folder is read when its module is first imported.
  process.env['XINFANG_DATA_DIR'] = data;
  const built = await import('../src/build-time/recorded-answers.ts');
  site = await built.recordedSite();
  info = (await (await import('../src/build-time/site-data.ts')).open()).info;
  const database = path.join(data, PUBLISHED_FILES.database);
  node = await openPublished(database);
  wasm = await openPublishedInWasm(database);
});

afterAll(async () => {
  node?.close();
  wasm?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The published files behind the browser's decorator; a query they lack fails the test. */
function browserRunners() {
  const files = recordedFiles(BASE, dataId(), async (url) => {
    const file = site.get(new URL(url).pathname.slice(new URL(BASE).pathname.length));
    return file === undefined ? null : (JSON.parse(JSON.stringify(file)) as unknown);
  });
  const engine: QueryRunner = (query) =>
    Promise.reject(new Error(`not recorded: ${query.sql.slice(0, 80)} ${String(query.params)}`));
  return recordedRunners(info, files, engine);
}

const dataId = (): string => [...site.values()][0]?.data ?? '';

/** Every query answered three ways: recorded, Node, WASM; all three must agree. */
function comparing(recorded: QueryRunner, seen: { queries: number }): QueryRunner {
  return async (query) => {
    const [fromFile, fromNode, fromWasm] = await Promise.all([
      recorded(query),
      node.run(query),
      wasm.run(query),
    ]);
    const label = `${query.sql.slice(0, 60)} ${JSON.stringify(query.params)}`;
    expect({ label, rows: fromFile }).toEqual({ label, rows: fromNode });
    expect({ label, rows: fromFile }).toEqual({ label, rows: fromWasm });
    seen.queries++;
    return fromFile;
  };
}

/** Every fifth view, and the ones the bench and the browser tests change to first. */
function sampleViews(): ViewState[] {
  const views = recordedViews(info);
  return views.filter(
    (view, i) =>
      i % 5 === 0 || view.level === '进京' || view.tag !== null || view.compare === 'mom',
  );
}

describe('the recorded answers the site build publishes', () => {
  it('has a file for every chart page in every recorded view, each of this data', async () => {
    const manifest = await readFile(path.join(data, PUBLISHED_FILES.manifest), 'utf8');
    const id = createHash('sha256')
      .update(JSON.stringify(JSON.parse(manifest)))
      .digest('hex')
      .slice(0, 16);
    const views = recordedViews(info);
    expect(views.length).toBeGreaterThan(40);
    for (const page of CHART_PAGES) {
      for (const view of views) {
        const file = site.get(recordedPath(page, viewKey(view)));
        expect(file, `${page} ${viewKey(view)}`).toMatchObject({ of: page, key: viewKey(view) });
        expect(
          Object.keys(file?.answers ?? {}).length + (file?.shared.length ?? 0),
        ).toBeGreaterThan(0);
      }
    }
    for (const file of site.values()) expect(file.data).toBe(id);
  });

  it("has the briefing of every recorded view's scope but the default one (the page holds it)", () => {
    const scopes = new Set(
      recordedViews(info).map((view) => reportKey(scopeOf(view, info.cutoff))),
    );
    const defaultScope = reportKey(scopeOf(DEFAULT_VIEW, info.cutoff));
    expect(site.has(recordedPath(REPORT_ANSWERS, defaultScope))).toBe(false);
    scopes.delete(defaultScope);
    for (const key of scopes) expect(site.has(recordedPath(REPORT_ANSWERS, key)), key).toBe(true);
    const reports = [...site.values()].filter((file) => file.of === REPORT_ANSWERS);
    expect(reports).toHaveLength(scopes.size);
  });

  it('keeps a large answer several files hold once, and every file it is listed in finds it', () => {
    const listed = new Set([...site.values()].flatMap((file) => file.shared));
    expect(listed.size).toBeGreaterThan(0);
    for (const key of listed) expect(site.get(sharedPath(key))?.answers[key]).toBeDefined();
    for (const file of site.values()) {
      for (const key of file.shared) expect(file.answers[key]).toBeUndefined();
    }
  });

  it('publishes each file at its path through the answers endpoint', async () => {
    const endpoint = await import('../src/pages/answers/[of]/[name].json.ts');
    const paths = await endpoint.getStaticPaths();
    expect(paths).toHaveLength(site.size);
    for (const { params, props } of paths.slice(0, 20)) {
      const file = site.get(`answers/${params.of}/${params.name}.json`);
      expect(file).toBeDefined();
      const response = await endpoint.GET({ props } as unknown as Parameters<
        typeof endpoint.GET
      >[0]);
      expect(await response.json()).toEqual(file);
    }
  });

  it.each(CHART_PAGES)(
    '%s: every recorded answer of a sample of views equals Node DuckDB and DuckDB-WASM',
    async (page: ChartPageId) => {
      const runners = browserRunners();
      const seen = { queries: 0 };
      for (const view of sampleViews()) {
        const recorded = await loadView(
          page,
          view,
          info,
          comparing(runners.view(page, view), seen),
          siteConfig,
        );
        expect(recorded).toEqual(await loadView(page, view, info, wasm.run, siteConfig));
      }
      expect(seen.queries).toBeGreaterThan(sampleViews().length);
    },
  );

  it('every recorded briefing answer of a sample of scopes equals Node and WASM', async () => {
    const runners = browserRunners();
    const seen = { queries: 0 };
    const options = reportOptions(siteConfig, info.coverage);
    for (const view of sampleViews()) {
      const scope = scopeOf(view, info.cutoff);
      if (reportKey(scope) === reportKey(scopeOf(DEFAULT_VIEW, info.cutoff))) continue;
      const { period, ...filter } = scope;
      const request = { from: period.from, to: period.to, compare: period.compare, filter };
      const recorded = await computeReport(
        comparing(runners.report(scope), seen),
        request,
        options,
        'cube',
      );
      expect(recorded).toEqual(await computeReport(wasm.run, request, options, 'cube'));
    }
    expect(seen.queries).toBeGreaterThan(20);
  });
});
