/**
 * The 苗头预警 page's content, pure: the month's rises ranked (one alert per rise, with the
 * others of it), each with the view that shows its series, and the region × category matrix
 * marked by the strongest score in each cell; as chart panels for the page, exports and slides.
 */
import type { AlertBandOptions } from '../charts/alert-band.ts';
import type { AlertMatrixRow } from '../charts/alert-matrix.ts';
import type { TableData } from '../charts/table.ts';
import { riseGroups } from '../lib/alerts/briefing.ts';
import type { AlertsFile } from '../lib/alerts/published.ts';
import { alertInFilter } from '../lib/alerts/report-alerts.ts';
import type { Alert, AlertKind } from '../lib/alerts/types.ts';
import type { Measure } from '../lib/counts.ts';
import { addMonths, periodLabel } from '../lib/periods.ts';
import { NO_FILTER, type RecordFilter } from '../lib/scope.ts';
import type { Channel, Level } from '../lib/schema.ts';
import {
  DEFAULT_VIEW,
  filterSummary,
  MEASURE_LABELS,
  serializeViewState,
  type ViewState,
} from '../lib/view-state.ts';
import { panel, type Panel } from './panel.ts';

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  above: '高于预期',
  sustained: '持续偏高',
  new: '新出现',
  collective: '集体苗头',
  escalation: '越级占比上升',
};

/** Which alerts the page shows: one month and measure, maybe one kind, inside the filters. */
export interface AlertSelection {
  month: string | null;
  measure: Measure;
  kind: AlertKind | null;
  filter: RecordFilter;
}

export interface AlertItem {
  /** The alert that names the rise (see riseGroups), with the others of the same rise. */
  alert: Alert;
  also: Alert[];
  rank: number;
  kindLabel: string;
  /** Page path and query, relative to the site's base: 'regions/?period=last12&region=…'. */
  link: string;
}

export interface AlertsPageData {
  month: string | null;
  /** 'YYYY-MM-DD' when the month is in progress. */
  partialThrough: string | null;
  items: AlertItem[];
  matrix: {
    regions: string[];
    categories: string[];
    cells: AlertMatrixRow[];
    /** Why the filters leave the matrix without its series, if they do. */
    note: string | null;
  };
}

/** The view that shows an alert's series: its page, filters, measure, the 12 months up to it. */
export function alertLink(alert: Alert, latestMonth: string): string {
  const [first = '', second = ''] = alert.keys;
  const view: ViewState = {
    ...DEFAULT_VIEW,
    measure: alert.measure,
    ...(alert.month === latestMonth
      ? { period: 'last12' as const }
      : { period: 'custom' as const, from: addMonths(alert.month, -11), to: alert.month }),
  };
  const at = (path: string, filters: Partial<ViewState>): string =>
    `${path}${serializeViewState({ ...view, ...filters })}`;
  switch (alert.dimension) {
    case 'region-category':
      return at('regions/', { region: first, category: second });
    case 'region':
      return at('regions/', { region: first });
    case 'category':
      return at('categories/', { category: first });
    case 'level':
      return at('levels/', { level: first as Level });
    case 'tag':
      return at('focus/', { tag: first });
    case 'escalated':
      return at('levels/', { region: first, channel: '来访' as Channel });
    default:
      return at('regions/', {});
  }
}

const only = (known: readonly string[], value: string | null): string[] =>
  value === null ? [...known] : [value];

export function alertsPageData(
  file: AlertsFile | null,
  selection: Partial<AlertSelection> = {},
  /** Every region and category of the data: the matrix's rows and columns. */
  known: { regions: readonly string[]; categories: readonly string[] } | null = null,
): AlertsPageData {
  const month = selection.month ?? file?.cutoff?.slice(0, 7) ?? null;
  const measure = selection.measure ?? 'batches';
  const filter = selection.filter ?? NO_FILTER;
  const empty = { regions: [], categories: [], cells: [], note: null };
  if (!file || !month) return { month, partialThrough: null, items: [], matrix: empty };
  const latest = file.cutoff?.slice(0, 7) ?? month;
  const own = file.alerts.filter(
    (a) =>
      a.month === month &&
      a.measure === measure &&
      (selection.kind == null || a.kind === selection.kind) &&
      alertInFilter(a, filter),
  );
  const items = riseGroups(own).map(({ lead, also }, i) => ({
    alert: lead,
    also,
    rank: i + 1,
    kindLabel: ALERT_KIND_LABELS[lead.kind],
    link: alertLink(lead, latest),
  }));
  const pairs = own.filter((a) => a.dimension === 'region-category');
  const regions = only(
    [...new Set([...(known?.regions ?? []), ...pairs.map((a) => a.keys[0] ?? '')])],
    filter.region,
  );
  const categories = only(
    [...new Set([...(known?.categories ?? []), ...pairs.map((a) => a.keys[1] ?? '')])],
    filter.category,
  );
  const strongest = new Map<string, Alert[]>();
  for (const a of pairs) {
    const key = `${a.keys[0]}\u0000${a.keys[1]}`;
    strongest.set(key, [...(strongest.get(key) ?? []), a]);
  }
  const cells = [...strongest.values()].map((here): AlertMatrixRow => {
    const [first] = here as [Alert];
    const score = Math.max(...here.map((a) => a.score));
    return {
      row: first.keys[0] ?? '',
      column: first.keys[1] ?? '',
      score,
      title: `${first.name}：${here.map((a) => ALERT_KIND_LABELS[a.kind]).join('、')}（得分${score.toFixed(2)}）`,
    };
  });
  return {
    month,
    partialThrough: own.find((a) => a.partialThrough)?.partialThrough ?? null,
    items,
    matrix: {
      regions,
      categories,
      cells,
      note:
        filter.level !== null || filter.tag !== null
          ? '区域×类别序列不分层级和专项标签，在所选层级或标签下不列出。'
          : null,
    },
  };
}

/** The band chart's options for an alert (a collective alert counts petitioners: 人). */
export function alertBandOptions(alert: Alert, unit: string): AlertBandOptions {
  return {
    unit: alert.kind === 'collective' ? '人' : unit,
    name: alert.name,
    label: `${alert.name}与预期范围`,
  };
}

/** '同一上升亦见于：市场监管、区市场监管局。' (empty when the rise has one alert). */
export function alsoText(item: AlertItem): string {
  return item.also.length === 0
    ? ''
    : `同一上升亦见于：${item.also.map((a) => a.name).join('、')}。`;
}

/**
 * The page's chart cards: the region × category matrix, then each rise's band. Exports, slides
 * and the page draw these, so all show the same.
 */
export function alertPanels(
  data: AlertsPageData,
  context: { unit: string; regionLabel: string },
): Panel[] {
  const { regions, categories, cells, note } = data.matrix;
  const matrix = panel({
    id: 'alert-matrix',
    title: `${context.regionLabel}×问题类别预警得分`,
    chart: 'alert-matrix',
    rows: cells,
    options: {
      unit: '得分',
      rowOrder: regions,
      columns: categories,
      rowLabel: context.regionLabel,
      label: `${context.regionLabel}×问题类别预警得分`,
    },
    ...(note === null ? {} : { note }),
  });
  const bands = data.items.map((item) =>
    panel({
      id: `alert-${item.rank}`,
      title: `${item.alert.name}：${item.kindLabel}`,
      chart: 'alert-band',
      rows: item.alert.band,
      options: alertBandOptions(item.alert, context.unit),
      note: `${item.alert.sentence}${alsoText(item)}`,
    }),
  );
  return [matrix, ...bands];
}

/** '2024年9月', or for a month in progress '2024年9月1日-15日' (as the chart pages write it). */
export function alertMonthLabel(month: string, partialThrough: string | null = null): string {
  const throughDay = partialThrough === null ? null : Number(partialThrough.slice(8, 10));
  return periodLabel({ from: month, to: month, throughDay }, true);
}

/** '2024年9月1日-15日 · 城关街道 · 高于预期 · 批次 · 数据截至2024年9月15日' */
export function alertsSubtitle(
  data: Pick<AlertsPageData, 'month' | 'partialThrough'>,
  selection: Pick<AlertSelection, 'measure' | 'kind' | 'filter'>,
  cutoffText: string,
): string {
  return [
    data.month ? alertMonthLabel(data.month, data.partialThrough) : '无数据',
    filterSummary(selection.filter),
    ...(selection.kind ? [ALERT_KIND_LABELS[selection.kind]] : []),
    MEASURE_LABELS[selection.measure],
    `数据截至${cutoffText}`,
  ].join(' · ');
}

/**
 * The listed alerts as a table (the CSV export): one line per alert, the rise's other alerts
 * after the one that names it, with its name in 同一上升.
 */
export function alertsTable(items: readonly AlertItem[]): TableData {
  const line = (rank: number, alert: Alert, lead: Alert | null): string[] => [
    String(rank),
    ALERT_KIND_LABELS[alert.kind],
    alert.name,
    lead?.name ?? '',
    alert.month,
    alert.kind === 'collective' ? '信访人' : MEASURE_LABELS[alert.measure],
    String(alert.observed),
    String(alert.expected),
    String(alert.upper),
    String(alert.score),
    alert.since,
    String(alert.runMonths),
    alert.sentence,
  ];
  return {
    headers: [
      '排名',
      '类型',
      '序列',
      '同一上升',
      '月份',
      '计量',
      '登记数',
      '预期',
      '上限',
      '得分',
      '起始月份',
      '连续月数',
      '说明',
    ],
    rows: items.flatMap((item) => [
      line(item.rank, item.alert, null),
      ...item.also.map((alert) => line(item.rank, alert, item.alert)),
    ]),
  };
}
