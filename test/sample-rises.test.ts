/** The sample's seeded injected rises (the 苗头预警 backtest's truth) and its longer calendar. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarThrough, monthKey } from '../scripts/sample/dates.ts';
import { DEFAULT_RECORDS } from '../scripts/sample/plan.ts';
import {
  HIGH_FROM,
  RISE_HISTORY,
  RISE_SIZES,
  RISES_FILE,
  planRises,
  risenRecords,
  type RisesTruth,
} from '../scripts/sample/rises.ts';
import { DEFAULT_SEED, sampleMonths } from '../scripts/sample/truth.ts';
import { writeSample } from '../scripts/sample/write.ts';

const calendar = calendarThrough('2024-12');

function registrations(extra?: (m: number) => ReturnType<ReturnType<typeof risenRecords>>) {
  const out = [];
  for (const batch of sampleMonths(DEFAULT_SEED, DEFAULT_RECORDS, {
    calendar,
    ...(extra ? { extra } : {}),
  })) {
    for (const r of batch.records) out.push(r.truth);
  }
  return out;
}

describe('a sample through a later month', () => {
  it('runs three whole years, exported after its last month', () => {
    expect(calendar.months).toBe(36);
    const months = new Set(registrations().map((r) => r.registered_on.slice(0, 7)));
    expect(months.size).toBe(36);
    expect([...months].at(-1)).toBe('2024-12');
    expect(monthKey(calendar.months - 1)).toBe('2024-12');
  });
});

describe('injected rises', () => {
  const plan = planRises(1, DEFAULT_SEED, DEFAULT_RECORDS, calendar);

  it('are seeded: one dimension, distinct series, a year of history, low and high baselines', () => {
    expect(planRises(1, DEFAULT_SEED, DEFAULT_RECORDS, calendar)).toEqual(plan);
    expect(planRises(2, DEFAULT_SEED, DEFAULT_RECORDS, calendar)).not.toEqual(plan);
    expect(new Set(plan.rises.map((r) => r.dimension)).size).toBe(1);
    expect(new Set(plan.rises.map((r) => r.keys.join())).size).toBe(plan.rises.length);
    for (const rise of plan.rises) {
      expect(rise.start >= monthKey(RISE_HISTORY)).toBe(true);
      expect(rise.months).toBeGreaterThanOrEqual(1);
      expect(rise.months).toBeLessThanOrEqual(3);
      expect(rise.start <= monthKey(calendar.months - rise.months)).toBe(true);
      expect(RISE_SIZES).toContain(rise.factor);
      expect(rise.added).toHaveLength(rise.months);
    }
    expect(plan.rises.some((r) => r.baseline >= HIGH_FROM)).toBe(true);
    expect(plan.rises.some((r) => r.baseline < HIGH_FROM)).toBe(true);
  });

  it('add exactly the planned 登记 to their series, and leave every other record as it was', () => {
    const base = registrations();
    const risen = registrations(risenRecords(plan, calendar));
    const added = plan.rises.reduce((n, r) => n + r.added.reduce((a, b) => a + b, 0), 0);
    expect(added).toBeGreaterThan(0);
    expect(risen.length).toBe(base.length + added);
    const ids = new Set(base.map((r) => r.case_id));
    expect(risen.filter((r) => ids.has(r.case_id))).toEqual(base);
    const extra = risen.filter((r) => !ids.has(r.case_id));
    expect(new Set(extra.map((r) => r.case_id)).size).toBe(added);
    for (const rise of plan.rises) {
      const [first, second] = rise.keys;
      rise.added.forEach((count, i) => {
        const month = monthKey(
          (Number(rise.start.slice(0, 4)) - 2022) * 12 + Number(rise.start.slice(5)) - 1 + i,
        );
        const inSeries = extra.filter(
          (r) =>
            r.registered_on.startsWith(month) &&
            r.record_type === '登记' &&
            (rise.dimension === 'category'
              ? r.category === first
              : rise.dimension === 'region'
                ? r.region === first
                : r.region === first && r.category === second),
        );
        expect(inSeries).toHaveLength(count);
      });
    }
  });

  it('npm run sample -- --inject-rises writes their truth beside the sample', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'xf-rises-'));
    try {
      const report = await writeSample({
        out: path.join(dir, 'sample'),
        seed: DEFAULT_SEED,
        through: '2024-12',
        injectRises: 1,
      });
      expect(report).toMatchObject({ through: '2024-12', injectedRises: 1 });
      const truth = JSON.parse(
        await readFile(path.join(dir, 'sample', RISES_FILE), 'utf8'),
      ) as RisesTruth;
      expect(truth).toEqual(plan);
      expect(report.published).toBe(
        registrations().length +
          plan.rises.reduce((n, r) => n + r.added.reduce((a, b) => a + b, 0), 0),
      );
      expect(report.files.at(-1)?.file).toMatch(/^2024-04至2024-12_/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
