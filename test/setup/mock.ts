// Vitest global setup: two real mocks for the whole run, each a process of its own (the gateway) with
// Prism behind it, on ephemeral ports, stopped at the end (also when tests fail, and by the operating
// system's closing of their IPC channel if this process dies first).
//   mockUrl        lenient: any token, any signature that is present (as `npm run mock` with no credentials)
//   strictMockUrl  strict: only the credentials in test/helpers/mock-credentials.ts
//   strictPrismUrl the Prism behind the strict gateway, called directly only to measure the gateway's cost
//   strictMockPids the strict mock's process IDs (gateway and Prism), for the CPU time they use
import type { TestProject } from 'vitest/node';
import { spawnMock } from '../../mock/process.ts';
import { strictMockArgs } from '../helpers/mock-credentials.ts';

export default async function setup(project: TestProject) {
  const started = await Promise.allSettled([spawnMock(), spawnMock(strictMockArgs)]);
  const stopAll = () => Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  const [lenient, strict] = started.map((result) => (result as PromiseFulfilledResult<Awaited<ReturnType<typeof spawnMock>>>).value) as [
    Awaited<ReturnType<typeof spawnMock>>,
    Awaited<ReturnType<typeof spawnMock>>,
  ];
  project.provide('mockUrl', lenient.url);
  project.provide('strictMockUrl', strict.url);
  project.provide('strictPrismUrl', strict.prismUrl);
  project.provide('strictMockPids', { gateway: strict.process.pid!, prism: strict.prismPid });
  return async () => {
    await stopAll();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
    strictMockUrl: string;
    strictPrismUrl: string;
    /** For measurements: the processes of the strict mock. */
    strictMockPids: { gateway: number; prism: number };
  }
}
