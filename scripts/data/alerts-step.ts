/**
 * The data build's alert step: derives the 苗头预警 from the whole published history (catalog
 * `schemaName`) and returns the alerts file to write next to the database.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { AlertOptions } from '../../src/lib/alerts/options.ts';
import { computeAlerts } from '../../src/lib/alerts/compute.ts';
import type { AlertsFile } from '../../src/lib/alerts/published.ts';
import { siteConfig } from '../../src/site.config.ts';
import { inCatalog, runQuery } from '../../src/node/duckdb-node.ts';

export async function deriveAlertsFile(
  connection: DuckDBConnection,
  schemaName: string,
  options: AlertOptions = siteConfig.alerts,
  collectiveThreshold: number = siteConfig.collectiveThreshold,
): Promise<AlertsFile> {
  return inCatalog(connection, schemaName, () =>
    computeAlerts((query) => runQuery(connection, query), options, collectiveThreshold),
  );
}
