/**
 * Small hand-written chart rows, shaped on the district's 1-9月 report (赴省 102批 against 42,
 * 进京 16 against 15, 劝返 figures per level), so snapshots read like the real thing.
 */
import type { ChartName, ChartOptionsOf, ChartRow } from '../src/charts/index.ts';
import { changeWords } from '../src/lib/change.ts';

export interface Fixture<N extends ChartName> {
  rows: ChartRow<N>[];
  options: ChartOptionsOf<N>;
}

const MONTHS_2024 = ['01', '02', '03', '04', '05', '06', '07', '08', '09'].map((m) => `2024-${m}`);

/** 赴省 batches per month: 2024 Jan–Sep sums to 102, 2023 Jan–Sep to 42. */
const TO_PROVINCE_2024 = [8, 9, 12, 10, 11, 14, 13, 12, 13];
const TO_PROVINCE_2023 = [3, 4, 5, 4, 6, 5, 4, 6, 5, 7, 6, 8];

const CATEGORIES: [string, number, number][] = [
  ['城乡建设', 186, 160],
  ['劳动和社会保障', 121, 125],
  ['自然资源', 88, 88],
  ['农村农业', 75, 61],
  ['政法', 52, 58],
  ['科技与信息产业', 6, 0],
];

function spread(total: number, seed: number): number[] {
  return MONTHS_2024.map((_, i) => Math.max(0, Math.round(total / 9 + (((i + seed) * 7) % 5) - 2)));
}

export const fixtures: { [N in ChartName]: Fixture<N> } = {
  'trend-yoy': {
    rows: [
      ...TO_PROVINCE_2024.map((value, i) => ({ month: i + 1, series: '本期' as const, value })),
      ...TO_PROVINCE_2023.map((value, i) => ({ month: i + 1, series: '同期' as const, value })),
    ],
    options: { unit: '批', year: 2024, subject: '赴省', label: '赴省走访月度趋势' },
  },
  'level-pyramid': {
    rows: [
      { level: '进京', series: '本期', value: 16, label: '16批 / 17人次' },
      { level: '进京', series: '同期', value: 15, label: '15批 / 16人次' },
      { level: '赴省', series: '本期', value: 102, label: '102批 / 179人次' },
      { level: '赴省', series: '同期', value: 42, label: '42批 / 84人次' },
      { level: '到市', series: '本期', value: 59 },
      { level: '到市', series: '同期', value: 40 },
      { level: '本级', series: '本期', value: 60 },
      { level: '本级', series: '同期', value: 51 },
    ],
    options: { unit: '批', periodLabel: '1-9月', label: '走访登记分层级' },
  },
  'ranked-bars': {
    rows: CATEGORIES.map(([name, value, previous]) => {
      const change = changeWords(value, previous, 'yoy');
      return { name, value, previous, changeText: change.text, changeSign: change.sign };
    }),
    options: { unit: '批', label: '问题类别排名' },
  },
  heatmap: {
    rows: CATEGORIES.flatMap(([row, total], k) =>
      spread(total, k).map((value, i) => ({ month: MONTHS_2024[i] ?? '', row, value })),
    ),
    options: { unit: '批', rowLabel: '问题类别', label: '问题类别月度分布' },
  },
  'small-multiples': {
    rows: CATEGORIES.flatMap(([name, total], k) =>
      spread(total, k + 2).map((value, i) => ({ name, month: MONTHS_2024[i] ?? '', value })),
    ),
    options: { unit: '批', nameLabel: '问题类别', label: '各类别月度走势' },
  },
  cumulative: {
    rows: [
      ...TO_PROVINCE_2024.map((value, i) => ({ month: i + 1, series: '本期' as const, value })),
      ...TO_PROVINCE_2023.map((value, i) => ({ month: i + 1, series: '同期' as const, value })),
    ],
    options: { unit: '批', year: 2024, subject: '赴省', label: '赴省走访累计' },
  },
  'share-line': {
    rows: [
      ['2023-10', 9, 20],
      ['2023-11', 7, 18],
      ['2023-12', 0, 0],
      ['2024-01', 10, 22],
      ['2024-02', 12, 21],
      ['2024-03', 15, 25],
      ['2024-04', 13, 24],
      ['2024-05', 14, 26],
      ['2024-06', 18, 30],
      ['2024-07', 16, 27],
      ['2024-08', 17, 29],
      ['2024-09', 19, 28],
    ].map(([month, numerator, denominator]) => ({
      month: String(month),
      numerator: Number(numerator),
      denominator: Number(denominator),
    })),
    options: {
      unit: '批',
      name: '越级访占走访比重',
      numeratorLabel: '越级访',
      denominatorLabel: '走访',
      label: '越级访占比',
    },
  },
  'stacked-bar': {
    rows: MONTHS_2024.slice(0, 6).flatMap((x, i) => [
      { x, part: '受理', value: 60 + i * 3 },
      { x, part: '不予受理', value: 6 + (i % 3) },
      { x, part: '不再受理', value: 4 + (i % 2) },
      { x, part: '待受理', value: i === 5 ? 9 : 1 },
    ]),
    options: { unit: '件', xLabel: '月份', label: '受理情况构成' },
  },
  'rate-lines': {
    rows: MONTHS_2024.flatMap((month, i) => [
      { month, rate: '及时受理率', numerator: 110 + i, denominator: 118 + i },
      { month, rate: '按期办结率', numerator: 90 + i * 2, denominator: 100 + i * 2 },
      { month, rate: '满意率', numerator: i === 2 ? 0 : 40 + i, denominator: i === 2 ? 0 : 50 + i },
      { month, rate: '参评率', numerator: 50 + i, denominator: 95 + i * 2 },
    ]),
    options: { unit: '件', label: '办理质效' },
  },
  'grouped-bars': {
    rows: [
      { key: '进京', series: '登记', value: 16 },
      { key: '进京', series: '劝返', value: 143 },
      { key: '赴省', series: '登记', value: 102 },
      { key: '赴省', series: '劝返', value: 73 },
      { key: '到市', series: '登记', value: 59 },
      { key: '到市', series: '劝返', value: 20 },
    ],
    options: { unit: '批', series: ['登记', '劝返'], keyLabel: '层级', label: '登记与劝返' },
  },
  'alert-band': {
    rows: [
      { month: '2024-01', observed: 8, expected: null, upper: null },
      { month: '2024-02', observed: 9, expected: 9.2, upper: 15 },
      { month: '2024-03', observed: 11, expected: 9.5, upper: 16 },
      { month: '2024-04', observed: 14, expected: 9.1, upper: 15 },
      { month: '2024-05', observed: 21, expected: 9.3, upper: 15 },
    ],
    options: { unit: '批', name: '城关街道·市场监管' },
  },
  'alert-matrix': {
    rows: [
      {
        row: '城关街道',
        column: '市场监管',
        score: 2.31,
        title: '城关街道·市场监管：高于预期（得分2.31）',
      },
      {
        row: '城关街道',
        column: '城乡建设',
        score: 0.62,
        title: '城关街道·城乡建设：持续偏高（得分0.62）',
      },
      { row: '西山镇', column: '教育', score: 1.2, title: '西山镇·教育：集体苗头（得分1.20）' },
      {
        row: '东湖镇',
        column: '劳动和社会保障',
        score: 1.6,
        title: '东湖镇·劳动和社会保障：高于预期（得分1.60）',
      },
    ],
    options: {
      unit: '得分',
      rowOrder: ['城关街道', '西山镇', '东湖镇', '北塘镇'],
      columns: CATEGORIES.map(([name]) => name).concat(['市场监管', '教育']),
      rowLabel: '乡镇（街道）',
      label: '乡镇（街道）×问题类别预警得分',
    },
  },
};

/**
 * The fixture with every count set to 0. Rates keep their denominators (0 of n is 0.0%; a zero
 * denominator is 无, tested apart), ranked bars their change text recomputed.
 */
export function zeroFixture<N extends ChartName>(name: N): Fixture<N> {
  const fixture = fixtures[name];
  const rows = (fixture.rows as unknown as Record<string, unknown>[]).map((row) => {
    const out: Record<string, unknown> = { ...row };
    for (const key of [
      'value',
      'previous',
      'numerator',
      'observed',
      'expected',
      'upper',
      'score',
    ]) {
      if (key in out && out[key] !== null) out[key] = 0;
    }
    if ('changeText' in out) {
      const change = changeWords(0, 0, 'yoy');
      Object.assign(out, { changeText: change.text, changeSign: change.sign });
    }
    return out;
  });
  return { rows: rows as unknown as ChartRow<N>[], options: fixture.options };
}

/** The fixture's first row alone (a positive value). */
export function singleFixture<N extends ChartName>(name: N): Fixture<N> {
  const fixture = fixtures[name];
  return { rows: fixture.rows.slice(0, 1), options: fixture.options };
}
