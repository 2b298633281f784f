import type { SeriesDimension } from './series.ts';
import type { ReportAlert } from './types.ts';

/** What a series' records have in common: the values it fixes (越级 走访 of a region: two). */
function seriesValues(alert: ReportAlert): Map<string, string> {
  const [first = '', second = ''] = alert.keys;
  const by: Record<Exclude<SeriesDimension, 'visits'>, [string, string][]> = {
    'region-category': [
      ['region', first],
      ['category', second],
    ],
    region: [['region', first]],
    category: [['category', first]],
    unit: [['unit', first]],
    level: [['level', first]],
    tag: [['tag', first]],
    escalated: [
      ['region', first],
      ['escalated', '越级'],
    ],
  };
  return new Map(alert.dimension === 'visits' ? [] : by[alert.dimension]);
}

/**
 * Whether `inner`'s series lies strictly inside `outer`'s: it fixes every value `outer` fixes, and
 * more (城关街道·市场监管 lies inside 城关街道 and inside 市场监管; a 责任单位 inside no category).
 */
export function seriesInside(inner: ReportAlert, outer: ReportAlert): boolean {
  const a = seriesValues(inner);
  const b = seriesValues(outer);
  return a.size > b.size && [...b].every(([key, value]) => a.get(key) === value);
}

/**
 * The alerts the briefing names: 登记 batches only (人次 would repeat them), without an alert that
 * another one of the same month and kind explains from inside its series (the most specific
 * series is named, so one rise is named once), the strongest few.
 */
export function briefingAlerts(alerts: readonly ReportAlert[], top: number): ReportAlert[] {
  const batches = alerts.filter((alert) => alert.measure === 'batches');
  return batches
    .filter(
      (outer) =>
        !batches.some(
          (inner) =>
            inner.month === outer.month && inner.kind === outer.kind && seriesInside(inner, outer),
        ),
    )
    .slice(0, top);
}

/** The 存在问题 item on the alerts, without its ordinal; null when there are none. */
export function alertsProblemText(alerts: readonly ReportAlert[], top: number): string | null {
  const named = briefingAlerts(alerts, top);
  if (named.length === 0) return null;
  return `部分地区和问题登记高于自身历史水平，露出信访苗头。${named.map((a) => a.sentence).join('')}`;
}

/** The note a briefing carries when the data's alerts could not be read. */
export const ALERTS_MISSING_NOTE = '提示：预警数据未能载入，本汇报未列入苗头预警。';
