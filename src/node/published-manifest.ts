/**
 * manifest.json as the site build and the report command read it: refused, with the command that
 * fixes it, when the data was published in an older layout or under other settings than the code
 * and src/site.config.ts hold now (src/lib/build-settings.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSettings, settingsProblem, type BuildConfig } from '../lib/build-settings.ts';
import { manifestVersionProblem, PUBLISHED_FILES, type Manifest } from '../lib/schema.ts';

export class PublishedDataError extends Error {}

/** `then`: the command to run again once the data is rebuilt (`npm run build`, `npm run report`). */
export async function readCheckedManifest(
  dir: string,
  config: BuildConfig,
  then: string,
): Promise<Manifest> {
  const file = path.join(dir, PUBLISHED_FILES.manifest);
  let manifest: { schemaVersion?: unknown; settings?: unknown };
  try {
    manifest = JSON.parse(await readFile(file, 'utf8')) as typeof manifest;
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '不存在' : '无法读取';
    throw new PublishedDataError(
      `${file} ${why}：已发布的数据不完整。请重新运行 npm run build:data，再运行 ${then}。`,
    );
  }
  const problem =
    manifestVersionProblem(manifest, dir) ??
    settingsProblem(manifest, buildSettings(config), dir, then);
  if (problem !== null) throw new PublishedDataError(problem);
  return manifest as Manifest;
}
