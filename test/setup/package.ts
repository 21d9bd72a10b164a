// Vitest global setup: a scratch folder for the whole run, where the first test that needs the packed
// package packs and installs it and every later one reuses it (test/helpers/packed-package.ts).
// Nothing is packed here, so a run that needs no package pays nothing. Removed at the end.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'fgs-package-'));
  project.provide('packageDir', dir);
  // In watch mode, a rerun must pack the sources as they are now.
  project.onTestsRerun(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
  });
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    packageDir: string;
  }
}
