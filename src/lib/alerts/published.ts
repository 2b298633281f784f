/**
 * The published alerts (alerts.json in the data folder): derived by the data build from the whole
 * history, read by the report command, the site's build and the browser. One runner, any engine.
 */
import { addMonths } from '../periods.ts';
import type { QueryRunner } from '../query-runner.ts';
import { deriveAlerts } from './detect.ts';
import type { AlertOptions } from './options.ts';
import {
  alertCountsQuery,
  alertRangeQuery,
  alertWindowsQuery,
  countRows,
  windowRows,
} from './queries.ts';
import type { Alert } from './types.ts';

export const ALERTS_VERSION = 1;

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

export async function computeAlerts(
  run: QueryRunner,
  options: AlertOptions,
  collectiveThreshold: number,
): Promise<AlertsFile> {
  const [range] = await run(alertRangeQuery());
  const firstDay = range?.['first_day'] == null ? null : String(range['first_day']);
  const cutoff = range?.['cutoff'] == null ? null : String(range['cutoff']);
  if (!firstDay || !cutoff)
    return { version: ALERTS_VERSION, firstDay, cutoff, options, alerts: [] };
  const counts = countRows(await run(alertCountsQuery()));
  const windows = windowRows(
    await run(alertWindowsQuery(options.collectiveDays, collectiveThreshold)),
  );
  // Bands are drawn for the page's months only (the last BAND_KEPT_MONTHS): the file stays small.
  const oldest = addMonths(cutoff.slice(0, 7), -(BAND_KEPT_MONTHS - 1));
  const alerts = deriveAlerts({ firstDay, cutoff, counts, windows }, options).map((alert) =>
    alert.month < oldest ? { ...alert, band: [] } : alert,
  );
  return { version: ALERTS_VERSION, firstDay, cutoff, options, alerts };
}

/** The alerts of one month, strongest first (they are stored in that order). */
export function alertsOfMonth(file: AlertsFile, month: string): Alert[] {
  return file.alerts.filter((alert) => alert.month === month);
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
