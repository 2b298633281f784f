/** The page's own buttons: 复制 the briefing as plain text, 导出Word, 打印. */
import { flash } from './button-feedback.ts';
import { copyText } from './download.ts';
import { shown } from './page-state.ts';
import { exportWord } from './word.ts';

async function run(button: HTMLButtonElement, task: () => Promise<string>): Promise<void> {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    flash(button, await task());
  } catch (error) {
    flash(button, '失败，请重试');
    console.warn(error);
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

export function setupBriefingActions(): void {
  document.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>(
      '[data-copy-briefing], [data-word], [data-print]',
    );
    if (!button) return;
    if (button.hasAttribute('data-print')) {
      window.print();
      return;
    }
    if (button.hasAttribute('data-copy-briefing')) {
      void run(button, async () => {
        await copyText((await shown.report()).text);
        return '已复制';
      });
      return;
    }
    void run(button, async () => {
      await exportWord();
      return '已导出';
    });
  });
}
