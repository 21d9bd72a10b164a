// Writes the single-file descriptions that other teams consume, into generated/ (committed).
//   openapi.yaml, openapi.json         the bundle: one file, internal $refs only
//   openapi.dereferenced.json          every $ref inlined, for tools that handle $ref poorly
import { mkdirSync, readFileSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parse } from 'yaml';
import { apiName, bin, generatedDir } from './paths.ts';
import { runOrThrow } from './run.ts';

export const bundleFiles = ['openapi.yaml', 'openapi.json', 'openapi.dereferenced.json'] as const;

export function bundleContract(outDir: string = generatedDir): void {
  mkdirSync(outDir, { recursive: true });
  const yamlFile = join(outDir, 'openapi.yaml');
  runOrThrow(bin('redocly'), ['bundle', apiName, '-o', yamlFile]);
  writeJson(join(outDir, 'openapi.json'), parse(readFileSync(yamlFile, 'utf8')));

  // The CLI picks the format from the extension; bundle to a scratch file, then normalise the JSON.
  const scratch = mkdtempSync(join(tmpdir(), 'fgs-deref-'));
  try {
    const derefFile = join(scratch, 'openapi.json');
    runOrThrow(bin('redocly'), ['bundle', apiName, '--dereferenced', '-o', derefFile]);
    writeJson(join(outDir, 'openapi.dereferenced.json'), JSON.parse(readFileSync(derefFile, 'utf8')));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

if (import.meta.main) {
  bundleContract();
  console.log(`Bundled the contract into ${generatedDir}: ${bundleFiles.join(', ')}`);
}
