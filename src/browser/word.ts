/**
 * 导出Word in the browser: the view's briefing, its headline figures and the charts ticked
 * 选入Word, as a .docx built by the same module as `npm run report -- --docx`.
 */
import { panelSubtitle } from '../dashboard/panel.ts';
import { panelChart } from '../render/panel.ts';
import { filterSummary } from '../lib/view-state.ts';
import { siteConfig } from '../site.config.ts';
import { saveBlob } from './download.ts';
import { shown } from './page-state.ts';
import { svgToPng } from './raster.ts';

function chosenPanels() {
  const picked = new Set(
    [...document.querySelectorAll<HTMLInputElement>('.chart-card [data-pick]')]
      .filter((box) => box.checked)
      .map((box) => box.closest<HTMLElement>('.chart-card')?.dataset['panel']),
  );
  return shown.panels.filter((panel) => picked.has(panel.id));
}

export async function exportWord(): Promise<void> {
  // The document builder and its library load only when someone asks for a document.
  const [{ briefingDocx, briefingTitle, BRIEFING_TEXT_WIDTH_PX }, report] = await Promise.all([
    import('../lib/briefing-docx.ts'),
    shown.report(),
  ]);
  const charts = [];
  for (const panel of chosenPanels()) {
    const chart = panelChart(panel, {
      width: BRIEFING_TEXT_WIDTH_PX,
      document,
      interactive: false,
    });
    const width = Number(chart.getAttribute('width'));
    const height = Number(chart.getAttribute('height'));
    const svg = new XMLSerializer().serializeToString(chart);
    const png = await svgToPng(svg, { width, height }, 2);
    charts.push({
      title: panel.title,
      subtitle: panelSubtitle(panel, shown.subtitle),
      png: new Uint8Array(await png.arrayBuffer()),
      width,
      height,
    });
  }
  const scope = filterSummary(shown.view);
  const bytes = await briefingDocx({ report, bureauName: siteConfig.bureauName, scope, charts });
  const name = `${briefingTitle(report)}${scope === '全部' ? '' : `（${scope}）`}.docx`;
  saveBlob(
    new Blob([new Uint8Array(bytes)], {
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    }),
    name.replace(/[\\/:*?"<>|\s]+/gu, '_'),
  );
}
