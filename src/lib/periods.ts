/**
 * Report periods: calendar months written 'YYYY-MM', the last one cut at the data's cut-off day
 * when the data ends inside it (the like-for-like rule of docs/definitions.md). Pure string and
 * integer arithmetic, no Date objects, so results never depend on the time zone.
 */

/** 同比 (the same months a year earlier) or 环比 (the period just before). */
export const COMPARES = ['yoy', 'mom'] as const;
export type Compare = (typeof COMPARES)[number];

export interface Period {
  from: string;
  to: string;
  /** The period ends on this day of `to` (1-based); null or absent: on its last day. */
  throughDay?: number | null;
}

export interface ReportPeriod extends Period {
  compareFrom: string;
  compareTo: string;
  compare: Compare;
  /**
   * Set when the data's cut-off falls before the last day of `to`: the period ends on the cut-off
   * day, and the comparison period on the same day of `compareTo` (or its last day, if shorter).
   */
  throughDay: number | null;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

function parts(month: string): { year: number; month: number } {
  const match = MONTH.exec(month);
  if (!match) throw new Error(`月份格式应为 YYYY-MM：${month}`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

function format(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/**
 * Months since year 0, so months can be added and subtracted as integers: '2024-09' → 24,296
 * (the `month_no` of the handling and timing tables, queries-cube.ts).
 */
export function monthIndex(month: string): number {
  const p = parts(month);
  return p.year * 12 + (p.month - 1);
}

function fromIndex(i: number): string {
  return format(Math.floor(i / 12), (i % 12) + 1);
}

export function addMonths(month: string, count: number): string {
  return fromIndex(monthIndex(month) + count);
}

/** Number of months from `from` to `to`, both included. */
export function monthCount(period: Period): number {
  return monthIndex(period.to) - monthIndex(period.from) + 1;
}

export function compareMonths(a: string, b: string): number {
  return monthIndex(a) - monthIndex(b);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(month: string): number {
  const p = parts(month);
  if (p.month === 2) return isLeapYear(p.year) ? 29 : 28;
  return [4, 6, 9, 11].includes(p.month) ? 30 : 31;
}

/** First day of the month, 'YYYY-MM-DD'. */
export function firstDay(month: string): string {
  parts(month);
  return `${month}-01`;
}

/** Last day of the month, 'YYYY-MM-DD'. */
export function lastDay(month: string): string {
  return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}

/** The day of `to` a period ends on: `throughDay`, at most the month's last day. */
function endDay(period: Period): number {
  const last = daysInMonth(period.to);
  return period.throughDay == null ? last : Math.min(period.throughDay, last);
}

/** The last day of the period, 'YYYY-MM-DD'. */
export function lastDayOf(period: Period): string {
  return `${period.to}-${String(endDay(period)).padStart(2, '0')}`;
}

/** The half-open date range [start, end) a period covers: `end` is the first day after it. */
export function dateRange(period: Period): { start: string; end: string } {
  return { start: firstDay(period.from), end: nextDay(lastDayOf(period)) };
}

/** The comparison period of a report period, with its own end day. */
export function comparedPeriod(period: ReportPeriod): Period {
  return { from: period.compareFrom, to: period.compareTo, throughDay: period.throughDay };
}

/**
 * The day the period's last month is cut at by the data's cut-off ('YYYY-MM-DD'): the cut-off
 * day when the cut-off lies in `to` before its last day, else null (whole months).
 */
export function cutoffDay(to: string, cutoff: string | undefined): number | null {
  if (cutoff === undefined) return null;
  const match = /^(\d{4}-\d{2})-(\d{2})$/.exec(cutoff);
  const day = Number(match?.[2]);
  if (!match || day < 1 || day > daysInMonth(match[1] ?? '')) {
    throw new Error(`数据截止日格式应为 YYYY-MM-DD：${cutoff}`);
  }
  if (match[1] !== to) return null;
  return day < daysInMonth(to) ? day : null;
}

/** 同比: the same months a year earlier. 环比: the preceding period of the same length. */
export function comparisonPeriod(period: Period, compare: Compare): Period {
  if (compare === 'yoy')
    return { from: addMonths(period.from, -12), to: addMonths(period.to, -12) };
  const length = monthCount(period);
  return { from: addMonths(period.from, -length), to: addMonths(period.from, -1) };
}

/** 本年累计: January of the latest month's year through the latest month. */
export function yearToDate(latestMonth: string): Period {
  return { from: `${latestMonth.slice(0, 4)}-01`, to: latestMonth };
}

/**
 * The period and its comparison period. `cutoff` ('YYYY-MM-DD', the last registration day in the
 * data) cuts both at the cut-off day when it falls inside `to` (see `cutoffDay`).
 */
export function reportPeriod(period: Period, compare: Compare, cutoff?: string): ReportPeriod {
  if (compareMonths(period.from, period.to) > 0) {
    throw new Error(`起始月份 ${period.from} 晚于结束月份 ${period.to}`);
  }
  const other = comparisonPeriod(period, compare);
  return {
    from: period.from,
    to: period.to,
    compareFrom: other.from,
    compareTo: other.to,
    compare,
    throughDay: cutoffDay(period.to, cutoff),
  };
}

/**
 * '1-9月' (same year), '9月' (one month), '2023年10月-2024年9月' (across years).
 * With `withYear`, same-year labels carry the year: '2024年1-9月', '2024年9月'.
 * A period cut at a day names the days: '1月1日-7日', '2024年1月1日-3月7日',
 * '2023年2月1日-2024年1月7日'.
 */
export function periodLabel(period: Period, withYear = false): string {
  const a = parts(period.from);
  const b = parts(period.to);
  if (period.throughDay != null) {
    const end = endDay(period);
    if (a.year !== b.year) return `${a.year}年${a.month}月1日-${b.year}年${b.month}月${end}日`;
    const year = withYear ? `${a.year}年` : '';
    if (a.month === b.month) return `${year}${a.month}月1日-${end}日`;
    return `${year}${a.month}月1日-${b.month}月${end}日`;
  }
  if (a.year !== b.year) return `${a.year}年${a.month}月-${b.year}年${b.month}月`;
  const year = withYear ? `${a.year}年` : '';
  if (a.month === b.month) return `${year}${a.month}月`;
  return `${year}${a.month}-${b.month}月`;
}

/** The day after a 'YYYY-MM-DD' date. */
export function nextDay(date: string): string {
  const match = /^(\d{4}-\d{2})-(\d{2})$/.exec(date);
  if (!match || !isMonth(match[1] ?? '')) throw new Error(`日期格式应为 YYYY-MM-DD：${date}`);
  const month = match[1] ?? '';
  const day = Number(match[2]);
  if (day < 1 || day > daysInMonth(month)) throw new Error(`日期不存在：${date}`);
  if (day < daysInMonth(month)) return `${month}-${String(day + 1).padStart(2, '0')}`;
  return firstDay(addMonths(month, 1));
}

/** '2024-09-30' → '2024年9月30日' */
export function dateText(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${year}年${month}月${date}日`;
}
