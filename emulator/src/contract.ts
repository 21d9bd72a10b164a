// Where the emulator finds what it serves and what it is. The contract's bundles are generated from
// openapi/ into generated/ at the repository's root; the package's build copies them to the same place
// relative to the compiled code (dist/generated/), so this one relative path holds for both. The
// console's build lives in the package's own folder, console/dist/, in a checkout and installed.
import { findPackageJSON } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const contractFiles = {
  json: fileURLToPath(new URL('../../generated/openapi.json', import.meta.url)),
  yaml: fileURLToPath(new URL('../../generated/openapi.yaml', import.meta.url)),
};

const packageJson = findPackageJSON(import.meta.url)!;
let manifest: { name: string; version: string; engines: { node: string } } | undefined;

/** This package's package.json: the nearest one above this module, in a checkout or installed. */
export function emulatorPackage(): { name: string; version: string; engines: { node: string } } {
  return (manifest ??= JSON.parse(readFileSync(packageJson, 'utf8')) as { name: string; version: string; engines: { node: string } });
}

/** Where the console's build is: the package's console/dist/ (scripts/build-console.ts writes it). */
export const consoleDir = join(dirname(packageJson), 'console', 'dist');
