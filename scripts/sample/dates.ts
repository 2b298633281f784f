/** Days as integers (days since 1970-01-01, UTC) and the sample's calendar. */

export const DAY_MS = 86_400_000;

export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** First month of the sample (index 0) and the number of months: 2022-01 … 2024-09. */
export const FIRST_YEAR = 2022;
export const MONTHS = 33;
/** The day the exports were taken: handling fields are as of this day. */
export const EXPORT_DAY = dayOf(2024, 10, 8);

/** How long a sample runs (`--through`): months from 2022-01, and the day it was exported. */
export interface Calendar {
  months: number;
  exportDay: number;
}

export const DEFAULT_CALENDAR: Calendar = { months: MONTHS, exportDay: EXPORT_DAY };

/** A sample through `month` ('YYYY-MM', not before 2024-09), exported on the 8th after it. */
export function calendarThrough(month: string): Calendar {
  const [year = 0, moy = 0] = month.split('-').map(Number);
  const months = (year - FIRST_YEAR) * 12 + moy;
  return { months, exportDay: monthStart(months) + 7 };
}

export function yearOfMonth(m: number): number {
  return FIRST_YEAR + Math.floor(m / 12);
}

/** 1–12. */
export function monthOfYear(m: number): number {
  return (m % 12) + 1;
}

export function monthStart(m: number): number {
  return dayOf(yearOfMonth(m), monthOfYear(m), 1);
}

export function daysInMonth(m: number): number {
  return monthStart(m + 1) - monthStart(m);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const ymdCache = new Map<number, Ymd>();

export function ymd(day: number): Ymd {
  let value = ymdCache.get(day);
  if (value === undefined) {
    const date = new Date(day * DAY_MS);
    value = { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
    ymdCache.set(day, value);
  }
  return value;
}

const isoCache = new Map<number, string>();

export function iso(day: number): string {
  let text = isoCache.get(day);
  if (text === undefined) {
    const { y, m, d } = ymd(day);
    text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    isoCache.set(day, text);
  }
  return text;
}

/** `YYYY-MM` of a sample month index. */
export function monthKey(m: number): string {
  return `${yearOfMonth(m)}-${String(monthOfYear(m)).padStart(2, '0')}`;
}

/** Excel (1900 system) serial number of a day. */
export function excelSerial(day: number): number {
  return day + 25_569;
}
