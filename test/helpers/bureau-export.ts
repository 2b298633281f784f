/**
 * A bureau's own export, not the sample: 2023-01-01 to 2024-09-17 (the export was taken mid-month),
 * its own headers (a mapping.json names them), no 办结日期, 满意度评价 or 办理期限 column, a class
 * of its own (城市管理, not in the class table) and an old class name the site renames (卫生计生 →
 * 卫生健康), regions unknown to the sample. About 300 seeded rows; every figure a test expects is
 * counted from `bureauRows()` itself.
 */
import { mulberry32 } from '../../scripts/sample/prng.ts';

export const BUREAU_CUTOFF = '2024-09-17';
export const OWN_CLASS = '城市管理';
export const RENAMED = { label: '卫生计生', counted: '卫生健康' } as const;
export const BUREAU_REGIONS = ['高新区', '滨河街道', '老城街道', '临港镇'] as const;

const CLASSES = ['城乡建设', '劳动和社会保障', OWN_CLASS, RENAMED.label, '自然资源', '教育'];
const UNITS = ['住建局', '人社局', '城管局', '卫健委'];
const LEVELS = ['本级', '本级', '到市', '赴省', '进京'];
const CHANNELS = ['来信', '来访', '来访', '网上信访', '网上信访', '电话'];

export interface BureauRow {
  id: string;
  /** 'YYYY-MM-DD' */
  registered: string;
  channel: string;
  level: string;
  persons: number;
  /** The label as the export writes it. */
  category: string;
  region: string;
  unit: string;
  /** 已受理 (the contract's alias of 受理), 不予受理 or 待受理. */
  acceptance: string;
  /** 'YYYY-MM-DD' or ''. */
  accepted: string;
}

const HEADER = [
  '信访件编号',
  '登记日期',
  '信访形式',
  '信访层级',
  '人数',
  '问题分类',
  '所属镇街',
  '办理单位',
  '受理状态',
  '告知日期',
];

/** The headers the contract has no alias for, named by the bureau's mapping file. */
export const BUREAU_MAPPING = {
  comment: '某区信访局自己的登记表导出',
  files: [{ match: '信访登记*.csv', columns: { 问题分类: 'category', 所属镇街: 'region' } }],
};

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const DAY = 86_400_000;

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}

export function bureauRows(): BureauRow[] {
  const rng = mulberry32(20240917);
  const rows: BureauRow[] = [];
  const start = Date.UTC(2023, 0, 1);
  const end = Date.UTC(2024, 8, 17);
  // Either side of the cut in the comparison month and on the cut-off day itself, whatever the draw.
  const forced = new Set(['2023-09-17', '2023-09-18', '2023-09-25', BUREAU_CUTOFF]);
  for (let day = start; day <= end; day += DAY) {
    const date = isoDay(day);
    const count = (rng() < 0.45 ? 1 : 0) + (rng() < 0.05 ? 1 : 0) + (forced.has(date) ? 1 : 0);
    for (let k = 0; k < count; k++) {
      const channel = pick(rng, CHANNELS);
      const level = channel === '来访' ? pick(rng, LEVELS) : '本级';
      const persons = channel === '来访' && rng() < 0.15 ? 5 + Math.floor(rng() * 6) : 1;
      const decided = rng();
      const lag = Math.floor(rng() * 20);
      const acceptedMs = Math.min(day + lag * DAY, end);
      const acceptance = decided < 0.8 ? '已受理' : decided < 0.92 ? '不予受理' : '待受理';
      rows.push({
        id: `DJ${String(rows.length + 1).padStart(5, '0')}`,
        registered: date,
        channel,
        level,
        persons,
        category: pick(rng, CLASSES),
        region: pick(rng, BUREAU_REGIONS),
        unit: pick(rng, UNITS),
        acceptance,
        accepted: acceptance === '待受理' ? '' : isoDay(acceptedMs),
      });
    }
  }
  return rows;
}

/** '2024-09-17' → '2024/9/17', as the bureau's system writes dates. */
function slashed(date: string): string {
  if (date === '') return '';
  const [y, m, d] = date.split('-').map(Number);
  return `${y}/${m}/${d}`;
}

export function bureauCsv(rows: readonly BureauRow[]): string {
  const lines = [HEADER.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.id,
        slashed(r.registered),
        r.channel,
        r.level,
        String(r.persons),
        r.category,
        r.region,
        r.unit,
        r.acceptance,
        slashed(r.accepted),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
