/**
 * A re-export that went wrong must not replace a working site with an empty or much smaller
 * one: no records, a file with a header and no rows, far fewer records or a shorter date range
 * than the published data stop the build (the last two unless --allow-shrink confirms them).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PUBLISHED_FILES, type Manifest } from '../../src/lib/schema.ts';
import { BuildError } from './build-error.ts';

/** A build publishing fewer than this share of the published records needs --allow-shrink. */
export const MIN_KEPT_SHARE = 0.5;

const range = (manifest: Pick<Manifest, 'dateRange'>): string =>
  manifest.dateRange ? `登记日期 ${manifest.dateRange.from} 至 ${manifest.dateRange.to}` : '无日期';

/** The manifest of the data now published in `outDir`, or null (none, or unreadable). */
export async function publishedManifest(outDir: string): Promise<Manifest | null> {
  try {
    const text = await readFile(path.join(outDir, PUBLISHED_FILES.manifest), 'utf8');
    const manifest = JSON.parse(text) as Manifest;
    return typeof manifest.published === 'number' ? manifest : null;
  } catch {
    return null;
  }
}

export function assertNotEmptied(
  next: Pick<Manifest, 'published' | 'dateRange' | 'inputs'>,
  previous: Pick<Manifest, 'published' | 'dateRange'> | null,
  allowShrink: boolean,
): void {
  const empty = next.inputs.filter((input) => input.read === 0).map((input) => input.file);
  if (empty.length > 0) {
    throw new BuildError(
      `文件 ${empty.join('、')} 只有表头，没有任何记录：导出可能出错，请重新导出（未发布任何数据，先前发布的数据未改动）`,
    );
  }
  if (next.published === 0) {
    throw new BuildError(
      '没有可发布的记录：读到的每一行都被拒绝（原因见各行的提示），未发布任何数据，先前发布的数据未改动',
    );
  }
  if (!previous || allowShrink || previous.published === 0) return;
  const now = `本次将发布 ${next.published} 条（${range(next)}）`;
  const before = `当前已发布 ${previous.published} 条（${range(previous)}）`;
  const confirm =
    '。导出可能不完整，未发布任何数据，先前发布的数据未改动；如确属预期，请加 --allow-shrink 重新运行';
  if (next.published < previous.published * MIN_KEPT_SHARE) {
    throw new BuildError(`${now}，不到${before}的一半${confirm}`);
  }
  const p = previous.dateRange;
  const n = next.dateRange;
  if (p && n && (n.from > p.from || n.to < p.to)) {
    throw new BuildError(`${now}，日期范围比${before}短${confirm}`);
  }
}
