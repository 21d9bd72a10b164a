// The mock: Prism serving the bundled contract, validating every request against it and answering with
// its named examples. `npm run mock [-- --port 4010]` runs it; tests and `npm start` use startMock().
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleContract } from './bundle.ts';
import { generatedDir, root } from './paths.ts';

export const defaultMockPort = 4010;
const prismCli = join(root, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');

export interface RunningMock {
  url: string;
  process: ChildProcess;
  /** Stops Prism and waits for it to exit. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface MockOptions {
  port?: number;
  host?: string;
  /** Prism's log level; tests keep it quiet. */
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
  /** Where Prism's output goes: inherited by `npm run mock`, collected for error messages otherwise. */
  stdio?: 'inherit' | 'pipe';
}

export async function startMock({ port = defaultMockPort, host = '127.0.0.1', logLevel = 'info', stdio = 'pipe' }: MockOptions = {}): Promise<RunningMock> {
  // Otherwise the readiness check below would find whatever already listens there.
  if (!(await portIsFree(host, port))) {
    throw new Error(`port ${port} on ${host} is in use: stop what listens there, or pick another port (--port or MOCK_PORT)`);
  }
  const child = spawn(
    process.execPath,
    [prismCli, 'mock', join(generatedDir, 'openapi.yaml'), '--host', host, '--port', String(port), '--verboseLevel', logLevel],
    { cwd: root, stdio: ['ignore', stdio, stdio] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If this process dies first, Prism must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const url = `http://${host}:${port}`;
  try {
    await waitUntilListening(host, port, child, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`Prism did not start on ${url}: ${(error as Error).message}\n${output}`);
  }
  return { url, process: child, stop };
}

/** Prism listens only once the contract is loaded; a bare TCP connect tells, without a request in its log. */
async function waitUntilListening(host: string, port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Prism exited with code ${child.exitCode}`);
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

async function portIsFree(host: string, port: number): Promise<boolean> {
  return (await listenOnce(host, port)) !== undefined;
}

/** A port that was free a moment ago, for tests that must not collide with a mock already running. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const port = await listenOnce(host, 0);
  if (port === undefined) throw new Error(`cannot listen on ${host}`);
  return port;
}

/** The command-line option (`--port` by default), else the environment variable, else the fallback. */
export function portFrom(argv: string[], variable: string, fallback: number, option = 'port'): number {
  const { values } = parseArgs({ args: argv, options: { [option]: { type: 'string' } }, strict: false });
  const raw = (values[option] as string | undefined) ?? process.env[variable];
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`invalid port ${JSON.stringify(raw)}: give a number from 0 to 65535`);
  return port;
}

if (import.meta.main) {
  bundleContract();
  const mock = await startMock({ port: portFrom(process.argv.slice(2), 'MOCK_PORT', defaultMockPort), stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void mock.stop().then(() => process.exit(0)));
}
