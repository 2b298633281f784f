/** When to run: after the next paint, after a resize has settled. */

/** After the next frame is painted (or a moment, in a tab the browser does not paint). */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

/** `task` once the window has kept its size for `ms`. */
export function afterResize(task: () => void, ms = 300): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(task, ms);
  });
}
