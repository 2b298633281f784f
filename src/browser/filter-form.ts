/** The filter form: a view written into its fields, and its fields read back as a search string. */
import { VIEW_PARAMS, type ViewState } from '../lib/view-state.ts';

const KEYS = Object.keys(VIEW_PARAMS) as (keyof ViewState)[];

function field(
  form: HTMLFormElement | null,
  name: string,
): HTMLInputElement | HTMLSelectElement | null {
  return form?.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
}

export function writeForm(form: HTMLFormElement | null, state: ViewState): void {
  for (const key of KEYS) {
    const element = field(form, VIEW_PARAMS[key]);
    if (element) element.value = state[key] ?? '';
  }
  for (const label of document.querySelectorAll<HTMLElement>('.custom-months')) {
    label.hidden = state.period !== 'custom';
  }
}

/** '?period=…&…'; a custom period left without months runs from January to `latestMonth`. */
export function readForm(form: HTMLFormElement | null, latestMonth: string): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = field(form, VIEW_PARAMS[key])?.value ?? '';
    if (value !== '') params.set(VIEW_PARAMS[key], value);
  }
  if (params.get('period') === 'custom') {
    params.set('from', params.get('from') ?? latestMonth.slice(0, 4) + '-01');
    params.set('to', params.get('to') ?? latestMonth);
  }
  return `?${params.toString()}`;
}
