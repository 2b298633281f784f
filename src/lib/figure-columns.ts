/**
 * Which export columns each figure needs, in one table: the report, its text, the cards, the
 * pages and the .docx all ask here whether a figure can be given or is 无数据, and why.
 * A column a mapping default filled for a whole file is not carried by that file: a default
 * makes the rows valid, it does not tell anything about them.
 */
import { INPUT_COLUMNS, type InputColumn } from './columns.ts';
import { COUNT_MEASURES, rateColumns, type Need } from './measures.ts';
import type { ColumnCoverage } from './schema.ts';
import type { TimingKey } from './handling-time.ts';

/** Columns whose coverage the manifest records (the personal-data-only ones are left out). */
export const COVERAGE_COLUMNS = (Object.keys(INPUT_COLUMNS) as InputColumn[]).filter(
  (column) => INPUT_COLUMNS[column].kind !== 'pii',
);

export type Coverage = Partial<Record<string, ColumnCoverage>>;

/** Per file: which columns its header carried and which a mapping default filled. */
export interface FileColumns {
  file: string;
  carried: readonly string[];
  defaulted: readonly string[];
}

export function columnCoverage(files: readonly FileColumns[]): Record<string, ColumnCoverage> {
  return Object.fromEntries(
    COVERAGE_COLUMNS.map((column) => {
      const carrying = files.filter((f) => f.carried.includes(column)).map((f) => f.file);
      const defaults = files.filter((f) => f.defaulted.includes(column)).map((f) => f.file);
      const carried =
        carrying.length === 0 ? 'none' : carrying.length === files.length ? 'all' : 'some';
      return [column, { carried, files: carried === 'some' ? carrying : [], defaults }];
    }),
  );
}

/**
 * A figure's needs: every entry must be carried; an entry that is a list is met by any one of
 * its columns (handling deadlines come from 办理期限 or, without it, 受理日期 + 60 days). A rate
 * needs what its counts need (the measure catalog).
 */
export const FIGURE_COLUMNS = {
  channels: ['channel'],
  visits: ['channel', 'level'],
  persuadedBack: ['record_type', 'channel', 'level'],
  leaderReceptions: COUNT_MEASURES.leader_batches.columns,
  leaderCases: rateColumns('leaderCases'),
  supervised: rateColumns('supervised'),
  timelyAcceptance: rateColumns('timelyAcceptance'),
  onTimeClosure: rateColumns('onTimeClosure'),
  satisfaction: rateColumns('satisfaction'),
  participation: rateColumns('participation'),
  repeat: rateColumns('repeat'),
  ruleOfLawAcceptance: rateColumns('ruleOfLawAcceptance'),
  ruleOfLawHandling: rateColumns('ruleOfLawHandling'),
  ruleOfLawSupervision: rateColumns('ruleOfLawSupervision'),
  acceptance: ['acceptance'],
  handlingTime: ['acceptance', ['accepted_on', 'closed_on']],
  acceptanceTime: ['acceptance', 'accepted_on'],
  closureTime: ['closed_on'],
  petitioners: ['petitioner_id'],
  units: ['unit'],
  subcategories: ['subcategory'],
  tags: ['tags'],
} as const satisfies Record<string, readonly Need[]>;

export type Figure = keyof typeof FIGURE_COLUMNS;

/** The figure of each 办理时效 measure (handling-time.ts): 受理用时 and 办结用时 need their own dates. */
export const TIMING_FIGURES: Record<TimingKey, Figure> = {
  acceptance: 'acceptanceTime',
  closure: 'closureTime',
};

export const FIGURES = Object.keys(FIGURE_COLUMNS) as Figure[];

/** The word shown in place of a figure the export cannot give. */
export const NO_DATA = '无数据';
/** The word for a rate whose denominator is 0. */
export const NO_DENOMINATOR = '无';

function carried(coverage: Coverage, column: InputColumn): boolean {
  const entry = coverage[column];
  return entry === undefined || entry.carried !== 'none';
}

const quoted = (column: InputColumn): string => `“${INPUT_COLUMNS[column].label}”`;

/**
 * Why the export cannot give `figure` ('导出中没有“受理情况”列'), or null when it can. Coverage
 * unknown for a column (data without the record) counts as carried.
 */
export function missingReason(coverage: Coverage, figure: Figure): string | null {
  const missing: string[] = [];
  for (const need of FIGURE_COLUMNS[figure] as readonly Need[]) {
    const options: readonly InputColumn[] = typeof need === 'string' ? [need] : need;
    if (options.some((column) => carried(coverage, column))) continue;
    missing.push(options.map(quoted).join('或'));
  }
  return missing.length === 0 ? null : `导出中没有${missing.join('、')}列`;
}

/** Every figure the export cannot give, with its reason. */
export function missingFigures(coverage: Coverage): Partial<Record<Figure, string>> {
  const result: Partial<Record<Figure, string>> = {};
  for (const figure of FIGURES) {
    const reason = missingReason(coverage, figure);
    if (reason !== null) result[figure] = reason;
  }
  return result;
}

/**
 * The dashboard's pages and chart panels that show such figures: a page (key: page id) or a panel
 * (key: 'page:panel', a trailing '*' matches panel ids by prefix) is left out when one of its
 * entries cannot be given; an entry that is a list needs any one of its figures.
 */
type PanelNeed = Figure | readonly Figure[];

export const PAGE_FIGURES: Readonly<Record<string, readonly PanelNeed[]>> = {
  levels: ['visits'],
};

const RATES: readonly Figure[] = [
  'timelyAcceptance',
  'onTimeClosure',
  'satisfaction',
  'participation',
];

export const PANEL_FIGURES: Readonly<Record<string, readonly PanelNeed[]>> = {
  'overview:pyramid': ['visits'],
  'categories:drill-level': ['visits'],
  'categories:drill-subcategory': ['subcategories'],
  'levels:persuaded': ['persuadedBack'],
  'regions:levels': ['visits'],
  'handling:acceptance': ['acceptance'],
  'handling:rates': [RATES],
  'handling:unit-rates': ['units', RATES],
  'handling:units': ['units', 'onTimeClosure'],
  'handling:timing-rates': ['handlingTime'],
  'handling:timing-months': ['handlingTime'],
  'handling:timing-units': ['units', 'handlingTime'],
  'focus:repeat-share': ['repeat'],
  'focus:per-petitioner': ['petitioners'],
  'focus:first-to-repeat': ['petitioners'],
  'focus:resolution': [['leaderCases', 'supervised']],
  'focus:receptions': ['leaderReceptions'],
};

/** Why a page or panel cannot be shown, or null. */
export function needsReason(
  needs: readonly PanelNeed[] | undefined,
  coverage: Coverage,
): string | null {
  for (const need of needs ?? []) {
    const figures: readonly Figure[] = typeof need === 'string' ? [need] : need;
    const reasons = figures.map((figure) => missingReason(coverage, figure));
    if (reasons.every((reason) => reason !== null)) return reasons[0]!;
  }
  return null;
}

export function panelNeeds(page: string, panel: string): readonly PanelNeed[] | undefined {
  const exact = PANEL_FIGURES[`${page}:${panel}`];
  if (exact) return exact;
  const prefix = Object.keys(PANEL_FIGURES).find(
    (key) => key.endsWith('*') && `${page}:${panel}`.startsWith(key.slice(0, -1)),
  );
  return prefix === undefined ? undefined : PANEL_FIGURES[prefix];
}
