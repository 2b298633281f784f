/** bench:site's printout: every figure of issue 12's aims table, page by page, with the aims. */
import type { FilterChange } from './changes.ts';
import type { LoadRun } from './loads.ts';
import type { PageFigures, SiteFigures } from './measure.ts';
import type { FirstChange } from './probes.ts';
import type { PreparedSite } from './sites.ts';
import { median, quantile } from './stats.ts';
import { kb, mb, ms, textTable } from './table.ts';

export const AIMS = {
  firstChartRatio: 1.2,
  bytesBeforeChart: 150 * 1024,
  firstChangeMs: 1000,
  /** Filter change p95: 50 ms up to 1M records, 100 ms at 10M. */
  changeP95Ms: (records: number): number => (records > 1_000_000 ? 100 : 50),
  databaseReadBytes: 3 * 1024 * 1024,
  bytesPerRecord: 12,
};

const answered = (page: PageFigures): FirstChange[] =>
  page.firstChanges.filter((run): run is FirstChange => !('error' in run));
const changesOf = (page: PageFigures): FilterChange[] =>
  'error' in page.visit ? [] : page.visit.changes;
const loadMedian = (runs: readonly LoadRun[], pick: (run: LoadRun) => number): number =>
  median(runs.map(pick));

export interface PageSummary {
  title: string;
  firstChart: number;
  bareChart: number;
  ratio: number;
  bytes: number;
  gzipBytes: number;
  engineReady: number;
  firstChange: number;
  firstChangeMax: number;
  firstChangeFailed: number;
  p50: number;
  p95: number;
  chartsP95: number;
  engineP95: number;
  queriesMax: number;
  changes: number;
  databaseRead: number;
  otherRead: number;
  answersRead: string;
  responses: string;
  visitError: string | null;
}

export function summarise(page: PageFigures): PageSummary {
  const firstChart = loadMedian(page.loads, (run) => run.firstChart);
  const bareChart = loadMedian(page.bare, (run) => run.firstChart);
  const changes = changesOf(page);
  const firsts = answered(page).map((run) => run.complete);
  const read = 'error' in page.visit ? null : page.visit.read;
  const ofChanges = (pick: (change: FilterChange) => number, q: number) =>
    quantile(changes.map(pick), q);
  return {
    title: page.title,
    firstChart,
    bareChart,
    ratio: firstChart / bareChart,
    bytes: loadMedian(page.loads, (run) => run.bytes),
    gzipBytes: loadMedian(page.loads, (run) => run.gzipBytes),
    engineReady: loadMedian(page.loads, (run) => run.engineReady),
    firstChange: median(firsts),
    firstChangeMax: firsts.length > 0 ? Math.max(...firsts) : NaN,
    firstChangeFailed: page.firstChanges.length - firsts.length,
    p50: ofChanges((c) => c.complete, 0.5),
    p95: ofChanges((c) => c.complete, 0.95),
    chartsP95: ofChanges((c) => c.charts, 0.95),
    engineP95: ofChanges((c) => c.engine, 0.95),
    queriesMax: changes.length > 0 ? Math.max(...changes.map((c) => c.queries)) : NaN,
    changes: changes.length,
    databaseRead: read?.database ?? NaN,
    otherRead: read?.otherData ?? NaN,
    answersRead: read ? `${kb(read.answers ?? NaN)} (${read.answerFiles ?? 0} files)` : '',
    responses: read ? `${read.responses}, ${read.ranged}` : '',
    visitError: 'error' in page.visit ? page.visit.error : null,
  };
}

const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
/** The page furthest from the aim; a figure not measured (NaN) counts as the furthest. */
const worst = (rows: PageSummary[], pick: (row: PageSummary) => number) =>
  rows.reduce<PageSummary | undefined>((top, row) => {
    if (top === undefined || Number.isNaN(pick(row))) return row;
    return !Number.isNaN(pick(top)) && pick(row) > pick(top) ? row : top;
  }, undefined);

function siteSection(site: SiteFigures, prepared: PreparedSite | undefined): string {
  const rows = site.pages.map(summarise);
  const aimP95 = AIMS.changeP95Ms(site.records);
  const figure = (name: string, aim: string, cell: (row: PageSummary) => string): string[] => [
    name,
    ...rows.map(cell),
    aim,
  ];
  const table = textTable([
    ['', ...rows.map((row) => row.title), 'aim'],
    figure('first chart painted, cold (median)', '', (r) => ms(r.firstChart)),
    figure('  bare page, one inline SVG (median)', '', (r) => ms(r.bareChart)),
    figure('  ratio', `≤ ${AIMS.firstChartRatio}×`, (r) => `${r.ratio.toFixed(2)}×`),
    figure('bytes before the first chart (median)', `≤ ${kb(AIMS.bytesBeforeChart)}`, (r) =>
      kb(r.bytes),
    ),
    figure('  the same files gzipped', '', (r) => kb(r.gzipBytes)),
    figure('engine answered its first query (median)', '', (r) => ms(r.engineReady)),
    figure(
      'first filter change answered, cold: median (max)',
      `≤ ${ms(AIMS.firstChangeMs)}`,
      (r) =>
        `${ms(r.firstChange)} (${ms(r.firstChangeMax)})${r.firstChangeFailed > 0 ? ` ${r.firstChangeFailed} unanswered` : ''}`,
    ),
    figure('filter change → all updated, p50', '', (r) => ms(r.p50)),
    figure('  p95 (n)', `≤ ${aimP95} ms`, (r) => `${ms(r.p95)} (${r.changes})`),
    figure('  charts alone, p95', '', (r) => ms(r.chartsP95)),
    figure('  DuckDB at work, p95', '', (r) => ms(r.engineP95)),
    figure('  queries per change, max', '', (r) => String(r.queriesMax)),
    figure('database bytes one visit reads', `≤ ${mb(AIMS.databaseReadBytes)}`, (r) =>
      mb(r.databaseRead),
    ),
    figure('  responses, of which 206', '', (r) => r.responses),
    figure('  other data files', '', (r) => kb(r.otherRead)),
    figure('recorded answers one visit reads', '', (r) => r.answersRead),
  ]);
  const perRecord = site.databaseBytes / site.records;
  const atScale = site.records >= 1_000_000;
  const lines = [
    '',
    `${site.label}: ${site.records.toLocaleString('en-US')} records, petitions.duckdb ${mb(site.databaseBytes)} = ${perRecord.toFixed(1)} B/record` +
      (atScale
        ? ` (aim ≤ ${AIMS.bytesPerRecord}: ${verdict(perRecord <= AIMS.bytesPerRecord)})`
        : ' (the aims are set for 1M and 10M records: the verdicts below are for reference)'),
    `  recorded answers published (answers/): ${site.answers.files} files, ${mb(site.answers.bytes)} (${site.answers.bytes.toLocaleString('en-US')} bytes)`,
    table,
  ];
  const check = (
    name: string,
    pick: (row: PageSummary) => number,
    limit: number,
    show: (v: number) => string,
  ) => {
    const top = worst(rows, pick);
    return `${name} ${verdict(top !== undefined && pick(top) <= limit)} (worst ${top?.title ?? '—'} ${top ? show(pick(top)) : '—'})`;
  };
  lines.push(
    `aims: ${[
      check(
        'first chart',
        (r) => r.ratio,
        AIMS.firstChartRatio,
        (v) => `${v.toFixed(2)}×`,
      ),
      check('bytes', (r) => r.bytes, AIMS.bytesBeforeChart, kb),
      check('first change', (r) => r.firstChangeMax, AIMS.firstChangeMs, ms),
      check('change p95', (r) => r.p95, aimP95, ms),
      check('visit reads', (r) => r.databaseRead, AIMS.databaseReadBytes, mb),
    ].join('; ')}`,
  );
  for (const row of rows) {
    if (row.visitError) lines.push(`  ${row.title}: the filter visit failed: ${row.visitError}`);
  }
  for (const page of site.pages) {
    const slowest = [...changesOf(page)].sort((a, b) => b.complete - a.complete).slice(0, 3);
    if (slowest.length === 0) continue;
    lines.push(
      `  ${page.title} slowest: ${slowest
        .map((c) => `${c.filter} ${ms(c.complete)} (DuckDB ${ms(c.engine)}, ${c.queries} q)`)
        .join('; ')}`,
    );
  }
  const first = site.pages[0]?.loads[0]?.resources ?? [];
  lines.push(
    `  fetched before ${site.pages[0]?.title ?? ''}'s first chart: ${[...new Set(first)].join(', ')}`,
  );
  if (site.skipped.length > 0)
    lines.push(`  not measured (no filters or charts): ${site.skipped.join(', ')}`);
  if (prepared) {
    const s = (value: number | null) => (value === null ? 'reused' : `${value.toFixed(1)} s`);
    lines.push(
      `  build: sample ${s(prepared.seconds.sample)}, data ${s(prepared.seconds.data)}, site ${s(prepared.seconds.site)}`,
    );
  }
  return lines.join('\n');
}

export function benchReport(
  sites: readonly SiteFigures[],
  prepared: readonly PreparedSite[],
  machine: { before: string; after: string },
): string {
  return [
    `machine before: ${machine.before}`,
    `machine after:  ${machine.after}`,
    ...sites.map((site) =>
      siteSection(
        site,
        prepared.find((p) => p.label === site.label),
      ),
    ),
  ].join('\n');
}
