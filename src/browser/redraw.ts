/**
 * A view drawn on the chart page: its queries run in DuckDB-WASM, the cards and charts drawn, then
 * the briefing once they are painted. The latest view wins: an older one stops where it is.
 */
import { loadView } from '../dashboard/load.ts';
import type { ChartPageId } from '../dashboard/pages.ts';
import { scopeOf } from '../dashboard/scope.ts';
import { periodLabel } from '../lib/periods.ts';
import { knownValuesQueries } from '../lib/queries-dashboard.ts';
import type { ViewState } from '../lib/view-state.ts';
import { siteConfig } from '../site.config.ts';
import type { Boot } from './boot.ts';
import { chartWidth, drawPanels, drawReport, drawView, markReportBusy, showNotes } from './draw.ts';
import { startEngine } from './engine.ts';
import { setShown } from './page-state.ts';
import type { ReportFor } from './report-cache.ts';
import { afterPaint } from './timing.ts';

export interface PageRedraw {
  redraw: (view: ViewState) => Promise<void>;
  /** The default view's charts, redrawn from the page's own data at the reader's width, with tips. */
  redrawDefault: () => void;
  /** Warm start: the engine answers a first query while the reader looks at the static charts. */
  warmUp: (view: ViewState) => Promise<void>;
  /** Whether any view has been drawn since the page loaded (the static one no longer shows). */
  redrawn: () => boolean;
}

export function pageRedraw(boot: Boot, page: ChartPageId, reportFor: ReportFor): PageRedraw {
  let generation = 0;

  async function redraw(view: ViewState): Promise<void> {
    const mine = ++generation;
    document.body.dataset['loading'] = 'true';
    try {
      const run = await startEngine(boot.databaseUrl);
      const { scope, subtitle, data } = await loadView(page, view, boot.info, run, siteConfig);
      if (mine !== generation) return;
      setShown({
        panels: data.panels,
        subtitle,
        periodLabel: periodLabel(scope.period, true),
        view,
        report: () => reportFor(scope),
      });
      drawView(page, subtitle, data);
      performance.mark('xf:charts', { detail: { generation: mine } });
      const wantsReport = page === 'overview' || page === 'handling';
      if (wantsReport) markReportBusy(true);
      // The briefing scans `records` in the engine's worker: it starts once the charts are painted,
      // not while they are being drawn.
      if (wantsReport) await afterPaint();
      if (mine !== generation) return;
      const report = wantsReport ? await reportFor(scope, true) : null;
      if (mine !== generation) return;
      markReportBusy(false);
      if (report) drawReport(report);
      performance.mark('xf:rendered', { detail: { generation: mine } });
      document.dispatchEvent(
        new CustomEvent('dashboard:rendered', { detail: { generation: mine } }),
      );
    } catch (error) {
      if (mine === generation) showNotes([`数据查询失败：${(error as Error).message}`]);
    } finally {
      if (mine === generation) delete document.body.dataset['loading'];
    }
  }

  function redrawDefault(): void {
    if (!boot.panels || generation > 0) return;
    drawPanels(boot.panels, chartWidth(), boot.subtitle ?? '');
  }

  async function warmUp(view: ViewState): Promise<void> {
    const run = await startEngine(boot.databaseUrl);
    await run(knownValuesQueries().months);
    // The page's own queries once: DuckDB reads their part of the database and readies its code,
    // so the reader's first filter change is as quick as the next ones.
    if (generation === 0) await loadView(page, view, boot.info, run, siteConfig);
    performance.mark('xf:engine-ready');
  }

  return { redraw, redrawDefault, warmUp, redrawn: () => generation > 0 };
}

/** The default view as built into the page, for exports and slides before any redraw. */
export function showBuiltView(boot: Boot, view: ViewState, reportFor: ReportFor): void {
  const scope = scopeOf(view, boot.info.cutoff);
  setShown({
    panels: boot.panels ?? [],
    subtitle: boot.subtitle ?? '',
    periodLabel: periodLabel(scope.period, true),
    view,
    report: () => reportFor(scope),
  });
}
