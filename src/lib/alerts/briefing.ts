import type { ReportAlert } from './types.ts';

/** The alerts the briefing names: 登记 batches only (人次 would repeat them), the strongest few. */
export function briefingAlerts(alerts: readonly ReportAlert[], top: number): ReportAlert[] {
  return alerts.filter((alert) => alert.measure === 'batches').slice(0, top);
}

/** The 存在问题 item on the alerts, without its ordinal; null when there are none. */
export function alertsProblemText(alerts: readonly ReportAlert[], top: number): string | null {
  const named = briefingAlerts(alerts, top);
  if (named.length === 0) return null;
  return `部分地区和问题登记高于自身历史水平，露出信访苗头。${named.map((a) => a.sentence).join('')}`;
}

/** The note a briefing carries when the data's alerts could not be read. */
export const ALERTS_MISSING_NOTE = '提示：预警数据未能载入，本汇报未列入苗头预警。';
