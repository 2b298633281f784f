/** What the page shows right now: redraw.ts keeps it current; exports and slides read it. */
import type { Panel } from '../dashboard/panel.ts';
import type { Report } from '../lib/report.ts';
import { DEFAULT_VIEW, type ViewState } from '../lib/view-state.ts';

export interface PageState {
  panels: readonly Panel[];
  /** 汇报模式's chart slides when not every panel (苗头预警: the matrix and the strongest rises). */
  slides?: readonly Panel[];
  /** The view's line: period, comparison, filters, measure, data cut-off. */
  subtitle: string;
  /** '2024年1-9月', for file names. */
  periodLabel: string;
  view: ViewState;
  /** The briefing for the view on screen (computed on first use where the page has none). */
  report: () => Promise<Report>;
}

export const shown: PageState = {
  panels: [],
  subtitle: '',
  periodLabel: '',
  view: DEFAULT_VIEW,
  report: () => Promise.reject(new Error('页面尚未就绪')),
};

export function setShown(state: PageState): void {
  Object.assign(shown, state);
}
