/**
 * Pre-aggregated tables the dashboard queries instead of `records`, so a filter change costs the
 * same at a million records as at a thousand: their size follows the number of distinct
 * month × type × channel × level × category × region combinations, not the number of records.
 * Run by the data build against the published schema, right after `records` exists.
 */
import type { Query } from './query-runner.ts';

const MEASURES = `
    count(*)::INTEGER AS batches,
    sum(persons)::INTEGER AS persons,
    count(*) FILTER (WHERE is_repeat)::INTEGER AS repeat_batches,
    count(*) FILTER (WHERE leader_received)::INTEGER AS leader_batches,
    coalesce(sum(persons) FILTER (WHERE leader_received), 0)::INTEGER AS leader_persons,
    count(*) FILTER (WHERE leader_case)::INTEGER AS leader_cases,
    count(*) FILTER (WHERE leader_case AND resolved)::INTEGER AS leader_cases_resolved,
    count(*) FILTER (WHERE supervised)::INTEGER AS supervised,
    count(*) FILTER (WHERE supervised AND resolved)::INTEGER AS supervised_resolved,
    count(*) FILTER (WHERE acceptance = '受理')::INTEGER AS accepted,
    count(*) FILTER (WHERE acceptance = '不予受理')::INTEGER AS not_accepted,
    count(*) FILTER (WHERE acceptance = '不再受理')::INTEGER AS not_again,
    count(*) FILTER (WHERE acceptance = '待受理')::INTEGER AS pending`;

const DIMENSIONS = `strftime(registered_on, '%Y-%m') AS month, record_type, channel, level,
    category, region, (channel = '来访' AND persons >= ?) AS collective`;

/** Statements that create the dashboard's tables; `collectiveThreshold` comes from site config. */
export function cubeStatements(collectiveThreshold: number): Query[] {
  if (!Number.isInteger(collectiveThreshold) || collectiveThreshold < 2) {
    throw new Error(`集体访人数标准应为不小于2的整数：${collectiveThreshold}`);
  }
  return [
    {
      sql: `CREATE TABLE cube AS
  SELECT ${DIMENSIONS}, ${MEASURES}
  FROM records GROUP BY ALL ORDER BY ALL`,
      params: [collectiveThreshold],
    },
    {
      sql: `CREATE TABLE cube_tag AS
  SELECT tag, ${DIMENSIONS}, ${MEASURES}
  FROM (SELECT unnest(tags) AS tag, * FROM records) GROUP BY ALL ORDER BY ALL`,
      params: [collectiveThreshold],
    },
    {
      sql: `CREATE TABLE cube_sub AS
  SELECT coalesce(subcategory, '未细分') AS subcategory, ${DIMENSIONS}, ${MEASURES}
  FROM records WHERE record_type = '登记' GROUP BY ALL ORDER BY ALL`,
      params: [collectiveThreshold],
    },
  ];
}

export const CUBE_TABLES = ['cube', 'cube_tag', 'cube_sub'] as const;
