// Vitest global setup: the real processes the mock tests call, for the whole run, on ephemeral ports,
// stopped at the end (also when tests fail, and by the operating system's closing of their IPC channel
// if this process dies first):
//   mockUrl         lenient: any token, any signature that is present (as `npm run mock` with no credentials)
//   strictMockUrl   strict: only the credentials in test/helpers/mock-credentials.ts
//   prismAloneUrl   Prism's own CLI server on the published bundle (`prism mock`, as anyone runs it
//                   without this repository): what the mock's answers and cost are compared with
//   mockPids        the strict mock's process and Prism alone's, for the CPU time they use
// Each mock is one process: the gateway, with Prism's engine inside it.
import type { TestProject } from 'vitest/node';
import { startPrismCli } from '../../scripts/prism-cli.ts';
import { spawnEmulator } from '../../emulator/src/process.ts';
import { strictMockArgs } from '../helpers/mock-credentials.ts';

export default async function setup(project: TestProject) {
  const lenient = spawnEmulator(['--stateless']);
  const strict = spawnEmulator(['--stateless', ...strictMockArgs]);
  // Logging as little as the mocks do, so that a comparison of cost is fair.
  const prismAlone = startPrismCli({ logLevel: 'warn' });
  const started = await Promise.allSettled([lenient, strict, prismAlone]);
  const stopAll = () => Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  project.provide('mockUrl', (await lenient).url);
  project.provide('strictMockUrl', (await strict).url);
  project.provide('prismAloneUrl', (await prismAlone).url);
  project.provide('mockPids', { strictMock: (await strict).process.pid!, prismAlone: (await prismAlone).process.pid! });
  return async () => {
    await stopAll();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
    strictMockUrl: string;
    prismAloneUrl: string;
    /** For measurements: the strict mock's process, and Prism alone's. */
    mockPids: { strictMock: number; prismAlone: number };
  }
}
