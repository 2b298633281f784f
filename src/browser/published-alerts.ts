import { briefingFileHolds, parseAlertsFile, type AlertsFile } from '../lib/alerts/published.ts';
import { PUBLISHED_FILES } from '../lib/schema.ts';

const requests = new Map<string, Promise<AlertsFile | null>>();

/** A published alerts file next to the database, fetched once; null when it cannot be read. */
function fetchOnce(databaseUrl: string, name: string): Promise<AlertsFile | null> {
  let request = requests.get(name);
  if (!request) {
    request = fetch(databaseUrl.replace(PUBLISHED_FILES.database, name))
      .then(async (response) => {
        if (!response.ok) return null;
        const parsed = parseAlertsFile(await response.json());
        return typeof parsed === 'string' ? null : parsed;
      })
      .catch(() => null);
    requests.set(name, request);
  }
  return request;
}

/** alerts.json, every month with bands: the 苗头预警 page (null: it keeps the month it was built with). */
export function publishedAlerts(databaseUrl: string): Promise<AlertsFile | null> {
  return fetchOnce(databaseUrl, PUBLISHED_FILES.alerts);
}

/**
 * What a briefing of `month` needs: the small alerts-briefing.json when it holds that month (the
 * latest), else alerts.json. null when neither can be read: the briefing then says so.
 */
export async function alertsForBriefing(
  databaseUrl: string,
  month: string,
): Promise<AlertsFile | null> {
  const small = await fetchOnce(databaseUrl, PUBLISHED_FILES.alertsBriefing);
  if (small && briefingFileHolds(small, month)) return small;
  return publishedAlerts(databaseUrl);
}
