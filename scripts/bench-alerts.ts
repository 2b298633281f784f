/**
 * npm run bench:alerts [-- --series N --months M --seed S --set name=value …]
 * Backtest of the 苗头预警 method against two simple rules, on seeded simulated monthly series:
 * negative-binomial counts (dispersion 1.2–2) around a baseline with a yearly season, half of
 * them with one injected rise (the rate × 1.5, × 2 or × 3 for 1–3 months). Prints the share of
 * rises flagged by size and baseline, the median delay, and false alarms per 100 series-months
 * on the untouched series. A benchmark: it prints figures, it never fails on them.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { deriveAlerts } from '../src/lib/alerts/detect.ts';
import { DEFAULT_ALERT_OPTIONS, type AlertOptions } from '../src/lib/alerts/options.ts';
import type { CountRow } from '../src/lib/alerts/series.ts';
import { addMonths, lastDay } from '../src/lib/periods.ts';
import { rngFor, type Rng } from './sample/prng.ts';

const { values } = parseArgs({
  options: {
    series: { type: 'string', default: '2000' },
    months: { type: 'string', default: '48' },
    seed: { type: 'string', default: '20240901' },
    /** Method parameters to try, e.g. --set window=2 --set sustainedLevel=0.95 */
    set: { type: 'string', multiple: true, default: [] },
  },
});
const SERIES = Number(values.series);
const MONTHS = Number(values.months);
const SEED = Number(values.seed);
const options: AlertOptions = { ...DEFAULT_ALERT_OPTIONS };
for (const pair of values.set) {
  const [key = '', value = ''] = pair.split('=');
  if (!(key in options) || typeof options[key as keyof AlertOptions] !== 'number') {
    throw new Error(`--set ${pair}: 不是方法的数值参数`);
  }
  (options as unknown as Record<string, number>)[key] = Number(value);
}
const FIRST = '2021-01';
/** Months judged: from the third year on (the method's seasonal reference needs two years). */
const EVALUATED_FROM = 24;
const BASELINES = [1.5, 3, 5, 8, 12, 20, 40];
const SIZES = [1.5, 2, 3];
const FLOOR = options.floor.batches;

function normal(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Marsaglia–Tsang gamma(shape, 1). */
function gamma(rng: Rng, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * rng() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    if (Math.log(Math.max(rng(), 1e-300)) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function poisson(rng: Rng, mean: number): number {
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rng)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

/** Negative binomial with the given mean and variance dispersion × mean (gamma–Poisson). */
function negativeBinomial(rng: Rng, mean: number, dispersion: number): number {
  if (dispersion <= 1) return poisson(rng, mean);
  const size = mean / (dispersion - 1);
  return poisson(rng, (gamma(rng, size) * mean) / size);
}

interface Simulated {
  baseline: number;
  counts: number[];
  injection: { start: number; months: number; size: number } | null;
}

function simulate(index: number): Simulated {
  const rng = rngFor(SEED, index);
  const baseline = BASELINES[index % BASELINES.length]!;
  const dispersion = 1.2 + 0.8 * rng();
  const amplitude = 0.3 * rng();
  const phase = 2 * Math.PI * rng();
  const injected = index % 2 === 1;
  const injection = injected
    ? {
        start: EVALUATED_FROM + 2 + Math.floor(rng() * (MONTHS - EVALUATED_FROM - 5)),
        months: 1 + Math.floor(rng() * 3),
        size: SIZES[Math.floor(index / 2) % SIZES.length]!,
      }
    : null;
  const counts = Array.from({ length: MONTHS }, (_, t) => {
    const season = 1 + amplitude * Math.sin((2 * Math.PI * t) / 12 + phase);
    const rise =
      injection && t >= injection.start && t < injection.start + injection.months
        ? injection.size
        : 1;
    return negativeBinomial(rng, baseline * season * rise, dispersion);
  });
  return { baseline, counts, injection };
}

/** Per month: false, or the kind of alert (a rule's flag is 'flag'). */
type Rule = (counts: readonly number[]) => (string | false)[];

function methodRule(counts: readonly number[]): (string | false)[] {
  const rows: CountRow[] = counts.map((batches, t) => ({
    dimension: 'region',
    key: 'S',
    month: addMonths(FIRST, t),
    batches,
    persons: batches,
  }));
  const flagged = new Array<string | false>(counts.length).fill(false);
  const alerts = deriveAlerts(
    {
      firstDay: `${FIRST}-01`,
      cutoff: lastDay(addMonths(FIRST, counts.length - 1)),
      counts: rows,
      windows: [],
    },
    options,
  );
  for (const alert of alerts) {
    if (alert.measure !== 'batches' || (alert.kind !== 'above' && alert.kind !== 'sustained'))
      continue;
    const t = (Number(alert.month.slice(0, 4)) - 2021) * 12 + Number(alert.month.slice(5)) - 1;
    flagged[t] = flagged[t] === 'above' ? 'above' : alert.kind;
  }
  return flagged;
}

/** 同比 above 20%, with at least the floor's batches this month and some a year before. */
function yoyRule(counts: readonly number[]): (string | false)[] {
  return counts.map((y, t) => {
    const before = t >= 12 ? counts[t - 12]! : 0;
    return y >= FLOOR && before > 0 && (y - before) / before > 0.2 && 'flag';
  });
}

/** EARS style: above the mean + 3 SD of the previous 12 months, with at least the floor's batches. */
function earsRule(counts: readonly number[]): (string | false)[] {
  return counts.map((y, t) => {
    if (t < 12) return false;
    const previous = counts.slice(t - 12, t);
    const mean = previous.reduce((s, v) => s + v, 0) / previous.length;
    const sd = Math.sqrt(previous.reduce((s, v) => s + (v - mean) ** 2, 0) / (previous.length - 1));
    return y >= FLOOR && y > mean + 3 * sd && 'flag';
  });
}

const RULES: [string, Rule][] = [
  ['本方法（负二项预测上限）', methodRule],
  ['同比上升超过20%', yoyRule],
  ['前12个月均值+3倍标准差（EARS式）', earsRule],
];

function band(baseline: number): string {
  if (baseline < 5) return '低（<5批/月）';
  if (baseline < 15) return '中（5–14批/月）';
  return '高（≥15批/月）';
}
const BANDS = ['低（<5批/月）', '中（5–14批/月）', '高（≥15批/月）'];

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const pct = (part: number, whole: number): string =>
  whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`;

const KIND_WORDS: Record<string, string> = { above: '高于预期', sustained: '持续偏高' };

const started = performance.now();
const load = os.loadavg();
const simulated = Array.from({ length: SERIES }, (_, i) => simulate(i));
console.log(
  `bench:alerts  ${new Date().toISOString()}  ${os.cpus().length} 核，负载 ${load.map((v) => v.toFixed(2)).join(' ')}`,
);
console.log(
  `模拟序列 ${SERIES} 条 × ${MONTHS} 个月（种子 ${SEED}），其中一半注入上升；评估第 ${EVALUATED_FROM + 1} 个月起；` +
    `上限分位数 ${options.level}，持续偏高分位数 ${options.sustainedLevel}×${options.sustainedMonths}个月，最低 ${FLOOR} 批`,
);
for (const [name, rule] of RULES) {
  let falseAlarms = 0;
  let calmMonths = 0;
  const falseByKind = new Map<string, number>();
  const cells = new Map<
    string,
    { rises: number; flagged: number; first: number; delays: number[] }
  >();
  /** Doublings by exact baseline: rises, flagged in their first month. */
  const doublings = new Map<number, { rises: number; first: number }>();
  for (const s of simulated) {
    const flags = rule(s.counts);
    if (!s.injection) {
      for (let t = EVALUATED_FROM; t < MONTHS; t++) {
        calmMonths++;
        const flag = flags[t];
        if (!flag) continue;
        falseAlarms++;
        falseByKind.set(flag, (falseByKind.get(flag) ?? 0) + 1);
      }
      continue;
    }
    const key = `${s.injection.size}|${band(s.baseline)}`;
    const cell = cells.get(key) ?? { rises: 0, flagged: 0, first: 0, delays: [] };
    cells.set(key, cell);
    cell.rises++;
    const { start, months } = s.injection;
    const hit = flags.slice(start, start + months).findIndex((flag) => flag !== false);
    if (s.injection.size === 2) {
      const d = doublings.get(s.baseline) ?? { rises: 0, first: 0 };
      doublings.set(s.baseline, d);
      d.rises++;
      if (hit === 0) d.first++;
    }
    if (hit >= 0) {
      cell.flagged++;
      cell.delays.push(hit);
      if (hit === 0) cell.first++;
    }
  }
  const kinds = [...falseByKind].filter(([kind]) => kind !== 'flag');
  const split =
    kinds.length > 0
      ? `；其中 ${kinds.map(([kind, n]) => `${KIND_WORDS[kind] ?? kind} ${n}`).join('，')}`
      : '';
  console.log(
    `\n${name}：误报 ${((falseAlarms / calmMonths) * 100).toFixed(2)} 次/100序列月（${falseAlarms}/${calmMonths}${split}）`,
  );
  console.log('| 上升幅度 | 基线 | 注入数 | 上升期间检出 | 首月检出 | 延迟中位数（月） |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const size of SIZES) {
    for (const b of BANDS) {
      const cell = cells.get(`${size}|${b}`);
      if (!cell) continue;
      console.log(
        `| ×${size} | ${b} | ${cell.rises} | ${pct(cell.flagged, cell.rises)} | ${pct(cell.first, cell.rises)} | ${median(cell.delays) ?? '—'} |`,
      );
    }
  }
  console.log(
    `×2 首月检出，按基线：${BASELINES.map((b) => {
      const d = doublings.get(b);
      return `${b}批 ${d ? pct(d.first, d.rises) : '—'}`;
    }).join('｜')}`,
  );
}
console.log(`\n用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`);
