/**
 * Records for the alert tests: three steady years of 城关街道·市场监管 (7–9 batches a month, all
 * handled by 区市场监管局) that jump to 26 in December 2024, and 西山镇·教育 (one letter a month)
 * with its first 集体访 on 31 December.
 */
import { addMonths, daysInMonth } from '../../src/lib/periods.ts';
import type { TestRecord } from './published-db.ts';

export function alertRecords(): TestRecord[] {
  const months = 36;
  const records: TestRecord[] = [];
  let petitioner = 1;
  for (let i = 0; i < months; i++) {
    const month = addMonths('2022-01', i);
    const count = i === months - 1 ? 26 : 7 + (i % 3);
    for (let k = 0; k < count; k++) {
      const day = String(1 + (k % daysInMonth(month))).padStart(2, '0');
      records.push({
        registered_on: `${month}-${day}`,
        region: '城关街道',
        category: '市场监管',
        unit: '区市场监管局',
        petitioner: petitioner++,
      });
    }
    records.push({
      registered_on: `${month}-15`,
      region: '西山镇',
      category: '教育',
      channel: '来信',
    });
  }
  records.push({
    registered_on: '2024-12-31',
    region: '西山镇',
    category: '教育',
    channel: '来访',
    persons: 6,
  });
  return records;
}
