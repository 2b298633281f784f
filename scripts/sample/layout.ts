/**
 * The export files of the default sample: their date ranges (consecutive files overlap), headers
 * (aliases differ by file, some padded with spaces) and how each writes its values.
 */
import type { Channel, Level } from '../../src/lib/schema.ts';
import { dayOf, monthKey, monthStart, type Calendar } from './dates.ts';
import type { Weighted } from './prng.ts';

export type Field =
  | 'case_id'
  | 'record_type'
  | 'registered_on'
  | 'channel'
  | 'level'
  | 'persons'
  | 'category'
  | 'subcategory'
  | 'tags'
  | 'purpose'
  | 'region'
  | 'unit'
  | 'source'
  | 'acceptance'
  | 'accepted_on'
  | 'due_on'
  | 'closed_on'
  | 'satisfaction'
  | 'is_repeat'
  | 'leader_received'
  | 'leader_case'
  | 'supervised'
  | 'resolved'
  | 'petitioner_name'
  | 'petitioner_id'
  | 'phone'
  | 'address'
  | 'content'
  | 'serial'
  | 'remark'
  | 'clerk';

/** iso 2024-03-05, slash 2024/3/5, dot 2024.3.5, cn 2024年3月5日, serial 45356, cell = XLSX date cell. */
export type DateStyle = 'iso' | 'slash' | 'dot' | 'cn' | 'serial' | 'cell';
export type BoolStyle = '是否' | 'YN' | '10' | 'truefalse';

export interface FileStyle {
  dates: Weighted<DateStyle>;
  bools: BoolStyle;
  /** Chance that a default value (否, 未评价, 待受理, 本级登记, 登记, persons 1) is left empty. */
  blankDefaults: number;
  /** The words the file writes for a channel or a level instead, one picked at random a row. */
  aliases: Partial<Record<Channel | Level, readonly string[]>>;
  /** The file writes the problem categories of the old scheme (render.ts OLD_SCHEME). */
  oldCategories?: true;
}

export interface FileSpec {
  /** Without extension; names sort in reading order. */
  stem: string;
  format: 'csv' | 'xlsx';
  from: number;
  to: number;
  columns: readonly (readonly [Field, string])[];
  style: FileStyle;
}

/** The headers of the bureau's own ledger (the 2022 H1 file writes exactly these). */
const STANDARD: Readonly<Record<Field, string>> = {
  serial: '序号',
  case_id: '信访件编号',
  record_type: '记录类型',
  registered_on: '登记日期',
  channel: '信访形式',
  level: '信访层级',
  persons: '人数',
  category: '问题类别',
  subcategory: '二级分类',
  tags: '专项标签',
  purpose: '信访目的',
  region: '问题属地',
  unit: '责任单位',
  source: '来源',
  acceptance: '受理情况',
  accepted_on: '受理日期',
  due_on: '办理期限',
  closed_on: '办结日期',
  satisfaction: '满意度评价',
  is_repeat: '是否重复',
  leader_received: '领导接访',
  leader_case: '领导包案',
  supervised: '督办',
  resolved: '是否化解',
  petitioner_name: '信访人姓名',
  petitioner_id: '信访人证件号码',
  phone: '联系电话',
  address: '住址',
  content: '诉求内容',
  remark: '备注',
  clerk: '录入人',
};

/** Where the case system's exports (2022 H2, 2024 H1) name a column otherwise. */
const CASE_SYSTEM: Partial<Record<Field, string>> = {
  case_id: '事项编号',
  channel: '形式',
  level: '走访去向',
  category: '内容分类',
  source: '转送来源',
  acceptance: '受理状态',
  due_on: '到期日期',
  resolved: '化解情况',
  petitioner_name: '姓名',
  petitioner_id: '身份证号',
  phone: '电话',
  address: '地址',
  content: '反映内容',
};

const LEAD: readonly Field[] = ['case_id', 'registered_on', 'record_type'];
/** The columns every export has, in this order, after its leading ones. */
const MIDDLE: readonly Field[] = [
  'channel',
  'level',
  'persons',
  'category',
  'subcategory',
  'tags',
  'purpose',
  'region',
  'unit',
  'source',
  'acceptance',
  'accepted_on',
  'due_on',
  'closed_on',
  'satisfaction',
  'is_repeat',
  'leader_received',
  'leader_case',
  'supervised',
  'resolved',
  'petitioner_name',
  'petitioner_id',
  'phone',
  'address',
  'content',
];
/** An export without 是否重复. */
const NO_REPEAT = MIDDLE.filter((field) => field !== 'is_repeat');

/** A file's header row: `fields` in order, named as the ledger names them unless `renamed`. */
function columns(
  fields: readonly Field[],
  renamed: Partial<Record<Field, string>> = {},
): readonly (readonly [Field, string])[] {
  return fields.map((field) => [field, renamed[field] ?? STANDARD[field]] as const);
}

export const FILES: readonly FileSpec[] = [
  {
    stem: '2022-01至2022-06_信访事项登记台账',
    format: 'csv',
    from: dayOf(2022, 1, 1),
    to: dayOf(2022, 6, 30),
    columns: columns(['serial', 'case_id', 'record_type', 'registered_on', ...MIDDLE]),
    style: {
      dates: [
        ['slash', 7],
        ['cn', 2],
        ['iso', 1],
      ],
      bools: '是否',
      blankDefaults: 0.5,
      aliases: { 来访: ['来访', '走访'], 来信: ['来信', '信件'], 网上信访: ['网上信访', '网信'] },
      oldCategories: true,
    },
  },
  {
    stem: '2022-06至2022-12_信访事项登记台账',
    format: 'xlsx',
    from: dayOf(2022, 6, 16),
    to: dayOf(2022, 12, 31),
    columns: columns([...LEAD, ...MIDDLE, 'remark', 'clerk'], {
      ...CASE_SYSTEM,
      registered_on: '信访日期',
      persons: '信访人数',
      tags: '标签',
      region: '属地',
      unit: '办理单位',
      accepted_on: '告知日期',
      satisfaction: '评价结果',
      is_repeat: '重复信访',
      supervised: '是否督办',
    }),
    style: {
      dates: [
        ['cell', 8],
        ['serial', 1],
        ['iso', 1],
      ],
      bools: 'YN',
      blankDefaults: 0.3,
      aliases: {
        网上信访: ['网上信访', '网上投诉'],
        进京: ['国家'],
        赴省: ['省'],
        到市: ['市'],
        本级: ['本区'],
      },
      oldCategories: true,
    },
  },
  {
    stem: '2023-01至2023-06_信访事项',
    format: 'xlsx',
    from: dayOf(2023, 1, 1),
    to: dayOf(2023, 6, 30),
    columns: columns([...LEAD, ...NO_REPEAT], {
      case_id: '编号',
      registered_on: ' 登记日期 ',
      level: '登记层级',
      persons: '人数\u3000',
      category: '一级分类',
      region: '乡镇街道',
      phone: '手机',
      content: '信访内容',
    }),
    style: {
      dates: [
        ['cell', 5],
        ['iso', 3],
        ['slash', 2],
      ],
      bools: '10',
      blankDefaults: 0.2,
      aliases: {},
    },
  },
  {
    stem: '2023-05至2023-12_信访事项',
    format: 'csv',
    from: dayOf(2023, 5, 20),
    to: dayOf(2023, 12, 31),
    columns: columns([...LEAD, ...MIDDLE, 'serial'], {
      registered_on: '信访日期',
      record_type: '\u3000记录类型',
      persons: '信访人数',
    }),
    style: {
      dates: [
        ['dot', 6],
        ['iso', 4],
      ],
      bools: 'truefalse',
      blankDefaults: 0.1,
      aliases: { 本级: ['本级', '来区'] },
    },
  },
  {
    stem: '2024-01至2024-04_信访件导出',
    format: 'csv',
    from: dayOf(2024, 1, 1),
    to: dayOf(2024, 4, 30),
    columns: columns([...LEAD, ...NO_REPEAT], { ...CASE_SYSTEM, region: ' 属地' }),
    style: {
      dates: [
        ['iso', 7],
        ['cn', 2],
        ['serial', 1],
      ],
      bools: '是否',
      blankDefaults: 0.4,
      aliases: { 来访: ['来访', '走访'], 进京: ['进京', '京'], 本级: ['本级', '到县'] },
    },
  },
  {
    stem: '2024-04至2024-09_信访件导出',
    format: 'xlsx',
    from: dayOf(2024, 4, 10),
    to: dayOf(2024, 9, 30),
    columns: columns([...LEAD, ...NO_REPEAT, 'remark']),
    style: {
      dates: [
        ['cell', 6],
        ['cn', 2],
        ['iso', 2],
      ],
      bools: '是否',
      blankDefaults: 0.3,
      aliases: { 来信: ['来信', '信件'], 进京: ['进京', '国家'], 赴省: ['赴省', '省'] },
    },
  },
];

/** The files of a sample that runs longer than the default: the last one runs to its end. */
export function filesFor(calendar: Calendar): readonly FileSpec[] {
  const last = FILES[FILES.length - 1] as FileSpec;
  const to = monthStart(calendar.months) - 1;
  if (to <= last.to) return FILES;
  return [
    ...FILES.slice(0, -1),
    { ...last, stem: last.stem.replace('2024-09', monthKey(calendar.months - 1)), to },
  ];
}

/** Index of the first file (in name order) whose range holds `day`; -1 if none. */
export function firstFileOf(day: number, files: readonly FileSpec[] = FILES): number {
  for (let i = 0; i < files.length; i++) {
    const f = files[i] as FileSpec;
    if (day >= f.from && day <= f.to) return i;
  }
  return -1;
}

/** Whether the record of `day` is first read from a file that carries 是否重复. */
export function firstFileHasRepeatColumn(day: number): boolean {
  const file = FILES[firstFileOf(day)];
  return file !== undefined && file.columns.some(([field]) => field === 'is_repeat');
}
