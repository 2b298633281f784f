/** What a page needs to know about the published data before (and without) the engine. */
import type { KnownValues } from '../lib/view-state.ts';
import { knownValuesQueries } from '../lib/queries-dashboard.ts';
import type { QueryRunner } from '../lib/query-runner.ts';
import { dataRangeQuery } from '../lib/queries.ts';
import type { Coverage } from '../lib/figure-columns.ts';
import { dateText } from '../lib/periods.ts';

export interface SiteInfo extends KnownValues {
  /** Last day with records, 'YYYY-MM-DD': the data cut-off. */
  cutoff: string;
  /** '2024年9月30日' */
  cutoffText: string;
  /** Which columns the export carried (manifest.json `columns`): figures without them are 无数据. */
  coverage: Coverage;
}

export async function loadSiteInfo(run: QueryRunner, coverage: Coverage = {}): Promise<SiteInfo> {
  const q = knownValuesQueries();
  const [range, months, categories, regions, tags] = await Promise.all([
    run(dataRangeQuery()),
    run(q.months),
    run(q.categories),
    run(q.regions),
    run(q.tags),
  ]);
  const cutoff = String(range[0]?.['last_on'] ?? '');
  const values = (rows: typeof categories) => rows.map((row) => String(row['value']));
  return {
    firstMonth: String(months[0]?.['first_month'] ?? ''),
    latestMonth: String(months[0]?.['latest_month'] ?? ''),
    categories: values(categories),
    regions: values(regions),
    tags: values(tags),
    cutoff,
    cutoffText: cutoff ? dateText(cutoff) : '',
    coverage,
  };
}
