/**
 * Atomic publishing: everything is built in a temporary folder next to the target, then swapped
 * in with two renames. Until the swap the previous folder is never touched; a build interrupted
 * between the renames is repaired by the next one.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PUBLISHED_FILES } from '../../src/lib/schema.ts';
import { BuildError } from './build-error.ts';

const OWNED = new Set<string>(Object.values(PUBLISHED_FILES));

function siblings(target: string): { parent: string; base: string } {
  const resolved = path.resolve(target);
  return { parent: path.dirname(resolved), base: path.basename(resolved) };
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Puts back a previous folder left aside by an interrupted swap, and removes temporary folders of
 * builds that are no longer running.
 */
export async function repairInterrupted(target: string): Promise<string[]> {
  const { parent, base } = siblings(target);
  const done: string[] = [];
  const entries = await fs.readdir(parent).catch(() => [] as string[]);
  const old = entries.filter((name) => name.startsWith(`.${base}.old-`)).sort();
  const newest = old.at(-1);
  if (newest !== undefined && !(await exists(target))) {
    await fs.rename(path.join(parent, newest), path.resolve(target));
    old.pop();
    done.push(`上次构建在发布切换中被中断：已把原有数据 ${newest} 恢复为 ${base}`);
  }
  for (const name of old) {
    await fs.rm(path.join(parent, name), { recursive: true, force: true });
    done.push(`已删除上次中断的构建留下的旧数据文件夹 ${name}`);
  }
  for (const name of entries) {
    const match = new RegExp(
      `^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.tmp-(\\d+)-`,
    ).exec(name);
    if (match && !isProcessAlive(Number(match[1]))) {
      await fs.rm(path.join(parent, name), { recursive: true, force: true });
      done.push(`已删除上次中断的构建留下的临时文件夹 ${name}`);
    }
  }
  return done;
}

/** Refuses to replace a folder holding files this build did not write. */
export async function assertReplaceable(target: string): Promise<void> {
  let entries: string[];
  try {
    entries = await fs.readdir(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new BuildError(`输出目录 ${target} 无法读取：请检查路径和权限`);
  }
  const foreign = entries.filter((name) => !OWNED.has(name));
  if (foreign.length > 0) {
    throw new BuildError(
      `输出目录 ${target} 里有不是本构建生成的文件（${foreign.slice(0, 5).join('、')}${foreign.length > 5 ? '等' : ''}）：发布会整体替换该目录，请用 --out 指定一个专用目录`,
    );
  }
}

export async function createTemporaryFolder(target: string): Promise<string> {
  const { parent, base } = siblings(target);
  await fs.mkdir(parent, { recursive: true });
  const folder = path.join(parent, `.${base}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  await fs.mkdir(folder);
  return folder;
}

/** Replaces `target` with `folder` (renames only; the old one is removed afterwards). */
export async function swapIn(folder: string, target: string): Promise<void> {
  const { parent, base } = siblings(target);
  const resolved = path.resolve(target);
  const aside = path.join(parent, `.${base}.old-${Date.now()}-${randomBytes(4).toString('hex')}`);
  const hadTarget = await exists(resolved);
  if (hadTarget) await fs.rename(resolved, aside);
  try {
    await fs.rename(folder, resolved);
  } catch (error) {
    if (hadTarget) await fs.rename(aside, resolved);
    throw error;
  }
  if (hadTarget) await fs.rm(aside, { recursive: true, force: true });
}

export async function removeFolder(folder: string): Promise<void> {
  await fs.rm(folder, { recursive: true, force: true });
}
