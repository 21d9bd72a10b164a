// The npm package as people install it: `npm pack` of this checkout (its prepack builds dist/), and the
// tarball installed into a fresh project. Packed once per test run and shared: the first test file to
// ask packs and installs under a lock in the run's scratch folder (test/setup/package.ts), the others
// wait for it. Each test writes its own files into a folder of its own inside the project.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { runOrThrow } from '../../scripts/run.ts';

/** What `npm pack --json` reports about the tarball. */
export interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: Array<{ path: string }>;
}

export interface PackedPackage {
  packed: Packed;
  /** The tarball's path. */
  tarball: string;
  /** A project (`"type": "module"`) with the tarball, and only what it depends on, installed in node_modules. */
  project: string;
}

let shared: Promise<PackedPackage> | undefined;

/** The packed and installed package; packs only if no test of this run has yet. */
export function packedPackage(): Promise<PackedPackage> {
  shared ??= obtain(inject('packageDir'));
  return shared;
}

async function obtain(dir: string): Promise<PackedPackage> {
  const ready = join(dir, 'packed.json');
  const failed = join(dir, 'failed.txt');
  try {
    mkdirSync(join(dir, 'lock'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another test file is packing; the hook's time limit ends a wait that never finishes.
    for (;;) {
      if (existsSync(ready)) return JSON.parse(readFileSync(ready, 'utf8')) as PackedPackage;
      if (existsSync(failed)) throw new Error(`Packing the package failed in another test file:\n${readFileSync(failed, 'utf8')}`);
      await sleep(200);
    }
  }
  try {
    const result = packAndInstall(dir);
    writeFileSync(`${ready}.partial`, JSON.stringify(result));
    renameSync(`${ready}.partial`, ready);
    return result;
  } catch (error) {
    writeFileSync(failed, error instanceof Error ? (error.stack ?? error.message) : String(error));
    throw error;
  }
}

/** `npm pack` of this checkout (with `args`, `--workspace emulator` say) into `dir`, as npm reports it. */
export function npmPack(dir: string, args: string[] = []): Packed {
  const output = runOrThrow('npm', ['pack', ...args, '--json', '--pack-destination', dir]).stdout;
  // npm prints the prepack build's output before the JSON.
  return (JSON.parse(output.slice(output.search(/^\[/m))) as Packed[])[0]!;
}

function packAndInstall(dir: string): PackedPackage {
  const packed = npmPack(dir);
  const tarball = join(dir, packed.filename);
  console.log(`package: ${packed.filename}, ${(packed.size / 1024).toFixed(1)} KiB packed, ${(packed.unpackedSize / 1024).toFixed(1)} KiB unpacked, ${packed.entryCount} files`);

  const project = join(dir, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  runOrThrow('npm', ['install', tarball, '--prefix', project, '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts']);
  return { packed, tarball, project };
}
