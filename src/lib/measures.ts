/**
 * The measure catalog: every count and rate of the site, defined once. The records queries
 * (queries.ts), the pre-aggregated tables (queries-cube.ts) and the dashboard's reads of them
 * (queries-dashboard.ts) are generated from these entries; the report, the cards, the pages and
 * the .docx read the answers by these names. Definitions in words: docs/definitions.md.
 *
 * A count is a number of records (or their persons) that meet a condition, placed in a month or a
 * period by one date, its anchor: a handling rate counts what fell due in the period, not what
 * was registered in it.
 */
import type { InputColumn } from './columns.ts';
import type { Query } from './query-runner.ts';
import { rate, type Rate } from './rates.ts';
import { name as identifier, sql } from './sql.ts';

/** Days from registration to the decision on acceptance (《信访工作条例》: 15 days). */
export const DECISION_DAYS = 15;
/** Days from acceptance to the handling deadline, when the export gave no due_on. */
export const HANDLING_DAYS = 60;

export type Anchor = 'registered' | 'decisionDue' | 'handlingDue' | 'closed';

export interface AnchorDefinition {
  /** The column of a dated record (`datedColumns`) that places the count in time. */
  column: 'registered_on' | 'decision_due_on' | 'handling_due_on' | 'closed_on';
  /** A deadline: only those on or before the data's cut-off are due (later ones are not yet). */
  deadline: boolean;
}

export const ANCHORS: Record<Anchor, AnchorDefinition> = {
  registered: { column: 'registered_on', deadline: false },
  decisionDue: { column: 'decision_due_on', deadline: true },
  handlingDue: { column: 'handling_due_on', deadline: true },
  closed: { column: 'closed_on', deadline: false },
};

/**
 * The deadlines as columns of a record, so conditions and anchors can name them: a decision is
 * due 15 days after registration, handling on due_on or else 60 days after acceptance.
 */
export function datedColumns(): Query {
  return sql`registered_on + CAST(${DECISION_DAYS} AS INTEGER) AS decision_due_on,
      coalesce(due_on, accepted_on + CAST(${HANDLING_DAYS} AS INTEGER)) AS handling_due_on`;
}

/** An entry of `columns`: a column the export must carry, or a list of which any one will do. */
export type Need = InputColumn | readonly InputColumn[];

export interface CountDefinition {
  /** '重复信访批次' */
  label: string;
  unit: '批' | '人次' | '件';
  anchor: Anchor;
  /** A condition over a dated record; absent: every record the anchor places. */
  where?: Query;
  /** Sum `persons` rather than count records. */
  persons?: true;
  /** The export columns the count needs (figure-columns.ts says 无数据 without them). */
  columns: readonly Need[];
}

const DECIDED = sql`acceptance IN (${'受理'}, ${'不予受理'}, ${'不再受理'})`;
const ACCEPTED = sql`acceptance = ${'受理'}`;

type Unit = CountDefinition['unit'];

/** A count: label, unit, anchor, the columns it needs, and its condition (absent: every record). */
function count(
  label: string,
  unit: Unit,
  anchor: Anchor,
  columns: readonly Need[],
  where?: Query,
): CountDefinition {
  return where === undefined
    ? { label, unit, anchor, columns }
    : { label, unit, anchor, columns, where };
}

/** The same, summing `persons` rather than counting records. */
function persons(label: string, columns: readonly Need[], where?: Query): CountDefinition {
  return { ...count(label, '人次', 'registered', columns, where), persons: true };
}

const CLOSED: readonly Need[] = ['closed_on'];
const EVALUATION: readonly Need[] = ['satisfaction', 'closed_on'];
const DEADLINE: Need = ['due_on', 'accepted_on'];

/**
 * Counts placed by registration hold every record type (登记, 劝返; record_type is a dimension);
 * counts placed by a deadline or a closing hold 登记 records only (`REGISTRATION_TYPE`).
 */
// prettier-ignore
export const COUNT_MEASURES = {
  batches:               count('批次', '批', 'registered', []),
  persons:               persons('人次', []),
  repeat_batches:        count('重复信访批次', '批', 'registered', [['is_repeat', 'petitioner_id']], sql`is_repeat`),
  leader_batches:        count('领导接访批次', '批', 'registered', ['leader_received'], sql`leader_received`),
  leader_persons:        persons('领导接访人次', ['leader_received'], sql`leader_received`),
  leader_cases:          count('领导包案件数', '件', 'registered', ['leader_case'], sql`leader_case`),
  leader_cases_resolved: count('领导包案已化解件数', '件', 'registered', ['leader_case', 'resolved'], sql`leader_case AND resolved`),
  supervised:            count('督办件数', '件', 'registered', ['supervised'], sql`supervised`),
  supervised_resolved:   count('督办已化解件数', '件', 'registered', ['supervised', 'resolved'], sql`supervised AND resolved`),
  accepted:              count('受理件数', '件', 'registered', ['acceptance'], ACCEPTED),
  not_accepted:          count('不予受理件数', '件', 'registered', ['acceptance'], sql`acceptance = ${'不予受理'}`),
  not_again:             count('不再受理件数', '件', 'registered', ['acceptance'], sql`acceptance = ${'不再受理'}`),
  pending:               count('待受理件数', '件', 'registered', ['acceptance'], sql`acceptance = ${'待受理'}`),
  decision_due:          count('受理期限到期件数', '件', 'decisionDue', []),
  decision_timely:       count('按期作出受理决定件数', '件', 'decisionDue', ['acceptance', 'accepted_on'], sql`${DECIDED} AND accepted_on <= decision_due_on`),
  acceptance_due:        count('受理期限到期的受理件数', '件', 'decisionDue', ['acceptance'], ACCEPTED),
  acceptance_in_time:    count('按期受理件数', '件', 'decisionDue', ['acceptance', 'accepted_on'], sql`${ACCEPTED} AND accepted_on <= decision_due_on`),
  closure_due:           count('办理期限到期件数', '件', 'handlingDue', ['acceptance', DEADLINE], ACCEPTED),
  closure_on_time:       count('按期办结件数', '件', 'handlingDue', ['acceptance', DEADLINE, 'closed_on'], sql`${ACCEPTED} AND closed_on <= handling_due_on`),
  closure_open:          count('到期未办结且无办结日期件数', '件', 'handlingDue', ['acceptance', DEADLINE, 'closed_on'], sql`${ACCEPTED} AND closed_on IS NULL`),
  supervision_due:       count('办理期限到期的督办件数', '件', 'handlingDue', ['supervised', DEADLINE], sql`supervised`),
  supervision_resolved:  count('到期督办已化解件数', '件', 'handlingDue', ['supervised', 'resolved', DEADLINE], sql`supervised AND resolved`),
  closed:                count('办结件数', '件', 'closed', CLOSED),
  evaluated:             count('参评件数', '件', 'closed', EVALUATION, sql`satisfaction <> ${'未评价'}`),
  satisfied:             count('满意件数', '件', 'closed', EVALUATION, sql`satisfaction IN (${'满意'}, ${'基本满意'})`),
} satisfies Record<string, CountDefinition>;

export type CountName = keyof typeof COUNT_MEASURES;

export const COUNT_NAMES = Object.keys(COUNT_MEASURES) as CountName[];

/** 登记: the record type of every count but `batches` and `persons` of 劝返. */
export const REGISTRATION_TYPE = '登记';

export function countsAt(anchors: readonly Anchor[]): CountName[] {
  return COUNT_NAMES.filter((name) => anchors.includes(COUNT_MEASURES[name].anchor));
}

/** The count of each anchor placed by a registration, for the report and the cubes. */
export const REGISTRATION_COUNTS = countsAt(['registered']);
export const HANDLING_COUNTS = countsAt(['decisionDue', 'handlingDue', 'closed']);

/** Batches and persons: what every chart of counts reads. */
export const BATCHES_AND_PERSONS: readonly CountName[] = ['batches', 'persons'];

export interface RateDefinition {
  /** '按期办结率' */
  label: string;
  numerator: CountName;
  denominator: CountName;
}

/**
 * The rates, each a numerator over a denominator of the same records (rates.ts rounds them);
 * rates over registrations are of 登记 records.
 */
export const RATE_MEASURES = {
  timelyAcceptance: {
    label: '及时受理率',
    numerator: 'decision_timely',
    denominator: 'decision_due',
  },
  onTimeClosure: { label: '按期办结率', numerator: 'closure_on_time', denominator: 'closure_due' },
  satisfaction: { label: '满意率', numerator: 'satisfied', denominator: 'evaluated' },
  participation: { label: '参评率', numerator: 'evaluated', denominator: 'closed' },
  repeat: { label: '重复信访率', numerator: 'repeat_batches', denominator: 'batches' },
  leaderCases: {
    label: '领导包案化解率',
    numerator: 'leader_cases_resolved',
    denominator: 'leader_cases',
  },
  supervised: { label: '督办化解率', numerator: 'supervised_resolved', denominator: 'supervised' },
  ruleOfLawAcceptance: {
    label: '及时受理率（法治化）',
    numerator: 'acceptance_in_time',
    denominator: 'acceptance_due',
  },
  ruleOfLawHandling: {
    label: '按期办理率（法治化）',
    numerator: 'closure_on_time',
    denominator: 'closure_due',
  },
  ruleOfLawSupervision: {
    label: '督办化解率（法治化）',
    numerator: 'supervision_resolved',
    denominator: 'supervision_due',
  },
} as const satisfies Record<string, RateDefinition>;

export type RateName = keyof typeof RATE_MEASURES;

/** The handling page's four rates, in its order. */
export const HANDLING_RATES: readonly RateName[] = [
  'timelyAcceptance',
  'onTimeClosure',
  'satisfaction',
  'participation',
];

/** Columns a rate needs: its numerator's, then its denominator's not yet named. */
export function rateColumns(rate: RateName): Need[] {
  const { numerator, denominator } = RATE_MEASURES[rate];
  const out: Need[] = [];
  const seen = new Set<string>();
  for (const need of [
    ...COUNT_MEASURES[numerator].columns,
    ...COUNT_MEASURES[denominator].columns,
  ]) {
    const key = JSON.stringify(need);
    if (!seen.has(key)) out.push(need);
    seen.add(key);
  }
  return out;
}

/**
 * 集体访: a 来访 of at least `threshold` persons (site.config.ts `collectiveThreshold`, frozen into
 * the pre-aggregated tables by the data build and recorded in the manifest).
 */
export function collectiveCondition(threshold: number): Query {
  if (!Number.isInteger(threshold) || threshold < 2) {
    throw new Error(`集体访人数标准应为不小于2的整数：${threshold}`);
  }
  return sql`(channel = ${'来访'} AND persons >= CAST(${threshold} AS INTEGER))`;
}

/** A catalog rate from summed counts: `value(count)` gives each count's total. */
export function rateOf(name: RateName, value: (count: CountName) => number): Rate {
  const { numerator, denominator } = RATE_MEASURES[name];
  return rate(value(numerator), value(denominator));
}

/** A catalog count over the grouped records: `count(*) FILTER (…)` or the persons' sum. */
export function countAggregate(name: CountName): Query {
  const definition: CountDefinition = COUNT_MEASURES[name];
  const where = definition.where === undefined ? sql`` : sql` FILTER (WHERE ${definition.where})`;
  const value = definition.persons ? sql`coalesce(sum(persons)${where}, 0)` : sql`count(*)${where}`;
  return sql`${value}::INTEGER AS ${identifier(name)}`;
}
