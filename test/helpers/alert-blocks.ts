/** The 苗头预警 page's blocks as the build writes them, for tests of their markup. */
import { JSDOM } from 'jsdom';
import { alertsBlocksHtml } from '../../src/render/alerts-html.ts';
import { alertPanels, type AlertsPageData } from '../../src/dashboard/page-alerts.ts';
import { renderPanel } from '../../src/render/panel.ts';

const { document } = new JSDOM('<!doctype html><body></body>').window;

export function alertBlocks(
  data: AlertsPageData,
  regionLabel = '乡镇（街道）',
): { matrix: string; list: string } {
  const rendered = alertPanels(data, { unit: '批', regionLabel }).map((panel) =>
    renderPanel(panel, { width: 640, document, subtitle: 's', interactive: false, source: 'src' }),
  );
  return alertsBlocksHtml(data, rendered, '/xf/');
}
