import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../src/lib/schema.ts';
import { computeFigures, type Figures } from '../scripts/sample/figures.ts';
import { isResidentId } from '../src/lib/pii.ts';
import { DEFAULT_RECORDS } from '../scripts/sample/plan.ts';
import { sampleTruth, type TruthRecord } from '../scripts/sample/truth.ts';

const truth = sampleTruth();
const y2024 = computeFigures(truth, '2024-01', '2024-09');
const y2023 = computeFigures(truth, '2023-01', '2023-09');

describe('sample truth: the reference briefing by construction', () => {
  it('has the registrations and visits of 1-9月 2024 and 2023', () => {
    expect(y2024.registered.batches).toBe(689);
    expect(y2023.registered.batches).toBe(594);
    expect([y2024.visits.batches, y2024.visits.persons]).toEqual([237, 461]);
    expect([y2023.visits.batches, y2023.visits.persons]).toEqual([148, 338]);
  });

  it('has the visits by level, with exactly the listed 集体访', () => {
    const l = y2024.visits.byLevel;
    expect(l.进京).toEqual({
      batches: 16,
      persons: 17,
      collectiveBatches: 0,
      collectivePersons: 0,
    });
    expect(l.赴省).toEqual({
      batches: 102,
      persons: 179,
      collectiveBatches: 4,
      collectivePersons: 39,
    });
    expect(l.到市).toEqual({
      batches: 59,
      persons: 138,
      collectiveBatches: 5,
      collectivePersons: 42,
    });
    expect([l.本级.batches, l.本级.persons]).toEqual([60, 127]);
    const p = y2023.visits.byLevel;
    expect([p.进京.batches, p.进京.persons]).toEqual([15, 16]);
    expect([p.赴省.batches, p.赴省.persons]).toEqual([42, 84]);
  });

  it('has no other 集体访 at 进京, 赴省 or 到市 in any month', () => {
    const collective = truth.filter(
      (r) =>
        r.record_type === '登记' && r.channel === '来访' && r.persons >= 5 && r.level !== '本级',
    );
    expect(collective.filter((r) => r.level === '进京')).toEqual([]);
    expect(
      collective.every((r) => r.registered_on >= '2024-01-01' && r.registered_on <= '2024-09-30'),
    ).toBe(true);
  });

  it('has the persuaded-back visits, leader receptions, leader cases and supervision', () => {
    expect(y2024.persuadedBack).toEqual({
      进京: { batches: 143, persons: 268 },
      赴省: { batches: 73, persons: 331 },
      到市: { batches: 20, persons: 236 },
      本级: { batches: 0, persons: 0 },
    });
    expect(y2024.leaderReceived).toEqual({ batches: 232, persons: 345 });
    expect(y2024.leaderCases).toEqual({ total: 25, resolved: 24 });
    expect(y2024.supervised).toEqual({ total: 41, resolved: 36 });
  });

  it('counts 劝返 apart: channel 来访 at 进京/赴省/到市, never registered', () => {
    const back = truth.filter((r) => r.record_type === '劝返');
    expect(back.every((r) => r.channel === '来访' && r.level !== '本级')).toBe(true);
    expect(back.every((r) => !r.leader_received && !r.leader_case && !r.supervised)).toBe(true);
    expect(truth).toHaveLength(DEFAULT_RECORDS);
  });

  it('is shaped like a district: 城乡建设 and 劳动和社会保障 lead, 市场监管 rises, 两拖欠 peaks in Dec–Jan', () => {
    const top = Object.entries(y2024.categories).sort((a, b) => b[1] - a[1]);
    expect(
      top
        .slice(0, 2)
        .map(([c]) => c)
        .sort(),
    ).toEqual(['劳动和社会保障', '城乡建设']);
    expect(y2024.categories['市场监管'] ?? 0).toBeGreaterThan(
      1.5 * (y2023.categories['市场监管'] ?? 0),
    );
    const arrears = (months: string[]): number =>
      truth.filter((r) => r.tags.includes('两拖欠') && months.includes(r.registered_on.slice(0, 7)))
        .length;
    expect(arrears(['2023-12', '2024-01'])).toBeGreaterThan(2 * arrears(['2023-08', '2023-09']));
    expect(truth.every((r) => (CATEGORIES as readonly string[]).includes(r.category))).toBe(true);
  });

  it('has repeat petitioners whose is_repeat the build can derive (365 days or 12 months alike)', () => {
    const derive = (window: number, r: TruthRecord, earlier: TruthRecord[]): boolean => {
      const day = Date.parse(r.registered_on) / 864e5;
      return earlier.some((e) => {
        const gap = day - Date.parse(e.registered_on) / 864e5;
        return e.category === r.category && gap > 0 && gap <= window;
      });
    };
    const byPerson = new Map<string, TruthRecord[]>();
    let repeats = 0;
    let differ = 0;
    for (const r of truth) {
      if (r.record_type !== '登记' || r.petitioner_id === null) continue;
      const earlier = byPerson.get(r.petitioner_id) ?? [];
      expect(earlier.some((e) => e.registered_on === r.registered_on)).toBe(false);
      const derived = derive(365, r, earlier);
      expect(derive(331, r, earlier)).toBe(derived);
      expect(derive(400, r, earlier)).toBe(derived);
      if (derived) repeats++;
      if (derived !== r.is_repeat) {
        // only where the 2022 exports' 是否重复 knows of petitions before 2022
        expect([r.is_repeat, r.registered_on < '2022-10-01']).toEqual([true, true]);
        differ++;
      }
      earlier.push(r);
      byPerson.set(r.petitioner_id, earlier);
    }
    expect(repeats).toBeGreaterThan(300);
    expect(differ).toBeGreaterThan(0);
    const persuaded = new Set(
      truth.filter((r) => r.record_type === '劝返').map((r) => r.petitioner_id),
    );
    expect([...byPerson.keys()].some((id) => persuaded.has(id))).toBe(false);
  });

  it('keeps personal data out of published columns and gives valid ID numbers', () => {
    const idLike = /\d{17}[\dX]/;
    const phoneLike = /1[3-9]\d{9}/;
    for (const r of truth) {
      const text = JSON.stringify({ ...r, case_id: null, petitioner_id: null });
      expect(idLike.test(text) || phoneLike.test(text)).toBe(false);
      if (r.petitioner_id !== null) expect(isResidentId(r.petitioner_id)).toBe(true);
    }
  });

  it('is the same for the same seed; another seed differs but keeps every exact figure', () => {
    expect(sampleTruth()).toEqual(truth);
    const other = sampleTruth(7);
    expect(other.map((r) => r.petitioner_id)).not.toEqual(truth.map((r) => r.petitioner_id));
    const exact = (f: Figures): unknown => [
      f.registered.batches,
      f.visits,
      f.persuadedBack,
      f.leaderReceived,
      f.leaderCases,
      f.supervised,
    ];
    expect(exact(computeFigures(other, '2024-01', '2024-09'))).toEqual(exact(y2024));
    expect(computeFigures(other, '2023-01', '2023-09').visits).toEqual(y2023.visits);
  });
});
