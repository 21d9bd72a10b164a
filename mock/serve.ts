// Serves the mock until stopped: `npm run mock` runs this after bundling the contract, and the tests
// start it as a child process (see ./process.ts), which it tells where it listens over IPC.
import { startMock, type RunningMock } from './mock.ts';
import { describeAuthentication, describeEmulator, mockSettingsFrom, strictModeHint } from './options.ts';

/** What a mock started as a child process reports to its parent once it listens. */
export interface ReadyMessage {
  type: 'ready';
  url: string;
  strict: boolean;
  /** Where the emulator keeps its state (`memory` or its file), or undefined when stateless. */
  storage: string | undefined;
}

export async function serveMock(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunningMock> {
  const settings = mockSettingsFrom(argv, env);
  const child = process.send !== undefined;
  const mock = await startMock({ ...settings, logLevel: child ? 'warn' : 'info' });

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
    const ready: ReadyMessage = { type: 'ready', url: mock.url, strict: mock.strict, storage: mock.emulator?.storage };
    process.send!(ready);
  }
  return mock;
}

export function mockBanner(mock: RunningMock, credentials: Parameters<typeof describeAuthentication>[0], command = 'npm run mock'): string {
  return [
    mock.emulator
      ? `  Emulator   ${mock.url}   (an API gateway in front of the emulator: Prism validates each request against the contract, flows run)`
      : `  Mock API   ${mock.url}   (an API gateway in front of Prism, which validates requests against the contract and answers with its examples)`,
    ...describeEmulator(mock.emulator),
    `  Auth       ${describeAuthentication(credentials)}`,
    ...(mock.strict ? [] : ['', strictModeHint(command)]),
  ].join('\n');
}

if (import.meta.main) {
  try {
    const argv = process.argv.slice(2);
    const mock = await serveMock(argv);
    if (!process.send) console.log(`\n${mockBanner(mock, mockSettingsFrom(argv).credentials)}\n\nPress Ctrl-C to stop.`);
  } catch (error) {
    console.error(`mock: ${(error as Error).message}`);
    process.exit(2);
  }
}
