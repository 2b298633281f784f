/**
 * A chart as a standalone image for slides and documents: the chart's SVG framed by its title,
 * period and filters, unit, note and source line, so a cropped or pasted image explains itself.
 */
import { FONT_FAMILY } from './theme.ts';

export interface ExportMeta {
  title: string;
  /** Period, comparison, filters, measure, data cut-off and unit: the card's subtitle. */
  subtitle: string;
  note?: string | undefined;
  /** '示例区信访局 · 信访态势看板' */
  source: string;
}

export interface ExportImage {
  svg: string;
  width: number;
  height: number;
}

const PAD = 24;
const TITLE = { size: 20, line: 28 };
const TEXT = { size: 13, line: 19 };
const SMALL = { size: 12, line: 18 };

const XML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const xml = (text: string): string => text.replace(/[&<>"]/g, (c) => XML[c] ?? c);

/** Width of text in ems: CJK and full-width characters take one em, others about 0.6. */
function ems(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u2e80-\uffef]/u.test(char) ? 1 : 0.6;
  return width;
}

/** Greedy line breaks, preferring the ' · ' separators, then any character (Chinese has no spaces). */
export function wrapText(text: string, maxEms: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const piece of text.split(/(?<= · )/u)) {
    if (ems(line + piece) <= maxEms) {
      line += piece;
      continue;
    }
    if (line !== '') lines.push(line.trimEnd());
    line = '';
    for (const char of piece) {
      if (ems(line + char) > maxEms && line !== '') {
        lines.push(line);
        line = '';
      }
      line += char;
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

function size(svg: string): { width: number; height: number } {
  const root = /^<svg\b[^>]*>/u.exec(svg.trim())?.[0];
  const width = Number(/\swidth="([\d.]+)"/u.exec(root ?? '')?.[1]);
  const height = Number(/\sheight="([\d.]+)"/u.exec(root ?? '')?.[1]);
  if (!root || !(width > 0) || !(height > 0)) {
    throw new Error('图表不是带宽高的 <svg>，无法导出为图片');
  }
  return { width, height };
}

function textLines(
  lines: string[],
  top: number,
  style: { size: number; line: number },
  attributes: string,
): string {
  return lines
    .map(
      (line, i) =>
        `<text x="${PAD}" y="${top + i * style.line + style.size}" font-size="${style.size}"${attributes}>${xml(line)}</text>`,
    )
    .join('');
}

/** `chartSvg` must be XML (an XMLSerializer's output, or Plot's markup from the build). */
export function exportImage(chartSvg: string, meta: ExportMeta): ExportImage {
  const chart = size(chartSvg);
  const width = Math.round(chart.width + 2 * PAD);
  const maxEms = (width - 2 * PAD) / TEXT.size;
  const title = wrapText(meta.title, (width - 2 * PAD) / TITLE.size);
  const subtitle = wrapText(meta.subtitle, maxEms);
  const note = meta.note ? wrapText(meta.note, maxEms) : [];
  const source = wrapText(meta.source, (width - 2 * PAD) / SMALL.size);

  let y = PAD;
  const parts: string[] = [];
  parts.push(textLines(title, y, TITLE, ' font-weight="700" fill="#1f1f1f"'));
  y += title.length * TITLE.line + 4;
  parts.push(textLines(subtitle, y, TEXT, ' fill="#595959"'));
  y += subtitle.length * TEXT.line + 12;
  const chartTop = y;
  y += chart.height + 8;
  if (note.length > 0) {
    parts.push(textLines(note, y, TEXT, ' fill="#595959"'));
    y += note.length * TEXT.line + 4;
  }
  parts.push(textLines(source, y, SMALL, ' fill="#8c8c8c"'));
  y += source.length * SMALL.line;
  const height = Math.round(y + PAD);

  // The chart's root <svg> becomes a group: Plot's own CSS (height: auto) would resize a nested
  // <svg> to the whole image, and a group keeps the chart's classes, styles and attributes.
  const markup = chartSvg.trim();
  const nested =
    markup
      .slice(0, markup.lastIndexOf('</svg>'))
      .replace(/^<svg\b/u, `<g transform="translate(${PAD},${chartTop})"`) + '</g>';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
    `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="${xml(FONT_FAMILY)}">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>${parts.join('')}${nested}</svg>`;
  return { svg, width, height };
}

/** A file name from the chart's title and period: no characters Windows refuses. */
export function exportFileName(title: string, period: string, extension: string): string {
  const base = `${title}_${period}`.replace(/[\\/:*?"<>|\s]+/gu, '_');
  return `${base}.${extension}`;
}
