/**
 * The alerts a report carries: those of its last month that lie inside its filters, strongest
 * first. The report's text is written again so its 存在问题 names them (report-text.ts).
 */
import type { RecordFilter } from '../scope.ts';
import type { Report, ReportOptions } from '../report.ts';
import { briefingText } from '../report-text.ts';
import type { AlertsFile } from './published.ts';
import type { Alert, ReportAlert } from './types.ts';

type FilterKey = keyof RecordFilter;

/** The filter values a series fixes; a filter the series does not fix leaves it out. */
function fixed(alert: Alert): Partial<Record<FilterKey, string>> {
  const [first = '', second = ''] = alert.keys;
  switch (alert.dimension) {
    case 'region-category':
      return { region: first, category: second };
    case 'region':
      return { region: first };
    case 'category':
      return { category: first };
    case 'level':
      return { level: first };
    case 'tag':
      return { tag: first };
    case 'escalated':
      return { region: first, channel: '来访' };
    default:
      return {};
  }
}

export function alertInFilter(alert: Alert, filter: RecordFilter): boolean {
  const values = fixed(alert);
  return (Object.keys(filter) as FilterKey[]).every(
    (key) => filter[key] === null || values[key] === filter[key],
  );
}

export function reportAlerts(
  file: AlertsFile | null,
  month: string,
  filter: RecordFilter,
): ReportAlert[] {
  if (!file) return [];
  return file.alerts
    .filter((alert) => alert.month === month && alertInFilter(alert, filter))
    .map(({ band: _band, ...alert }) => alert);
}

/** `missing`: the data has alerts but `file` could not be read (the text then says so). */
export function withAlerts(
  report: Report,
  file: AlertsFile | null,
  options: ReportOptions,
  missing = false,
): Report {
  const alerts = reportAlerts(file, report.period.to, report.filter);
  const next: Report = { ...report, alerts, alertsTop: file?.options.briefingTop ?? 0 };
  delete next.alertsMissing;
  if (missing && !file) next.alertsMissing = true;
  next.text = briefingText(next, {
    placeName: options.placeName,
    regionLabel: options.regionLabel,
  });
  return next;
}
