// Vitest global setup: one real Prism process for the whole run, on a free port, stopped at the end
// (also when tests fail). Tests read its URL with inject('mockUrl').
import type { TestProject } from 'vitest/node';
import { freePort, startMock } from '../../scripts/mock.ts';

export default async function setup(project: TestProject) {
  const mock = await startMock({ port: await freePort(), logLevel: 'warn' });
  project.provide('mockUrl', mock.url);
  return () => mock.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
  }
}
