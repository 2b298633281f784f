/** What every page loader is given: the view, its SQL scope, and how to run a query. */
import type { DashboardScope } from '../lib/scope.ts';
import type { QueryRunner } from '../lib/query-runner.ts';
import type { ViewState } from '../lib/view-state.ts';
import type { HeadlineCard } from './cards.ts';
import type { Panel } from './panel.ts';
import type { Coverage } from '../lib/figure-columns.ts';
import type { Measure } from '../lib/counts.ts';
import { compareWords } from '../lib/wording.ts';

export interface PageContext {
  view: ViewState;
  scope: DashboardScope;
  run: QueryRunner;
  regionLabel: string;
  /** Residents by region (site config); regions without a figure get no per-10,000 rate. */
  population?: Readonly<Record<string, number>>;
  /** 'batches' → '批', 'persons' → '人次' */
  measure: Measure;
  /** Which columns the export carried; absent: all. */
  coverage?: Coverage;
}

export interface PageData {
  cards: HeadlineCard[] | null;
  panels: Panel[];
  /** Panels left out because the export lacks a column they need (dashboard/coverage.ts). */
  missing?: { title: string; reason: string }[];
  /** Set when every figure of the page is 无数据: the reason, said once instead of the cards. */
  noData?: string;
}

export function previousLabel(context: PageContext): string {
  return compareWords(context.view.compare).previous;
}

/** The year of the period when it lies in one calendar year (charts then title months '2024年3月'). */
export function periodYear(context: PageContext): number | undefined {
  const { from, to } = context.scope.period;
  return from.slice(0, 4) === to.slice(0, 4) ? Number(from.slice(0, 4)) : undefined;
}

/** The n-th month of a period, 1-based, for charts that lay both periods over each other. */
export function monthNumber(month: string): number {
  return Number(month.slice(5, 7));
}
