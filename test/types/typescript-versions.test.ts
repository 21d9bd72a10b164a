// The type tests (test/types/*.test-d.ts, with the rest of the project) compile under the pinned
// TypeScript, which `npm run typecheck` runs, and under the newest major, TypeScript 7 (the native
// compiler, installed from the registry as `typescript-7`): both with strict, exactOptionalPropertyTypes
// and noUncheckedIndexedAccess on, as tsconfig.json sets them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/paths.ts';
import { run } from '../../scripts/run.ts';

const newest = join(root, 'node_modules', 'typescript-7', 'bin', 'tsc');
const config = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as { compilerOptions: Record<string, unknown> };

describe('the types under the newest TypeScript major', () => {
  it('tsconfig.json holds the strict settings users build with', () => {
    expect(config.compilerOptions).toMatchObject({ strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true });
  });

  it('TypeScript 7 is installed, and compiles the project and its type tests with no error', () => {
    const version = run(newest, ['--version']);
    expect(version.status, `${newest} does not run: run \`npm ci\`\n${version.stderr}`).toBe(0);
    expect(version.stdout).toMatch(/^Version 7\./);
    const { status, stdout, stderr } = run(newest, ['-p', join(root, 'tsconfig.json')]);
    expect(status, stdout + stderr).toBe(0);
  });
});
