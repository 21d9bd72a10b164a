// The mock in a process of its own (the gateway, with Prism's engine in the same process), as
// `npm run mock` runs it, for tests and benchmarks. Its IPC channel tells where it listens; when this
// process dies, however it dies, the channel closes and the mock stops.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../scripts/paths.ts';
import type { ReadyMessage } from './serve.ts';

const serveEntry = join(root, 'mock', 'serve.ts');

export interface SpawnedMock extends Omit<ReadyMessage, 'type'> {
  process: ChildProcess;
  /** Resolves with the exit code (or signal) when the mock process has exited. */
  exited: Promise<number | NodeJS.Signals>;
  /** The last of what the mock process printed. */
  output(): string;
  /** Stops the mock and waits for its process to exit. Safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Starts `mock/serve.ts` with these arguments on an ephemeral port (unless they give --port). The
 * environment's MOCK_* variables are not passed on, so that only `env` configures it.
 */
export async function spawnMock(args: string[] = [], env: Record<string, string> = {}): Promise<SpawnedMock> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MOCK_')));
  const child = spawn(process.execPath, [serveEntry, '--port', '0', ...args], {
    cwd: root,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal!)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      process.off('exit', killOnExit);
    })());

  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    child.once('message', (message: ReadyMessage) => resolve(message));
    void exited.then((code) => reject(new Error(`the mock exited (${code}) before it was ready:\n${output}`)));
  });
  const { type: _type, ...where } = ready;
  return { ...where, process: child, exited, output: () => output, stop };
}
