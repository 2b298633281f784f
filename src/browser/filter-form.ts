/** The filter form: a view written into its fields, and its fields read back as a search string. */
import type { ViewState } from '../lib/view-state.ts';

const FIELDS = [
  'period',
  'from',
  'to',
  'cmp',
  'measure',
  'channel',
  'level',
  'category',
  'region',
  'tag',
] as const;

type Field = (typeof FIELDS)[number];

function field(
  form: HTMLFormElement | null,
  name: Field,
): HTMLInputElement | HTMLSelectElement | null {
  return form?.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
}

export function writeForm(form: HTMLFormElement | null, state: ViewState): void {
  const values: Record<Field, string> = {
    period: state.period,
    from: state.from ?? '',
    to: state.to ?? '',
    cmp: state.compare,
    measure: state.measure,
    channel: state.channel ?? '',
    level: state.level ?? '',
    category: state.category ?? '',
    region: state.region ?? '',
    tag: state.tag ?? '',
  };
  for (const name of FIELDS) {
    const element = field(form, name);
    if (element) element.value = values[name];
  }
  for (const label of document.querySelectorAll<HTMLElement>('.custom-months')) {
    label.hidden = state.period !== 'custom';
  }
}

/** '?period=…&…'; a custom period left without months runs from January to `latestMonth`. */
export function readForm(form: HTMLFormElement | null, latestMonth: string): string {
  const params = new URLSearchParams();
  for (const name of FIELDS) {
    const value = field(form, name)?.value ?? '';
    if (value !== '') params.set(name, value);
  }
  if (params.get('period') === 'custom') {
    params.set('from', params.get('from') ?? latestMonth.slice(0, 4) + '-01');
    params.set('to', params.get('to') ?? latestMonth);
  }
  return `?${params.toString()}`;
}
