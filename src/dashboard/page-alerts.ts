/**
 * The 苗头预警 page's content, pure: the month's alerts ranked, each with the view that shows
 * its series, and the region × category matrix marked by the strongest score in each cell.
 */
import type { AlertsFile } from '../lib/alerts/published.ts';
import type { Alert, AlertKind } from '../lib/alerts/types.ts';
import type { Measure } from '../lib/counts.ts';
import { addMonths } from '../lib/periods.ts';
import type { Channel, Level } from '../lib/schema.ts';
import { DEFAULT_VIEW, serializeViewState, type ViewState } from '../lib/view-state.ts';

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  above: '高于预期',
  sustained: '持续偏高',
  new: '新出现',
  collective: '集体苗头',
  escalation: '越级占比上升',
};

export interface AlertItem {
  alert: Alert;
  rank: number;
  kindLabel: string;
  /** Page path and query, relative to the site's base: 'regions/?period=last12&region=…'. */
  link: string;
}

export interface MatrixCell {
  score: number;
  /** 0 (below the limit) … 3 (twice the limit's distance or more): the shade. */
  level: 0 | 1 | 2 | 3;
  count: number;
  title: string;
}

export interface AlertsPageData {
  month: string | null;
  /** 'YYYY-MM-DD' when the month is in progress. */
  partialThrough: string | null;
  items: AlertItem[];
  matrix: { regions: string[]; categories: string[]; cells: (MatrixCell | null)[][] };
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

function shade(score: number): MatrixCell['level'] {
  if (score >= 2) return 3;
  if (score >= 1.5) return 2;
  if (score >= 1) return 1;
  return 0;
}

export function alertsPageData(
  file: AlertsFile | null,
  measure: Measure = 'batches',
  /** Every region and category of the data: the matrix's rows and columns. */
  known: { regions: readonly string[]; categories: readonly string[] } | null = null,
  month: string | null = file?.cutoff?.slice(0, 7) ?? null,
): AlertsPageData {
  const empty = { regions: [], categories: [], cells: [] };
  if (!file || !month) return { month, partialThrough: null, items: [], matrix: empty };
  const latest = file.cutoff?.slice(0, 7) ?? month;
  const own = file.alerts.filter((a) => a.month === month && a.measure === measure);
  const items = own.map((alert, i) => ({
    alert,
    rank: i + 1,
    kindLabel: ALERT_KIND_LABELS[alert.kind],
    link: alertLink(alert, latest),
  }));
  const pairs = own.filter((a) => a.dimension === 'region-category');
  const regions = [...new Set([...(known?.regions ?? []), ...pairs.map((a) => a.keys[0] ?? '')])];
  const categories = [
    ...new Set([...(known?.categories ?? []), ...pairs.map((a) => a.keys[1] ?? '')]),
  ];
  const cells = regions.map((region) =>
    categories.map((category): MatrixCell | null => {
      const here = pairs.filter((a) => a.keys[0] === region && a.keys[1] === category);
      if (here.length === 0) return null;
      const score = Math.max(...here.map((a) => a.score));
      return {
        score,
        level: shade(score),
        count: here.length,
        title: `${region}·${category}：${here.map((a) => ALERT_KIND_LABELS[a.kind]).join('、')}（得分${score.toFixed(2)}）`,
      };
    }),
  );
  return {
    month,
    partialThrough: own.find((a) => a.partialThrough)?.partialThrough ?? null,
    items,
    matrix: { regions, categories, cells },
  };
}

/** The band chart's options for an alert (a collective alert counts petitioners: 人). */
export function alertBandOptions(
  item: AlertItem,
  unit: string,
): { unit: string; name: string; label: string; width: number } {
  return {
    unit: item.alert.kind === 'collective' ? '人' : unit,
    name: item.alert.name,
    label: `${item.alert.name}与预期范围`,
    width: 520,
  };
}

const CSV_HEADERS = [
  '排名',
  '类型',
  '序列',
  '月份',
  '计量',
  '登记数',
  '预期',
  '上限',
  '得分',
  '起始月份',
  '连续月数',
  '说明',
];

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The listed alerts as CSV (UTF-8 with BOM, like the data export): what the page shows. */
export function alertsCsv(items: readonly AlertItem[]): string {
  const lines = [CSV_HEADERS.join(',')];
  for (const { rank, kindLabel, alert } of items) {
    lines.push(
      [
        rank,
        kindLabel,
        alert.name,
        alert.month,
        alert.kind === 'collective' ? '信访人' : alert.measure === 'persons' ? '人次' : '批次',
        alert.observed,
        alert.expected,
        alert.upper,
        alert.score,
        alert.since,
        alert.runMonths,
        alert.sentence,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\n')}\n`;
}
