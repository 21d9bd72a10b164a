// Prism, the engine behind the mock's gateway: a child process serving the bundled contract, validating
// every request against it and answering with its named examples.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generatedDir, root } from '../scripts/paths.ts';
import { parserHeaderLimit } from './gateway.ts';

const prismCli = join(root, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
const exitWithParent = join(root, 'mock', 'exit-with-parent.ts');

export interface RunningPrism {
  url: string;
  process: ChildProcess;
  /** Resolves when Prism has exited, for whatever reason. */
  exited: Promise<void>;
  /** Stops Prism and waits for it to exit. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface PrismOptions {
  port: number;
  host?: string;
  /** Prism's log level. */
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
  /** Where Prism's output goes: inherited by a command, collected for error messages otherwise. */
  stdio?: 'inherit' | 'pipe';
}

export async function startPrism({ port, host = '127.0.0.1', logLevel = 'info', stdio = 'pipe' }: PrismOptions): Promise<RunningPrism> {
  // Otherwise the readiness check below would find whatever already listens there.
  if (!(await portIsFree(host, port))) throw new Error(`port ${port} on ${host} is in use`);
  const child = spawn(
    process.execPath,
    [
      // Prism must accept every request the gateway lets through; the gateway enforces the real limits.
      `--max-http-header-size=${parserHeaderLimit}`,
      // The IPC channel below closes when this process dies, however it dies; Prism then exits too.
      '--import', exitWithParent,
      prismCli, 'mock', join(generatedDir, 'openapi.yaml'), '--host', host, '--port', String(port), '--verboseLevel', logLevel,
    ],
    { cwd: root, stdio: ['ignore', stdio, stdio, 'ipc'] },
  );
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
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

function listenOnce(host: string, port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, host, () => {
      const { port: bound } = server.address() as AddressInfo;
      server.close(() => resolve(bound));
    });
  });
}

export async function portIsFree(host: string, port: number): Promise<boolean> {
  return (await listenOnce(host, port)) !== undefined;
}

/** A port that was free a moment ago. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const port = await listenOnce(host, 0);
  if (port === undefined) throw new Error(`cannot listen on ${host}`);
  return port;
}
