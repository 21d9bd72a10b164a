import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import SlowestFirst from './test/setup/sequencer.ts';

// Node.js keeps the compiled code of the modules it loads on disk, and every test worker and every
// process a test starts (the emulators, Prism, the consumers' runners) loads it from there: on a fresh
// clone, the first to load a module compiles it for the rest of the run.
process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), 'functiongraph-workflow-api-compile-cache');

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/mock.ts', 'test/setup/package.ts'],
    // The contract tests run real tools (Redocly, Prism, Chromium); give them room on a 2-core machine.
    testTimeout: 60_000,
    // Two files at a time. Vitest's default is one worker per core but one, so a 2-core machine ran every
    // file alone, although most of a file's time is spent waiting on servers, child processes and timers.
    maxWorkers: 2,
    // The slowest files first, also on a fresh clone, which has no timings (test/setup/sequencer.ts).
    sequence: { sequencer: SlowestFirst },
    // The type tests (test/types/*.test-d.ts) are compiled by `npm run typecheck` (tsc -p tsconfig.json),
    // which fails on an expectTypeOf that does not hold and on a @ts-expect-error that no longer errors,
    // and by test/types/typescript-versions.test.ts under TypeScript 7; Vitest's own typecheck would
    // compile the whole project a third time.
    hookTimeout: 60_000,
  },
});
