/** From the view in the URL to the SQL scope, and the line that tells a reader what they see. */
import { comparedPeriod, periodLabel } from '../lib/periods.ts';
import type { DashboardScope } from '../lib/scope.ts';
import {
  COMPARE_LABELS,
  filterSummary,
  MEASURE_LABELS,
  resolvePeriod,
  type ViewState,
} from '../lib/view-state.ts';

/** `cutoff`: the data's last registration day, 'YYYY-MM-DD'. */
export function scopeOf(view: ViewState, cutoff: string): DashboardScope {
  return {
    period: resolvePeriod(view, cutoff),
    channel: view.channel,
    level: view.level,
    category: view.category,
    region: view.region,
    tag: view.tag,
  };
}

/**
 * '2024年1-9月（同比：2023年1-9月）· 全部 · 批次 · 数据截至2024年9月30日', or with a cut-off
 * inside the last month '2020年1月1日-7日（同比：2019年1月1日-7日）· …'.
 */
export function scopeSubtitle(
  view: ViewState,
  scope: DashboardScope,
  info: { cutoffText: string },
): string {
  const { period } = scope;
  const compared = periodLabel(comparedPeriod(period), true);
  return [
    `${periodLabel(period, true)}（${COMPARE_LABELS[view.compare]}：${compared}）`,
    filterSummary(view),
    MEASURE_LABELS[view.measure],
    `数据截至${info.cutoffText}`,
  ].join(' · ');
}
