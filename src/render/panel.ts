/** A panel drawn: its chart into a document (jsdom at build time, the page in the browser). */
import { chartSpec, chartTable, type TableData } from '../charts/index.ts';
import { panelSubtitle, type Panel } from '../dashboard/panel.ts';
import { renderChart } from './chart.ts';

export interface RenderedPanel {
  id: string;
  title: string;
  subtitle: string;
  svg: string;
  /** '数据来源：示例区信访局信访态势看板' — printed under the chart. */
  source: string;
  note?: string;
  table: TableData;
}

/** The chart of a panel drawn into `document` at a given size (exports and slides pick theirs). */
export function panelChart(
  value: Panel,
  context: { width: number; height?: number; document: Document; interactive: boolean },
): SVGSVGElement | HTMLElement {
  const options = {
    ...value.options,
    width: context.width,
    interactive: context.interactive,
    ...(context.height === undefined ? {} : { height: context.height }),
  };
  return renderChart(
    chartSpec(value.chart, value.rows as never[], options as never),
    context.document,
  );
}

export function renderPanel(
  value: Panel,
  context: {
    width: number;
    document: Document;
    subtitle: string;
    interactive: boolean;
    source: string;
  },
): RenderedPanel {
  const options = { ...value.options, width: context.width, interactive: context.interactive };
  return {
    id: value.id,
    title: value.title,
    subtitle: panelSubtitle(value, context.subtitle),
    svg: panelChart(value, context).outerHTML,
    source: context.source,
    ...(value.note === undefined ? {} : { note: value.note }),
    table: chartTable(value.chart, value.rows as never[], options as never),
  };
}
