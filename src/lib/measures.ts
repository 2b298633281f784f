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
import { sql } from './sql.ts';

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
const HANDLING_DUE_COLUMNS: readonly Need[] = ['acceptance', ['due_on', 'accepted_on']];

/**
 * Counts placed by registration hold every record type (登记, 劝返; record_type is a dimension);
 * counts placed by a deadline or a closing hold 登记 records only (`REGISTRATION_TYPE`).
 */
export const COUNT_MEASURES = {
  batches: { label: '批次', unit: '批', anchor: 'registered', columns: [] },
  persons: { label: '人次', unit: '人次', anchor: 'registered', persons: true, columns: [] },
  repeat_batches: {
    label: '重复信访批次',
    unit: '批',
    anchor: 'registered',
    where: sql`is_repeat`,
    columns: [['is_repeat', 'petitioner_id']],
  },
  leader_batches: {
    label: '领导接访批次',
    unit: '批',
    anchor: 'registered',
    where: sql`leader_received`,
    columns: ['leader_received'],
  },
  leader_persons: {
    label: '领导接访人次',
    unit: '人次',
    anchor: 'registered',
    where: sql`leader_received`,
    persons: true,
    columns: ['leader_received'],
  },
  leader_cases: {
    label: '领导包案件数',
    unit: '件',
    anchor: 'registered',
    where: sql`leader_case`,
    columns: ['leader_case'],
  },
  leader_cases_resolved: {
    label: '领导包案已化解件数',
    unit: '件',
    anchor: 'registered',
    where: sql`leader_case AND resolved`,
    columns: ['leader_case', 'resolved'],
  },
  supervised: {
    label: '督办件数',
    unit: '件',
    anchor: 'registered',
    where: sql`supervised`,
    columns: ['supervised'],
  },
  supervised_resolved: {
    label: '督办已化解件数',
    unit: '件',
    anchor: 'registered',
    where: sql`supervised AND resolved`,
    columns: ['supervised', 'resolved'],
  },
  accepted: {
    label: '受理件数',
    unit: '件',
    anchor: 'registered',
    where: ACCEPTED,
    columns: ['acceptance'],
  },
  not_accepted: {
    label: '不予受理件数',
    unit: '件',
    anchor: 'registered',
    where: sql`acceptance = ${'不予受理'}`,
    columns: ['acceptance'],
  },
  not_again: {
    label: '不再受理件数',
    unit: '件',
    anchor: 'registered',
    where: sql`acceptance = ${'不再受理'}`,
    columns: ['acceptance'],
  },
  pending: {
    label: '待受理件数',
    unit: '件',
    anchor: 'registered',
    where: sql`acceptance = ${'待受理'}`,
    columns: ['acceptance'],
  },
  decision_due: { label: '受理期限到期件数', unit: '件', anchor: 'decisionDue', columns: [] },
  decision_timely: {
    label: '按期作出受理决定件数',
    unit: '件',
    anchor: 'decisionDue',
    where: sql`${DECIDED} AND accepted_on <= decision_due_on`,
    columns: ['acceptance', 'accepted_on'],
  },
  acceptance_due: {
    label: '受理期限到期的受理件数',
    unit: '件',
    anchor: 'decisionDue',
    where: ACCEPTED,
    columns: ['acceptance'],
  },
  acceptance_in_time: {
    label: '按期受理件数',
    unit: '件',
    anchor: 'decisionDue',
    where: sql`${ACCEPTED} AND accepted_on <= decision_due_on`,
    columns: ['acceptance', 'accepted_on'],
  },
  closure_due: {
    label: '办理期限到期件数',
    unit: '件',
    anchor: 'handlingDue',
    where: ACCEPTED,
    columns: HANDLING_DUE_COLUMNS,
  },
  closure_on_time: {
    label: '按期办结件数',
    unit: '件',
    anchor: 'handlingDue',
    where: sql`${ACCEPTED} AND closed_on <= handling_due_on`,
    columns: [...HANDLING_DUE_COLUMNS, 'closed_on'],
  },
  closure_open: {
    label: '到期未办结且无办结日期件数',
    unit: '件',
    anchor: 'handlingDue',
    where: sql`${ACCEPTED} AND closed_on IS NULL`,
    columns: [...HANDLING_DUE_COLUMNS, 'closed_on'],
  },
  supervision_due: {
    label: '办理期限到期的督办件数',
    unit: '件',
    anchor: 'handlingDue',
    where: sql`supervised`,
    columns: ['supervised', ['due_on', 'accepted_on']],
  },
  supervision_resolved: {
    label: '到期督办已化解件数',
    unit: '件',
    anchor: 'handlingDue',
    where: sql`supervised AND resolved`,
    columns: ['supervised', 'resolved', ['due_on', 'accepted_on']],
  },
  closed: { label: '办结件数', unit: '件', anchor: 'closed', columns: ['closed_on'] },
  evaluated: {
    label: '参评件数',
    unit: '件',
    anchor: 'closed',
    where: sql`satisfaction <> ${'未评价'}`,
    columns: ['satisfaction', 'closed_on'],
  },
  satisfied: {
    label: '满意件数',
    unit: '件',
    anchor: 'closed',
    where: sql`satisfaction IN (${'满意'}, ${'基本满意'})`,
    columns: ['satisfaction', 'closed_on'],
  },
} as const satisfies Record<string, CountDefinition>;

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
