/** The page's build-time facts, embedded as JSON so the URL can be checked before the engine starts. */
import type { SiteInfo } from '../dashboard/site-info.ts';
import type { PageId } from '../dashboard/pages.ts';
import type { Panel } from '../dashboard/panel.ts';
import type { Report } from '../lib/report.ts';

export interface Boot {
  page: PageId;
  info: SiteInfo;
  databaseUrl: string;
  /** Chart pages: the default view's panels and subtitle, as rendered at build time. */
  panels?: Panel[];
  subtitle?: string;
  /** 总览 and 办理与考核: the default period's report, so the first filter change need not redo it. */
  report?: Report;
  /** The data has 苗头预警 (alerts.json, alerts-briefing.json): a briefing that cannot read them says so. */
  alerts?: boolean;
}

export function readBoot(): Boot {
  const element = document.getElementById('boot');
  return JSON.parse(element?.textContent ?? '{}') as Boot;
}

/** Starts `task` when the browser is idle, or at once where it has no idle callback. */
export function whenIdle(task: () => void): void {
  if ('requestIdleCallback' in window) window.requestIdleCallback(task, { timeout: 3000 });
  else setTimeout(task, 200);
}
