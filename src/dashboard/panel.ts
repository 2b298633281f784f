/** A chart card's content: which chart, its rows and options; rendered at build time and in the browser. */
import {
  chartTable,
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

/** Keeps a panel's rows and options checked against its chart while building a page's list. */
export function panel<N extends ChartName>(value: Panel<N>): Panel {
  return value as unknown as Panel;
}

/** The card's subtitle: the view's line and the chart's unit. */
export function panelSubtitle(value: Panel, subtitle: string): string {
  return `${subtitle} · 单位：${value.options.unit}`;
}

/** The panel's 表格 view data. */
export function panelTable(value: Panel): TableData {
  return chartTable(value.chart, value.rows as never[], value.options as never);
}

/** The line under every printed or exported chart. */
export function sourceLine(bureauName: string): string {
  return `数据来源：${bureauName} · 信访态势看板`;
}
