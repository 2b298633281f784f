import { describe, expect, it } from 'vitest';
import { alertBandChart } from '../src/charts/alert-band.ts';
import type { BandPoint } from '../src/lib/alerts/types.ts';
import { renderSvg } from './charts-helpers.ts';

const BAND: BandPoint[] = [
  { month: '2024-01', observed: 8, expected: null, upper: null },
  { month: '2024-02', observed: 9, expected: 9.2, upper: 15 },
  { month: '2024-03', observed: 11, expected: 9.5, upper: 16 },
  { month: '2024-04', observed: 14, expected: 9.1, upper: 15 },
  { month: '2024-05', observed: 21, expected: 9.3, upper: 15 },
];

const render = (rows: BandPoint[], width = 640): SVGSVGElement =>
  renderSvg(alertBandChart(rows, { unit: '批', name: '城关街道·市场监管', width }));

// Snapshots at 640 and 340 px: test/charts-snapshots.test.ts (fixtures['alert-band']).
describe('alert-band chart', () => {
  it('marks the months above the limit red and says so', () => {
    const svg = render(BAND);
    const red = [...svg.querySelectorAll('circle')].filter(
      (c) => c.getAttribute('fill') === '#c8102e',
    );
    expect(red).toHaveLength(1);
    expect(svg.getAttribute('aria-description')).toMatch(/1个月高于上限。$/);
  });

  it('empty: a frame with 无数据', () => {
    expect(render([]).textContent).toContain('无数据');
  });

  it('all zeros: a flat line on an axis from 0, no NaN', () => {
    const zeros = BAND.map((p) => ({
      ...p,
      observed: 0,
      expected: p.expected === null ? null : 0,
      upper: p.upper === null ? null : 0,
    }));
    const svg = render(zeros);
    expect(svg.outerHTML).not.toMatch(/NaN/);
    expect(svg.querySelectorAll('circle')).toHaveLength(5);
  });

  it('a single month without expectation: one dot, no band', () => {
    const svg = render([{ month: '2024-05', observed: 3, expected: null, upper: null }]);
    expect(svg.outerHTML).not.toMatch(/NaN/);
    expect(svg.querySelectorAll('circle')).toHaveLength(1);
    expect(svg.getAttribute('aria-description')).toContain('历史不足，无预期');
  });
});
