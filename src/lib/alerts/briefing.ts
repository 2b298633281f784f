import type { AlertDimension } from './series.ts';
import type { ReportAlert } from './types.ts';

/** What a series' records have in common: the values it fixes (越级 走访 of a region: two). */
function seriesValues(alert: ReportAlert): Map<string, string> {
  const [first = '', second = ''] = alert.keys;
  const by: Record<AlertDimension, [string, string][]> = {
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
  return new Map(by[alert.dimension]);
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

/** One rise: the alert that names it, and the alerts of the same rise on other series. */
export interface RiseGroup<A extends ReportAlert = ReportAlert> {
  lead: A;
  also: A[];
}

const alike = (a: ReportAlert, b: ReportAlert): boolean =>
  a !== b && a.month === b.month && a.kind === b.kind && a.measure === b.measure;

/** Share of a unit's count that lies in `other`'s category or region (0 when not most of it). */
function unitShare(unit: ReportAlert, other: ReportAlert): number {
  if (unit.dimension !== 'unit' || (other.dimension !== 'category' && other.dimension !== 'region'))
    return 0;
  const part = unit.mainly.find((m) => m.dimension === other.dimension && m.key === other.keys[0]);
  return part?.share ?? 0;
}

/**
 * Alerts of one rise together, so a leader reads one alert per rise. Among alerts of the same
 * month, kind and measure: an alert whose series holds another alert's series (市场监管 holds
 * 城关街道·市场监管) is that rise, named by the series inside (the most specific); a unit's alert
 * is the rise of the category or region holding most of the unit's count that month (`mainly`:
 * 区市场监管局, all of it 市场监管), named by that series. Groups are ranked by their strongest
 * alert; `alerts` come strongest first.
 */
export function riseGroups<A extends ReportAlert>(alerts: readonly A[]): RiseGroup<A>[] {
  const target = (alert: A): A | null => {
    const inner = alerts.find((other) => alike(alert, other) && seriesInside(other, alert));
    if (inner) return inner;
    let best: A | null = null;
    for (const other of alerts) {
      const part = alike(alert, other) ? unitShare(alert, other) : 0;
      if (part > 0 && (!best || part > unitShare(alert, best))) best = other;
    }
    return best;
  };
  const lead = new Map<A, A>();
  const leadOf = (alert: A): A => {
    let found = lead.get(alert);
    if (!found) {
      // Every step goes to a series that fixes more values or from a unit to a category or
      // region, so the chain ends.
      const next = target(alert);
      found = next ? leadOf(next) : alert;
      lead.set(alert, found);
    }
    return found;
  };
  const groups = new Map<A, RiseGroup<A>>();
  for (const alert of alerts) {
    const head = leadOf(alert);
    const group = groups.get(head) ?? { lead: head, also: [] };
    if (head !== alert) group.also.push(alert);
    groups.set(head, group);
  }
  return [...groups.values()];
}

/**
 * The alerts the briefing names: 登记 batches only (人次 would repeat them), one per rise (see
 * riseGroups), the strongest few.
 */
export function briefingAlerts(alerts: readonly ReportAlert[], top: number): ReportAlert[] {
  const batches = alerts.filter((alert) => alert.measure === 'batches');
  return riseGroups(batches)
    .slice(0, top)
    .map((group) => group.lead);
}

/** The 存在问题 item on the alerts, without its ordinal; null when there are none. */
export function alertsProblemText(alerts: readonly ReportAlert[], top: number): string | null {
  const named = briefingAlerts(alerts, top);
  if (named.length === 0) return null;
  return `部分地区和问题登记高于自身历史水平，露出信访苗头。${named.map((a) => a.sentence).join('')}`;
}

/** The note a briefing carries when the data's alerts could not be read. */
export const ALERTS_MISSING_NOTE = '提示：预警数据未能载入，本汇报未列入苗头预警。';
