// Prism's own CLI server (`prism mock`) on the published bundle, as anyone runs it without this
// repository: a child process, for comparisons only. It is the baseline that the mock's cost is
// measured against, and what the parity test holds the mock's answers to. The mock itself runs
// Prism's engine in its own process (./prism-engine.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { generatedDir, root } from './paths.ts';
import { freePort, portIsFree } from '../emulator/src/gateway/ports.ts';
import type { PrismLogLevel } from '../emulator/src/gateway/prism-engine.ts';

const prismCli = join(root, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
const exitWithParent = join(root, 'scripts', 'exit-with-parent.ts');

export interface RunningPrismCli {
  url: string;
  process: ChildProcess;
  /** Resolves when Prism has exited, for whatever reason. */
  exited: Promise<void>;
  /** Stops Prism and waits for it to exit. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface PrismCliOptions {
  /** A free one when not given. */
  port?: number;
  host?: string;
  /** Prism's --verboseLevel. */
  logLevel?: PrismLogLevel;
}

export async function startPrismCli({ port, host = '127.0.0.1', logLevel = 'warn' }: PrismCliOptions = {}): Promise<RunningPrismCli> {
  port ??= await freePort(host);
  // Otherwise the readiness check below would find whatever already listens there.
  if (!(await portIsFree(host, port))) throw new Error(`port ${port} on ${host} is in use`);
  const child = spawn(
    process.execPath,
    [
      // The IPC channel below closes when this process dies, however it dies; Prism then exits too.
      '--import', exitWithParent,
      prismCli, 'mock', join(generatedDir, 'openapi.yaml'), '--host', host, '--port', String(port), '--verboseLevel', logLevel,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A normal exit of this process takes Prism along at once, without waiting for the channel to close.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };

  const url = `http://${host}:${port}`;
  try {
    await waitUntilListening(host, port, child, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`Prism did not start on ${url}: ${(error as Error).message}\n${output}`);
  }
  exited.then(() => process.off('exit', killOnExit));
  return { url, process: child, exited, stop };
}

/** Prism listens only once the contract is loaded; a bare TCP connect tells, without a request in its log. */
async function waitUntilListening(host: string, port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Prism exited (${child.exitCode ?? child.signalCode})`);
    const connected = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (connected) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not listening within ${timeoutMs} ms`);
}
