/** One entry for every chart page: the same loaders run at build time and in the browser. */
import type { ChartPageId } from './pages.ts';
import type { PageContext, PageData } from './context.ts';
import type { DashboardScope } from '../lib/scope.ts';
import type { QueryRunner } from '../lib/query-runner.ts';
import type { ViewState } from '../lib/view-state.ts';
import { scopeOf, scopeSubtitle } from './scope.ts';
import { applyCoverage, pageNoData } from './coverage.ts';
import type { SiteInfo } from './site-info.ts';
import { overviewPage } from './page-overview.ts';
import { levelsPage } from './page-levels.ts';
import { categoriesPage } from './page-categories.ts';
import { regionsPage } from './page-regions.ts';
import { handlingPage } from './page-handling.ts';
import { focusPage } from './page-focus.ts';

const LOADERS: Record<ChartPageId, (context: PageContext) => Promise<PageData>> = {
  overview: overviewPage,
  levels: levelsPage,
  categories: categoriesPage,
  regions: regionsPage,
  handling: handlingPage,
  focus: focusPage,
};

export async function loadPage(page: ChartPageId, context: PageContext): Promise<PageData> {
  const coverage = context.coverage ?? {};
  if (pageNoData(page, coverage) !== null)
    return applyCoverage(page, { cards: null, panels: [] }, coverage);
  return applyCoverage(page, await LOADERS[page](context), coverage);
}

/** A page in a given view: its scope, the line that describes it, and its cards and panels. */
export async function loadView(
  page: ChartPageId,
  view: ViewState,
  info: SiteInfo,
  run: QueryRunner,
  config: { regionLabel: string; population: Readonly<Record<string, number>> },
): Promise<{ scope: DashboardScope; subtitle: string; data: PageData }> {
  const scope = scopeOf(view, info.cutoff);
  const data = await loadPage(page, {
    view,
    scope,
    run,
    regionLabel: config.regionLabel,
    population: config.population,
    measure: view.measure,
    coverage: info.coverage,
  });
  return { scope, subtitle: scopeSubtitle(view, scope, info), data };
}
