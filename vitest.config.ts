import { defineConfig } from 'vitest/config';
import SlowestFirst from './test/setup/sequencer.ts';

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
    // Type tests (*.test-d.ts) run through the compiler: a @ts-expect-error that no longer errors fails.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    hookTimeout: 60_000,
  },
});
