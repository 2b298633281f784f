import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';

/** The machine's state as `uptime` prints it (the load average decides how far times can be trusted). */
export function machineState(): string {
  try {
    return `${execFileSync('uptime', { encoding: 'utf8' }).trim()} (${availableParallelism()} cores)`;
  } catch {
    const load = loadavg()
      .map((x) => x.toFixed(2))
      .join(', ');
    return `load average: ${load} (${availableParallelism()} cores)`;
  }
}
