/** A chart card's content: which chart, its rows and options; rendered at build time and in the browser. */
import {
  chartSpec,
  chartTable,
  renderChart,
  type ChartName,
  type ChartOptionsOf,
  type ChartRow,
  type TableData,
} from '../charts/index.ts';

export interface Panel<N extends ChartName = ChartName> {
  id: string;
  title: string;
  chart: N;
  rows: ChartRow<N>[];
  options: ChartOptionsOf<N>;
  note?: string;
}

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

/** Keeps a panel's rows and options checked against its chart while building a page's list. */
export function panel<N extends ChartName>(value: Panel<N>): Panel {
  return value as unknown as Panel;
}

/** The card's subtitle: the view's line and the chart's unit. */
export function panelSubtitle(value: Panel, subtitle: string): string {
  return `${subtitle} · 单位：${value.options.unit}`;
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

/** The panel's 表格 view data. */
export function panelTable(value: Panel): TableData {
  return chartTable(value.chart, value.rows as never[], value.options as never);
}

/** The line under every printed or exported chart. */
export function sourceLine(bureauName: string): string {
  return `数据来源：${bureauName} · 信访态势看板`;
}
