/**
 * A chart card's buttons: PNG (2×) and SVG images that carry the title, period, filters, unit,
 * bureau and cut-off; the data as CSV with a BOM; the 表格 copied as tab-separated cells.
 */
import { exportFileName, exportImage, type ExportImage } from '../charts/export-image.ts';
import { tableToCsv, tableToTsv } from '../charts/table.ts';
import { panelSubtitle, panelTable, sourceLine, type Panel } from '../dashboard/panel.ts';
import { panelChart } from '../render/panel.ts';
import { siteConfig } from '../site.config.ts';
import { flash } from './button-feedback.ts';
import { copyText, saveBlob } from './download.ts';
import { shown } from './page-state.ts';
import { svgToPng } from './raster.ts';

/** Slides and documents want one size whatever the reader's screen. */
const EXPORT_WIDTH = 880;

function chartImage(panel: Panel, width = EXPORT_WIDTH): ExportImage {
  const chart = panelChart(panel, { width, document, interactive: false });
  return exportImage(new XMLSerializer().serializeToString(chart), {
    title: panel.title,
    subtitle: panelSubtitle(panel, shown.subtitle),
    note: panel.note,
    source: sourceLine(siteConfig.bureauName),
  });
}

async function exportPanel(panel: Panel, kind: string): Promise<void> {
  const name = (extension: string) => exportFileName(panel.title, shown.periodLabel, extension);
  if (kind === 'csv') {
    const csv = tableToCsv(panelTable(panel));
    saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), name('csv'));
    return;
  }
  const image = chartImage(panel);
  if (kind === 'svg') {
    saveBlob(new Blob([image.svg], { type: 'image/svg+xml;charset=utf-8' }), name('svg'));
    return;
  }
  saveBlob(await svgToPng(image.svg, image, 2), name('png'));
}

export function setupCardActions(): void {
  document.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>(
      '[data-export], [data-copy-table]',
    );
    const card = button?.closest<HTMLElement>('.chart-card');
    const panel = shown.panels.find((p) => p.id === card?.dataset['panel']);
    if (!button || !panel) return;
    const kind = button.dataset['export'];
    const done =
      kind === undefined
        ? copyText(tableToTsv(panelTable(panel))).then(() => flash(button, '已复制'))
        : exportPanel(panel, kind);
    done.catch((error: unknown) => {
      flash(button, kind === undefined ? '复制失败' : '导出失败');
      console.warn(error);
    });
  });
}
