/** Rendering and normalising charts for the chart tests, the way Plot's own tests do. */
import { createRequire } from 'node:module';
import type { PlotOptions } from '@observablehq/plot';
import { renderChart } from '../src/render/chart.ts';

interface JsdomModule {
  JSDOM: new (html: string) => { window: { document: Document } };
}

// jsdom ships no type declarations (and @types/jsdom is not installed): type the one use here.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as JsdomModule;

export function newDocument(): Document {
  return new JSDOM('').window.document;
}

export function renderSvg(spec: PlotOptions): SVGSVGElement {
  const root = renderChart(spec, newDocument());
  if (root.tagName.toLowerCase() !== 'svg')
    throw new Error(`expected <svg>, got <${root.tagName}>`);
  return root as SVGSVGElement;
}

const XMLNS = 'http://www.w3.org/2000/xmlns/';
const INLINE = new Set(['text', 'title', 'tspan', 'style']);

/**
 * As Plot's test suite does: declare the namespaces, rename the generated class (plot-d6a7b5)
 * to "plot", renumber clip/marker/pattern ids in document order, round numbers with 4+
 * decimals to 3. Then attributes sorted and one element per line, so diffs are readable.
 */
export function normalizeSvg(svg: SVGSVGElement): string {
  const root = svg.cloneNode(true) as SVGSVGElement;
  root.setAttributeNS(XMLNS, 'xmlns', 'http://www.w3.org/2000/svg');
  root.setAttributeNS(XMLNS, 'xmlns:xlink', 'http://www.w3.org/1999/xlink');
  reindexClass(root);
  for (const prefix of ['plot-clip-', 'plot-marker-', 'plot-pattern-']) reindexIds(root, prefix);
  return `${serialize(root, 0)}\n`;
}

function reindexClass(root: Element): void {
  const uid = root.getAttribute('class');
  if (!uid) return;
  const pattern = new RegExp(`\\b${uid}\\b`, 'g');
  for (const node of [root, ...root.querySelectorAll('[class]')]) {
    node.setAttribute('class', (node.getAttribute('class') ?? '').replace(pattern, 'plot'));
  }
  for (const style of root.querySelectorAll('style')) {
    style.textContent = (style.textContent ?? '').replace(new RegExp(`[.]${uid}\\b`, 'g'), '.plot');
  }
}

function reindexIds(root: Element, prefix: string): void {
  const map = new Map<string, string>();
  for (const node of root.querySelectorAll(`[id^="${prefix}"]`)) {
    const id = node.getAttribute('id') ?? '';
    if (!map.has(id)) map.set(id, `${prefix}${map.size + 1}`);
    node.setAttribute('id', map.get(id) ?? id);
  }
  for (const node of root.querySelectorAll('*')) {
    for (const attr of [...node.attributes]) {
      const replaced = attr.value.replace(/url\(#([^)]+)\)/g, (all, id: string) =>
        map.has(id) ? `url(#${map.get(id)})` : all,
      );
      if (replaced !== attr.value) node.setAttribute(attr.name, replaced);
    }
  }
}

function round(value: string): string {
  return value.replace(/\d+\.\d{4,}/g, (d) => String(+(+d).toFixed(3)));
}

function escapeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u00a0/g, '&#160;');
}

function openTag(element: Element): string {
  const attrs = [...element.attributes]
    .map((a) => [a.name, a.value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => ` ${name}="${escapeText(round(value)).replace(/"/g, '&quot;')}"`);
  return `<${element.tagName}${attrs.join('')}>`;
}

function inline(node: Node): string {
  if (node.nodeType === 3) return escapeText(node.textContent ?? '');
  if (node.nodeType !== 1) return '';
  const element = node as Element;
  return `${openTag(element)}${[...element.childNodes].map(inline).join('')}</${element.tagName}>`;
}

function serialize(element: Element, depth: number): string {
  const pad = '  '.repeat(depth);
  const children = [...element.childNodes].filter(
    (n) => n.nodeType === 1 || (n.nodeType === 3 && (n.textContent ?? '').trim() !== ''),
  );
  if (INLINE.has(element.tagName) || children.every((n) => n.nodeType !== 1)) {
    return pad + inline(element);
  }
  const inner = children.map((n) =>
    n.nodeType === 1
      ? serialize(n as Element, depth + 1)
      : `${pad}  ${escapeText(n.textContent ?? '')}`,
  );
  return [pad + openTag(element), ...inner, `${pad}</${element.tagName}>`].join('\n');
}

/** Texts of the elements matching `selector` inside `root`. */
export function texts(root: Element, selector: string): string[] {
  return [...root.querySelectorAll(selector)].map((n) => n.textContent ?? '');
}

/** The x, y of a `translate(x,y)` transform. */
export function translate(element: Element): [number, number] {
  const match = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(
    element.getAttribute('transform') ?? '',
  );
  return match ? [Number(match[1]), Number(match[2])] : [0, 0];
}

function nearest(element: Element, attribute: string, stop: Element): string | null {
  for (let node: Element | null = element; node && node !== stop; node = node.parentElement) {
    const value = node.getAttribute(attribute);
    if (value !== null) return value;
  }
  return null;
}

/**
 * Where a <text> lands horizontally, from its own and its ancestors' translate()s, its x and
 * dx, its anchor and its estimated width (rotation shrinks the horizontal extent).
 */
export function textExtent(
  text: Element,
  svg: Element,
  width: (s: string, fontSize: number) => number,
): { left: number; right: number; label: string } {
  let x = Number(text.getAttribute('x') ?? 0);
  for (let node: Element | null = text; node && node !== svg; node = node.parentElement) {
    x += translate(node)[0];
  }
  const rotate = /rotate\(([-\d.]+)\)/.exec(text.getAttribute('transform') ?? '');
  const cos = rotate ? Math.abs(Math.cos((Number(rotate[1]) * Math.PI) / 180)) : 1;
  const own = [...text.childNodes]
    .filter((n) => n.nodeType === 3)
    .map((n) => n.textContent ?? '')
    .join('');
  const fontSize = Number(nearest(text, 'font-size', svg) ?? 12);
  const w = width(own, fontSize) * cos;
  const anchor = nearest(text, 'text-anchor', svg) ?? svg.getAttribute('text-anchor') ?? 'start';
  const left = anchor === 'end' ? x - w : anchor === 'middle' ? x - w / 2 : x;
  return { left, right: left + w, label: own };
}
