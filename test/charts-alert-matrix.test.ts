import { describe, expect, it } from 'vitest';
import { alertMatrixChart, alertMatrixTable } from '../src/charts/alert-matrix.ts';
import { fixtures } from './charts-fixtures.ts';
import { renderSvg } from './charts-helpers.ts';

const { rows, options } = fixtures['alert-matrix'];

describe('alert-matrix chart', () => {
  it('draws every row × column; cells with an alert shaded by score and labelled', () => {
    const svg = renderSvg(alertMatrixChart(rows, { ...options, width: 640 }));
    const cells = (fill: string) =>
      [...svg.querySelectorAll('rect')].filter(
        (r) => (r.getAttribute('fill') ?? r.parentElement?.getAttribute('fill')) === fill,
      ).length;
    const all = (options.rowOrder?.length ?? 0) * (options.columns?.length ?? 0);
    // Each colour once more: its legend swatch.
    expect(cells('#f6f6f6')).toBe(all + 1);
    expect(cells('#b30000')).toBe(2); // 2.31: twice the limit's distance or more
    expect(cells('#e34a33')).toBe(2); // 1.6
    expect(cells('#fc8d59')).toBe(2); // 1.2
    expect(cells('#fdd49e')).toBe(2); // 0.62: below the limit (持续偏高)
    const labels = [...svg.querySelectorAll('text')].map((t) => t.textContent);
    expect(labels).toEqual(expect.arrayContaining(['2.3', '1.6', '1.2', '0.6', '北塘镇']));
    expect(svg.getAttribute('aria-description')).toBe(
      '4行×8列，4格有预警，最高为城关街道·市场监管（得分2.31）。',
    );
  });

  it('a month without alerts still draws its rows and columns, and says so', () => {
    const svg = renderSvg(alertMatrixChart([], { ...options, width: 640 }));
    expect(svg.getAttribute('aria-description')).toBe('4行×8列，没有预警。');
    expect(svg.outerHTML).not.toMatch(/NaN/);
  });

  it('nothing to draw: a frame with 无数据', () => {
    const svg = renderSvg(alertMatrixChart([], { unit: '得分', width: 340 }));
    expect(svg.textContent).toContain('无数据');
  });

  it('its table leaves a cell without an alert empty, never 0', () => {
    const table = alertMatrixTable(rows, options);
    expect(table.headers.slice(0, 3)).toEqual(['乡镇（街道）', '城乡建设', '劳动和社会保障']);
    expect(table.rows[0]?.slice(0, 2)).toEqual(['城关街道', '0.62']);
    expect(table.rows[3]).toEqual(['北塘镇', '', '', '', '', '', '', '', '']);
  });
});
