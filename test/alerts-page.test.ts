import { describe, expect, it } from 'vitest';
import { historyDispersion } from '../src/lib/alerts/limits.ts';
import { DEFAULT_ALERT_OPTIONS } from '../src/lib/alerts/options.ts';
import type { AlertsFile } from '../src/lib/alerts/published.ts';
import { alertSentence } from '../src/lib/alerts/sentence.ts';
import type { Alert } from '../src/lib/alerts/types.ts';
import { alertListHtml, alertMatrixHtml } from '../src/render/alerts-html.ts';
import { alertLink, alertsCsv, alertsPageData } from '../src/dashboard/page-alerts.ts';

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
    ...over,
  };
  return { ...base, sentence: alertSentence(base), band: [], ...over };
}

const file = (alerts: Alert[]): AlertsFile => ({
  version: 1,
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

  it('ranks the month’s alerts of one measure and shades the matrix by score', () => {
    const data = alertsPageData(
      file([
        alert({ score: 2.3 }),
        alert({ keys: ['西山镇', '教育'], name: '西山镇·教育', score: 1.2 }),
        alert({ dimension: 'category', keys: ['市场监管'], name: '市场监管', score: 1.1 }),
        alert({ measure: 'persons', score: 3 }),
        alert({ month: '2024-08' }),
      ]),
      'batches',
      { regions: ['城关街道', '西山镇', '东湖镇'], categories: ['教育', '市场监管'] },
    );
    expect(data.items.map((i) => [i.rank, i.alert.name])).toEqual([
      [1, '城关街道·市场监管'],
      [2, '西山镇·教育'],
      [3, '市场监管'],
    ]);
    expect(data.matrix.regions).toEqual(['城关街道', '西山镇', '东湖镇']);
    expect(data.matrix.cells.map((row) => row.map((c) => c?.level ?? null))).toEqual([
      [null, 3],
      [1, null],
      [null, null],
    ]);
    const html = alertMatrixHtml(data);
    expect(html).toContain(
      '<td class="alert-cell alert-level-3" title="城关街道·市场监管：高于预期（得分2.30）">2.3</td>',
    );
    expect(html.match(/<tr>/g)).toHaveLength(4);
  });

  it('escapes every text it writes', () => {
    const data = alertsPageData(file([alert({ keys: ['<b>', '&'], name: '<b>·&' })]), 'batches');
    const html = alertListHtml(data, '/xf/', () => '<svg></svg>') + alertMatrixHtml(data);
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;b&gt;·&amp;');
    expect(alertListHtml(alertsPageData(file([]), 'batches'), '/', () => '')).toContain(
      '本月无预警',
    );
  });

  it('exports the listed alerts as CSV with their sentences', () => {
    const items = alertsPageData(
      file([alert({}), alert({ name: 'a,"b"', score: 1 })]),
      'batches',
    ).items;
    const lines = alertsCsv(items).split('\n');
    expect(lines[0]).toBe(
      '\uFEFF排名,类型,序列,月份,计量,登记数,预期,上限,得分,起始月份,连续月数,说明',
    );
    expect(lines[1]).toBe(
      '1,高于预期,城关街道·市场监管,2024-09,批次,21,9.2,14,2.3,2024-07,3,城关街道·市场监管：9月登记21批，高于近年同期水平（预期约9批，上限14批），已连续3个月偏高。',
    );
    expect(lines[2]).toMatch(/^2,高于预期,"a,""b""",/);
  });
});
