/**
 * The briefing follows the period, the comparison and the record filters (not the measure). Its
 * counts come from the pre-aggregated tables, its rates from `records` (the slowest query of the
 * page), so each briefing is kept for the next change.
 */
import { withAlerts } from '../lib/alerts/report-alerts.ts';
import type { DashboardScope } from '../lib/scope.ts';
import { reportOptions } from '../lib/report-options.ts';
import { computeReport, type Report } from '../lib/report.ts';
import { siteConfig } from '../site.config.ts';
import type { Boot } from './boot.ts';
import { startEngine } from './engine.ts';
import { alertsForBriefing } from './published-alerts.ts';

/**
 * With `onlyWhileShown`, a briefing the reader has already left (a quick second change) stops
 * before its next query, so the new view's charts do not wait behind it.
 */
export type ReportFor = (scope: DashboardScope, onlyWhileShown?: boolean) => Promise<Report>;

const reportKey = (scope: { period: Report['period'] } & Report['filter']): string =>
  JSON.stringify([
    scope.period.from,
    scope.period.to,
    scope.period.compare,
    ...(['channel', 'level', 'category', 'region', 'tag'] as const).map((key) => scope[key]),
  ]);

/** `shownScope`: the scope on screen now; the page's own report (`boot.report`) is the first kept. */
export function reportCache(boot: Boot, shownScope: () => DashboardScope): ReportFor {
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
      report = startEngine(boot.databaseUrl).then(async (run) =>
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
          boot.alerts ? await alertsForBriefing(boot.databaseUrl, period.to) : null,
          reportOptions(siteConfig, boot.info.coverage),
          boot.alerts === true,
        ),
      );
      report.catch(() => reports.delete(key));
      reports.set(key, report);
    }
    return report;
  };
}
