/**
 * Records that reproduce the figures of the reference briefing (district-jan-sep-report.txt),
 * 2024-01..2024-09 against 2023-01..2023-09, where the briefing's figures are consistent
 * (its 登记 persons are not: 901 − 461 走访 persons < 452 other records, so here every other
 * record is 1 person and the total is 913). Everything is countable by hand from this file.
 */
import type { TestRecord } from './published-db.ts';

const CURRENT = '2024-05-10';
const PREVIOUS = '2023-05-10';

/** `batches` sizes of 1..max persons adding up to `persons` (larger sizes first). */
export function spread(batches: number, persons: number, max = 4): number[] {
  if (persons < batches || persons > batches * max) {
    throw new Error(`cannot spread ${persons} persons over ${batches} batches`);
  }
  const sizes = Array.from({ length: batches }, () => 1);
  let left = persons - batches;
  for (let i = 0; left > 0; i++) {
    const extra = Math.min(max - 1, left);
    sizes[i] = 1 + extra;
    left -= extra;
  }
  return sizes;
}

function visits(
  on: string,
  level: string,
  sizes: number[],
  extra: Partial<TestRecord> = {},
): TestRecord[] {
  return sizes.map((persons) => ({
    registered_on: on,
    channel: '来访',
    level,
    persons,
    ...extra,
  }));
}

function assignCategories(records: TestRecord[], counts: [string, number][]): void {
  let i = 0;
  for (const [category, n] of counts) {
    for (let k = 0; k < n; k++) {
      const record = records[i++];
      if (record) record.category = category;
    }
  }
}

export function referenceRecords(): TestRecord[] {
  const current: TestRecord[] = [
    ...visits(CURRENT, '进京', spread(16, 17)),
    ...visits(CURRENT, '赴省', [10, 10, 10, 9, ...spread(98, 140)]),
    ...visits(CURRENT, '到市', [9, 9, 8, 8, 8, ...spread(54, 96)]),
    ...visits(CURRENT, '本级', spread(60, 127), { leader_received: true }),
  ];
  // 来信 120件: the last one, on 2024-09-30, is the last registration in the data (a whole month).
  for (let i = 0; i < 120; i++) {
    current.push({ registered_on: i === 119 ? '2024-09-30' : CURRENT, channel: '来信' });
  }
  // 网上信访 332件: 0..113 accepted (the 法治化 acceptance and handling terms),
  // 114..138 领导包案 (24 resolved), 139..179 督办 (36 resolved).
  for (let i = 0; i < 332; i++) {
    const record: TestRecord = { registered_on: CURRENT, channel: '网上信访' };
    if (i < 114) {
      Object.assign(record, {
        registered_on: '2024-03-01',
        acceptance: '受理',
        accepted_on: i < 112 ? '2024-03-05' : '2024-03-25',
        due_on: '2024-05-04',
        closed_on: '2024-04-01',
        satisfaction: i < 80 ? '满意' : i < 90 ? '基本满意' : i < 100 ? '不满意' : '未评价',
      });
    } else if (i < 139) {
      Object.assign(record, { leader_case: true, resolved: i < 138 });
    } else if (i < 180) {
      Object.assign(record, { supervised: true, resolved: i < 175 });
    }
    current.push(record);
  }
  current.forEach((record, i) => {
    if (i < 50) record.is_repeat = true;
  });
  assignCategories(current, [
    ['城乡建设', 300],
    ['劳动和社会保障', 200],
    ['农村农业', 100],
    ['其他', 89],
  ]);

  const previous: TestRecord[] = [
    ...visits(PREVIOUS, '进京', spread(15, 16)),
    ...visits(PREVIOUS, '赴省', spread(42, 84)),
    ...visits(PREVIOUS, '到市', spread(50, 100)),
    ...visits(PREVIOUS, '本级', spread(41, 138)),
  ];
  for (let i = 0; i < 200; i++) previous.push({ registered_on: PREVIOUS, channel: '来信' });
  for (const persons of spread(246, 278)) {
    previous.push({ registered_on: PREVIOUS, channel: '网上信访', persons });
  }
  previous.forEach((record, i) => {
    if (i < 30) record.is_repeat = true;
  });
  assignCategories(previous, [
    ['城乡建设', 250],
    ['劳动和社会保障', 150],
    ['农村农业', 120],
    ['其他', 74],
  ]);

  const persuaded = (level: string, batches: number, persons: number): TestRecord[] =>
    spread(batches, persons, 20).map((n) => ({
      registered_on: CURRENT,
      record_type: '劝返',
      channel: '来访',
      level,
      persons: n,
    }));

  // Registered 2023-11-01 (in neither period), due 2024-01-04: 28 more in the handling term
  // (22 closed on time), of which 21 supervised and due (15 resolved).
  const earlier: TestRecord[] = Array.from({ length: 28 }, (_, i) => ({
    registered_on: '2023-11-01',
    channel: '网上信访',
    acceptance: '受理',
    accepted_on: '2023-11-05',
    due_on: '2024-01-04',
    closed_on: i < 22 ? '2024-01-02' : null,
    supervised: i < 21,
    resolved: i < 15,
  }));

  return [
    ...current,
    ...previous,
    ...persuaded('进京', 143, 268),
    ...persuaded('赴省', 73, 331),
    ...persuaded('到市', 20, 236),
    ...earlier,
  ];
}
