import type { PlotOptions } from '@observablehq/plot';
import type { BandPoint } from '../lib/alerts/types.ts';
import { alertBandChart, alertBandTable, type AlertBandOptions } from './alert-band.ts';
import {
  alertMatrixChart,
  alertMatrixTable,
  type AlertMatrixOptions,
  type AlertMatrixRow,
} from './alert-matrix.ts';
import type { ChartOptions, ChartSpec, ChartTable } from './common.ts';
import {
  cumulativeChart,
  cumulativeTable,
  type CumulativeOptions,
  type CumulativeRow,
} from './cumulative.ts';
import {
  groupedBarsChart,
  groupedBarsTable,
  type GroupedBarsOptions,
  type GroupedBarsRow,
} from './grouped-bars.ts';
import { heatmapChart, heatmapTable, type HeatmapOptions, type HeatmapRow } from './heatmap.ts';
import {
  levelPyramidChart,
  levelPyramidTable,
  type LevelPyramidOptions,
  type LevelPyramidRow,
} from './level-pyramid.ts';
import {
  rankedBarsChart,
  rankedBarsTable,
  type RankedBarsOptions,
  type RankedBarsRow,
} from './ranked-bars.ts';
import {
  rateLinesChart,
  rateLinesTable,
  type RateLinesOptions,
  type RateLinesRow,
} from './rate-lines.ts';
import {
  shareLineChart,
  shareLineTable,
  type ShareLineOptions,
  type ShareLineRow,
} from './share-line.ts';
import {
  smallMultiplesChart,
  smallMultiplesTable,
  type SmallMultiplesOptions,
  type SmallMultiplesRow,
} from './small-multiples.ts';
import {
  stackedBarChart,
  stackedBarTable,
  type StackedBarOptions,
  type StackedBarRow,
} from './stacked-bar.ts';
import type { TableData } from './table.ts';
import {
  trendYoyChart,
  trendYoyTable,
  type TrendYoyOptions,
  type TrendYoyRow,
} from './trend-yoy.ts';

export type { ChartOptions } from './common.ts';
export { tableToTsv, type TableData } from './table.ts';

interface ChartEntry<Row, Options extends ChartOptions> {
  spec: ChartSpec<Row, Options>;
  table: ChartTable<Row, Options>;
}

/** Row and option types by chart name. */
export interface ChartTypes {
  'trend-yoy': [TrendYoyRow, TrendYoyOptions];
  'level-pyramid': [LevelPyramidRow, LevelPyramidOptions];
  'ranked-bars': [RankedBarsRow, RankedBarsOptions];
  heatmap: [HeatmapRow, HeatmapOptions];
  'small-multiples': [SmallMultiplesRow, SmallMultiplesOptions];
  cumulative: [CumulativeRow, CumulativeOptions];
  'share-line': [ShareLineRow, ShareLineOptions];
  'stacked-bar': [StackedBarRow, StackedBarOptions];
  'rate-lines': [RateLinesRow, RateLinesOptions];
  'grouped-bars': [GroupedBarsRow, GroupedBarsOptions];
  'alert-band': [BandPoint, AlertBandOptions];
  'alert-matrix': [AlertMatrixRow, AlertMatrixOptions];
}

export type ChartName = keyof ChartTypes;
export type ChartRow<N extends ChartName> = ChartTypes[N][0];
export type ChartOptionsOf<N extends ChartName> = ChartTypes[N][1];

/** Every chart by name: the pages and the browser look charts up here. */
export const charts: { [N in ChartName]: ChartEntry<ChartRow<N>, ChartOptionsOf<N>> } = {
  'trend-yoy': { spec: trendYoyChart, table: trendYoyTable },
  'level-pyramid': { spec: levelPyramidChart, table: levelPyramidTable },
  'ranked-bars': { spec: rankedBarsChart, table: rankedBarsTable },
  heatmap: { spec: heatmapChart, table: heatmapTable },
  'small-multiples': { spec: smallMultiplesChart, table: smallMultiplesTable },
  cumulative: { spec: cumulativeChart, table: cumulativeTable },
  'share-line': { spec: shareLineChart, table: shareLineTable },
  'stacked-bar': { spec: stackedBarChart, table: stackedBarTable },
  'rate-lines': { spec: rateLinesChart, table: rateLinesTable },
  'grouped-bars': { spec: groupedBarsChart, table: groupedBarsTable },
  'alert-band': { spec: alertBandChart, table: alertBandTable },
  'alert-matrix': { spec: alertMatrixChart, table: alertMatrixTable },
};

export const CHART_NAMES = Object.keys(charts) as ChartName[];

function entry<N extends ChartName>(name: N): ChartEntry<ChartRow<N>, ChartOptionsOf<N>> {
  return charts[name];
}

/** Chart `name` drawn from its rows and options: as a spec or as a table. */
type ByChartName<Out> = <N extends ChartName>(
  name: N,
  rows: readonly ChartRow<N>[],
  options: ChartOptionsOf<N>,
) => Out;

/** The Plot spec of chart `name`. */
export const chartSpec: ByChartName<PlotOptions> = (name, rows, options) =>
  entry(name).spec(rows, options);

/** The 表格 view of chart `name`: the same rows as strings. */
export const chartTable: ByChartName<TableData> = (name, rows, options) =>
  entry(name).table(rows, options);
