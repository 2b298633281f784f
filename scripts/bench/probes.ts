/**
 * Functions that run inside the measured page (Playwright serialises them: each one stands
 * alone, with no imports and no outer variables). Times are ms since navigation started.
 */

export interface EngineStats {
  inflight: number;
  since: number;
  busy: number;
  queries: number;
}

/** One filter change timed in the page: ms from the change event on. */
export interface ChangeTiming {
  /** Every chart redrawn (the app's `xf:charts` mark). */
  charts: number;
  /** Every chart and the briefing updated (the app's `dashboard:rendered` event). */
  complete: number;
  /** The frame after `complete` painted. */
  painted: number;
  /** Time with at least one request to the DuckDB worker in flight. */
  engine: number;
  queries: number;
}

/** The first filter change, made the moment the first chart is on screen. */
export interface FirstChange {
  filter: string;
  /** When the change was made. */
  made: number;
  /** Every chart redrawn for it, and everything including the briefing. */
  charts: number;
  complete: number;
}

/**
 * Before any page script: the time the first chart's <svg> reaches the screen. If it was in the
 * DOM before the first contentful paint, that paint shows it; otherwise the frame after it does.
 */
export function firstChartProbe(): void {
  const box = window as unknown as { __firstChart: Promise<number> };
  box.__firstChart = new Promise((resolve) => {
    const painted = (inserted: number): void => {
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
          resolve(fcp !== undefined && inserted <= fcp ? fcp : performance.now());
        };
        channel.port2.postMessage(0);
      });
    };
    const observer = new MutationObserver(() => {
      if (document.querySelector('.chart-card svg')) {
        observer.disconnect();
        painted(performance.now());
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

/**
 * After firstChartProbe: a reader who changes a filter as soon as the first chart is on screen
 * and the page has been parsed (the first record filter's first value), before the engine starts.
 */
export function firstChangeProbe(): void {
  const box = window as unknown as {
    __firstChart: Promise<number>;
    __firstChange?: { filter: string; made: number };
  };
  // Not before DOMContentLoaded: the page's listener for early changes is a module script, run
  // only then, and a change made before it is lost (the app then writes the URL's view back).
  const parsed = new Promise<void>((resolve) => {
    if (document.readyState !== 'loading') resolve();
    else document.addEventListener('DOMContentLoaded', () => resolve(), { once: true });
  });
  void Promise.all([box.__firstChart, parsed]).then(() => {
    const selects = [
      ...document.querySelectorAll<HTMLSelectElement>('form.filters select[name]'),
    ].filter((select) => select.options.length > 1);
    const select =
      selects.find((s) => s.name === 'level') ??
      selects.find((s) => s.name === 'channel') ??
      selects[0];
    if (!select) return;
    const value =
      [...select.options].map((option) => option.value).find((v) => v !== select.value) ?? '';
    select.value = value;
    box.__firstChange = { filter: `${select.name}=${value || '全部'}`, made: performance.now() };
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/**
 * Before any page script: counts the queries sent to the DuckDB worker and the time it has work,
 * so a filter change's time splits into the engine's part and the page's own (charts, DOM).
 */
export function engineProbe(): void {
  const stats: EngineStats = { inflight: 0, since: 0, busy: 0, queries: 0 };
  (window as unknown as { __engine: EngineStats }).__engine = stats;
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      const pending = new Set<unknown>();
      const post = this.postMessage.bind(this) as (message: unknown, transfer?: unknown) => void;
      this.postMessage = ((message: { messageId?: unknown; type?: string }, transfer?: unknown) => {
        if (message && typeof message === 'object' && 'messageId' in message) {
          pending.add(message.messageId);
          if (stats.inflight++ === 0) stats.since = performance.now();
          if (message.type === 'RUN_PREPARED' || message.type === 'RUN_QUERY') stats.queries++;
        }
        post(message, transfer);
      }) as Worker['postMessage'];
      this.addEventListener(
        'message',
        (event: MessageEvent<{ requestId?: unknown; type?: string }>) => {
          const { requestId, type } = event.data ?? {};
          if (!pending.has(requestId) || type === 'INSTANTIATE_PROGRESS') return;
          pending.delete(requestId);
          if (--stats.inflight === 0) stats.busy += performance.now() - stats.since;
        },
      );
    }
  };
}

/** Sets one filter and resolves when the page has redrawn every chart and its briefing. */
export function changeFilter([field, choice, timeoutMs]: readonly [
  string,
  string,
  number,
]): Promise<ChangeTiming> {
  return new Promise<ChangeTiming>((resolve, reject) => {
    const stats = (window as unknown as { __engine: EngineStats }).__engine;
    const busy = () => stats.busy + (stats.inflight > 0 ? performance.now() - stats.since : 0);
    const select = document.querySelector<HTMLSelectElement>(`form.filters [name="${field}"]`);
    if (!select) {
      reject(new Error(`no filter ${field}`));
      return;
    }
    const timer = setTimeout(
      () => reject(new Error(`no render after ${field}=${choice}`)),
      timeoutMs,
    );
    let started = 0;
    let busyBefore = 0;
    let queriesBefore = 0;
    document.addEventListener(
      'dashboard:rendered',
      () => {
        const complete = performance.now() - started;
        const chartsMark = performance.getEntriesByName('xf:charts').at(-1)?.startTime ?? NaN;
        const engine = busy() - busyBefore;
        const queries = stats.queries - queriesBefore;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            clearTimeout(timer);
            resolve({
              charts: chartsMark - started,
              complete,
              painted: performance.now() - started,
              engine,
              queries,
            });
          };
          channel.port2.postMessage(0);
        });
      },
      { once: true },
    );
    select.value = choice;
    busyBefore = busy();
    queriesBefore = stats.queries;
    started = performance.now();
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
