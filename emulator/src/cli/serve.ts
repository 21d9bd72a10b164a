// Serves the emulator (or the stateless mock) until stopped: the command line (./main.ts) and
// `npm run mock` run this, and startEmulator() starts it as a child process (../process.ts), which it
// tells where it listens over IPC.
import { startMock, type RunningMock } from '../mock.ts';
import { describeAuthentication, describeEmulator, mockSettingsFrom, strictModeHint, usage, type LogLevel } from './options.ts';
import type { PrismLogLevel } from '../gateway/prism-engine.ts';

/**
 * What a log level prints: info is one line per request (Prism kept to its warnings), debug adds
 * Prism's own lines (four a request), the rest keep to problems or to nothing.
 */
export function runLogging(level: LogLevel): { logLevel: PrismLogLevel; accessLog: boolean } {
  if (level === 'debug') return { logLevel: 'info', accessLog: true };
  if (level === 'info') return { logLevel: 'warn', accessLog: true };
  return { logLevel: level, accessLog: false };
}

/** What a mock started as a child process reports to its parent once it listens. */
export interface ReadyMessage {
  type: 'ready';
  url: string;
  strict: boolean;
  /** Where the emulator keeps its state (`memory` or its file), or undefined when stateless. */
  storage: string | undefined;
  /** The console's address (with its key when strict), or undefined when stateless. */
  console: string | undefined;
}

export async function serveMock(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunningMock> {
  const settings = mockSettingsFrom(argv, env);
  const child = process.send !== undefined;
  const mock = await startMock({ ...settings, ...runLogging(settings.logLevel ?? (child ? 'warn' : 'info')) });
  // On a line of its own, whatever the log level, so that a script can read the port --port 0 chose.
  console.log(`Listening on ${mock.url}`);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await mock.stop();
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(0));
  // Started by another process: when it goes, however it goes, so does the mock.
  process.once('disconnect', () => void stop(0));

  if (child) {
    const ready: ReadyMessage = { type: 'ready', url: mock.url, strict: mock.strict, storage: mock.emulator?.storage, console: mock.console };
    process.send!(ready);
  }
  return mock;
}

export function mockBanner(mock: RunningMock, credentials: Parameters<typeof describeAuthentication>[0], command = 'npm run mock --'): string {
  return [
    mock.emulator
      ? `  Emulator   ${mock.url}   (an API gateway in front of the emulator: Prism validates each request against the contract, flows run)`
      : `  Mock API   ${mock.url}   (an API gateway in front of Prism, which validates requests against the contract and answers with its examples)`,
    ...describeEmulator(mock.emulator),
    `  Auth       ${describeAuthentication(credentials)}`,
    ...(mock.console ? [consoleLine(mock.console, mock.strict)] : []),
    ...(mock.strict ? [] : ['', strictModeHint(command)]),
  ].join('\n');
}

/** The banner's line for the console. */
export function consoleLine(url: string, strict: boolean): string {
  return `  Console   ${url}   (flows drawn as graphs, executions followed node by node and acted on${strict ? '; it signs in with the credentials above' : ''})`;
}
