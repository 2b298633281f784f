/**
 * One rise, one alert: the most specific series names it, never the series that holds it too;
 * a unit whose month is mostly one category (or region) is that series' rise.
 */
import { describe, expect, it } from 'vitest';
import {
  alertsProblemText,
  briefingAlerts,
  riseGroups,
  seriesInside,
} from '../src/lib/alerts/briefing.ts';
import type { AlertDimension } from '../src/lib/alerts/series.ts';
import type { AlertKind, Mainly, ReportAlert } from '../src/lib/alerts/types.ts';

function alert(
  dimension: AlertDimension,
  keys: string[],
  score: number,
  options: {
    kind?: AlertKind;
    month?: string;
    measure?: 'batches' | 'persons';
    mainly?: Mainly[];
  } = {},
): ReportAlert {
  const name = keys.join('·');
  return {
    kind: options.kind ?? 'above',
    dimension,
    keys,
    name,
    measure: options.measure ?? 'batches',
    month: options.month ?? '2024-09',
    observed: 20,
    expected: 9,
    upper: 14,
    score,
    since: options.month ?? '2024-09',
    runMonths: 1,
    baseline: 'seasonal',
    partialThrough: null,
    detail: null,
    mainly: options.mainly ?? [],
    sentence: `${name}：${score}。`,
  };
}

const names = (alerts: ReportAlert[]): string[] => alerts.map((a) => a.name);

describe('series inside series', () => {
  const cell = alert('region-category', ['白鹭街道', '市场监管'], 1);
  it('a region × category lies inside its region and its category, not the other way', () => {
    expect(seriesInside(cell, alert('category', ['市场监管'], 1))).toBe(true);
    expect(seriesInside(cell, alert('region', ['白鹭街道'], 1))).toBe(true);
    expect(seriesInside(alert('category', ['市场监管'], 1), cell)).toBe(false);
    expect(seriesInside(cell, cell)).toBe(false);
  });
  it('another region or category, a unit, a level or a tag holds nothing of it', () => {
    expect(seriesInside(cell, alert('category', ['教育'], 1))).toBe(false);
    expect(seriesInside(cell, alert('region', ['城关街道'], 1))).toBe(false);
    expect(seriesInside(cell, alert('unit', ['区市场监管局'], 1))).toBe(false);
    expect(seriesInside(alert('unit', ['区市场监管局'], 1), cell)).toBe(false);
    expect(seriesInside(cell, alert('level', ['进京'], 1))).toBe(false);
    expect(seriesInside(cell, alert('tag', ['涉众'], 1))).toBe(false);
  });
  it('越级走访 of a region lies inside the region', () => {
    const escalated = alert('escalated', ['白鹭街道'], 1, { kind: 'escalation' });
    expect(seriesInside(escalated, alert('region', ['白鹭街道'], 1))).toBe(true);
    expect(seriesInside(escalated, alert('region', ['城关街道'], 1))).toBe(false);
  });
});

describe('the briefing’s alerts', () => {
  it('names the region × category, not its category and region, at the rise’s strongest rank', () => {
    const alerts = [
      alert('category', ['市场监管'], 6),
      alert('region', ['白鹭街道'], 5),
      alert('unit', ['区城管局'], 4),
      alert('region-category', ['白鹭街道', '市场监管'], 3),
      alert('category', ['教育'], 2),
      alert('level', ['进京'], 1.5),
    ];
    expect(names(briefingAlerts(alerts, 3))).toEqual(['白鹭街道·市场监管', '区城管局', '教育']);
    expect(alertsProblemText(alerts, 3)).not.toContain('市场监管：6');
  });

  it('keeps both when the inner series’ alert is of another kind or month, or in 人次', () => {
    const outer = alert('category', ['市场监管'], 6);
    for (const inner of [
      alert('region-category', ['白鹭街道', '市场监管'], 3, { kind: 'sustained' }),
      alert('region-category', ['白鹭街道', '市场监管'], 3, { month: '2024-08' }),
    ]) {
      expect(names(briefingAlerts([outer, inner], 3))).toEqual(['市场监管', '白鹭街道·市场监管']);
    }
    const persons = alert('region-category', ['白鹭街道', '市场监管'], 3, { measure: 'persons' });
    expect(names(briefingAlerts([outer, persons], 3))).toEqual(['市场监管']);
  });

  it('unrelated alerts keep their order and the limit', () => {
    const alerts = [alert('category', ['教育'], 3), alert('region', ['城关街道'], 2)];
    expect(names(briefingAlerts(alerts, 1))).toEqual(['教育']);
    expect(briefingAlerts([], 3)).toEqual([]);
  });
});

describe('a unit’s alert and its category’s: one rise', () => {
  const mostly = (key: string, share: number, dimension: Mainly['dimension'] = 'category') => [
    { dimension, key, share },
  ];

  it('a unit whose month is mostly one category is listed with that category’s alert', () => {
    const category = alert('category', ['市场监管'], 2);
    const unit = alert('unit', ['区市场监管局'], 2.5, { mainly: mostly('市场监管', 1) });
    const other = alert('category', ['教育'], 1.2);
    expect(names(briefingAlerts([unit, category, other], 3))).toEqual(['市场监管', '教育']);
    expect(riseGroups([unit, category, other])).toEqual([
      { lead: category, also: [unit] },
      { lead: other, also: [] },
    ]);
  });

  it('and under the region × category that names the category’s rise', () => {
    const cell = alert('region-category', ['白鹭街道', '市场监管'], 1.5);
    const category = alert('category', ['市场监管'], 2);
    const unit = alert('unit', ['区市场监管局'], 2.5, { mainly: mostly('市场监管', 0.9) });
    expect(riseGroups([unit, category, cell])).toEqual([{ lead: cell, also: [unit, category] }]);
  });

  it('a region office mostly of one region goes with that region’s alert', () => {
    const region = alert('region', ['城关街道'], 1.4);
    const office = alert('unit', ['城关街道办'], 1.6, {
      mainly: mostly('城关街道', 1, 'region'),
    });
    expect(names(briefingAlerts([office, region], 3))).toEqual(['城关街道']);
  });

  it('stays on its own without a mostly-share, or when the category alerts in another kind or month', () => {
    const category = alert('category', ['劳动和社会保障'], 2);
    const spread = alert('unit', ['区人社局'], 2.5);
    expect(names(briefingAlerts([spread, category], 3))).toEqual(['区人社局', '劳动和社会保障']);
    const unit = alert('unit', ['区人社局'], 2.5, { mainly: mostly('劳动和社会保障', 0.8) });
    for (const apart of [
      alert('category', ['劳动和社会保障'], 2, { kind: 'sustained' }),
      alert('category', ['劳动和社会保障'], 2, { month: '2024-08' }),
      alert('category', ['劳动和社会保障'], 2, { measure: 'persons' }),
      alert('category', ['教育'], 2),
    ]) {
      expect(riseGroups([unit, apart]).map((g) => g.lead)).toEqual([unit, apart]);
    }
  });

  it('with a category and a region both mostly, the larger share names the rise', () => {
    const category = alert('category', ['市场监管'], 1.2);
    const region = alert('region', ['城关街道'], 1.1);
    const unit = alert('unit', ['城关街道市场所'], 2, {
      mainly: [
        { dimension: 'category', key: '市场监管', share: 0.7 },
        { dimension: 'region', key: '城关街道', share: 0.95 },
      ],
    });
    expect(riseGroups([unit, category, region])).toEqual([
      { lead: region, also: [unit] },
      { lead: category, also: [] },
    ]);
  });
});
