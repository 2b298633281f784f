/**
 * The report's queries over `records`, generated from the measure catalog (measures.ts): each
 * count is a `count(*) FILTER (…)` whose condition is the catalog's, placed in a side by its anchor.
 * The same counts from the pre-aggregated tables: queries-dashboard.ts.
 */
import {
  ANCHORS,
  COUNT_MEASURES,
  collectiveCondition,
  datedColumns,
  REGISTRATION_TYPE,
  type Anchor,
  type CountName,
} from './measures.ts';
import { comparedPeriod, dateRange, nextDay, type Period, type ReportPeriod } from './periods.ts';
import type { Query } from './query-runner.ts';
import { FILTER_KEYS, NO_FILTER, type FilterKey, type RecordFilter, type Side } from './scope.ts';
import { EMPTY, join, name, sql } from './sql.ts';

/**
 * ` AND (? = '' OR d.channel = ?) …`: every filter in the text, set or not ('' binds "all"), so
 * the text does not change with the values and a prepared statement serves every filter. `tags`:
 * how the source holds tags, a list per record or one tag per row. `enums`: the columns are the
 * pre-aggregated tables' ENUM types (`dim_channel` …, queries-cube.ts) and the value is cast to
 * them (TRY_CAST: a value the type lacks is NULL and matches nothing, as the text comparison
 * does), so that DuckDB skips row groups by the columns' zone maps, which a text comparison
 * cannot use.
 */
export function filterClause(
  filter: RecordFilter,
  options: {
    alias?: string;
    keys?: readonly string[];
    tags?: 'list' | 'column' | 'none';
    enums?: boolean;
  } = {},
): Query {
  const prefix = options.alias === undefined ? '' : `${options.alias}.`;
  const equals = (key: FilterKey, value: string): Query =>
    options.enums
      ? sql`${name(`${prefix}${key}`)} = TRY_CAST(${value} AS ${name(`dim_${key}`)})`
      : sql`${name(`${prefix}${key}`)} = ${value}`;
  const parts = FILTER_KEYS.filter((key) => key !== 'tag')
    .filter((key) => options.keys === undefined || options.keys.includes(key))
    .map((key) => {
      const value = filter[key] ?? '';
      return sql` AND (${value} = '' OR ${equals(key, value)})`;
    });
  const tags = options.tags ?? 'list';
  if (tags !== 'none') {
    const value = filter.tag ?? '';
    parts.push(
      tags === 'list'
        ? sql` AND (${value} = '' OR list_contains(${name(`${prefix}tags`)}, ${value}))`
        : sql` AND (${value} = '' OR ${equals('tag', value)})`,
    );
  }
  return join(parts, '');
}

/**
 * The two periods as rows (side, start_on, end_on, due_end): [start_on, end_on) is the period
 * (cut at the cut-off day on both sides when `throughDay` is set); a deadline counts as due in it
 * when start_on ≤ deadline < due_end, where due_end stops at the data cutoff so that deadlines
 * after the last data day are not yet due.
 */
export function sides(period: ReportPeriod, cutoff: string): Query {
  const afterCutoff = nextDay(cutoff);
  const row = (side: Side, dates: Period): Query => {
    const range = dateRange(dates);
    const dueEnd = range.end < afterCutoff ? range.end : afterCutoff;
    return sideRow(side, range.start, range.end, dueEnd);
  };
  return sql`sides AS (
    ${row('current', period)}
    UNION ALL
    ${row('previous', comparedPeriod(period))}
  )`;
}

function sideRow(side: Side, start: string, end: string, dueEnd: string): Query {
  return sql`SELECT CAST(${side} AS VARCHAR) AS side, CAST(${start} AS DATE) AS start_on,
      CAST(${end} AS DATE) AS end_on, CAST(${dueEnd} AS DATE) AS due_end`;
}

/** One side from `start` ('YYYY-MM-DD') through the cut-off: the briefing's 截止目前 figure. */
function sinceSides(start: string, cutoff: string): Query {
  const end = nextDay(cutoff);
  return sql`sides AS (${sideRow('current', start, end, end)})`;
}

/** What a records query may group by: columns of a dated record. */
export type RecordDimension =
  'record_type' | 'channel' | 'level' | 'category' | 'region' | 'collective' | 'unit';

function inSide(anchor: Anchor): Query {
  const { column, deadline } = ANCHORS[anchor];
  const date = name(`d.${column}`);
  return deadline
    ? sql`${date} >= s.start_on AND ${date} < s.due_end`
    : sql`${date} >= s.start_on AND ${date} < s.end_on`;
}

/** `count(*) FILTER (…)` (or the persons' sum) of one catalog count, as an INTEGER column. */
function countColumn(count: CountName): Query {
  const definition = COUNT_MEASURES[count];
  const conditions = [inSide(definition.anchor)];
  if (definition.anchor !== 'registered') {
    conditions.push(sql`d.record_type = ${REGISTRATION_TYPE}`);
  }
  if (definition.where !== undefined) conditions.push(sql`(${definition.where})`);
  const filter = join(conditions, ' AND ');
  const value = definition.persons
    ? sql`coalesce(sum(d.persons) FILTER (WHERE ${filter}), 0)`
    : sql`count(*) FILTER (WHERE ${filter})`;
  return sql`CAST(${value} AS INTEGER) AS ${name(count)}`;
}

export interface RecordsCountsRequest {
  counts: readonly CountName[];
  filter?: RecordFilter;
  groupBy?: readonly RecordDimension[];
  /** Only records of this type (the catalog's handling counts hold 登记 alone anyway). */
  recordType?: string;
  /** Needed to group by `collective`. */
  collectiveThreshold?: number;
}

function recordsCounts(sidesCte: Query, request: RecordsCountsRequest): Query {
  const groupBy = request.groupBy ?? [];
  const anchors = [...new Set(request.counts.map((count) => COUNT_MEASURES[count].anchor))];
  const extra: Query[] = [];
  if (groupBy.includes('unit')) extra.push(sql`, coalesce(unit, ${'未注明'}) AS unit_name`);
  if (groupBy.includes('collective')) {
    if (request.collectiveThreshold === undefined) throw new Error('按集体访分组需要人数标准');
    extra.push(sql`, ${collectiveCondition(request.collectiveThreshold)} AS collective`);
  }
  const type =
    request.recordType === undefined ? EMPTY : sql` AND record_type = ${request.recordType}`;
  const selectDims = groupBy.map((dim) =>
    dim === 'unit' ? sql`, d.unit_name AS unit` : sql`, d.${name(dim)}`,
  );
  const groupDims = groupBy.map((dim) =>
    dim === 'unit' ? sql`, d.unit_name` : sql`, d.${name(dim)}`,
  );
  return sql`WITH ${sidesCte},
  dated AS (
    SELECT *, ${datedColumns()}${join(extra, '')}
    FROM records
    WHERE TRUE${type}${filterClause(request.filter ?? NO_FILTER)}
  )
  SELECT s.side${join(selectDims, '')}, ${join(request.counts.map(countColumn), ', ')}
  FROM sides s
  JOIN dated d ON ${join(
    anchors.map((anchor) => sql`(${inSide(anchor)})`),
    ' OR ',
  )}
  GROUP BY s.side${join(groupDims, '')}
  ORDER BY s.side${join(groupDims, '')}`;
}

/** Catalog counts over `records` by side (and `groupBy`), for a period and its comparison. */
export function recordsCountsQuery(
  period: ReportPeriod,
  cutoff: string,
  request: RecordsCountsRequest,
): Query {
  return recordsCounts(sides(period, cutoff), request);
}

/** The same from `start` ('YYYY-MM-DD') through the cut-off, as one side 'current'. */
export function recordsCountsSinceQuery(
  start: string,
  cutoff: string,
  request: RecordsCountsRequest,
): Query {
  return recordsCounts(sinceSides(start, cutoff), request);
}

/** The values a category, region or tag filter may take: those the records hold. */
export function recordValuesQuery(column: 'category' | 'region' | 'tag'): Query {
  const value = column === 'tag' ? sql`unnest(tags)` : name(column);
  return sql`SELECT DISTINCT ${value} AS value FROM records ORDER BY 1`;
}

/**
 * First and last registration day, and the number of records: fixes the default period. From the
 * tables' `cube_range` (one row) when they exist, so the browser does not scan `records`.
 */
export function dataRangeQuery(source: 'records' | 'cube' = 'records'): Query {
  if (source === 'cube') {
    return sql`SELECT strftime(first_on, '%Y-%m-%d') AS first_on,
    strftime(last_on, '%Y-%m-%d') AS last_on, records
  FROM cube_range`;
  }
  return sql`SELECT
    strftime(min(registered_on), '%Y-%m-%d') AS first_on,
    strftime(max(registered_on), '%Y-%m-%d') AS last_on,
    CAST(count(*) AS INTEGER) AS records
  FROM records`;
}
