/**
 * The dashboard's pre-aggregated tables, created in the published database after `records` and
 * `petitioners` exist (catalog `schemaName`). Every text column they hold goes through the same
 * personal-data scan as `records` before anything is published.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { cubeStatements } from '../../src/lib/queries-cube.ts';
import { inCatalog, runStatement } from '../../src/node/duckdb-node.ts';
import { siteConfig } from '../../src/site.config.ts';

export async function createDerivedTables(
  connection: DuckDBConnection,
  schemaName: string,
  collectiveThreshold: number = siteConfig.collectiveThreshold,
): Promise<void> {
  await inCatalog(connection, schemaName, async () => {
    for (const statement of cubeStatements(collectiveThreshold)) {
      await runStatement(connection, statement);
    }
  });
}
