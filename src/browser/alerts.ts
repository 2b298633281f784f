/**
 * The 苗头预警 page: month, measure and kind filters kept in the URL (?month=2024-08&measure=persons
 * &kind=above). The latest month is on the page as built; another month is drawn here from
 * alerts.json with the same markup and the same chart module.
 */
import { alertBandChart } from '../charts/alert-band.ts';
import { renderChart } from '../render/chart.ts';
import { monthWord } from '../lib/alerts/sentence.ts';
import { MEASURE_UNITS } from '../lib/counts.ts';
import { alertListHtml, alertMatrixHtml } from '../render/alerts-html.ts';
import { alertBandOptions, alertsCsv, alertsPageData } from '../dashboard/page-alerts.ts';
import { readBoot } from './boot.ts';
import { saveBlob } from './download.ts';
import { publishedAlerts } from './published-alerts.ts';

const KINDS = ['above', 'sustained', 'new', 'collective', 'escalation'];
const boot = readBoot();
const base = document.body.dataset['base'] ?? '/';
const form = document.querySelector<HTMLFormElement>('form[data-alert-filters]');

const alerts = () => publishedAlerts(boot.databaseUrl);

async function drawMonth(month: string): Promise<void> {
  const published = await alerts();
  if (!published) return;
  for (const block of document.querySelectorAll<HTMLElement>('[data-measure]')) {
    const measure = block.dataset['measure'] === 'persons' ? 'persons' : 'batches';
    const data = alertsPageData(published, measure, boot.info, month);
    const matrix = block.querySelector('[data-alert-matrix-block]');
    const list = block.querySelector('ol.alert-list');
    if (matrix) matrix.innerHTML = alertMatrixHtml(data);
    if (list) {
      list.innerHTML = alertListHtml(data, base, (item) =>
        item.alert.band.length === 0
          ? ''
          : renderChart(
              alertBandChart(item.alert.band, alertBandOptions(item, MEASURE_UNITS[measure])),
              document,
            ).outerHTML,
      );
    }
  }
  const heading = document.querySelector('[data-alert-heading]');
  if (heading) heading.textContent = `苗头预警：${month.slice(0, 4)}年${monthWord(month)}`;
  const partial = document.querySelector<HTMLElement>('[data-partial-note]');
  if (partial) partial.hidden = month !== published.cutoff?.slice(0, 7);
}

function apply(measure: string, kind: string): void {
  for (const block of document.querySelectorAll<HTMLElement>('[data-measure]')) {
    block.hidden = block.dataset['measure'] !== measure;
  }
  for (const item of document.querySelectorAll<HTMLElement>('.alert-item')) {
    item.hidden = kind !== '' && item.dataset['kind'] !== kind;
  }
}

if (form) {
  const field = (name: string) => form.elements.namedItem(name) as HTMLSelectElement;
  const monthField = field('month');
  const measureField = field('measure');
  const kindField = field('kind');
  const latest = monthField.options[0]?.value ?? '';
  const params = new URLSearchParams(location.search);
  const months = [...monthField.options].map((o) => o.value);
  const month = months.includes(params.get('month') ?? '') ? (params.get('month') ?? '') : latest;
  measureField.value = params.get('measure') === 'persons' ? 'persons' : 'batches';
  kindField.value = KINDS.includes(params.get('kind') ?? '') ? (params.get('kind') ?? '') : '';
  monthField.value = month;
  let shownMonth = latest;
  const update = async (): Promise<void> => {
    const next = new URLSearchParams();
    if (monthField.value !== latest) next.set('month', monthField.value);
    if (measureField.value !== 'batches') next.set('measure', measureField.value);
    if (kindField.value !== '') next.set('kind', kindField.value);
    const query = next.toString();
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
    if (monthField.value !== shownMonth) {
      shownMonth = monthField.value;
      await drawMonth(shownMonth);
    }
    apply(measureField.value, kindField.value);
  };
  form.addEventListener('change', () => void update());
  form.querySelector('[data-alert-csv]')?.addEventListener('click', () => {
    void alerts().then((published) => {
      if (!published) return;
      const measure = measureField.value === 'persons' ? 'persons' : 'batches';
      const items = alertsPageData(published, measure, boot.info, shownMonth).items.filter(
        (item) => kindField.value === '' || item.alert.kind === kindField.value,
      );
      saveBlob(
        new Blob([alertsCsv(items)], { type: 'text/csv;charset=utf-8' }),
        `苗头预警_${shownMonth}_${measure === 'persons' ? '人次' : '批次'}.csv`,
      );
    });
  });
  void update();
}
