/**
 * npm run sample [-- --out DIR --records N --seed S --through YYYY-MM --inject-rises SEED]
 * Seeded sample exports of 示例区信访局 (GB18030 CSV and XLSX), default into data/sample/:
 * 2022-01 to 2024-09, or on to `--through` with the same pattern; `--inject-rises` adds seeded
 * rises for the 苗头预警 backtest and writes which beside the sample (.sample-injected-rises.json).
 */
import path from 'node:path';
import { parseOptions } from './lib/cli-options.ts';
import { BAD_KIND_LABELS } from './sample/bad-rows.ts';
import { DEFAULT_RECORDS } from './sample/plan.ts';
import { RISES_FILE } from './sample/rises.ts';
import { DEFAULT_SEED } from './sample/truth.ts';
import { XLSX_RECORD_LIMIT, writeSample } from './sample/write.ts';

const root = path.resolve(import.meta.dirname, '..');

function fail(message: string): never {
  console.error(`示例数据生成失败：${message}`);
  process.exit(1);
}

function seedOf(text: string): number {
  if (/^\d+$/.test(text)) return Number(BigInt(text) % 4_294_967_296n);
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
  return h;
}

const values = parseOptions(
  {
    out: { type: 'string' },
    records: { type: 'string' },
    seed: { type: 'string' },
    through: { type: 'string' },
    'inject-rises': { type: 'string' },
  },
  (reason) =>
    fail(
      `参数有误（${reason}）。\n用法：npm run sample -- [--out 目录] [--records 条数] [--seed 种子] [--through 年-月] [--inject-rises 种子]`,
    ),
);

const out = path.resolve(values.out ?? path.join(root, 'data', 'sample'));
const records =
  values.records === undefined ? DEFAULT_RECORDS : Number(values.records.replaceAll('_', ''));
if (!Number.isSafeInteger(records) || records < 100) fail('--records 须为不小于 100 的整数');
const seed = values.seed === undefined ? DEFAULT_SEED : seedOf(values.seed);
const through = values.through;
if (
  through !== undefined &&
  !(/^\d{4}-(0[1-9]|1[0-2])$/.test(through) && through >= '2024-09' && through <= '2030-12')
) {
  fail('--through 须为 2024-09 至 2030-12 之间的年月，如 2024-12');
}
const injectRises =
  values['inject-rises'] === undefined ? undefined : seedOf(values['inject-rises']);

const started = performance.now();
try {
  const report = await writeSample({
    out,
    seed,
    records,
    ...(through === undefined ? {} : { through }),
    ...(injectRises === undefined ? {} : { injectRises }),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const shown = path.relative(process.cwd(), out);
  const where = shown === '' ? '.' : shown.startsWith('..') ? out : shown;
  console.log(`示例数据已写入 ${where}（种子 ${seed}，用时 ${seconds} 秒）`);
  if (report.xlsxWrittenAsCsv) {
    console.log(
      `· 记录数超过 ${XLSX_RECORD_LIMIT.toLocaleString('zh-CN')}，XLSX 文件一律改写为 CSV（GB18030）`,
    );
  }
  if (report.through) console.log(`· 数据截至 ${report.through}`);
  if (report.injectedRises !== undefined) {
    console.log(`· 注入上升（种子 ${report.injectedRises}），清单见 ${RISES_FILE}`);
  }
  for (const f of report.files) {
    console.log(
      `· ${f.file}  ${f.encoding}  ${f.rows} 行：有效 ${f.published}，与上一文件重叠 ${f.overlapDuplicates}，问题行 ${Object.values(f.bad).reduce((a, b) => a + b, 0)}`,
    );
  }
  const kinds = new Map<string, number>();
  for (const b of report.badRows) kinds.set(b.kind, (kinds.get(b.kind) ?? 0) + 1);
  console.log(
    `应发布 ${report.published} 条，应拒收 ${report.rejected} 条（问题行 ${report.badRows.length}：${[
      ...kinds,
    ]
      .map(([k, n]) => `${BAD_KIND_LABELS[k as keyof typeof BAD_KIND_LABELS]} ${n}`)
      .join('，')}）`,
  );
} catch (error) {
  fail((error as Error).message);
}
