/**
 * The published alerts file (alerts.json in the data folder), as the report command, the site's
 * build and the browser read it. Deriving it (compute.ts) is the data build's job, never the
 * browser's: the browser only reads the file.
 */
import type { AlertOptions } from './options.ts';
import type { Alert } from './types.ts';

/** 2: unit alerts carry `mainly` (which category and region hold their count). */
export const ALERTS_VERSION = 2;

/** Months (up to the cutoff's) whose alerts keep their band in alerts.json. */
export const BAND_KEPT_MONTHS = 12;

export interface AlertsFile {
  version: typeof ALERTS_VERSION;
  /** First and last registration day the alerts were derived from. */
  firstDay: string | null;
  cutoff: string | null;
  options: AlertOptions;
  alerts: Alert[];
}

/**
 * alerts-briefing.json: what the 总览 and 情况汇报 need in the browser, the alerts of the cutoff's
 * month without their bands (a briefing of an earlier month reads alerts.json).
 */
export function briefingFile(file: AlertsFile): AlertsFile {
  const month = file.cutoff?.slice(0, 7);
  return {
    ...file,
    alerts: file.alerts.filter((alert) => alert.month === month).map((a) => ({ ...a, band: [] })),
  };
}

/** Whether a briefing of `month` finds all its alerts in `file` (alerts-briefing.json). */
export function briefingFileHolds(file: AlertsFile, month: string): boolean {
  return file.cutoff?.slice(0, 7) === month;
}

/** Every text an alert publishes, for the personal-data scan before anything leaves the build. */
export function alertTexts(file: AlertsFile): string[] {
  return file.alerts.flatMap((alert) => [alert.name, ...alert.keys, alert.sentence]);
}

/** A parsed alerts.json, or a message saying what is wrong with it. */
export function parseAlertsFile(value: unknown): AlertsFile | string {
  if (typeof value !== 'object' || value === null) return 'alerts.json 不是对象';
  const file = value as Partial<AlertsFile>;
  if (file.version !== ALERTS_VERSION) {
    return `alerts.json 格式版本为 ${String(file.version)}，需要 ${ALERTS_VERSION}：请重新运行 npm run build:data`;
  }
  if (!Array.isArray(file.alerts)) return 'alerts.json 缺少 alerts';
  return file as AlertsFile;
}
