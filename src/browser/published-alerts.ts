import { parseAlertsFile, type AlertsFile } from '../lib/alerts/published.ts';
import { PUBLISHED_FILES } from '../lib/schema.ts';

let request: Promise<AlertsFile | null> | null = null;

/**
 * alerts.json next to the database, fetched once; null when the data has none or it cannot be
 * read (the briefing then names no alerts, the 苗头预警 page keeps the month it was built with).
 */
export function publishedAlerts(databaseUrl: string): Promise<AlertsFile | null> {
  request ??= fetch(databaseUrl.replace(PUBLISHED_FILES.database, PUBLISHED_FILES.alerts))
    .then(async (response) => {
      if (!response.ok) return null;
      const parsed = parseAlertsFile(await response.json());
      return typeof parsed === 'string' ? null : parsed;
    })
    .catch(() => null);
  return request;
}
