// The emulator in a process of its own (the gateway, with Prism's engine and the flows' runner in the
// same process), as the command line runs it: what startEmulator() starts, and what the repository's
// tests and benchmarks start. Its IPC channel tells where it listens; when this process dies, however
// it dies, the channel closes and the emulator stops.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ReadyMessage } from './cli/serve.ts';

/** The command line's entry: TypeScript in a checkout, JavaScript once built, like this module. */
const mainEntry = fileURLToPath(new URL(`./cli/main.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url));

export interface SpawnedEmulator extends Omit<ReadyMessage, 'type'> {
  process: ChildProcess;
  /** Resolves with the exit code (or signal) when the emulator's process has exited. */
  exited: Promise<number | NodeJS.Signals>;
  /** The last of what the emulator's process printed. */
  output(): string;
  /** Stops the emulator and waits for its process to exit. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** Variables for the emulator's process, over this one's (whose MOCK_* variables are not passed on). */
  env?: Record<string, string>;
  /** Where the emulator's output goes besides output(), once it listens: nowhere (the default), or this process's standard error. */
  output?: 'collect' | 'forward';
  /** How long it may take to start listening; it is killed after. 60 s by default. */
  startTimeoutMs?: number;
}

/**
 * Starts the command line (./cli/main.ts) with these arguments on an ephemeral port (unless they give
 * --port). The environment's MOCK_* variables are not passed on, so that only the arguments and `env`
 * configure it. Rejects with what the emulator printed if it exits before it listens.
 */
export async function spawnEmulator(args: string[] = [], { env = {}, output: sink = 'collect', startTimeoutMs = 60_000 }: SpawnOptions = {}): Promise<SpawnedEmulator> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MOCK_')));
  const child = spawn(process.execPath, [mainEntry, '--port', '0', ...args], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal!)));
  // Exited, and its pipes closed: only then is nothing of it left in this process.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
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
      await closed;
      // Its process handle finishes closing in the event loop's close phase: a timer fires only after that.
      await new Promise((resolve) => setTimeout(resolve, 0));
      process.off('exit', killOnExit);
    })());

  try {
    const ready = await new Promise<ReadyMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the emulator did not listen within ${startTimeoutMs / 1000} s, and was stopped:\n${output.trim()}`));
      }, startTimeoutMs);
      child.once('message', (message: ReadyMessage) => {
        clearTimeout(timer);
        resolve(message);
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`the emulator exited (${code}) before it was ready:\n${output.trim()}`));
      });
    });
    // What it prints before it is ready is in the rejection above; after, it goes where it was asked to.
    if (sink === 'forward') for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    const { type: _type, ...where } = ready;
    return { ...where, process: child, exited, output: () => output, stop };
  } catch (error) {
    await closed;
    process.off('exit', killOnExit);
    throw error;
  }
}
