/** From the view in the URL to the SQL scope, and the line that tells a reader what they see. */
import { periodLabel } from '../periods.ts';
import type { DashboardScope } from '../queries-dashboard.ts';
import {
  COMPARE_LABELS,
  filterSummary,
  MEASURE_LABELS,
  resolvePeriod,
  type ViewState,
} from '../view-state.ts';

export function scopeOf(view: ViewState, latestMonth: string): DashboardScope {
  return {
    period: resolvePeriod(view, latestMonth),
    channel: view.channel,
    level: view.level,
    category: view.category,
    region: view.region,
    tag: view.tag,
  };
}

/** '2024年1-9月（同比：2023年1-9月）· 全部 · 批次 · 数据截至2024年9月30日' */
export function scopeSubtitle(
  view: ViewState,
  scope: DashboardScope,
  info: { cutoffText: string },
): string {
  const { period } = scope;
  const compared = periodLabel({ from: period.compareFrom, to: period.compareTo }, true);
  return [
    `${periodLabel(period, true)}（${COMPARE_LABELS[view.compare]}：${compared}）`,
    filterSummary(view),
    MEASURE_LABELS[view.measure],
    `数据截至${info.cutoffText}`,
  ].join(' · ');
}
