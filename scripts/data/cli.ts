/** Shared bits of the data commands: repo-relative defaults and the exit-with-message convention. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { BuildError } from './build-error.ts';
import { errorKind } from './engine-error.ts';

export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DEFAULT_INPUT = path.join(REPO_ROOT, 'data', 'raw');
export const DEFAULT_OUT = path.join(REPO_ROOT, 'public', 'data');
export const DEFAULT_KEY_FILE = path.join(REPO_ROOT, '.pseudonym-key');

export function logLine(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Progress lines on stderr, each with the seconds since the command started (and CPU seconds). */
export function progressLog(): (line: string) => void {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  return (line) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(5);
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = ((cpu.user + cpu.system) / 1e6).toFixed(1).padStart(5);
    logLine(`[${seconds}s | CPU ${cpuSeconds}s] ${line}`);
  };
}

/** Runs a command; a failure prints one message (no stack, no data values) and exits 1. */
export async function runCommand(name: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const message =
      error instanceof BuildError
        ? error.message
        : `内部错误（${errorKind(error)}）：设置环境变量 XINFANG_DEBUG=1 重新运行可看到原始信息（可能含数据内容，勿外传）`;
    logLine(`[${name}] 失败：${message}`);
    if (process.env['XINFANG_DEBUG'] && error instanceof Error) {
      logLine(error.stack ?? '');
      if (error.cause instanceof Error) logLine(error.cause.stack ?? '');
    }
    process.exitCode = 1;
  }
}
