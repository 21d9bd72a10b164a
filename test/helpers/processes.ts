// Whether a process is still running, and waiting until one is not.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** True while the process runs. A zombie (exited, not yet reaped by its parent) counts as gone. */
export function isRunning(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== 'Z' && state !== 'X';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      // No /proc entry: gone on Linux; elsewhere ask the kernel.
      try {
        process.kill(pid, 0);
        return process.platform !== 'linux';
      } catch {
        return false;
      }
    }
    throw error;
  }
}

/** Resolves once every process has exited; fails, naming those left, after `deadlineMs`. */
export async function untilGone(pids: number[], deadlineMs = 30_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const left = pids.filter(isRunning);
    if (left.length === 0) return;
    if (Date.now() > deadline) throw new Error(`still running after ${deadlineMs} ms: ${left.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The processes whose parent is `pid` (from /proc on Linux, from ps elsewhere). */
export function childrenOf(pid: number): number[] {
  if (process.platform !== 'linux') {
    return execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().split(/\s+/).map(Number))
      .filter(([, parent]) => parent === pid)
      .map(([child]) => child!);
  }
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent's ID is the second field after the command, which is in parentheses and may hold spaces.
      const parent = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
      if (parent === pid) children.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return children;
}

/** CPU time (user and system) a process has used, in milliseconds; undefined where /proc is not there. */
export function cpuTimeMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
