/**
 * `report --docx FILE`: the report, the chosen charts drawn to PNG, written as a .docx atomically
 * (a temporary file beside the target, renamed over it only once complete).
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import {
  briefingDocx,
  BRIEFING_TEXT_WIDTH_PX,
  type BriefingChart,
} from '../../src/lib/briefing-docx.ts';
import { loadView } from '../../src/dashboard/load.ts';
import { isChartPage, PAGES, type ChartPageId } from '../../src/dashboard/pages.ts';
import { sourceLine, type Panel } from '../../src/dashboard/panel.ts';
import { renderPanel } from '../../src/render/panel.ts';
import { loadSiteInfo } from '../../src/dashboard/site-info.ts';
import type { Coverage } from '../../src/lib/figure-columns.ts';
import type { ReportPeriod } from '../../src/lib/periods.ts';
import type { QueryRunner } from '../../src/lib/query-runner.ts';
import type { Report } from '../../src/lib/report.ts';
import { DEFAULT_VIEW, filterSummary, type ViewState } from '../../src/lib/view-state.ts';
import type { Rasterizer } from './rasterize.ts';

/** A --charts list the data cannot satisfy: an unknown or ambiguous panel id. */
export class ChartChoiceError extends Error {
  override name = 'ChartChoiceError';
}

/** The .docx could not be written (no such folder, no permission): nothing was left behind. */
export class DocxWriteError extends Error {
  override name = 'DocxWriteError';
}

const CHART_PAGES: ChartPageId[] = PAGES.map((page) => page.id).filter(isChartPage);

/** '--charts trend,categories:ranking' → ['trend', 'categories:ranking']. */
export function parseChartIds(value: string): string[] {
  return value
    .split(/[,，]/)
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

/** The dashboard view that shows the report's period, comparison and filters. */
export function reportView(
  period: ReportPeriod,
  filters: Partial<Pick<ViewState, 'channel' | 'level' | 'category' | 'region' | 'tag'>> = {},
): ViewState {
  return {
    ...DEFAULT_VIEW,
    ...filters,
    period: 'custom',
    from: period.from,
    to: period.to,
    compare: period.compare,
  };
}

interface Loaded {
  subtitle: string;
  panels: Panel[];
}

/** The panels named by `ids` (a bare id, or 'page:id' where pages share one), else the 总览's. */
async function choosePanels(
  ids: readonly string[] | null,
  view: ViewState,
  run: QueryRunner,
  config: { regionLabel: string; population: Readonly<Record<string, number>> },
  coverage: Coverage,
): Promise<{ subtitle: string; panel: Panel }[]> {
  const info = await loadSiteInfo(run, coverage);
  const load = async (page: ChartPageId): Promise<Loaded> => {
    const { subtitle, data } = await loadView(page, view, info, run, config);
    return { subtitle, panels: data.panels };
  };
  if (ids === null) {
    const { subtitle, panels } = await load('overview');
    return panels.map((panel) => ({ subtitle, panel }));
  }
  const all = await Promise.all(CHART_PAGES.map(async (page) => ({ page, ...(await load(page)) })));
  return ids.map((id) => {
    const [page, panelId] = id.includes(':') ? id.split(':', 2) : [null, id];
    const matches = all.flatMap((loaded) =>
      page === null || loaded.page === page
        ? loaded.panels
            .filter((panel) => panel.id === panelId)
            .map((panel) => ({ page: loaded.page, subtitle: loaded.subtitle, panel }))
        : [],
    );
    const [match] = matches;
    if (matches.length > 1) {
      throw new ChartChoiceError(
        `图表 ${id} 在多个页面都有，请写明页面：${matches.map((m) => `${m.page}:${panelId}`).join('、')}`,
      );
    }
    if (!match) {
      const known = all.flatMap((loaded) =>
        loaded.panels.map((panel) => `${loaded.page}:${panel.id}`),
      );
      throw new ChartChoiceError(`没有图表 ${id}。可选的图表（页面:图表）：${known.join('、')}`);
    }
    return { subtitle: match.subtitle, panel: match.panel };
  });
}

export interface DocxRequest {
  file: string;
  report: Report;
  run: QueryRunner;
  bureauName: string;
  view: ViewState;
  config: { regionLabel: string; population: Readonly<Record<string, number>> };
  /** Panel ids; null for the 总览's charts. */
  charts: readonly string[] | null;
  /** null: no charts (--no-charts). */
  rasterizer: Rasterizer | null;
}

async function chartImages(request: DocxRequest): Promise<BriefingChart[]> {
  const { rasterizer } = request;
  if (!rasterizer) return [];
  const chosen = await choosePanels(
    request.charts,
    request.view,
    request.run,
    request.config,
    request.report.coverage,
  );
  const document = new JSDOM('<!doctype html><html><body></body></html>').window.document;
  return chosen.map(({ subtitle, panel }) => {
    const rendered = renderPanel(panel, {
      width: BRIEFING_TEXT_WIDTH_PX,
      document,
      subtitle,
      interactive: false,
      source: sourceLine(request.bureauName),
    });
    return {
      title: rendered.title,
      subtitle: rendered.subtitle,
      ...rasterizer.rasterize(rendered.svg),
    };
  });
}

/** Writes FILE whole or not at all; returns its absolute path and how many charts it holds. */
export async function writeBriefingDocx(
  request: DocxRequest,
): Promise<{ file: string; charts: number }> {
  const charts = await chartImages(request);
  const bytes = await briefingDocx({
    report: request.report,
    bureauName: request.bureauName,
    scope: filterSummary(request.view),
    charts,
  });
  const target = path.resolve(request.file);
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temp, bytes, { flag: 'wx' });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw new DocxWriteError(
      `无法写入 Word 文件 ${target}：${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { file: target, charts: charts.length };
}
