import * as Plot from '@observablehq/plot';
import type { Markish } from '@observablehq/plot';
import { chartHeight, isCompact, type ChartOptions } from './common.ts';
import { textWidth } from './measure.ts';
import { FONT_SIZE } from './theme.ts';

const SVG = 'http://www.w3.org/2000/svg';
const ROW = 20;
const SWATCH = 12;
const GAP = 5;
const ITEM_GAP = 16;

export interface LegendItem {
  label: string;
  color: string;
  /** A filled square (bars, cells), a line, or a dashed line (同期 lines). */
  shape?: 'square' | 'line' | 'dash' | undefined;
}

export interface Legend {
  /** Pixels the legend takes at the bottom of the chart; add it to marginBottom. */
  height: number;
  mark: Markish;
}

interface Placed extends LegendItem {
  x: number;
  row: number;
}

/**
 * A legend drawn inside the SVG, under the chart, wrapping into rows to fit `width`: the static
 * SVG then stands alone (no HTML legend beside it) and reads the same at 340 px as at 1000.
 */
export function bottomLegend(items: readonly LegendItem[], width: number, left = 8): Legend {
  const placed: Placed[] = [];
  let x = left;
  let row = 0;
  for (const item of items) {
    const w = SWATCH + GAP + textWidth(item.label);
    if (x > left && x + w > width - 8) {
      x = left;
      row += 1;
    }
    placed.push({ ...item, x, row });
    x += w + ITEM_GAP;
  }
  const height = items.length === 0 ? 0 : (row + 1) * ROW + 4;
  const mark = Plot.frame({
    facet: 'super',
    render: (_index, _scales, _values, dimensions, context) => {
      const doc = context.document;
      const g = doc.createElementNS(SVG, 'g');
      g.setAttribute('aria-label', 'legend');
      g.setAttribute('font-size', String(FONT_SIZE));
      g.setAttribute('text-anchor', 'start');
      const top = dimensions.height - height + 4;
      for (const item of placed) {
        const y = top + item.row * ROW + ROW / 2;
        const swatch =
          item.shape === 'line' || item.shape === 'dash'
            ? doc.createElementNS(SVG, 'line')
            : doc.createElementNS(SVG, 'rect');
        if (item.shape === 'line' || item.shape === 'dash') {
          swatch.setAttribute('x1', String(item.x));
          swatch.setAttribute('x2', String(item.x + SWATCH));
          swatch.setAttribute('y1', String(y));
          swatch.setAttribute('y2', String(y));
          swatch.setAttribute('stroke', item.color);
          swatch.setAttribute('stroke-width', '2.5');
          if (item.shape === 'dash') swatch.setAttribute('stroke-dasharray', '4 2');
        } else {
          swatch.setAttribute('x', String(item.x));
          swatch.setAttribute('y', String(y - SWATCH / 2));
          swatch.setAttribute('width', String(SWATCH));
          swatch.setAttribute('height', String(SWATCH));
          swatch.setAttribute('fill', item.color);
        }
        const text = doc.createElementNS(SVG, 'text');
        text.setAttribute('x', String(item.x + SWATCH + GAP));
        text.setAttribute('y', String(y));
        text.setAttribute('dy', '0.32em');
        text.textContent = item.label;
        g.append(swatch, text);
      }
      return g;
    },
  });
  return { height, mark };
}

/** A line chart's frame: its legend at the bottom, a height with room for it, the bottom margin. */
export function lineChartFrame(
  options: ChartOptions,
  width: number,
  items: readonly LegendItem[],
): { legend: Legend; height: number; marginBottom: number } {
  const legend = bottomLegend(items, width);
  const height = chartHeight(options, (isCompact(width) ? 240 : 300) + legend.height);
  return { legend, height, marginBottom: 30 + legend.height };
}
