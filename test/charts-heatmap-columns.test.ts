import { describe, expect, it } from 'vitest';
import { heatmapChart, heatmapTable, type HeatmapRow } from '../src/charts/heatmap.ts';
import { renderSvg, texts } from './charts-helpers.ts';

const categories = ['城乡建设', '劳动和社会保障', '市场监管', '科技与信息产业'];
const rows: HeatmapRow[] = [
  { month: '城乡建设', row: '城关街道', value: 30 },
  { month: '劳动和社会保障', row: '城关街道', value: 28 },
  { month: '市场监管', row: '东湖镇', value: 7 },
  { month: '科技与信息产业', row: '东湖镇', value: 1 },
];

describe('heatmap with named columns (region × category)', () => {
  it('keeps the columns in the order given, zero-filled, with the names in titles and table', () => {
    const options = { unit: '批', rowLabel: '乡镇（街道）', columns: categories };
    const svg = renderSvg(heatmapChart(rows, options));
    const titles = texts(svg, 'rect title, title');
    expect(titles).toContain('城关街道 城乡建设：30批');
    expect(titles).toContain('东湖镇 城乡建设：0批');
    const table = heatmapTable(rows, options);
    expect(table.headers).toEqual(['乡镇（街道）', ...categories, '合计']);
    expect(table.rows[0]).toEqual(['城关街道', '30批', '28批', '0批', '0批', '58批']);
  });

  it('stands long column names upright when they are wider than a cell', () => {
    const wide = renderSvg(heatmapChart(rows, { unit: '批', columns: categories, width: 640 }));
    const narrow = renderSvg(heatmapChart(rows, { unit: '批', columns: categories, width: 340 }));
    expect(wide.outerHTML).not.toContain('rotate(-90)');
    expect(narrow.outerHTML).toContain('rotate(-90)');
    expect(narrow.getAttribute('width')).toBe('340');
  });
});
