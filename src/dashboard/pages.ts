/** The dashboard's pages, in navigation order. */
export const PAGES = [
  { id: 'overview', path: '', title: '总览' },
  { id: 'levels', path: 'levels/', title: '走访层级' },
  { id: 'categories', path: 'categories/', title: '问题类别' },
  { id: 'regions', path: 'regions/', title: '属地' },
  { id: 'handling', path: 'handling/', title: '办理与考核' },
  { id: 'focus', path: 'focus/', title: '重点事项' },
  { id: 'alerts', path: 'alerts/', title: '苗头预警' },
  { id: 'about', path: 'about/', title: '数据说明' },
] as const;

export type PageId = (typeof PAGES)[number]['id'];
export type ChartPageId = Exclude<PageId, 'about' | 'alerts'>;

/** Pages drawn from the dashboard's panels (about and 苗头预警 are not). */
export function isChartPage(id: PageId): id is ChartPageId {
  return id !== 'about' && id !== 'alerts';
}
