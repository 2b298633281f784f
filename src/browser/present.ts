/**
 * 汇报模式: the page's charts one per 16:9 slide, large type, full screen. Arrow keys, Page Up/Down
 * (what clickers send), Space and a tap advance, B or . blacks the screen out; every slide has its
 * own URL (`?…&slide=3`).
 */
import { escapeHtml } from '../render/html.ts';
import { PAGES } from '../dashboard/pages.ts';
import { panelSubtitle, type Panel } from '../dashboard/panel.ts';
import { panelChart } from '../render/panel.ts';
import { siteConfig } from '../site.config.ts';
import { shown } from './page-state.ts';

const PARAM = 'slide';
/** Charts are drawn at this width and scaled to the screen, so their text grows with it. */
const SLIDE_CHART_WIDTH = 760;

type Slide = { kind: 'title' } | { kind: 'cards'; html: string } | { kind: 'chart'; panel: Panel };

let overlay: HTMLElement | null = null;
let index = 0;

function slideInUrl(): number | null {
  const raw = new URLSearchParams(location.search).get(PARAM);
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : null;
}

/** The view's query string with the current slide kept on it (app.ts rewrites the rest). */
export function keepSlideParam(search: string): string {
  const slide = slideInUrl();
  if (slide === null) return search;
  const params = new URLSearchParams(search);
  params.set(PARAM, String(slide));
  return `?${params.toString()}`;
}

function urlWithSlide(slide: number | null): string {
  const params = new URLSearchParams(location.search);
  if (slide === null) params.delete(PARAM);
  else params.set(PARAM, String(slide));
  const search = params.toString();
  return `${location.pathname}${search ? `?${search}` : ''}`;
}

function slides(): Slide[] {
  const list: Slide[] = [{ kind: 'title' }];
  const cards = document.querySelector('[data-cards]');
  if (cards && cards.children.length > 0) list.push({ kind: 'cards', html: cards.innerHTML });
  for (const panel of shown.slides ?? shown.panels) list.push({ kind: 'chart', panel });
  return list;
}

function pageTitle(): string {
  const id = document.body.dataset['page'];
  return PAGES.find((p) => p.id === id)?.title ?? '';
}

function frame(head: string, body: string, number: number, total: number): string {
  return `<div class="slide" data-slide="${number}">
<header class="slide-head">${head}</header>
<div class="slide-body">${body}</div>
<footer class="slide-foot"><span>${escapeHtml(siteConfig.bureauName)} · 信访态势看板</span><span class="slide-number">${number} / ${total}</span></footer>
</div>`;
}

function draw(): void {
  if (!overlay) return;
  const list = slides();
  index = Math.max(0, Math.min(index, list.length - 1));
  const slide = list[index] ?? { kind: 'title' };
  const number = index + 1;
  const stage = overlay.querySelector<HTMLElement>('.slide-stage');
  if (!stage) return;
  if (slide.kind === 'title') {
    stage.innerHTML = frame(
      '',
      `<div class="slide-title"><p class="slide-bureau">${escapeHtml(siteConfig.bureauName)}</p>
<h2>${escapeHtml(pageTitle())}</h2><p>${escapeHtml(shown.subtitle)}</p></div>`,
      number,
      list.length,
    );
  } else if (slide.kind === 'cards') {
    stage.innerHTML = frame(
      `<h2>主要指标</h2><p>${escapeHtml(shown.subtitle)}</p>`,
      `<div class="cards">${slide.html}</div>`,
      number,
      list.length,
    );
  } else {
    const { panel } = slide;
    stage.innerHTML = frame(
      `<h2>${escapeHtml(panel.title)}</h2><p>${escapeHtml(panelSubtitle(panel, shown.subtitle))}</p>`,
      '',
      number,
      list.length,
    );
    const body = stage.querySelector<HTMLElement>('.slide-body');
    if (body) {
      const ratio = body.clientHeight / Math.max(1, body.clientWidth);
      const height = Math.max(200, Math.round(SLIDE_CHART_WIDTH * ratio));
      const chart = panelChart(panel, {
        width: SLIDE_CHART_WIDTH,
        height,
        document,
        interactive: false,
      });
      body.append(chart);
      if (panel.note)
        body.insertAdjacentHTML('beforeend', `<p class="note">${escapeHtml(panel.note)}</p>`);
    }
  }
  document.title = `${number}/${list.length} · 汇报模式 · ${pageTitle()}`;
}

function go(next: number): void {
  index = Math.max(0, Math.min(next, slides().length - 1));
  history.replaceState(null, '', urlWithSlide(index + 1));
  draw();
}

function open(slide: number): void {
  if (!overlay) {
    overlay = document.createElement('div');
    overlay.className = 'present';
    overlay.setAttribute('role', 'dialog');
    overlay.setAttribute('aria-modal', 'true');
    overlay.setAttribute('aria-label', '汇报模式');
    overlay.tabIndex = -1;
    overlay.innerHTML = `<div class="slide-stage"></div>
<div class="present-controls"><button type="button" data-slide-step="-1" aria-label="上一页">‹</button><button type="button" data-slide-step="1" aria-label="下一页">›</button><button type="button" data-fullscreen>全屏</button><button type="button" data-present-exit>退出</button></div>`;
    document.body.append(overlay);
    document.body.classList.add('presenting');
  }
  index = slide - 1;
  draw();
  overlay.focus();
}

function close(): void {
  overlay?.remove();
  overlay = null;
  document.body.classList.remove('presenting');
  document.title = document.title.replace(/^\d+\/\d+ · 汇报模式 · /u, '');
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
}

const KEYS: Record<string, number> = {
  ArrowRight: 1,
  ArrowDown: 1,
  PageDown: 1,
  ' ': 1,
  Enter: 1,
  ArrowLeft: -1,
  ArrowUp: -1,
  PageUp: -1,
  Backspace: -1,
};

export function setupPresentation(): void {
  const start = slideInUrl();
  if (start !== null) open(start);

  document.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    if (target?.closest('[data-present]')) {
      history.pushState(null, '', urlWithSlide(1));
      open(1);
      void document.documentElement.requestFullscreen?.().catch(() => undefined);
      return;
    }
    if (!overlay || !target || !overlay.contains(target)) return;
    const step = target.closest<HTMLElement>('[data-slide-step]')?.dataset['slideStep'];
    if (step !== undefined) go(index + Number(step));
    else if (target.closest('[data-fullscreen]')) {
      if (document.fullscreenElement) void document.exitFullscreen();
      else void document.documentElement.requestFullscreen?.().catch(() => undefined);
    } else if (target.closest('[data-present-exit]')) {
      close();
      history.pushState(null, '', urlWithSlide(null));
    } else if (target.closest('.slide-stage') && !target.closest('a, button')) {
      const { left, width } = overlay.getBoundingClientRect();
      go(index + ((event as MouseEvent).clientX - left < width * 0.4 ? -1 : 1));
    }
  });

  document.addEventListener('keydown', (event) => {
    if (!overlay || event.altKey || event.ctrlKey || event.metaKey) return;
    const step = KEYS[event.key];
    if (step !== undefined) go(index + step);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(slides().length - 1);
    else if (event.key === 'Escape') {
      close();
      history.pushState(null, '', urlWithSlide(null));
    } else if (event.key === 'b' || event.key === 'B' || event.key === '.') {
      // A clicker's 黑屏 button: the screen goes black until it is pressed again.
      overlay.classList.toggle('blackout');
    } else if (event.key === 'f' || event.key === 'F') {
      if (document.fullscreenElement) void document.exitFullscreen();
      else void document.documentElement.requestFullscreen?.().catch(() => undefined);
    } else return;
    event.preventDefault();
  });

  window.addEventListener('popstate', () => {
    const slide = slideInUrl();
    if (slide === null) close();
    else open(slide);
  });
  document.addEventListener('dashboard:rendered', () => draw());
  window.addEventListener('resize', () => draw());
}
