/**
 * A small export taken mid-month: the last registration is 2020-01-07. Whole-month comparisons
 * would set 1月1日-7日 against all of January 2019 (7 登记) or all of December 2019 (7 登记);
 * like for like, the comparison periods hold 3 (2019-01-01..07) and 2 (2019-12-01..07).
 * Handling dates fall on both sides of each cut (day 7 / day 8) so that a cut in the wrong place
 * changes a figure.
 */
import type { TestRecord } from './published-db.ts';

export const MID_MONTH_CUTOFF = '2020-01-07';

const handled = (
  registered: string,
  accepted: string,
  closed: string | null,
  extra: Partial<TestRecord> = {},
): TestRecord => ({
  registered_on: registered,
  channel: '网上信访',
  acceptance: '受理',
  accepted_on: accepted,
  closed_on: closed,
  satisfaction: closed ? '满意' : '未评价',
  unit: '住建局',
  ...extra,
});

export function midMonthRecords(): TestRecord[] {
  return [
    // 2020-01-01..07: 4 登记 (one collective visit of 6), 1 劝返
    { registered_on: '2020-01-02', level: '赴省', persons: 6, category: '城乡建设' },
    { registered_on: '2020-01-03', channel: '来信', region: '东街道', petitioner: 1 },
    handled('2020-01-05', '2020-01-06', null, { category: '劳动和社会保障', tags: ['两拖欠'] }),
    { registered_on: '2020-01-07', channel: '来访', level: '到市', petitioner: 1 },
    { registered_on: '2020-01-04', record_type: '劝返', level: '进京', persons: 2 },
    // 2019-01: 3 in days 1-7, 4 after
    { registered_on: '2019-01-01', level: '赴省', persons: 5, category: '城乡建设' },
    handled('2019-01-06', '2019-01-07', '2019-01-07', { unit: '人社局', region: '东街道' }),
    { registered_on: '2019-01-07', channel: '来信', region: '东街道' },
    { registered_on: '2019-01-08', level: '赴省', persons: 7 },
    { registered_on: '2019-01-15', channel: '来信', category: '劳动和社会保障' },
    handled('2019-01-20', '2019-01-21', '2019-01-25', { tags: ['两拖欠'] }),
    { registered_on: '2019-01-31', level: '进京', region: '东街道' },
    { registered_on: '2019-01-10', record_type: '劝返', level: '进京', persons: 3 },
    // 2019-12: 2 in days 1-7, 5 after
    { registered_on: '2019-12-03', channel: '来信', petitioner: 2 },
    { registered_on: '2019-12-07', level: '到市', region: '东街道', petitioner: 2 },
    { registered_on: '2019-12-08', channel: '来信' },
    { registered_on: '2019-12-10', channel: '来信' },
    { registered_on: '2019-12-12', level: '赴省' },
    handled('2019-12-16', '2019-12-18', '2020-01-03', { region: '东街道' }),
    handled('2019-12-20', '2019-12-30', null, { unit: '人社局' }),
    // decisions due 2019-01-04 / 2019-01-09 and 2019-12-05 / 2019-12-09 (either side of day 7)
    handled('2018-12-20', '2018-12-21', '2019-01-05'),
    handled('2018-12-25', '2019-01-12', '2019-01-09', { unit: '人社局' }),
    handled('2019-11-20', '2019-11-22', '2019-12-06'),
    handled('2019-11-24', '2019-12-10', '2019-12-20'),
    // handling due (due_on) either side of the cut in each comparison month
    handled('2018-11-01', '2018-11-05', '2019-01-03', { due_on: '2019-01-05' }),
    handled('2018-11-02', '2018-11-05', '2019-01-10', { due_on: '2019-01-08' }),
    handled('2019-10-01', '2019-10-05', '2019-12-02', { due_on: '2019-12-07' }),
    handled('2019-10-02', '2019-10-05', null, { due_on: '2019-12-09' }),
    handled('2019-11-01', '2019-11-05', '2020-01-04', { due_on: '2020-01-06' }),
  ];
}
