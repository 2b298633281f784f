/**
 * Starts a page's interactive code once the static charts are on screen (the load event), so it
 * is not on the first-paint path; a reader quicker than the page, who changes a filter before
 * then, starts it at once and the form remembers the change (`data-changed-early`).
 */
export function startAfterLoad(start: () => void): void {
  if (document.readyState === 'complete') {
    start();
    return;
  }
  window.addEventListener('load', start, { once: true });
  const form = document.querySelector<HTMLFormElement>('form.filters');
  form?.addEventListener(
    'change',
    () => {
      form.dataset['changedEarly'] = 'true';
      start();
    },
    { once: true },
  );
}
