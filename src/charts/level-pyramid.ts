import * as Plot from '@observablehq/plot';
import { LEVELS } from '../lib/schema.ts';
import {
  barCountScale,
  baseSpec,
  chartHeight,
  emptyChart,
  finiteRows,
  ordered,
  tipOption,
  type ChartOptions,
  type ChartSpec,
  type ChartTable,
  widthAndLayout,
  X_AXIS_ROOM,
  seriesChange,
} from './common.ts';
import type { ChangeWords } from '../lib/change.ts';
import { valueText } from './format.ts';
import { maxTextWidth } from './measure.ts';
import { bottomLegend } from './legend.ts';
import { changeColor, COLORS, SERIES_CURRENT, SERIES_PREVIOUS } from './theme.ts';

/** One level in one period. `label` replaces the value in hover text: '102批 / 179人次'. */
export interface LevelPyramidRow {
  level: string;
  series: '本期' | '同期';
  value: number;
  label?: string | undefined;
}

export interface LevelPyramidOptions extends ChartOptions {
  /** Names the periods in the legend and hover text: '1-9月'. */
  periodLabel?: string | undefined;
}

const SERIES = [SERIES_CURRENT, SERIES_PREVIOUS] as const;

interface LevelLine {
  level: string;
  current: LevelPyramidRow | undefined;
  previous: LevelPyramidRow | undefined;
  change: ChangeWords | null;
}

function levelLines(rows: readonly LevelPyramidRow[], options: LevelPyramidOptions): LevelLine[] {
  const data = finiteRows(rows, 'value').filter((r) =>
    (SERIES as readonly string[]).includes(r.series),
  );
  return ordered(
    data.map((r) => r.level),
    LEVELS,
  ).map((level) => {
    const current = data.find((r) => r.level === level && r.series === SERIES_CURRENT);
    const previous = data.find((r) => r.level === level && r.series === SERIES_PREVIOUS);
    const change =
      current && previous ? seriesChange(current.value, previous.value, options) : null;
    return { level, current, previous, change };
  });
}

function seriesName(series: string, options: LevelPyramidOptions): string {
  return options.periodLabel === undefined ? series : `${series}（${options.periodLabel}）`;
}

function barTitle(row: LevelPyramidRow, line: LevelLine | undefined, options: LevelPyramidOptions) {
  const text = `${row.level} ${seriesName(row.series, options)}：${row.label ?? valueText(row.value, options.unit)}`;
  if (row.series !== SERIES_CURRENT || !line?.previous || !line.change) return text;
  return `${text}（同期${valueText(line.previous.value, options.unit)}，${line.change.text}）`;
}

function changeTitle(line: LevelLine, options: LevelPyramidOptions): string {
  const cur = line.current ? valueText(line.current.value, options.unit) : '无';
  const prev = line.previous ? valueText(line.previous.value, options.unit) : '无';
  return `${line.level}：${line.change?.text ?? '—'}（本期${cur}，同期${prev}）`;
}

/**
 * 进京/赴省/到市/本级 from top to bottom, this period's bar beside the comparison period's, the
 * change at the right: are the upper levels growing (the 倒金字塔 question)?
 */
export const levelPyramidChart: ChartSpec<LevelPyramidRow, LevelPyramidOptions> = (
  rows,
  options,
) => {
  const lines = levelLines(rows, options);
  const data = lines.flatMap((l) => [l.current, l.previous]).filter((r) => r !== undefined);
  if (data.length === 0) return emptyChart(options);
  const { width, compact } = widthAndLayout(options);
  const bar = compact ? 14 : 16;
  const legend = bottomLegend(
    SERIES.map((s, i) => ({
      label: seriesName(s, options),
      color: i === 0 ? COLORS.current : COLORS.previous,
    })),
    width,
  );
  const marginBottom = X_AXIS_ROOM + legend.height;
  const height = chartHeight(options, lines.length * (bar * 2 + 14) + 18 + marginBottom);
  const marginLeft = maxTextWidth(lines.map((l) => l.level)) + 14;
  const changeTexts = lines.map((l) => l.change?.text ?? '');
  const marginRight = maxTextWidth(changeTexts) + 14;
  const plotWidth = width - marginLeft - marginRight;
  const max = Math.max(...data.map((r) => r.value));
  const reserve = maxTextWidth(data.map((r) => valueText(r.value, options.unit))) + 8;
  const byLevel = new Map(lines.map((l) => [l.level, l]));
  const withChange = lines.filter((l) => l.current && l.change);
  const description = lines
    .map((l) => {
      const cur = l.current ? valueText(l.current.value, options.unit) : '无';
      const prev = l.previous ? valueText(l.previous.value, options.unit) : '无';
      return `${l.level}本期${cur}、同期${prev}${l.change ? `，${l.change.text}` : ''}`;
    })
    .join('；');
  const frame = { width, height, marginLeft, marginRight, marginTop: 8, marginBottom };
  return {
    ...baseSpec(options, frame, `${description}。`),
    fy: {
      domain: lines.map((l) => l.level),
      axis: 'left',
      label: null,
      tickSize: 0,
      padding: 0.12,
    },
    y: { domain: [...SERIES], axis: null, padding: 0.08 },
    x: barCountScale(max, plotWidth, options.unit, reserve),
    color: { domain: [...SERIES], range: [COLORS.current, COLORS.previous] },
    marks: [
      Plot.barX(data, {
        fy: 'level',
        y: 'series',
        x: 'value',
        fill: 'series',
        title: (r: LevelPyramidRow) => barTitle(r, byLevel.get(r.level), options),
        ...tipOption(options),
      }),
      Plot.text(data, {
        fy: 'level',
        y: 'series',
        x: 'value',
        text: (r: LevelPyramidRow) => valueText(r.value, options.unit),
        textAnchor: 'start',
        dx: 4,
        fill: (r: LevelPyramidRow) => (r.series === SERIES_CURRENT ? 'currentColor' : COLORS.flat),
        ariaHidden: 'true',
      }),
      Plot.text(withChange, {
        fy: 'level',
        y: () => SERIES_CURRENT,
        frameAnchor: 'right',
        textAnchor: 'start',
        dx: 8,
        text: (l: LevelLine) => l.change?.text ?? '',
        fill: (l: LevelLine) => changeColor(l.change?.sign ?? null),
        title: (l: LevelLine) => changeTitle(l, options),
      }),
      Plot.ruleX([0]),
      legend.mark,
    ],
  };
};

export const levelPyramidTable: ChartTable<LevelPyramidRow, LevelPyramidOptions> = (
  rows,
  options,
) => {
  const cell = (r: LevelPyramidRow | undefined) =>
    r ? (r.label ?? valueText(r.value, options.unit)) : '—';
  return {
    headers: [
      '层级',
      seriesName(SERIES_CURRENT, options),
      seriesName(SERIES_PREVIOUS, options),
      '增减',
    ],
    rows: levelLines(rows, options).map((l) => [
      l.level,
      cell(l.current),
      cell(l.previous),
      l.change?.text ?? '—',
    ]),
  };
};
