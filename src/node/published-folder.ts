/**
 * Where readers find the published data. The data build swaps a new folder in with two renames;
 * if it is killed between them, the folder is gone until the next build repairs it, and the
 * previous data waits beside it as `.<name>.old-…`. Every reader (site build, report, export)
 * then reads that previous folder, so there is no moment without data.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PUBLISHED_FILES } from '../lib/schema.ts';

export function readablePublishedFolder(dir: string): string {
  const resolved = path.resolve(dir);
  if (existsSync(path.join(resolved, PUBLISHED_FILES.manifest))) return resolved;
  const parent = path.dirname(resolved);
  const prefix = `.${path.basename(resolved)}.old-`;
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return resolved;
  }
  const aside = names
    .filter((name) => name.startsWith(prefix))
    .sort()
    .reverse()
    .find((name) => existsSync(path.join(parent, name, PUBLISHED_FILES.manifest)));
  return aside === undefined ? resolved : path.join(parent, aside);
}
