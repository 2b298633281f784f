/** What the files below a folder weigh; a folder that cannot be read weighs nothing. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export async function folderSize(folder: string): Promise<{ files: number; bytes: number }> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  let bytes = 0;
  let files = 0;
  for (const entry of entries.filter((e) => e.isFile())) {
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
    files++;
  }
  return { files, bytes };
}
