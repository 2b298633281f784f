/** One entry for every chart page: the same loaders run at build time and in the browser. */
import type { ChartPageId } from './pages.ts';
import type { PageContext, PageData } from './context.ts';
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

export function loadPage(page: ChartPageId, context: PageContext): Promise<PageData> {
  return LOADERS[page](context);
}
