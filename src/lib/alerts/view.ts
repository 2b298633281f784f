/**
 * The 苗头预警 page's view in the URL: the chart pages' parameters (so links carry a view from
 * page to page; the period, comparison and 信访形式 are kept but do not apply to alerts) plus the
 * alerts' month and kind: `?month=2024-08&kind=above&region=…&measure=persons`.
 */
import { addMonths, compareMonths } from '../periods.ts';
import type { RecordFilter } from '../scope.ts';
import {
  parseViewState,
  resolvePeriod,
  serializeViewState,
  type KnownValues,
  type ViewState,
} from '../view-state.ts';
import { BAND_KEPT_MONTHS } from './published.ts';
import { ALERT_KINDS, type AlertKind } from './types.ts';

export interface AlertView {
  base: ViewState;
  month: string;
  kind: AlertKind | null;
}

/** What the page knows before it reads alerts.json: the data's values and cut-off. */
export interface AlertViewContext extends KnownValues {
  cutoff: string;
}

/** The months the page offers, latest first: those of the data whose alerts keep their bands. */
export function alertMonths(context: Pick<AlertViewContext, 'cutoff' | 'firstMonth'>): string[] {
  const latest = context.cutoff.slice(0, 7);
  return Array.from({ length: BAND_KEPT_MONTHS }, (_, i) => addMonths(latest, -i)).filter(
    (month, i) => i === 0 || compareMonths(month, context.firstMonth) >= 0,
  );
}

/** Without a month in the URL: the last month of the view's period, if the page offers it. */
function defaultMonth(base: ViewState, context: AlertViewContext): string {
  const months = alertMonths(context);
  const end = resolvePeriod(base, context.cutoff).to;
  return months.includes(end) ? end : (months[0] ?? end);
}

export function parseAlertView(
  search: string,
  context: AlertViewContext,
): { view: AlertView; notes: string[] } {
  const { state, notes } = parseViewState(search, context);
  const params = new URLSearchParams(search);
  const month = params.get('month')?.trim() ?? '';
  const kind = params.get('kind')?.trim() ?? '';
  const offered = alertMonths(context);
  if (month !== '' && !offered.includes(month))
    notes.push('链接中的月份参数无效或已过时，已忽略。');
  if (kind !== '' && !(ALERT_KINDS as readonly string[]).includes(kind)) {
    notes.push('链接中的预警类型参数无效，已忽略。');
  }
  return {
    view: {
      base: state,
      month: offered.includes(month) ? month : defaultMonth(state, context),
      kind: (ALERT_KINDS as readonly string[]).includes(kind) ? (kind as AlertKind) : null,
    },
    notes,
  };
}

/** Only what differs from the default goes into the URL, the chart pages' parameters first. */
export function serializeAlertView(view: AlertView, context: AlertViewContext): string {
  const params = new URLSearchParams(serializeViewState(view.base));
  if (view.month !== defaultMonth(view.base, context)) params.set('month', view.month);
  if (view.kind !== null) params.set('kind', view.kind);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The record filters that apply to alerts (a series' 信访形式 is never a filter of its own). */
export function alertFilter(view: AlertView): RecordFilter {
  const { level, category, region, tag } = view.base;
  return { channel: null, level, category, region, tag };
}
