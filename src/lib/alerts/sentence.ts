/** One sentence per alert, in the briefings' style: figures only, no causes. */
import { MEASURE_UNITS } from '../counts.ts';
import type { Alert } from './types.ts';

export function monthWord(month: string): string {
  return `${Number(month.slice(5, 7))}月`;
}

function dayWord(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

function about(value: number, unit: string): string {
  return value < 0.5 ? `不足1${unit}` : `约${Math.round(value)}${unit}`;
}

function monthPart(alert: Pick<Alert, 'month' | 'partialThrough'>): string {
  const month = monthWord(alert.month);
  return alert.partialThrough ? `${month}（截至${dayWord(alert.partialThrough)}）` : month;
}

export function alertSentence(alert: Omit<Alert, 'sentence' | 'band'>): string {
  const unit = MEASURE_UNITS[alert.measure];
  const partial = alert.partialThrough ? '按已过天数折算，' : '';
  const observed = `${monthPart(alert)}登记${alert.observed}${unit}`;
  switch (alert.kind) {
    case 'above': {
      const level = alert.baseline === 'seasonal' ? '近年同期' : '近月';
      const run = alert.runMonths >= 2 ? `，已连续${alert.runMonths}个月偏高` : '';
      return `${alert.name}：${observed}，高于${level}水平（${partial}预期${about(alert.expected, unit)}，上限${alert.upper}${unit}）${run}。`;
    }
    case 'sustained':
      return `${alert.name}：${observed}，自${monthWord(alert.since)}起已连续${alert.runMonths}个月高于预期（本月${partial}预期${about(alert.expected, unit)}）。`;
    case 'new':
      return `${alert.name}：此前${alert.runMonths}个月无登记，${observed}。`;
    case 'collective': {
      const d = alert.detail ?? {};
      const parts: string[] = [];
      if (d.petitionersAbove) {
        parts.push(
          `${alert.observed}名信访人登记${d.batches ?? 0}批，高于此前12个月的水平（预期${about(alert.expected, '人')}，上限${alert.upper}人）`,
        );
      }
      if (d.collectiveNew) {
        parts.push(
          `发生集体访${d.collectiveBatches ?? 0}批${d.collectivePersons ?? 0}人次，此前12个月无集体访`,
        );
      }
      return `${alert.name}：截至${dayWord(d.windowEnd ?? alert.month)}的${d.windowDays ?? 30}天内，${parts.join('；')}。`;
    }
    case 'escalation': {
      const d = alert.detail ?? {};
      return `${alert.name}：${monthPart(alert)}走访登记${d.visits ?? 0}批，其中越级（进京、赴省、到市）${alert.observed}批，占${(d.share ?? 0).toFixed(1)}%，此前12个月为${(d.previousShare ?? 0).toFixed(1)}%（预期${about(alert.expected, '批')}，上限${alert.upper}批）。`;
    }
  }
}
