/** A button says what just happened ('已复制'), then shows its own label again. */
export function flash(button: HTMLButtonElement, text: string): void {
  const label = button.dataset['label'] ?? button.textContent ?? '';
  button.dataset['label'] = label;
  button.textContent = text;
  setTimeout(() => (button.textContent = label), 2000);
}
