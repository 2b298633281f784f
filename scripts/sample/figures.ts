/** The briefing's figures computed from truth records (pure; the definitions of the data contract). */
import type { Counts } from '../../src/lib/counts.ts';
import type { LevelCounts } from '../../src/lib/report.ts';
import type { Level } from '../../src/lib/schema.ts';
import type { TruthRecord } from './truth.ts';

export interface Figures {
  registered: Counts;
  visits: Counts & { byLevel: Record<Level, LevelCounts> };
  persuadedBack: Record<Level, Counts>;
  leaderReceived: Counts;
  leaderCases: { total: number; resolved: number };
  supervised: { total: number; resolved: number };
  /** 登记 batches by category. */
  categories: Record<string, number>;
  repeat: { numerator: number; denominator: number };
}

/** Figures over records registered in months `from`…`to` (`YYYY-MM`, inclusive). */
export function computeFigures(
  records: readonly TruthRecord[],
  from: string,
  to: string,
  collectiveThreshold = 5,
): Figures {
  const bp = (): Counts => ({ batches: 0, persons: 0 });
  const lv = (): LevelCounts => ({ ...bp(), collectiveBatches: 0, collectivePersons: 0 });
  const f: Figures = {
    registered: bp(),
    visits: { ...bp(), byLevel: { 进京: lv(), 赴省: lv(), 到市: lv(), 本级: lv() } },
    persuadedBack: { 进京: bp(), 赴省: bp(), 到市: bp(), 本级: bp() },
    leaderReceived: bp(),
    leaderCases: { total: 0, resolved: 0 },
    supervised: { total: 0, resolved: 0 },
    categories: {},
    repeat: { numerator: 0, denominator: 0 },
  };
  const add = (x: Counts, persons: number): void => {
    x.batches++;
    x.persons += persons;
  };
  for (const r of records) {
    const month = r.registered_on.slice(0, 7);
    if (month < from || month > to) continue;
    if (r.record_type === '劝返') {
      add(f.persuadedBack[r.level], r.persons);
      continue;
    }
    add(f.registered, r.persons);
    f.categories[r.category] = (f.categories[r.category] ?? 0) + 1;
    f.repeat.denominator++;
    if (r.is_repeat) f.repeat.numerator++;
    if (r.channel === '来访') {
      add(f.visits, r.persons);
      const level = f.visits.byLevel[r.level];
      add(level, r.persons);
      if (r.persons >= collectiveThreshold) {
        level.collectiveBatches++;
        level.collectivePersons += r.persons;
      }
    }
    if (r.leader_received) add(f.leaderReceived, r.persons);
    if (r.leader_case) {
      f.leaderCases.total++;
      if (r.resolved) f.leaderCases.resolved++;
    }
    if (r.supervised) {
      f.supervised.total++;
      if (r.resolved) f.supervised.resolved++;
    }
  }
  return f;
}
