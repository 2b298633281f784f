import { spawn } from 'node:child_process';

/** Runs one npm-script-like step with this Node binary, streaming its output; rejects on failure. */
export function runStep(script: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} 失败（退出码 ${code}）`)),
    );
  });
}
