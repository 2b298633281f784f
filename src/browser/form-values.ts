/** A filter form's named fields read and written as text: the view lives in the URL. */
export function setFormValues(form: HTMLFormElement, values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    const field = form.elements.namedItem(name);
    if (field instanceof HTMLSelectElement || field instanceof HTMLInputElement)
      field.value = value;
  }
}

/** The field's value, null when empty or absent. */
export function formValue(form: HTMLFormElement, name: string): string | null {
  const field = form.elements.namedItem(name);
  const value =
    field instanceof HTMLSelectElement || field instanceof HTMLInputElement ? field.value : '';
  return value === '' ? null : value;
}
