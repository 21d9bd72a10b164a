// Where things live, in one place, so scripts and tests agree.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const contractRoot = join(root, 'openapi', 'openapi.yaml');
export const generatedDir = join(root, 'generated');
export const docsFile = join(root, 'build', 'docs', 'index.html');

/** The API as named in redocly.yaml: lint, bundle and docs all use its configuration. */
export const apiName = 'functiongraph-workflow@v2';
/** The emulator's own endpoints (/_emulator/), described apart from the contract. */
export const emulatorApiName = 'openapi/emulator.yaml';
export const emulatorDocsFile = join(root, 'build', 'docs', 'emulator.html');

/** A tool that npm installed into node_modules/.bin. */
export function bin(name: string): string {
  return join(root, 'node_modules', '.bin', name);
}
