/** The briefing names one rise once: the most specific series, never the series that holds it too. */
import { describe, expect, it } from 'vitest';
import { alertsProblemText, briefingAlerts, seriesInside } from '../src/lib/alerts/briefing.ts';
import type { SeriesDimension } from '../src/lib/alerts/series.ts';
import type { AlertKind, ReportAlert } from '../src/lib/alerts/types.ts';

function alert(
  dimension: SeriesDimension,
  keys: string[],
  score: number,
  options: { kind?: AlertKind; month?: string; measure?: 'batches' | 'persons' } = {},
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
  it('names the region × category, not its category and region, and fills the places left', () => {
    const alerts = [
      alert('category', ['市场监管'], 6),
      alert('region', ['白鹭街道'], 5),
      alert('unit', ['区市场监管局'], 4),
      alert('region-category', ['白鹭街道', '市场监管'], 3),
      alert('category', ['教育'], 2),
      alert('level', ['进京'], 1.5),
    ];
    expect(names(briefingAlerts(alerts, 3))).toEqual(['区市场监管局', '白鹭街道·市场监管', '教育']);
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
