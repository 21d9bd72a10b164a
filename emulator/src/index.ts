// functiongraph-workflow-emulator: startEmulator() for test suites. The emulator runs in a process of
// its own, as the command line runs it (the same flags, checked by the same code), so that a test
// runner's module system, fake timers or a crashing test never reach it, and close() ends all of it.
// The handle reads and moves it through its own endpoints (/_emulator/, openapi/emulator.yaml).
import { request } from 'node:http';
import { knownOptions } from './cli/options.ts';
import type { components } from './generated/admin-api.ts';
import { spawnEmulator } from './process.ts';

export type Clock = components['schemas']['Clock'];
export type RecordedCall = components['schemas']['Call'];
export type Wait = components['schemas']['Wait'];
export type ProjectReset = components['schemas']['ProjectReset'];
export type EmulatorInfo = components['schemas']['EmulatorInfo'];

/** The command line's options (`--port`, `--data-dir`, …), by their camel-case names. */
export interface StartEmulatorOptions {
  /** 0 (the default here) picks a free port; `url` tells which. */
  port?: number;
  /** With `secretKey`: AK/SK signatures are verified, and only this key is known (strict mode). */
  accessKey?: string;
  secretKey?: string;
  /** The X-Security-Token of temporary credentials. */
  securityToken?: string;
  /** The one X-Auth-Token accepted (strict mode). */
  token?: string;
  /** Where the state is kept (SQLite); in memory when not given. */
  dataDir?: string;
  /** The scenarios file: what the flows' functions answer. */
  scenarios?: string;
  /** The functions file: the flows' functions as your own Node.js modules or HTTP endpoints. */
  functions?: string;
  /** Real time per virtual time of waiting: 1 (real time, the default), 0.01, 0 (at once). */
  timeScale?: number;
  /** Prism's examples only, no state. */
  stateless?: boolean;
  /** What the emulator prints to this process's standard error: `silent` … `debug`; `warn` by default. */
  logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug';
}

export interface CallFilter {
  executionId?: string;
  /** The function's name in the flow's `functions`. */
  function?: string;
}

/** An emulator to read and move: one this process started, or one at a URL (connectEmulator). */
export interface EmulatorClient {
  /** The base URL to point a client at (`endpoint`), e.g. http://127.0.0.1:40123. */
  url: string;
  /** The virtual clock: read it, or move it forward, ending every wait then due. */
  clock: {
    read(): Promise<Clock>;
    advance(seconds: number): Promise<Clock>;
  };
  /** The function calls a project's flows made, oldest first. */
  calls(projectId: string, filter?: CallFilter): Promise<RecordedCall[]>;
  /** What each running execution of a project waits on: a Sleep, a retry, a function, a callback (with the IDs it needs). */
  waits(projectId: string): Promise<Wait[]>;
  /** Forgets everything of one project: its flows, executions and calls. */
  reset(projectId: string): Promise<ProjectReset>;
  /** What the emulator runs with, and how many of its answers were checked against the contract. */
  info(): Promise<EmulatorInfo>;
}

export interface RunningEmulator extends EmulatorClient {
  /**
   * The console's address, to open in a browser: with its key when the emulator is strict (the page
   * then signs in with the emulator's credentials); undefined when stateless.
   */
  console: string | undefined;
  /** The emulator's process. */
  pid: number;
  /** The last of what the emulator printed, for a test's failure message. */
  output(): string;
  /** Stops the emulator and waits until its process (and every function's process) has exited. Safe to call more than once. */
  close(): Promise<void>;
}

/** Each option's flag, from the command line's own table: `dataDir` is `--data-dir`. */
const flags: Record<string, string> = Object.fromEntries(
  Object.keys(knownOptions)
    .filter((flag) => flag !== 'help')
    .map((flag) => [flag.replace(/-(.)/g, (_, letter: string) => letter.toUpperCase()), flag]),
);

/** The command line these options stand for; refuses an option the command line does not have. */
export function commandLineOf(options: StartEmulatorOptions): string[] {
  const argv: string[] = [];
  for (const [name, value] of Object.entries(options)) {
    if (!Object.hasOwn(flags, name)) {
      throw new TypeError(`startEmulator: unknown option ${JSON.stringify(name)}; the options are ${Object.keys(flags).join(', ')}`);
    }
    if (value === undefined) continue;
    const flag = `--${flags[name]}`;
    if (name === 'stateless') {
      if (typeof value !== 'boolean') throw new TypeError(`startEmulator: stateless is true or false, not ${JSON.stringify(value)}`);
      if (value) argv.push(flag);
      continue;
    }
    if (typeof value !== 'string' && typeof value !== 'number') throw new TypeError(`startEmulator: ${name} is a ${name === 'port' || name === 'timeScale' ? 'number' : 'string'}, not ${JSON.stringify(value)}`);
    // The command line checks each value, and says what is wrong with it.
    argv.push(flag, String(value));
  }
  return argv;
}

/**
 * Starts the emulator and resolves once it listens. Rejects with the emulator's own message when an
 * option is refused or it cannot start (a port in use, a broken scenarios or functions file).
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const { logLevel = 'warn', accessKey, secretKey, securityToken, token, ...rest } = options;
  // Credentials go in the environment, which other users of the machine cannot read, not on the command line, which they can.
  const credentials = { MOCK_ACCESS_KEY: accessKey, MOCK_SECRET_KEY: secretKey, MOCK_SECURITY_TOKEN: securityToken, MOCK_TOKEN: token };
  for (const [name, value] of Object.entries({ accessKey, secretKey, securityToken, token })) {
    if (value !== undefined && typeof value !== 'string') throw new TypeError(`startEmulator: ${name} is a string, not ${typeof value}`);
  }
  const env = Object.fromEntries(Object.entries(credentials).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const spawned = await spawnEmulator([...commandLineOf(rest), '--log-level', logLevel], { env, output: 'forward' }).catch((error: Error) => {
    throw new Error(`startEmulator: ${error.message}`);
  });
  return { ...connectEmulator(spawned.url), console: spawned.console, pid: spawned.process.pid!, output: spawned.output, close: spawned.stop };
}

/**
 * The same handle, but on an emulator running elsewhere: the one a test runner's global setup started
 * (handing its `url` to the test files), or one started with npx. It has no close().
 */
export function connectEmulator(url: string): EmulatorClient {
  const base = new URL(url);
  if (base.protocol !== 'http:') throw new TypeError(`connectEmulator: the emulator serves http://, not ${base.protocol}`);
  const admin = <T>(method: string, path: string, body?: unknown) => adminRequest<T>(base, method, `/_emulator/${path}`, body);
  const project = (projectId: string) => `projects/${encodeURIComponent(projectId)}`;
  return {
    url: base.origin,
    clock: {
      read: () => admin<Clock>('GET', 'clock'),
      advance: (seconds) => admin<Clock>('POST', 'clock/advance', { seconds }),
    },
    async calls(projectId, filter = {}) {
      const calls: RecordedCall[] = [];
      // The endpoint answers a page at a time; follow it to the end.
      for (let after = 0; ; ) {
        const query = new URLSearchParams({ after: String(after), limit: '1000' });
        if (filter.executionId !== undefined) query.set('execution_id', filter.executionId);
        if (filter.function !== undefined) query.set('function', filter.function);
        const page = await admin<{ calls: RecordedCall[] }>('GET', `${project(projectId)}/calls?${query}`);
        calls.push(...page.calls);
        if (page.calls.length < 1000) return calls;
        after = page.calls[page.calls.length - 1]!.seq;
      }
    },
    waits: async (projectId) => (await admin<{ waits: Wait[] }>('GET', `${project(projectId)}/waits`)).waits,
    reset: (projectId) => admin<ProjectReset>('DELETE', project(projectId)),
    info: () => admin<EmulatorInfo>('GET', 'info'),
  };
}

/**
 * One request to the emulator's own endpoints, on a connection of its own that closes with the answer:
 * nothing of it is left open once the emulator stops (a pooled keep-alive socket would be).
 */
function adminRequest<T>(base: URL, method: string, path: string, body?: unknown): Promise<T> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<T>((resolve, reject) => {
    const sent = request(
      { host: base.hostname, port: base.port, method, path, agent: false, timeout: 30_000, headers: { Accept: 'application/json', ...(payload !== undefined && { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            return reject(new Error(`${method} ${path}: the emulator answered ${response.statusCode} with no JSON: ${text.slice(0, 200)}`));
          }
          if (response.statusCode !== 200) {
            return reject(new Error(`${method} ${path}: the emulator answered ${response.statusCode}: ${(parsed as { error_msg?: string }).error_msg ?? text.slice(0, 200)}`));
          }
          resolve(parsed as T);
        });
        response.on('error', reject);
      },
    );
    sent.on('timeout', () => sent.destroy(new Error(`${method} ${path}: the emulator did not answer within 30 s`)));
    sent.on('error', reject);
    sent.end(payload);
  });
}
