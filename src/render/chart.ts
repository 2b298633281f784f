import * as Plot from '@observablehq/plot';
import type { PlotOptions } from '@observablehq/plot';

/**
 * Draws a chart spec into `document`: at build time a jsdom document, in the browser
 * window.document. Returns an <svg>, or a <figure> holding the legend and the <svg>.
 */
export function renderChart(spec: PlotOptions, document: Document): SVGSVGElement | HTMLElement {
  return Plot.plot({ ...spec, document });
}

/** The chart as HTML text, to inline in a static page. */
export function renderChartSvg(spec: PlotOptions, document: Document): string {
  return renderChart(spec, document).outerHTML;
}
