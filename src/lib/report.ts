/**
 * The report object (data contract §5), assembled from the rows of src/lib/queries.ts.
 * `assembleReport` is pure; `computeReport` runs the queries through the runner it is given.
 */
import type { ReportAlert } from './alerts/types.ts';
import { change, type Change } from './change.ts';
import type { Counts } from './counts.ts';
import {
  comparedPeriod,
  compareMonths,
  isMonth,
  lastDayOf,
  periodLabel,
  reportPeriod,
  yearToDate,
  type Compare,
  type ReportPeriod,
} from './periods.ts';
import { RATE_MEASURES, rateOf, type CountName, type RateName } from './measures.ts';
import { dataRangeQuery } from './queries.ts';
import type { QueryRunner, SqlRow } from './query-runner.ts';
import {
  countTotals,
  int,
  registeredCount,
  sideIndex,
  text,
  type LevelCounts,
} from './count-totals.ts';
import { reportQueries, type ReportSource } from './report-queries.ts';
import { NO_FILTER, type RecordFilter } from './scope.ts';
import type { Rate } from './rates.ts';
import {
  timingSummary,
  TIMINGS,
  type DayCount,
  type Timing,
  type TimingKey,
} from './handling-time.ts';
import { briefingText } from './report-text.ts';
import { ruleOfLawScore, type RuleOfLaw, type RuleOfLawTermConfig } from './rule-of-law.ts';
import { CATEGORIES, CHANNELS, LEVELS, type Channel, type Level } from './schema.ts';
import { missingFigures, type Coverage, type Figure } from './figure-columns.ts';

export type { LevelCounts };

export interface CountsChange {
  batches: Change;
  persons: Change;
}

export interface Compared extends Counts {
  previous: Counts;
  change: CountsChange;
}

export interface LevelVisits extends LevelCounts {
  previous: LevelCounts;
  change: CountsChange;
}

export interface CategoryCounts extends Compared {
  category: string;
}

export interface RegionCounts extends Compared {
  region: string;
}

/** 受理 records whose handling deadline fell in the period: on time, late, or not closed at all. */
export interface Overdue {
  due: number;
  onTime: number;
  late: number;
  /** Late ones with no closing date in the data. */
  open: number;
}

export interface ComparedRate extends Rate {
  previous: Rate;
}

export interface Resolution {
  total: number;
  resolved: number;
  percent: number | null;
}

export interface Rise {
  name: string;
  batches: number;
  previous: number;
  increase: number;
  percent: number | null;
}

export type RateKey =
  'timelyAcceptance' | 'onTimeClosure' | 'satisfaction' | 'participation' | 'repeat';

export interface Report {
  period: ReportPeriod;
  labels: {
    /** '1-9月' */
    period: string;
    /** '2024年1-9月' */
    periodWithYear: string;
    /** '2023年1-9月' */
    comparePeriod: string;
  };
  /** Last registration day in the data, 'YYYY-MM-DD'. */
  dataCutoff: string;
  dataRange: { first: string; last: string };
  collectiveThreshold: number;
  registered: Compared;
  /** null (as every figure below) when the export lacks a column it needs: see `unavailable`. */
  channels: Record<Channel, Compared> | null;
  visits: Visits | null;
  persuadedBack: Record<Level, Counts & { previous: Counts }> | null;
  categories: CategoryCounts[];
  regions: RegionCounts[];
  rates: Record<RateKey, ComparedRate | null>;
  overdue: Overdue | null;
  /** 办理时效 (handling-time.ts): days to acceptance and to closure, by the end date's period. */
  handlingTime: Record<TimingKey, Timing & { previous: Timing }>;
  /** The same for each responsible unit (未注明 without one), this period, most records timed first. */
  handlingTimeByUnit: ({ unit: string } & Record<TimingKey, Timing>)[];
  leaderReceptions: Compared | null;
  leaderCases: Resolution | null;
  supervised: Resolution | null;
  ruleOfLaw: RuleOfLaw | null;
  /** Figures the export cannot give (null above), with the reason: '导出中没有“受理情况”列'. */
  unavailable: Partial<Record<Figure, string>>;
  /** The columns the export carried, as the manifest records them (absent: all). */
  coverage: Coverage;
  /** The levels (走访), categories and regions whose batches grew most, largest increase first. */
  rises: { levels: Rise[]; categories: Rise[]; regions: Rise[] };
  /**
   * 登记 from the period's start through the data cut-off (截止目前), when the period ends
   * before the cut-off; null otherwise.
   */
  upToDate: (Counts & { through: string }) | null;
  /** The filters the figures follow; all null for the whole jurisdiction. */
  filter: RecordFilter;
  /** 苗头预警 of the period's last month inside the filters (src/lib/alerts/report-alerts.ts). */
  alerts: ReportAlert[];
  /** How many of them the text names. */
  alertsTop: number;
  /** The data has alerts but they could not be read (a failed fetch): the text says so. */
  alertsMissing?: true;
  warnings: string[];
  text: string;
}

export type Visits = Compared & { byLevel: Record<Level, LevelVisits> };

export interface ReportOptions {
  /** Which columns the export carried (manifest.json `columns`); absent: all of them. */
  coverage?: Coverage | undefined;
  collectiveThreshold: number;
  ruleOfLaw: readonly RuleOfLawTermConfig[];
  /** How the briefing names the place: '我区'. */
  placeName: string;
  /** What a region is called: '乡镇（街道）'. */
  regionLabel: string;
}

export interface ReportRequest {
  from?: string | undefined;
  to?: string | undefined;
  compare?: Compare | undefined;
  filter?: RecordFilter | undefined;
}

export interface DataRange {
  first: string;
  last: string;
  records: number;
}

export interface ReportRows {
  counts: SqlRow[];
  categories: SqlRow[];
  regions: SqlRow[];
  rates: SqlRow[];
  /** `timingQuery`'s rows (side, measure, unit, days, records); absent: nothing counted. */
  timing?: SqlRow[] | undefined;
  /** The 截止目前 query's rows, run only when the period ends before the cut-off. */
  upToDate?: SqlRow[] | undefined;
}

/** A request the data cannot answer (bad month, empty period order): the CLI exits 2 on it. */
export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

/** The published data holds no record at all. */
export class NoDataError extends Error {
  override name = 'NoDataError';
}

export const RISE_LIMITS = { levels: 2, categories: 3, regions: 3 } as const;

const zero = (): Counts => ({ batches: 0, persons: 0 });

function compared(current: Counts, previous: Counts): Compared {
  return {
    batches: current.batches,
    persons: current.persons,
    previous: { batches: previous.batches, persons: previous.persons },
    change: {
      batches: change(current.batches, previous.batches),
      persons: change(current.persons, previous.persons),
    },
  };
}

function add(into: Counts, batches: number, persons: number): void {
  into.batches += batches;
  into.persons += persons;
}

function byKey<K extends string, V>(keys: readonly K[], make: (key: K) => V): Record<K, V> {
  return Object.fromEntries(keys.map((key) => [key, make(key)])) as Record<K, V>;
}

function categoryOrder(category: string): number {
  const i = (CATEGORIES as readonly string[]).indexOf(category);
  return i === -1 ? CATEGORIES.length : i;
}

function rises(
  items: { name: string; current: Counts; previous: Counts }[],
  limit: number,
): Rise[] {
  return items
    .filter((item) => item.current.batches > item.previous.batches)
    .map((item) => ({
      name: item.name,
      batches: item.current.batches,
      previous: item.previous.batches,
      increase: item.current.batches - item.previous.batches,
      percent: change(item.current.batches, item.previous.batches).percent,
    }))
    .sort((a, b) => b.increase - a.increase || b.batches - a.batches)
    .slice(0, limit);
}

/** `cutoff`: the data's last registration day, 'YYYY-MM-DD' (its month is the default `to`). */
export function resolvePeriod(request: ReportRequest, cutoff: string): ReportPeriod {
  const lastMonth = cutoff.slice(0, 7);
  for (const month of [request.from, request.to]) {
    if (month !== undefined && !isMonth(month)) {
      throw new ReportInputError(`月份应写作 YYYY-MM（如 2024-09）：${month}`);
    }
  }
  const to = request.to ?? lastMonth;
  const from = request.from ?? yearToDate(to).from;
  if (compareMonths(from, to) > 0) {
    throw new ReportInputError(
      request.to === undefined
        ? `起始月份 ${from} 晚于数据的最后月份 ${lastMonth}`
        : `起始月份 ${from} 晚于结束月份 ${to}`,
    );
  }
  return reportPeriod({ from, to }, request.compare ?? 'yoy', cutoff);
}

export function parseDataRange(rows: SqlRow[]): DataRange | null {
  const row = rows[0];
  if (!row || row['last_on'] === null) return null;
  return {
    first: text(row, 'first_on'),
    last: text(row, 'last_on'),
    records: int(row, 'records'),
  };
}

function timingHistogram(rows: SqlRow[], keep: (row: SqlRow) => boolean): DayCount[] {
  return rows.filter(keep).map((row) => ({ days: int(row, 'days'), records: int(row, 'records') }));
}

function handlingTime(rows: SqlRow[], side: (row: SqlRow) => 0 | 1): Report['handlingTime'] {
  return byKey(
    TIMINGS.map((t) => t.key),
    (key) => {
      const within = TIMINGS.find((t) => t.key === key)?.within ?? 0;
      const summary = (s: 0 | 1) =>
        timingSummary(
          timingHistogram(rows, (row) => text(row, 'measure') === key && side(row) === s),
          within,
        );
      return { ...summary(0), previous: summary(1) };
    },
  );
}

function handlingTimeByUnit(
  rows: SqlRow[],
  side: (row: SqlRow) => 0 | 1,
): Report['handlingTimeByUnit'] {
  const current = rows.filter((row) => side(row) === 0);
  const units = [...new Set(current.map((row) => text(row, 'unit')))];
  return units
    .map((unit) => ({
      unit,
      ...byKey(
        TIMINGS.map((t) => t.key),
        (key) =>
          timingSummary(
            timingHistogram(
              current,
              (row) => text(row, 'unit') === unit && text(row, 'measure') === key,
            ),
            TIMINGS.find((t) => t.key === key)?.within ?? 0,
          ),
      ),
    }))
    .sort(
      (a, b) =>
        b.acceptance.count + b.closure.count - (a.acceptance.count + a.closure.count) ||
        (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0),
    );
}

function upToDate(rows: SqlRow[] | undefined, cutoff: string): Report['upToDate'] {
  if (rows === undefined) return null;
  const row = rows[0];
  const count = (key: string) => (row === undefined ? 0 : int(row, key));
  return { batches: count('batches'), persons: count('persons'), through: cutoff };
}

/** The period ends before the data's cut-off: the briefing then adds the figure to date. */
export function endsBeforeCutoff(period: ReportPeriod, cutoff: string): boolean {
  return lastDayOf(period) < cutoff;
}

export function assembleReport(
  period: ReportPeriod,
  range: DataRange,
  rows: ReportRows,
  options: ReportOptions,
  filter: RecordFilter = NO_FILTER,
): Report {
  const side = sideIndex;
  const pair = <V>(make: () => V): [V, V] => [make(), make()];
  const totals = countTotals(rows.counts);
  const { registered, channels, visits, levels, persuaded } = totals;
  const leader: [Counts, Counts] = [0, 1].map((s) => ({
    batches: registeredCount(totals, s as 0 | 1, 'leader_batches'),
    persons: registeredCount(totals, s as 0 | 1, 'leader_persons'),
  })) as [Counts, Counts];

  const grouped = (groupRows: SqlRow[], key: string, order: (name: string) => number) => {
    const byName = new Map<string, [Counts, Counts]>();
    for (const row of groupRows) {
      const name = text(row, key);
      const counts = byName.get(name) ?? pair(zero);
      byName.set(name, counts);
      add(counts[side(row)], int(row, 'batches'), int(row, 'persons'));
    }
    return [...byName]
      .map(([name, [current, previous]]) => ({ name, ...compared(current, previous) }))
      .sort(
        (a, b) =>
          b.batches - a.batches ||
          b.persons - a.persons ||
          b.previous.batches - a.previous.batches ||
          order(a.name) - order(b.name) ||
          (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
      );
  };
  const categories = grouped(rows.categories, 'category', categoryOrder).map(
    ({ name, ...counts }) => ({
      category: name,
      ...counts,
    }),
  );
  const regions = grouped(rows.regions, 'region', () => 0).map(({ name, ...counts }) => ({
    region: name,
    ...counts,
  }));

  const rateRows: [SqlRow, SqlRow] = [{}, {}];
  for (const row of rows.rates) Object.assign(rateRows[side(row)], row);
  const n = (s: 0 | 1, key: CountName): number =>
    rateRows[s][key] === undefined ? 0 : int(rateRows[s], key);
  const comparedRate = (name: RateName): ComparedRate => ({
    ...rateOf(name, (count) => n(0, count)),
    previous: rateOf(name, (count) => n(1, count)),
  });
  const resolution = (name: RateName): Resolution => {
    const r = rateOf(name, (count) => n(0, count));
    return { total: r.denominator, resolved: r.numerator, percent: r.percent };
  };
  const term = (name: RateName) => {
    const r = rateOf(name, (count) => n(0, count));
    return { numerator: r.numerator, denominator: r.denominator };
  };

  const ruleOfLaw = ruleOfLawScore(options.ruleOfLaw, {
    acceptance: term('ruleOfLawAcceptance'),
    handling: term('ruleOfLawHandling'),
    supervision: term('ruleOfLawSupervision'),
  });

  const warnings: string[] = [];
  const lastMonth = range.last.slice(0, 7);
  if (compareMonths(period.to, lastMonth) > 0) {
    warnings.push(`所选期间超出数据范围：数据截至 ${range.last}。`);
  }
  if (compareMonths(period.compareFrom, range.first.slice(0, 7)) < 0) {
    warnings.push(
      `对比期间 ${period.compareFrom} 至 ${period.compareTo} 早于数据起始日 ${range.first}，对比数字可能偏低。`,
    );
  }

  const unavailable = missingFigures(options.coverage ?? {});
  const given = <V>(figure: Figure, value: V): V | null =>
    unavailable[figure] === undefined ? value : null;
  const ruleOfLawGiven =
    unavailable.ruleOfLawAcceptance === undefined &&
    unavailable.ruleOfLawHandling === undefined &&
    unavailable.ruleOfLawSupervision === undefined;

  const report: Report = {
    period,
    labels: {
      period: periodLabel(period),
      periodWithYear: periodLabel(period, true),
      comparePeriod: periodLabel(comparedPeriod(period), true),
    },
    dataCutoff: range.last,
    dataRange: { first: range.first, last: range.last },
    collectiveThreshold: options.collectiveThreshold,
    registered: compared(...registered),
    channels: given(
      'channels',
      byKey(CHANNELS, (c) => compared(...channels[c])),
    ),
    visits: given('visits', {
      ...compared(...visits),
      byLevel: byKey(LEVELS, (l) => {
        const [current, previous] = levels[l];
        return { ...current, previous, change: compared(current, previous).change };
      }),
    }),
    persuadedBack: given(
      'persuadedBack',
      byKey(LEVELS, (l) => ({ ...persuaded[l][0], previous: persuaded[l][1] })),
    ),
    categories,
    regions,
    rates: {
      timelyAcceptance: given('timelyAcceptance', comparedRate('timelyAcceptance')),
      onTimeClosure: given('onTimeClosure', comparedRate('onTimeClosure')),
      satisfaction: given('satisfaction', comparedRate('satisfaction')),
      participation: given('participation', comparedRate('participation')),
      repeat: given('repeat', {
        ...rateOf('repeat', (count) => registeredCount(totals, 0, count)),
        previous: rateOf('repeat', (count) => registeredCount(totals, 1, count)),
      }),
    },
    overdue: given('onTimeClosure', {
      due: n(0, RATE_MEASURES.onTimeClosure.denominator),
      onTime: n(0, RATE_MEASURES.onTimeClosure.numerator),
      late:
        n(0, RATE_MEASURES.onTimeClosure.denominator) - n(0, RATE_MEASURES.onTimeClosure.numerator),
      open: n(0, 'closure_open'),
    }),
    handlingTime: handlingTime(rows.timing ?? [], side),
    handlingTimeByUnit: handlingTimeByUnit(rows.timing ?? [], side),
    leaderReceptions: given('leaderReceptions', compared(...leader)),
    leaderCases: given('leaderCases', resolution('leaderCases')),
    supervised: given('supervised', resolution('supervised')),
    ruleOfLaw: ruleOfLawGiven ? ruleOfLaw : null,
    unavailable,
    coverage: options.coverage ?? {},
    rises: {
      levels:
        unavailable.visits === undefined
          ? rises(
              LEVELS.map((l) => ({ name: l, current: levels[l][0], previous: levels[l][1] })),
              RISE_LIMITS.levels,
            )
          : [],
      categories: rises(
        categories.map((c) => ({ name: c.category, current: c, previous: c.previous })),
        RISE_LIMITS.categories,
      ),
      regions: rises(
        regions.map((r) => ({ name: r.region, current: r, previous: r.previous })),
        RISE_LIMITS.regions,
      ),
    },
    upToDate: upToDate(rows.upToDate, range.last),
    filter: { ...filter },
    alerts: [],
    alertsTop: 0,
    warnings,
    text: '',
  };
  report.text = briefingText(report, {
    placeName: options.placeName,
    regionLabel: options.regionLabel,
  });
  return report;
}

/**
 * Runs the report's queries (report-queries.ts) through `run` and assembles the report. `source:
 * 'cube'` reads the pre-aggregated tables (the browser, where they exist and `records` is slow to
 * scan): nothing but the data range then touches `records`.
 */
export async function computeReport(
  run: QueryRunner,
  request: ReportRequest,
  options: ReportOptions,
  source: ReportSource = 'records',
): Promise<Report> {
  const range = parseDataRange(await run(dataRangeQuery(source)));
  if (!range) throw new NoDataError('已发布的数据中没有记录。');
  const period = resolvePeriod(request, range.last);
  const filter = request.filter ?? NO_FILTER;
  const queries = reportQueries(source, period, range.last, {
    collectiveThreshold: options.collectiveThreshold,
    filter,
    upToDate: endsBeforeCutoff(period, range.last),
  });
  const counts = await run(queries.counts);
  const categories = await run(queries.categories);
  const regions = await run(queries.regions);
  const rates: SqlRow[] = [];
  for (const query of queries.rates) rates.push(...(await run(query)));
  const timing = await run(queries.timing);
  const upToDate = queries.upToDate === null ? undefined : await run(queries.upToDate);
  return assembleReport(
    period,
    range,
    { counts, categories, regions, rates, timing, upToDate },
    options,
    filter,
  );
}
