/**
 * The alerts file derived from the whole history, by the data build (and tests). One runner, any
 * engine.
 */
import { addMonths } from '../periods.ts';
import type { QueryRunner } from '../query-runner.ts';
import { deriveAlerts } from './detect.ts';
import type { AlertOptions } from './options.ts';
import { ALERTS_VERSION, BAND_KEPT_MONTHS, type AlertsFile } from './published.ts';
import {
  alertCountsQuery,
  alertRangeQuery,
  alertWindowsQuery,
  countRows,
  windowRows,
} from './queries.ts';

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
