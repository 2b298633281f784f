/** Links carry the view: navigation and drill links to the next page, drill links inside a chart. */
import { serializeViewState, type ViewState } from '../lib/view-state.ts';

export function updateLinks(state: ViewState): void {
  const search = serializeViewState(state);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-nav]')) {
    link.search = search;
  }
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-drill]')) {
    const drill = link.dataset['drill'] ?? '';
    link.search = serializeViewState({ ...state, category: drill === '' ? null : drill });
  }
}

/** A drill link inside a chart (`?category=…`) keeps the rest of the view and stays on the page. */
export function setupChartDrills(
  current: () => ViewState,
  navigate: (search: string) => void,
): void {
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest('[data-panels] a');
    const href =
      link?.getAttribute('href') ??
      link?.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ??
      '';
    if (!href.startsWith('?')) return;
    event.preventDefault();
    const drill = new URLSearchParams(href);
    const merged = new URLSearchParams(serializeViewState(current()));
    for (const [key, value] of drill) merged.set(key, value);
    navigate(`?${merged.toString()}`);
  });
}
