/**
 * The briefing follows the period, the comparison and the record filters (not the measure). It is
 * computed from the pre-aggregated tables, from the recorded answers when the build recorded its
 * scope, and each briefing is kept for the next change.
 */
import { withAlerts } from '../lib/alerts/report-alerts.ts';
import type { DashboardScope } from '../lib/scope.ts';
import { reportOptions } from '../lib/report-options.ts';
import { reportKey } from '../lib/recorded-answers.ts';
import { computeReport, type Report } from '../lib/report.ts';
import { siteConfig } from '../site.config.ts';
import type { Boot } from './boot.ts';
import { alertsForBriefing } from './published-alerts.ts';
import type { RecordedRunners } from './recorded-answers.ts';

/**
 * With `onlyWhileShown`, a briefing the reader has already left (a quick second change) stops
 * before its next query, so the new view's charts do not wait behind it.
 */
export type ReportFor = (scope: DashboardScope, onlyWhileShown?: boolean) => Promise<Report>;

/** `shownScope`: the scope on screen now; the page's own report (`boot.report`) is the first kept. */
export function reportCache(
  boot: Boot,
  shownScope: () => DashboardScope,
  runners: Pick<RecordedRunners, 'report'>,
): ReportFor {
  const reports = new Map<string, Promise<Report>>(
    boot.report
      ? [
          [
            reportKey({ ...boot.report.filter, period: boot.report.period }),
            Promise.resolve(boot.report),
          ],
        ]
      : [],
  );
  return (scope, onlyWhileShown = false) => {
    const key = reportKey(scope);
    let report = reports.get(key);
    if (!report) {
      const { period, channel, level, category, region, tag } = scope;
      const shownNow = () => !onlyWhileShown || reportKey(shownScope()) === key;
      const run = runners.report(scope);
      const alerts = boot.alerts ? alertsForBriefing(boot.databaseUrl, period.to) : null;
      report = (async () =>
        withAlerts(
          await computeReport(
            (query) => (shownNow() ? run(query) : Promise.reject(new Error('视图已改变'))),
            {
              from: period.from,
              to: period.to,
              compare: period.compare,
              filter: { channel, level, category, region, tag },
            },
            reportOptions(siteConfig, boot.info.coverage),
            'cube',
          ),
          await alerts,
          reportOptions(siteConfig, boot.info.coverage),
          boot.alerts === true,
        ))();
      report.catch(() => reports.delete(key));
      reports.set(key, report);
    }
    return report;
  };
}
