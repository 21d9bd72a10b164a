// Builds the HTML reference with Redocly into build/docs/ (not committed).
// --inlineBundle embeds Redoc's scripts, so the page works offline and from a file.
import { dirname } from 'node:path';
import { mkdirSync } from 'node:fs';
import { apiName, bin, docsFile } from './paths.ts';
import { runOrThrow } from './run.ts';

export function buildDocs(outFile: string = docsFile): void {
  mkdirSync(dirname(outFile), { recursive: true });
  runOrThrow(bin('redocly'), ['build-docs', apiName, '--inlineBundle', '-o', outFile]);
}

if (import.meta.main) {
  buildDocs();
  console.log(`Built the API reference: ${docsFile}`);
}
