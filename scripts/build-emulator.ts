// Builds what the emulator package (emulator/) ships into emulator/dist/: its sources and those of the
// client's it runs, compiled by tsc, and the contract's bundles it serves, copied from generated/ to
// the same place relative to the compiled code (see emulator/src/contract.ts).
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bin, generatedDir, root } from './paths.ts';
import { runOrThrow } from './run.ts';

export const emulatorDir = join(root, 'emulator');
export const emulatorDistDir = join(emulatorDir, 'dist');

export function buildEmulator(): void {
  rmSync(emulatorDistDir, { recursive: true, force: true });
  runOrThrow(bin('tsc'), ['-p', join(emulatorDir, 'tsconfig.build.json')]);
  mkdirSync(join(emulatorDistDir, 'generated'), { recursive: true });
  for (const file of ['openapi.json', 'openapi.yaml']) copyFileSync(join(generatedDir, file), join(emulatorDistDir, 'generated', file));
}

if (import.meta.main) {
  buildEmulator();
  console.log(`Built the emulator package into ${emulatorDistDir}`);
}
