import { describe, expect, it } from 'vitest';
import { historyDispersion } from '../src/lib/alerts/limits.ts';
import { DEFAULT_ALERT_OPTIONS } from '../src/lib/alerts/options.ts';
import { tableToCsv } from '../src/charts/table.ts';
import { ALERTS_VERSION, type AlertsFile } from '../src/lib/alerts/published.ts';
import { alertSentence } from '../src/lib/alerts/sentence.ts';
import type { Alert } from '../src/lib/alerts/types.ts';
import {
  alertFilter,
  alertMonths,
  parseAlertView,
  serializeAlertView,
} from '../src/lib/alerts/view.ts';
import { alertsBlocksHtml } from '../src/render/alerts-html.ts';
import {
  alertLink,
  alertPanels,
  alertsPageData,
  alertsSubtitle,
  alertsTable,
} from '../src/dashboard/page-alerts.ts';
import { NO_FILTER } from '../src/lib/scope.ts';
import { alertBlocks } from './helpers/alert-blocks.ts';

function alert(over: Partial<Alert>): Alert {
  const base: Omit<Alert, 'sentence' | 'band'> = {
    kind: 'above',
    dimension: 'region-category',
    keys: ['城关街道', '市场监管'],
    name: '城关街道·市场监管',
    measure: 'batches',
    month: '2024-09',
    observed: 21,
    expected: 9.2,
    upper: 14,
    score: 2.3,
    since: '2024-07',
    runMonths: 3,
    baseline: 'seasonal',
    partialThrough: null,
    detail: null,
    mainly: [],
    ...over,
  };
  return { ...base, sentence: alertSentence(base), band: [], ...over };
}

const file = (alerts: Alert[]): AlertsFile => ({
  version: ALERTS_VERSION,
  firstDay: '2022-01-01',
  cutoff: '2024-09-30',
  options: DEFAULT_ALERT_OPTIONS,
  alerts,
});

describe('alert sentences', () => {
  it('the issue’s example, and 近月 for a recent reference', () => {
    expect(alert({}).sentence).toBe(
      '城关街道·市场监管：9月登记21批，高于近年同期水平（预期约9批，上限14批），已连续3个月偏高。',
    );
    expect(alert({ baseline: 'recent', runMonths: 1, measure: 'persons' }).sentence).toBe(
      '城关街道·市场监管：9月登记21人次，高于近月水平（预期约9人次，上限14人次）。',
    );
  });
});

describe('historyDispersion', () => {
  it('1 for a steady history, large for a wild one, null when too short', () => {
    expect(historyDispersion(new Array(20).fill(10))).toBe(1);
    expect(
      historyDispersion(Array.from({ length: 20 }, (_, i) => (i % 2 ? 2 : 18))),
    ).toBeGreaterThan(5);
    expect(historyDispersion([5, 6, 7])).toBeNull();
  });
  it('a smooth season is not dispersion', () => {
    const season = Array.from({ length: 36 }, (_, i) =>
      Math.round(20 + 8 * Math.sin((2 * Math.PI * i) / 12)),
    );
    expect(historyDispersion(season)).toBeLessThan(1.3);
  });
});

describe('苗头预警 page data', () => {
  it('links each alert to the view that shows its series', () => {
    expect(alertLink(alert({}), '2024-09')).toBe(
      `regions/?period=last12&category=${encodeURIComponent('市场监管')}&region=${encodeURIComponent('城关街道')}`,
    );
    expect(
      alertLink(
        alert({ dimension: 'level', keys: ['赴省'], measure: 'persons', month: '2024-06' }),
        '2024-09',
      ),
    ).toBe(
      `levels/?period=custom&from=2023-07&to=2024-06&measure=persons&level=${encodeURIComponent('赴省')}`,
    );
    expect(alertLink(alert({ dimension: 'tag', keys: ['两拖欠'] }), '2024-09')).toMatch(
      /^focus\/\?period=last12&tag=/,
    );
  });

  const known = { regions: ['城关街道', '西山镇', '东湖镇'], categories: ['教育', '市场监管'] };
  const month = [
    alert({ score: 2.3 }),
    alert({ keys: ['西山镇', '教育'], name: '西山镇·教育', score: 1.2, kind: 'collective' }),
    alert({ dimension: 'category', keys: ['市场监管'], name: '市场监管', score: 1.1 }),
    alert({ dimension: 'level', keys: ['进京'], name: '进京', score: 1.05 }),
    alert({ measure: 'persons', score: 3 }),
    alert({ month: '2024-08' }),
  ];

  it('ranks the month’s rises of one measure, one card per rise, and scores the matrix', () => {
    const data = alertsPageData(file(month), { measure: 'batches' }, known);
    expect(data.items.map((i) => [i.rank, i.alert.name, i.also.map((a) => a.name)])).toEqual([
      [1, '城关街道·市场监管', ['市场监管']],
      [2, '西山镇·教育', []],
      [3, '进京', []],
    ]);
    expect(data.matrix.regions).toEqual(known.regions);
    expect(data.matrix.cells.map((c) => [c.row, c.column, c.score])).toEqual([
      ['城关街道', '市场监管', 2.3],
      ['西山镇', '教育', 1.2],
    ]);
    expect(data.matrix.cells[1]?.title).toBe('西山镇·教育：集体苗头（得分1.20）');
  });

  it('the filters: month, kind, measure, region, category, level and tag as a series fixes them', () => {
    const pick = (selection: Parameters<typeof alertsPageData>[1]) =>
      alertsPageData(file(month), selection, known).items.map((i) => i.alert.name);
    expect(pick({ month: '2024-08' })).toEqual(['城关街道·市场监管']);
    expect(pick({ kind: 'collective' })).toEqual(['西山镇·教育']);
    expect(pick({ measure: 'persons' })).toEqual(['城关街道·市场监管']);
    const region = alertsPageData(
      file(month),
      { filter: { ...NO_FILTER, region: '西山镇' } },
      known,
    );
    expect(region.items.map((i) => i.alert.name)).toEqual(['西山镇·教育']);
    expect(region.matrix.regions).toEqual(['西山镇']);
    expect(pick({ filter: { ...NO_FILTER, category: '市场监管' } })).toEqual(['城关街道·市场监管']);
    const level = alertsPageData(file(month), { filter: { ...NO_FILTER, level: '进京' } }, known);
    expect(level.items.map((i) => i.alert.name)).toEqual(['进京']);
    expect(level.matrix.cells).toEqual([]);
    expect(level.matrix.note).toMatch(/不分层级和专项标签/);
    expect(pick({ filter: { ...NO_FILTER, tag: '两拖欠' } })).toEqual([]);
  });

  it('chart panels: the matrix, then one band per rise with its sentence and the others of it', () => {
    const data = alertsPageData(file(month), { measure: 'batches' }, known);
    const panels = alertPanels(data, { unit: '批', regionLabel: '乡镇（街道）' });
    expect(panels.map((p) => [p.id, p.chart, p.title])).toEqual([
      ['alert-matrix', 'alert-matrix', '乡镇（街道）×问题类别预警得分'],
      ['alert-1', 'alert-band', '城关街道·市场监管：高于预期'],
      ['alert-2', 'alert-band', '西山镇·教育：集体苗头'],
      ['alert-3', 'alert-band', '进京：高于预期'],
    ]);
    expect(panels[1]?.note).toBe(`${month[0]!.sentence}同一上升亦见于：市场监管。`);
    expect(panels[2]?.options.unit).toBe('人');
    expect(
      alertsSubtitle(
        data,
        { measure: 'batches', kind: 'above', filter: NO_FILTER },
        '2024年9月30日',
      ),
    ).toBe('2024年9月 · 全部 · 高于预期 · 批次 · 数据截至2024年9月30日');
    // A month in progress is named by its days, as on the chart pages.
    expect(
      alertsSubtitle(
        { month: '2024-09', partialThrough: '2024-09-15' },
        { measure: 'persons', kind: null, filter: { ...NO_FILTER, region: '西山镇' } },
        '2024年9月15日',
      ),
    ).toBe('2024年9月1日-15日 · 西山镇 · 人次 · 数据截至2024年9月15日');
    const { matrix, list } = alertBlocks(data);
    expect(matrix).toContain('data-panel="alert-matrix"');
    expect(list.match(/<li class="alert-item"/g)).toHaveLength(3);
    expect(list).toContain('href="/xf/regions/?period=last12&amp;');
    expect(list).toContain('data-export="png"');
  });

  it('escapes every text it writes', () => {
    const data = alertsPageData(file([alert({ keys: ['<b>', '&'], name: '<b>·&' })]));
    const { matrix, list } = alertBlocks(data, '<i>');
    expect(matrix + list).not.toContain('<b>');
    expect(matrix + list).not.toContain('<i>');
    expect(list).toContain('&lt;b&gt;·&amp;');
    expect(alertsBlocksHtml(alertsPageData(file([])), [], '/').list).toContain('本月无预警');
  });

  it('exports the listed alerts as CSV: every alert of each rise, its sentence, formulas defused', () => {
    const items = alertsPageData(
      file([
        alert({}),
        alert({ dimension: 'category', keys: ['市场监管'], name: '市场监管', score: 1.1 }),
        alert({ keys: ['西山镇', '=cmd'], name: '=cmd', score: 1 }),
      ]),
    ).items;
    const lines = tableToCsv(alertsTable(items)).split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFF排名,类型,序列,同一上升,月份,计量,登记数,预期,上限,得分,起始月份,连续月数,说明',
    );
    expect(lines[1]).toBe(
      '1,高于预期,城关街道·市场监管,,2024-09,批次,21,9.2,14,2.3,2024-07,3,城关街道·市场监管：9月登记21批，高于近年同期水平（预期约9批，上限14批），已连续3个月偏高。',
    );
    expect(lines[2]).toMatch(/^1,高于预期,市场监管,城关街道·市场监管,/);
    expect(lines[3]).toMatch(/^2,高于预期,'=cmd,,/);
  });
});

describe('苗头预警 view in the URL', () => {
  const context = {
    firstMonth: '2022-01',
    latestMonth: '2024-09',
    cutoff: '2024-09-30',
    categories: ['市场监管', '教育'],
    regions: ['城关街道'],
    tags: ['两拖欠'],
  };

  it('offers the last 12 months, latest first, never before the data', () => {
    expect(alertMonths(context)).toHaveLength(12);
    expect(alertMonths(context)[0]).toBe('2024-09');
    expect(alertMonths({ ...context, firstMonth: '2024-07' })).toEqual([
      '2024-09',
      '2024-08',
      '2024-07',
    ]);
  });

  it('round-trips month, kind and the filters; the default month is the view period’s last', () => {
    const search =
      '?measure=persons&category=%E5%B8%82%E5%9C%BA%E7%9B%91%E7%AE%A1&month=2024-05&kind=new';
    const { view, notes } = parseAlertView(search, context);
    expect(notes).toEqual([]);
    expect(view).toMatchObject({ month: '2024-05', kind: 'new' });
    expect(view.base).toMatchObject({ measure: 'persons', category: '市场监管' });
    expect(parseAlertView(serializeAlertView(view, context), context).view).toEqual(view);
    expect(alertFilter(view)).toEqual({ ...NO_FILTER, category: '市场监管' });
    expect(serializeAlertView(parseAlertView('', context).view, context)).toBe('');
    // From a chart page's custom period: its last month; an explicit latest month stays in the URL.
    const custom = parseAlertView('?period=custom&from=2024-01&to=2024-06', context).view;
    expect(custom.month).toBe('2024-06');
    expect(serializeAlertView({ ...custom, month: '2024-09' }, context)).toBe(
      '?period=custom&from=2024-01&to=2024-06&month=2024-09',
    );
  });

  it('drops what the data does not hold, with a note', () => {
    const { view, notes } = parseAlertView(
      '?month=2021-01&kind=drop&region=%E6%9F%90%E9%95%87',
      context,
    );
    expect(view).toMatchObject({ month: '2024-09', kind: null });
    expect(view.base.region).toBeNull();
    expect(notes).toHaveLength(3);
  });
});
