// The order test files start in. Vitest starts the files that took longest last time first, but a fresh
// clone (CI, a newcomer) has no timings, and Vitest then starts the largest files first: the slowest
// ones, which mostly wait on child processes, packing and real time, then ran last, alone, and npm test
// took half a minute longer. These start first, in this order (from timings of npm test on a fresh
// clone); every other file is ordered as Vitest orders it.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const slowestFirst = [
  'test/package/package.test.ts',
  'test/client/hostile-servers.test.ts',
  'test/client/runtimes.test.ts',
  'test/package/emulator-package.test.ts',
  'test/emulator/functions.test.ts',
  'test/console/console.test.ts',
  'test/client/node-fetch.test.ts',
  'test/contract/validators.test.ts',
  'test/docs/browser.test.ts',
  'test/mock/load.test.ts',
  'test/runtimes/runtimes.test.ts',
  'test/client/wait.test.ts',
];

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const index = slowestFirst.findIndex((path) => spec.moduleId.endsWith(`/${path}`));
      return index === -1 ? slowestFirst.length : index;
    };
    const rest = await super.sort(files.filter((spec) => rank(spec) === slowestFirst.length));
    return [...files.filter((spec) => rank(spec) < slowestFirst.length).sort((a, b) => rank(a) - rank(b)), ...rest];
  }
}
