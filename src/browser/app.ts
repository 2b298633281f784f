/**
 * The chart pages in the browser, and the only module here that acts when imported: the view
 * lives in the URL; a filter change re-runs the page's queries (from the recorded answers while
 * DuckDB-WASM starts, or in it) and redraws every card with the same chart modules as the build.
 */
import type { ChartPageId } from '../dashboard/pages.ts';
import { scopeOf } from '../dashboard/scope.ts';
import {
  DEFAULT_VIEW,
  parseViewState,
  serializeViewState,
  type ViewState,
} from '../lib/view-state.ts';
import type { QueryRunner } from '../lib/query-runner.ts';
import { readBoot, whenIdle } from './boot.ts';
import { setupBriefingActions } from './briefing-actions.ts';
import { setupCardActions } from './card-actions.ts';
import { showNotes } from './draw.ts';
import { readForm, writeForm } from './filter-form.ts';
import { setupPresentation } from './present.ts';
import { recordedFiles, recordedRunners } from './recorded-answers.ts';
import { pageRedraw, showBuiltView } from './redraw.ts';
import { reportCache } from './report-cache.ts';
import { afterResize } from './timing.ts';
import { onHistoryMove, pushView, tidyAddress } from './view-history.ts';
import { setupChartDrills, updateLinks } from './view-links.ts';

const boot = readBoot();
const form = document.querySelector<HTMLFormElement>('form.filters');
let view: ViewState = DEFAULT_VIEW;
/** DuckDB-WASM, its code loaded with its first query: not on the path of a recorded first change. */
const engine: QueryRunner = async (query) => {
  const { startEngine } = await import('./engine.ts');
  return (await startEngine(boot.databaseUrl))(query);
};
const runners = recordedRunners(
  boot.info,
  boot.answers
    ? recordedFiles(new URL(boot.answers.base, document.baseURI).href, boot.answers.dataId)
    : null,
  engine,
);
const reportFor = reportCache(boot, () => scopeOf(view, boot.info.cutoff), runners);
const page = pageRedraw(boot, boot.page as ChartPageId, reportFor, runners);

/** The view of a search string into the form, the notes and the links. */
function applyView(search: string): void {
  const parsed = parseViewState(search, boot.info);
  view = parsed.state;
  showNotes(parsed.notes);
  writeForm(form, view);
  updateLinks(view);
}

/** A new view chosen by the reader: applied, written into the history, then drawn. */
function navigate(search: string): void {
  applyView(search);
  pushView(view);
  void page.redraw(view);
}

function onFormChange(): void {
  navigate(readForm(form, boot.info.latestMonth));
}

if (form?.dataset['changedEarly'] === 'true') {
  // The reader changed a filter before this code arrived: their choice wins over the URL.
  onFormChange();
} else {
  applyView(location.search);
  tidyAddress(view);
  if (serializeViewState(view) === '') page.redrawDefault();
  else void page.redraw(view);
}
// The engine starts once the browser is idle, whatever the first view (a change the recorded
// answers cannot answer starts it at once): bench:site measured starting it at once no better for
// the engine and no better for a first change, whose drawing it competes with.
whenIdle(() => void page.warmUp(view).catch(() => undefined));

form?.addEventListener('submit', (event) => event.preventDefault());
form?.addEventListener('change', onFormChange);
onHistoryMove(() => {
  applyView(location.search);
  void page.redraw(view);
});
afterResize(() => {
  if (page.redrawn()) void page.redraw(view);
  else page.redrawDefault();
});
setupChartDrills(() => view, navigate);

showBuiltView(boot, view, reportFor);
setupCardActions();
setupBriefingActions();
setupPresentation();
