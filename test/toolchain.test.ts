import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../scripts/paths.ts';

describe('toolchain', () => {
  it('runs on the Node version pinned by the repository', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const pinned = pkg.devDependencies.node as string;
    expect(readFileSync(join(root, '.nvmrc'), 'utf8').trim()).toBe(pinned);
    expect(process.version, 'npm scripts should find node_modules/.bin/node first; run `npm ci`').toBe(`v${pinned}`);
  });
});
