// Every published file, JSON and YAML, through the validators other teams run on it, each
// independent of the one in variants.test.ts and of Redocly:
//   Spectral's spectral:oas ruleset          every file; no error, and no warning but the ones listed
//   @apidevtools/swagger-parser              every file (what orval and many others parse with)
//   @readme/openapi-parser                   every file
//   oas-validator (Mermade's oas-kit)        the 3.0 files (it reads only 3.0)
// Each validator also gets a broken document, so a validator that checks nothing fails here.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { validate as readmeValidate } from '@readme/openapi-parser';
import { Document, Spectral, type ISpectralDiagnostic } from '@stoplight/spectral-core';
import { Json as JsonParser, Yaml as YamlParser } from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bundleFiles } from '../../scripts/bundle.ts';
import { generatedDir } from '../../scripts/paths.ts';
import type { JsonObject } from '../helpers/contract.ts';

const oasValidator = createRequire(import.meta.url)('oas-validator') as { validate(doc: unknown, options: object): Promise<unknown> };

// Spectral's warnings that the contract answers on purpose: it names no contact, there being no
// support address for this description other than Huawei's own.
const acceptedWarnings = new Set(['info-contact']);

const files = bundleFiles.map((file) => ({ file, path: join(generatedDir, file), text: readFileSync(join(generatedDir, file), 'utf8') }));
const docOf = (text: string): JsonObject => parse(text) as JsonObject;

async function spectralLint(text: string, file: string): Promise<ISpectralDiagnostic[]> {
  const spectral = new Spectral();
  spectral.setRuleset({ extends: [[oas as never, 'recommended']] });
  return spectral.run(file.endsWith('.json') ? new Document(text, JsonParser, file) : new Document(text, YamlParser, file));
}

const describeDiagnostic = (d: ISpectralDiagnostic) => `${d.code} at ${d.path.join('.')}: ${d.message}`;

/** The first validation message of a rejected document, or null when it is valid. */
async function rejection(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function readmeRejection(doc: JsonObject | string): Promise<string | null> {
  const result = await readmeValidate(typeof doc === 'string' ? doc : structuredClone(doc) as never);
  return result.valid ? null : JSON.stringify(result.errors);
}

async function oasValidatorRejection(doc: JsonObject): Promise<string | null> {
  return rejection(() => oasValidator.validate(structuredClone(doc), {}));
}

describe.each(files)('generated/$file', ({ path, text }) => {
  it("Spectral's spectral:oas reports no error, and no warning but the accepted ones", async () => {
    const diagnostics = await spectralLint(text, path);
    const errors = diagnostics.filter((d) => d.severity === 0).map(describeDiagnostic);
    expect(errors).toEqual([]);
    const unexpected = diagnostics.filter((d) => d.severity === 1 && !acceptedWarnings.has(String(d.code))).map(describeDiagnostic);
    expect(unexpected).toEqual([]);
  });

  it('@apidevtools/swagger-parser validates it', async () => {
    expect(await rejection(() => SwaggerParser.validate(path))).toBeNull();
  });

  it('@readme/openapi-parser validates it', async () => {
    expect(await readmeRejection(path)).toBeNull();
  });
});

describe('the 3.0 files', () => {
  it.each(files.filter(({ file }) => file.startsWith('openapi-3.0')))('oas-validator validates generated/$file', async ({ text }) => {
    expect(await oasValidatorRejection(docOf(text))).toBeNull();
  });
});

describe('the validators are really checking', () => {
  const v31 = docOf(files.find((f) => f.file === 'openapi.json')!.text);
  const v30 = docOf(files.find((f) => f.file === 'openapi-3.0.json')!.text);

  /** A copy whose first operation's 200 answer has lost its required description. */
  const withoutResponseDescription = (doc: JsonObject): JsonObject => {
    const broken = structuredClone(doc);
    const paths = broken.paths as Record<string, Record<string, { responses: Record<string, JsonObject> }>>;
    const firstPath = Object.values(paths)[0]!;
    const operation = Object.values(firstPath).find((value) => typeof value === 'object' && 'responses' in value)!;
    operation.responses['200'] = { content: {} };
    return broken;
  };

  it.each([
    ['3.1', v31],
    ['3.0', v30],
  ] as const)('each rejects a %s document with an answer that has no description', async (_version, doc) => {
    const broken = withoutResponseDescription(doc);
    expect(await rejection(() => SwaggerParser.validate(structuredClone(broken) as never))).not.toBeNull();
    expect(await readmeRejection(broken)).not.toBeNull();
    const diagnostics = await spectralLint(JSON.stringify(broken), 'broken.json');
    expect(diagnostics.filter((d) => d.severity === 0).length).toBeGreaterThan(0);
    if (doc === v30) expect(await oasValidatorRejection(broken)).not.toBeNull();
  });

  it("Spectral finds a $ref's sibling in a 3.0 document, which 3.0 tools drop", async () => {
    const broken = structuredClone(v30);
    const schemas = (broken.components as JsonObject).schemas as Record<string, { properties: Record<string, JsonObject> }>;
    schemas.StartWorkflowExecutionResponseBody!.properties.execution_id = { $ref: '#/components/schemas/ExecutionId', description: 'dropped by 3.0 tools' };
    const codes = (await spectralLint(JSON.stringify(broken), 'broken.json')).filter((d) => d.severity === 0).map((d) => d.code);
    expect(codes).toContain('no-$ref-siblings');
  });

  it("swagger-parser 13 still rejects a 3.1 server variable's description, which is why the region is described on the server", async () => {
    // A defect of the OpenAPI 3.1 JSON Schema it ships (the property is spelt "descriptions"):
    // APIDevTools/swagger-cli#83. When this starts to pass, the variable may carry its description again.
    const withDescription = structuredClone(v31);
    const server = (withDescription.servers as Array<{ variables: Record<string, JsonObject> }>)[0]!;
    server.variables.region!.description = 'Region that hosts the flow.';
    expect(await rejection(() => SwaggerParser.validate(withDescription as never))).toMatch(/unevaluated properties/);
    for (const doc of [v31, v30]) {
      for (const server of doc.servers as Array<{ variables?: Record<string, JsonObject> }>) {
        for (const variable of Object.values(server.variables ?? {})) expect(variable).not.toHaveProperty('description');
      }
    }
  });
});
