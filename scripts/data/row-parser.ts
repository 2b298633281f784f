/**
 * One input row → the values staged for publishing, or the first problem found (with the header
 * as written in the file). Allocation-light: the parsed row object is reused row after row.
 */
import { INPUT_COLUMNS, type InputColumn } from '../../src/lib/columns.ts';
import {
  MISSING,
  cellText,
  createCategoryParser,
  isEmptyCell,
  isProblem,
  normalisePetitionerId,
  parseBoolean,
  parseDay,
  parsePersons,
  parseVocabulary,
  splitTags,
  type Cell,
  type Problem,
} from '../../src/lib/parse-values.ts';
import {
  CATEGORY_SHIFT,
  FLAG_SHIFTS,
  OWN_CATEGORY,
  REPEAT_DERIVE,
  REPEAT_SHIFT,
  packValue,
  type PackedColumn,
} from './staging-codes.ts';

export const DUE_DAYS = 60;
export const NO_DAY = -1;
export const TAG_JOIN = '\u001f';

export interface ParsedRow {
  caseId: string;
  registeredOn: number;
  acceptedOn: number;
  dueOn: number;
  closedOn: number;
  persons: number;
  /** Packed vocabulary codes, flags and category index (see staging-codes.ts). */
  codes: number;
  /** The export's own category label as published (parse-values.ts CategoryResult.label). */
  categoryLabel: string;
  subcategory: string | null;
  /** Tags joined with TAG_JOIN, null when none. */
  tags: string | null;
  region: string;
  unit: string | null;
  petitionerId: string | null;
  /** Names and phones, kept only to check that nothing published repeats them. */
  personal: string[];
}

export interface RowProblem extends Problem {
  /** The header as written in the file. */
  column: string;
  /** The row's names, phones and addresses: a rejected row's values are checked against too. */
  personal: readonly string[];
}

export interface RowParserOptions {
  /** Position of each column in the row; absent columns are missing. */
  positions: Partial<Record<InputColumn, number>>;
  headers: readonly string[];
  /** Values (as a cell would hold them) for columns the file lacks, from a mapping file. */
  defaults: Partial<Record<InputColumn, string>>;
  /** Latest allowed registration/acceptance/closing day (the build day). */
  latestDay: number;
  categories: readonly string[];
  /** The export's label → class (site.config.ts categoryRenames). */
  categoryRenames: Readonly<Record<string, string>>;
}

/** Vocabulary columns in checking order, and whether an empty cell is a missing required value. */
const PACKED_COLUMNS: readonly (readonly [PackedColumn, boolean])[] = [
  ['record_type', false],
  ['channel', true],
  ['level', true],
  ['purpose', false],
  ['source', false],
  ['acceptance', false],
  ['satisfaction', false],
];
const FLAGS = Object.entries(FLAG_SHIFTS) as [InputColumn, number][];

/** NUL and other invisible control characters (tab, line breaks excepted) in a published text. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROL_PROBLEM: Problem = {
  kind: '控制字符',
  reason: '含不可见的控制字符（如 NUL），请检查导出文件',
};
const PUBLISHED_TEXTS = (
  category: string,
  region: string,
  tags: string,
  subcategory: string,
  unit: string,
): [InputColumn, string][] => [
  ['category', category],
  ['region', region],
  ['tags', tags],
  ['subcategory', subcategory],
  ['unit', unit],
];

export function createRowParser(
  options: RowParserOptions,
): (cells: readonly Cell[]) => ParsedRow | RowProblem {
  const { positions, headers, defaults, latestDay } = options;
  const parseCategory = createCategoryParser(
    options.categories.filter((c) => c !== '其他'),
    options.categoryRenames,
  );
  const categoryIndex = new Map(options.categories.map((category, index) => [category, index]));
  const position = (column: InputColumn): number => positions[column] ?? -1;
  const index = Object.fromEntries(
    (Object.keys(INPUT_COLUMNS) as InputColumn[]).map((column) => [column, position(column)]),
  ) as Record<InputColumn, number>;
  const deriveRepeat = index.is_repeat < 0 && defaults.is_repeat === undefined;
  const personalColumns = (['petitioner_name', 'phone', 'address'] as const).filter(
    (column) => index[column] >= 0,
  );

  const cell = (cells: readonly Cell[], column: InputColumn): Cell => {
    const at = index[column];
    return at >= 0 ? cells[at] : defaults[column];
  };
  const problem = (column: InputColumn, found: Problem): RowProblem => ({
    column: headers[index[column]]?.trim() || INPUT_COLUMNS[column].label,
    kind: found.kind,
    reason: found.reason,
    personal: row.personal,
  });

  const row: ParsedRow = {
    caseId: '',
    registeredOn: 0,
    acceptedOn: NO_DAY,
    dueOn: NO_DAY,
    closedOn: NO_DAY,
    persons: 1,
    codes: 0,
    categoryLabel: '',
    subcategory: null,
    tags: null,
    region: '',
    unit: null,
    petitionerId: null,
    personal: [],
  };

  const optionalDay = (
    cells: readonly Cell[],
    column: 'accepted_on' | 'due_on' | 'closed_on',
    latest: number,
  ): number | RowProblem => {
    const value = cell(cells, column);
    if (isEmptyCell(value)) return NO_DAY;
    const day = parseDay(value, latest);
    return isProblem(day) ? problem(column, day) : day;
  };

  return (cells) => {
    row.personal.length = 0;
    for (const column of personalColumns) {
      const text = cellText(cells[index[column]]);
      if (text !== '') row.personal.push(text);
    }
    const caseId = cellText(cell(cells, 'case_id'));
    if (caseId === '') return problem('case_id', MISSING);

    const registeredCell = cell(cells, 'registered_on');
    if (isEmptyCell(registeredCell)) return problem('registered_on', MISSING);
    const registeredOn = parseDay(registeredCell, latestDay);
    if (isProblem(registeredOn)) return problem('registered_on', registeredOn);

    let codes = 0;
    for (const [column, required] of PACKED_COLUMNS) {
      const value = cell(cells, column);
      if (required && isEmptyCell(value)) return problem(column, MISSING);
      const parsed = parseVocabulary(column, value);
      if (isProblem(parsed)) return problem(column, parsed);
      codes |= packValue(column, parsed);
    }

    const persons = parsePersons(cell(cells, 'persons'));
    if (isProblem(persons)) return problem('persons', persons);

    const categoryText = cellText(cell(cells, 'category'));
    if (categoryText === '') return problem('category', MISSING);
    const category = parseCategory(categoryText);
    codes |= (categoryIndex.get(category.category) ?? OWN_CATEGORY) << CATEGORY_SHIFT;

    const region = cellText(cell(cells, 'region'));
    if (region === '') return problem('region', MISSING);

    const acceptedOn = optionalDay(cells, 'accepted_on', latestDay);
    if (typeof acceptedOn !== 'number') return acceptedOn;
    let dueOn = optionalDay(cells, 'due_on', Infinity);
    if (typeof dueOn !== 'number') return dueOn;
    if (dueOn === NO_DAY && acceptedOn !== NO_DAY) dueOn = acceptedOn + DUE_DAYS;
    const closedOn = optionalDay(cells, 'closed_on', latestDay);
    if (typeof closedOn !== 'number') return closedOn;

    if (deriveRepeat) {
      codes |= REPEAT_DERIVE << REPEAT_SHIFT;
    } else {
      const repeat = parseBoolean(cell(cells, 'is_repeat'));
      if (isProblem(repeat)) return problem('is_repeat', repeat);
      if (repeat) codes |= 1 << REPEAT_SHIFT;
    }
    for (const [column, shift] of FLAGS) {
      const flag = parseBoolean(cell(cells, column));
      if (isProblem(flag)) return problem(column, flag);
      if (flag) codes |= 1 << shift;
    }

    const tagText = cellText(cell(cells, 'tags'));
    const subcategory = cellText(cell(cells, 'subcategory'));
    const unit = cellText(cell(cells, 'unit'));
    for (const [column, text] of PUBLISHED_TEXTS(
      categoryText,
      region,
      tagText,
      subcategory,
      unit,
    )) {
      if (CONTROL_CHARACTER.test(text)) return problem(column, CONTROL_PROBLEM);
    }
    const tags = splitTags(tagText);
    const petitionerId = normalisePetitionerId(cellText(cell(cells, 'petitioner_id')));

    row.caseId = caseId;
    row.registeredOn = registeredOn;
    row.acceptedOn = acceptedOn;
    row.dueOn = dueOn;
    row.closedOn = closedOn;
    row.persons = persons;
    row.codes = codes;
    row.categoryLabel = category.label;
    row.subcategory = subcategory === '' ? null : subcategory;
    row.tags = tags.length === 0 ? null : tags.join(TAG_JOIN);
    row.region = region;
    row.unit = unit === '' ? null : unit;
    row.petitionerId = petitionerId === '' ? null : petitionerId;
    return row;
  };
}

export function isRowProblem(result: ParsedRow | RowProblem): result is RowProblem {
  return 'reason' in result;
}
