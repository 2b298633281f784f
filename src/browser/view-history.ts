/** The view in the address bar: each change a history entry, the slide (汇报模式) kept. */
import { serializeViewState, type ViewState } from '../lib/view-state.ts';
import { keepSlideParam } from './present.ts';

export function pushView(state: ViewState): void {
  history.pushState(null, '', `${location.pathname}${keepSlideParam(serializeViewState(state))}`);
}

/** The address written in the view's own form (defaults left out), without a new entry. */
export function tidyAddress(state: ViewState): void {
  const kept = keepSlideParam(serializeViewState(state));
  if (kept !== location.search && !(kept === '' && location.search === '?')) {
    history.replaceState(null, '', `${location.pathname}${kept}${location.hash}`);
  }
}

export function onHistoryMove(task: () => void): void {
  window.addEventListener('popstate', task);
}
