/** The 苗头预警 page: measure and kind filters, kept in the URL (?measure=persons&kind=above). */
const form = document.querySelector<HTMLFormElement>('form[data-alert-filters]');
const KINDS = ['above', 'sustained', 'new', 'collective', 'escalation'];

function apply(measure: string, kind: string): void {
  for (const block of document.querySelectorAll<HTMLElement>('[data-measure]')) {
    block.hidden = block.dataset['measure'] !== measure;
  }
  for (const item of document.querySelectorAll<HTMLElement>('.alert-item')) {
    item.hidden = kind !== '' && item.dataset['kind'] !== kind;
  }
}

if (form) {
  const params = new URLSearchParams(location.search);
  const measure = params.get('measure') === 'persons' ? 'persons' : 'batches';
  const kind = KINDS.includes(params.get('kind') ?? '') ? (params.get('kind') ?? '') : '';
  const measureField = form.elements.namedItem('measure') as HTMLSelectElement;
  const kindField = form.elements.namedItem('kind') as HTMLSelectElement;
  measureField.value = measure;
  kindField.value = kind;
  apply(measure, kind);
  form.addEventListener('change', () => {
    const next = new URLSearchParams();
    if (measureField.value !== 'batches') next.set('measure', measureField.value);
    if (kindField.value !== '') next.set('kind', kindField.value);
    const query = next.toString();
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
    apply(measureField.value, kindField.value);
  });
}
