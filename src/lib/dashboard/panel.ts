/** A chart card's content: which chart, its rows and options; rendered at build time and in the browser. */
import {
  chartSpec,
  chartTable,
  renderChartSvg,
  type ChartName,
  type ChartOptionsOf,
  type ChartRow,
  type TableData,
} from '../../charts/index.ts';

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
  note?: string;
  table: TableData;
}

/** Keeps a panel's rows and options checked against its chart while building a page's list. */
export function panel<N extends ChartName>(value: Panel<N>): Panel {
  return value as unknown as Panel;
}

export function renderPanel(
  value: Panel,
  context: { width: number; document: Document; subtitle: string; interactive: boolean },
): RenderedPanel {
  const options = { ...value.options, width: context.width, interactive: context.interactive };
  const spec = chartSpec(value.chart, value.rows as never[], options as never);
  return {
    id: value.id,
    title: value.title,
    subtitle: `${context.subtitle} · 单位：${value.options.unit}`,
    svg: renderChartSvg(spec, context.document),
    ...(value.note === undefined ? {} : { note: value.note }),
    table: chartTable(value.chart, value.rows as never[], options as never),
  };
}
