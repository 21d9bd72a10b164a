// Writes the single-file descriptions that other teams consume, into generated/ (committed).
//   openapi.yaml, openapi.json         the bundle (OpenAPI 3.1): one file, internal $refs only
//   openapi.dereferenced.json          every $ref inlined, for tools that handle $ref poorly; no
//                                      components but the security schemes
//   openapi-3.0.yaml, openapi-3.0.json the same contract as OpenAPI 3.0.3, for generators that
//                                      still handle 3.0 better
import { mkdirSync, readFileSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Converter } from '@apiture/openapi-down-convert';
import { parse, stringify } from 'yaml';
import { apiName, bin, generatedDir } from './paths.ts';
import { runOrThrow } from './run.ts';

export const bundleFiles = ['openapi.yaml', 'openapi.json', 'openapi.dereferenced.json', 'openapi-3.0.yaml', 'openapi-3.0.json'] as const;

export function bundleContract(outDir: string = generatedDir): void {
  mkdirSync(outDir, { recursive: true });
  const yamlFile = join(outDir, 'openapi.yaml');
  runOrThrow(bin('redocly'), ['bundle', apiName, '-o', yamlFile]);
  const bundle = parse(readFileSync(yamlFile, 'utf8'));
  writeJson(join(outDir, 'openapi.json'), bundle);

  const downgraded = toOpenApi30(bundle);
  writeFileSync(join(outDir, 'openapi-3.0.yaml'), stringify(downgraded, { lineWidth: 0 }));
  writeJson(join(outDir, 'openapi-3.0.json'), downgraded);

  // The CLI picks the format from the extension; bundle to a scratch file, then normalise the JSON.
  const scratch = mkdtempSync(join(tmpdir(), 'fgs-deref-'));
  try {
    const derefFile = join(scratch, 'openapi.json');
    runOrThrow(bin('redocly'), ['bundle', apiName, '--dereferenced', '-o', derefFile]);
    writeJson(join(outDir, 'openapi.dereferenced.json'), pruneComponents(JSON.parse(readFileSync(derefFile, 'utf8'))));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * OpenAPI 3.1 to 3.0.3 with apiture's converter. A `$ref` with a sibling `description` (allowed in 3.1,
 * ignored in 3.0) becomes `allOf: [{ $ref }]` beside that description, so 3.0 tools keep it. 3.0's
 * info has no summary, which opens the description instead, and its license has no SPDX identifier,
 * which becomes the license's URL.
 */
export function toOpenApi30(bundle: Record<string, unknown>): Record<string, unknown> {
  const converted = new Converter(structuredClone(bundle), { allOfTransform: true }).convert() as { info: Record<string, unknown> };
  // 3.0's license has no SPDX identifier; the converter drops it, and its SPDX page says the same.
  const identifier = (bundle.info as { license?: { identifier?: string } }).license?.identifier;
  const license = converted.info.license as Record<string, unknown> | undefined;
  if (identifier !== undefined && license !== undefined && license.url === undefined) license.url = `https://spdx.org/licenses/${identifier}.html`;
  const { summary, description } = converted.info;
  if (typeof summary === 'string') {
    converted.info.description = typeof description === 'string' ? `${summary}\n\n${description}` : summary;
    delete converted.info.summary;
  }
  return converted;
}

/**
 * A dereferenced document has nothing left that refers to a component by `$ref`; keeping them only
 * makes generators emit every type twice. Security schemes stay: `security` names them.
 */
export function pruneComponents(dereferenced: Record<string, unknown>): Record<string, unknown> {
  const components = dereferenced.components as Record<string, unknown> | undefined;
  if (components === undefined) return dereferenced;
  return { ...dereferenced, components: { securitySchemes: components.securitySchemes } };
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

if (import.meta.main) {
  bundleContract();
  console.log(`Bundled the contract into ${generatedDir}: ${bundleFiles.join(', ')}`);
}
