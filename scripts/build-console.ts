// Builds the emulator's console (emulator/console/: Preact and dagre, in TypeScript) with Vite into
// emulator/console/dist/, which the emulator serves under /_console/ and its package ships. The build
// goes to a folder of its own first and takes the place of the last one in two renames, so that an
// emulator starting meanwhile reads one whole build or the other, never half of each.
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'vite';
import { consoleDir } from '../emulator/src/contract.ts';
import { root } from './paths.ts';

export const consoleSourceDir = join(root, 'emulator', 'console');
/** Where the emulator looks for the console (emulator/src/contract.ts). */
export const consoleDistDir = consoleDir;

export interface BuiltFile {
  name: string;
  bytes: number;
  gzipBytes: number;
}

export async function buildConsole(): Promise<BuiltFile[]> {
  const staging = mkdtempSync(join(consoleSourceDir, '.dist-'));
  try {
    await build({
      root: consoleSourceDir,
      configFile: false,
      // Relative URLs: the page works wherever it is served from (/_console/ on the emulator).
      base: './',
      logLevel: 'warn',
      // The same build whatever NODE_ENV the caller has: under a test runner ("test"), JSX would
      // otherwise be compiled for development, with each element's source position.
      mode: 'production',
      publicDir: false,
      oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
      build: {
        outDir: staging,
        emptyOutDir: true,
        // Vite's preload helper would be an inline script, which the console's Content-Security-Policy forbids.
        modulePreload: false,
        target: 'es2022',
        sourcemap: false,
        reportCompressedSize: false,
        assetsInlineLimit: 0,
      },
    });
    const previous = `${consoleDistDir}.old-${process.pid}`;
    try {
      renameSync(consoleDistDir, previous);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    renameSync(staging, consoleDistDir);
    rmSync(previous, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return filesOf(consoleDistDir);
}

/** The built files with their sizes, raw and gzipped, largest first. */
export function filesOf(dir: string): BuiltFile[] {
  const files: BuiltFile[] = [];
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) visit(path);
      else {
        const body = readFileSync(path);
        files.push({ name: relative(dir, path), bytes: body.length, gzipBytes: gzipSync(body).length });
      }
    }
  };
  visit(dir);
  return files.sort((a, b) => b.bytes - a.bytes);
}

if (import.meta.main) {
  const files = await buildConsole();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(`Built the console into ${consoleDistDir}:`);
  for (const file of files) console.log(`  ${file.name.padEnd(32)} ${kb(file.bytes).padStart(10)}  (${kb(file.gzipBytes)} gzipped)`);
}
