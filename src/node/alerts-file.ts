import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAlertsFile, type AlertsFile } from '../lib/alerts/published.ts';
import { PUBLISHED_FILES } from '../lib/schema.ts';

export class AlertsFileError extends Error {}

/**
 * The published alerts of a data folder; null when the folder has none (data published before
 * the alerts existed: the report then names none). A file that is there but unreadable is an error.
 */
export async function readAlertsFile(dataDir: string): Promise<AlertsFile | null> {
  const file = path.join(dataDir, PUBLISHED_FILES.alerts);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AlertsFileError(`${file} 不是有效的 JSON：${(error as Error).message}`);
  }
  const parsed = parseAlertsFile(value);
  if (typeof parsed === 'string') throw new AlertsFileError(`${file}：${parsed}`);
  return parsed;
}
