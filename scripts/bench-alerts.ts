/**
 * npm run bench:alerts [-- --runs N --records N --through YYYY-MM --seed S --set name=value …]
 * Backtest of the 苗头预警 method against two simple rules a bureau uses, on the sample: each run
 * generates a sample (seed S + run) through `--through` (default 2024-12: three years) twice,
 * as it is and with seeded injected rises (`npm run sample -- --inject-rises`), builds both with
 * the data build and derives the alerts. From the samples with rises: the share of rises flagged
 * by size and baseline, the median delay; from the samples as they are: false alarms per 100
 * series-months. A benchmark: it prints figures, it never fails on them.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { computeAlerts } from '../src/lib/alerts/compute.ts';
import { DEFAULT_ALERT_OPTIONS, type AlertOptions } from '../src/lib/alerts/options.ts';
import { alertCountsQuery, countRows } from '../src/lib/alerts/queries.ts';
import { denseSeries, monthsBetween, KEY_SEPARATOR } from '../src/lib/alerts/series.ts';
import { PUBLISHED_FILES } from '../src/lib/schema.ts';
import { siteConfig } from '../src/site.config.ts';
import { buildData } from './data/build.ts';
import { openPublished } from '../src/node/duckdb-node.ts';
import { DEFAULT_RECORDS } from './sample/plan.ts';
import {
  HIGH_FROM,
  RISE_DIMENSIONS,
  RISE_HISTORY,
  RISE_SIZES,
  RISES_FILE,
  type RisesTruth,
} from './sample/rises.ts';
import { DEFAULT_SEED, RISING_CATEGORY } from './sample/truth.ts';
import { writeSample } from './sample/write.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '12' },
    records: { type: 'string', default: String(DEFAULT_RECORDS) },
    through: { type: 'string', default: '2024-12' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    /** Method parameters to try, e.g. --set level=0.99 --set sustainedLevel=0.95 */
    set: { type: 'string', multiple: true, default: [] },
  },
});
const RUNS = Number(values.runs);
const RECORDS = Number(values.records);
const SEED = Number(values.seed);
const options: AlertOptions = { ...DEFAULT_ALERT_OPTIONS, ...siteConfig.alerts };
for (const pair of values.set) {
  const [key = '', value = ''] = pair.split('=');
  if (!(key in options) || typeof options[key as keyof AlertOptions] !== 'number') {
    throw new Error(`--set ${pair}: 不是方法的数值参数`);
  }
  (options as unknown as Record<string, number>)[key] = Number(value);
}
const FLOOR = options.floor.batches;
/** Series-months counted for false alarms: a year of history averaging at least one 登记 a month. */
const COUNTED_FROM = 1;

/** Per month of a series: false, or the kind of alert (a simple rule's flag is 'flag'). */
type Flags = (string | false)[];
type Rule = (counts: readonly number[], method: Flags) => Flags;

/** 同比 above 20%, with at least the floor's batches this month and some a year before. */
function yoyRule(counts: readonly number[]): Flags {
  return counts.map((y, t) => {
    const before = t >= 12 ? counts[t - 12]! : 0;
    return y >= FLOOR && before > 0 && (y - before) / before > 0.2 && 'flag';
  });
}

/** EARS style: above the mean + 3 SD of the previous 12 months, with at least the floor's batches. */
function earsRule(counts: readonly number[]): Flags {
  return counts.map((y, t) => {
    if (t < 12) return false;
    const previous = counts.slice(t - 12, t);
    const mean = previous.reduce((s, v) => s + v, 0) / previous.length;
    const sd = Math.sqrt(previous.reduce((s, v) => s + (v - mean) ** 2, 0) / (previous.length - 1));
    return y >= FLOOR && y > mean + 3 * sd && 'flag';
  });
}

const RULES: [string, Rule][] = [
  ['本方法（负二项预测上限：高于预期或持续偏高，批次）', (_counts, method) => method],
  ['同比上升超过20%', yoyRule],
  ['前12个月均值+3倍标准差（EARS式）', earsRule],
];

const BANDS = ['低（<5批/月）', '中（5–14批/月）', '高（≥15批/月）'];
function band(baseline: number): string {
  if (baseline < HIGH_FROM) return BANDS[0]!;
  return baseline < 15 ? BANDS[1]! : BANDS[2]!;
}

interface Built {
  months: string[];
  /** dimension·keys → monthly 登记 batches, for the series rises go into. */
  counts: Map<string, number[]>;
  /** The method's flags on those series. */
  method: Map<string, Flags>;
}

const seriesId = (dimension: string, keys: readonly string[]): string =>
  `${dimension}|${keys.join(KEY_SEPARATOR)}`;

/** A sample as the bureau would run it: generated, built, its alerts derived. */
async function buildOne(dir: string, sampleSeed: number, injectRises?: number): Promise<Built> {
  const sample = path.join(dir, 'sample');
  const data = path.join(dir, 'data');
  await writeSample({
    out: sample,
    seed: sampleSeed,
    records: RECORDS,
    through: values.through,
    ...(injectRises === undefined ? {} : { injectRises }),
  });
  await buildData({
    inputDir: sample,
    outDir: data,
    keyFile: path.join(dir, 'key'),
    extraCategories: siteConfig.extraCategories,
    categoryRenames: siteConfig.categoryRenames,
    log: () => undefined,
    allowShrink: true,
  });
  const db = await openPublished(path.join(data, PUBLISHED_FILES.database));
  try {
    const file = await computeAlerts(db.run, options, siteConfig.collectiveThreshold);
    const rows = countRows(await db.run(alertCountsQuery()));
    const months = monthsBetween(file.firstDay!.slice(0, 7), file.cutoff!.slice(0, 7));
    const watched = new Set<string>(RISE_DIMENSIONS);
    const counts = new Map<string, number[]>();
    const method = new Map<string, Flags>();
    for (const s of denseSeries(rows, months)) {
      if (!watched.has(s.dimension)) continue;
      const id = seriesId(s.dimension, s.keys);
      counts.set(id, s.batches);
      method.set(id, new Array<string | false>(months.length).fill(false));
    }
    const index = new Map(months.map((m, i) => [m, i]));
    for (const alert of file.alerts) {
      if (alert.measure !== 'batches' || (alert.kind !== 'above' && alert.kind !== 'sustained'))
        continue;
      const flags = method.get(seriesId(alert.dimension, alert.keys));
      const t = index.get(alert.month);
      if (flags && t !== undefined) flags[t] = flags[t] === 'above' ? 'above' : alert.kind;
    }
    return { months, counts, method };
  } finally {
    db.close();
  }
}

interface Cell {
  rises: number;
  flagged: number;
  first: number;
  delays: number[];
}
interface Tally {
  /** False alarms by series, to name where they come from. */
  bySeries: Map<string, number>;
  /** Alerts and series-months on the sample's own rise (RISING_CATEGORY), counted apart. */
  own: { alarms: number; months: number };
  /** False alarms and series-months by year judged. */
  alarmsByYear: Map<string, number>;
  monthsByYear: Map<string, number>;
  falseAlarms: Map<string, number>;
  seriesMonths: Map<string, number>;
  falseByKind: Map<string, number>;
  cells: Map<string, Cell>;
}
const tallies = new Map<string, Tally>(
  RULES.map(([name]) => [
    name,
    {
      bySeries: new Map(),
      own: { alarms: 0, months: 0 },
      alarmsByYear: new Map(),
      monthsByYear: new Map(),
      falseAlarms: new Map(),
      seriesMonths: new Map(),
      falseByKind: new Map(),
      cells: new Map(),
    },
  ]),
);
const add = (map: Map<string, number>, key: string, n = 1): void => {
  map.set(key, (map.get(key) ?? 0) + n);
};
const mean = (values: readonly number[]): number =>
  values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);

/** A series of the category the sample raises on purpose: its alerts are not false. */
const ownRise = (id: string): boolean =>
  id === seriesId('category', [RISING_CATEGORY]) ||
  (id.startsWith('region-category|') && id.endsWith(`${KEY_SEPARATOR}${RISING_CATEGORY}`));

function falseAlarms(built: Built): void {
  for (const [id, counts] of built.counts) {
    const method = built.method.get(id)!;
    for (const [name, rule] of RULES) {
      const tally = tallies.get(name)!;
      const flags = rule(counts, method);
      for (let t = RISE_HISTORY; t < counts.length; t++) {
        const baseline = mean(counts.slice(t - RISE_HISTORY, t));
        if (baseline < COUNTED_FROM) continue;
        if (ownRise(id)) {
          tally.own.months++;
          if (flags[t]) tally.own.alarms++;
          continue;
        }
        const year = built.months[t]!.slice(0, 4);
        add(tally.seriesMonths, band(baseline));
        add(tally.monthsByYear, year);
        const flag = flags[t];
        if (!flag) continue;
        add(tally.alarmsByYear, year);
        add(tally.falseAlarms, band(baseline));
        add(tally.falseByKind, flag);
        add(tally.bySeries, id.replace('|', '：').replaceAll(KEY_SEPARATOR, '·'));
      }
    }
  }
}

function hits(built: Built, truth: RisesTruth): number {
  for (const rise of truth.rises) {
    const id = seriesId(rise.dimension, rise.keys);
    const counts = built.counts.get(id);
    const start = built.months.indexOf(rise.start);
    if (!counts || start < 0) throw new Error(`注入的上升不在数据中：${id} ${rise.start}`);
    for (const [name, rule] of RULES) {
      const flags = rule(counts, built.method.get(id)!);
      const hit = flags.slice(start, start + rise.months).findIndex((flag) => flag !== false);
      const key = `${rise.factor}|${band(rise.baseline)}`;
      const cells = tallies.get(name)!.cells;
      const cell = cells.get(key) ?? { rises: 0, flagged: 0, first: 0, delays: [] };
      cells.set(key, cell);
      cell.rises++;
      if (hit >= 0) {
        cell.flagged++;
        cell.delays.push(hit);
        if (hit === 0) cell.first++;
      }
    }
  }
  return truth.rises.length;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const pct = (part: number, whole: number): string =>
  whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`;
const per100 = (part: number, whole: number): string =>
  whole === 0 ? '—' : ((part / whole) * 100).toFixed(2);
const KIND_WORDS: Record<string, string> = { above: '高于预期', sustained: '持续偏高' };

const started = performance.now();
const load = os.loadavg();
const work = await mkdtemp(path.join(os.tmpdir(), 'bench-alerts-'));
let rises = 0;
const sampled = { base: 0, risen: 0 };
try {
  for (let run = 0; run < RUNS; run++) {
    const sampleSeed = SEED + run;
    const base = path.join(work, `base-${run}`);
    const risen = path.join(work, `risen-${run}`);
    const asIs = await buildOne(base, sampleSeed);
    falseAlarms(asIs);
    const withRises = await buildOne(risen, sampleSeed, run + 1);
    const truth = JSON.parse(
      await readFile(path.join(risen, 'sample', RISES_FILE), 'utf8'),
    ) as RisesTruth;
    rises += hits(withRises, truth);
    sampled.base += asIs.counts.size;
    sampled.risen += truth.rises.length;
    await rm(base, { recursive: true, force: true });
    await rm(risen, { recursive: true, force: true });
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

console.log(
  `bench:alerts  ${new Date().toISOString()}  ${os.cpus().length} 核，负载 ${load.map((v) => v.toFixed(2)).join(' ')}`,
);
console.log(
  `示例数据 ${RUNS} 份（种子 ${SEED}–${SEED + RUNS - 1}，每份 ${RECORDS} 条 × 至 ${values.through}），各生成两次：原样，及注入上升（--inject-rises 1–${RUNS}，共 ${rises} 处，` +
    `${RISE_DIMENSIONS.join('、')}序列轮流）；自第 ${RISE_HISTORY + 1} 个月起评估；误报计原样数据中上一年月均≥${COUNTED_FROM}批的序列月（${RISE_DIMENSIONS.join('、')}）；` +
    `误报不计示例数据有意上升的“${RISING_CATEGORY}”；上限分位数 ${options.level}，持续偏高分位数 ${options.sustainedLevel}×${options.sustainedMonths}个月，最低 ${FLOOR} 批`,
);
for (const [name] of RULES) {
  const tally = tallies.get(name)!;
  const alarms = [...tally.falseAlarms.values()].reduce((a, b) => a + b, 0);
  const months = [...tally.seriesMonths.values()].reduce((a, b) => a + b, 0);
  const kinds = [...tally.falseByKind].filter(([kind]) => kind !== 'flag');
  const split =
    kinds.length > 0
      ? `；其中 ${kinds.map(([kind, n]) => `${KIND_WORDS[kind] ?? kind} ${n}`).join('，')}`
      : '';
  const byBand = BANDS.map(
    (b) =>
      `${b} ${per100(tally.falseAlarms.get(b) ?? 0, tally.seriesMonths.get(b) ?? 0)}（${tally.falseAlarms.get(b) ?? 0}/${tally.seriesMonths.get(b) ?? 0}）`,
  ).join('｜');
  console.log(
    `\n${name}：误报 ${per100(alarms, months)} 次/100序列月（${alarms}/${months}${split}）；按基线：${byBand}`,
  );
  const byYear = [...tally.monthsByYear]
    .map(([year, n]) => `${year}年 ${per100(tally.alarmsByYear.get(year) ?? 0, n)}`)
    .join('｜');
  console.log(`误报按年份：${byYear}`);
  console.log(
    `示例数据自带的“${RISING_CATEGORY}”上升（2023年×1.3，2024年起×2.6；该类别及各${siteConfig.regionLabel}×该类别，不计入误报）：报警 ${per100(tally.own.alarms, tally.own.months)} 次/100序列月（${tally.own.alarms}/${tally.own.months}）`,
  );
  const most = [...tally.bySeries].sort((a, b) => b[1] - a[1]).slice(0, 4);
  console.log(
    `误报最多的序列（${RUNS} 份合计）：${most.map(([id, n]) => `${id} ${n}`).join('，')}`,
  );
  console.log('| 上升幅度 | 基线 | 注入数 | 上升期间检出 | 首月检出 | 延迟中位数（月） |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const size of RISE_SIZES) {
    for (const b of BANDS) {
      const cell = tally.cells.get(`${size}|${b}`);
      if (!cell) continue;
      console.log(
        `| ×${size} | ${b} | ${cell.rises} | ${pct(cell.flagged, cell.rises)} | ${pct(cell.first, cell.rises)} | ${median(cell.delays) ?? '—'} |`,
      );
    }
  }
}
console.log(
  `\n用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒（${RUNS * 2} 次生成与构建；原样数据的序列 ${sampled.base} 条次）`,
);
