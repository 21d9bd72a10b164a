// `npm run generate`: everything in generated/ from openapi/, in order.
//   1. the bundles (scripts/bundle.ts)
//   2. schema.d.ts, the TypeScript types (openapi-typescript, configured in redocly.yaml)
//   3. operations.ts, the request and response constraints the client checks at run time
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleContract } from './bundle.ts';
import { resolveRef, type Json, type JsonObject } from './json.ts';
import { bin, generatedDir } from './paths.ts';
import { runOrThrow } from './run.ts';


export const operationsFile = join(generatedDir, 'operations.ts');

/** Keywords that carry a constraint the client enforces; anything else that constrains is refused below. */
const carried = ['type', 'minLength', 'maxLength', 'enum', 'pattern'] as const;
/** Keywords that describe without constraining, or that the table expresses another way. */
const descriptive = new Set(['description', 'title', 'example', 'examples', 'properties', 'required', 'additionalProperties', '$ref']);

export function renderOperationsModule(bundle: JsonObject): string {
  // A $ref's siblings (e.g. a description) do not constrain; only the target's keywords matter here.
  const resolve = (node: Json) => resolveRef(bundle, node) as JsonObject;

  const constraintsOf = (where: string, raw: Json): JsonObject => {
    const schema = resolve(raw);
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(schema)) {
      if ((carried as readonly string[]).includes(key)) out[key] = value;
      else if (key === 'additionalProperties' && value !== true) {
        throw new Error(`${where}: additionalProperties other than true is not enforced by the client yet`);
      } else if (!descriptive.has(key)) {
        throw new Error(`${where}: schema keyword "${key}" is not carried into generated/operations.ts; teach scripts/generate.ts and src/validate.ts about it`);
      }
    }
    return out;
  };

  const objectSchema = (where: string, raw: Json): JsonObject => {
    const schema = resolve(raw);
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const properties: JsonObject = {};
    for (const [name, property] of Object.entries((schema.properties as JsonObject | undefined) ?? {})) {
      properties[name] = { required: required.has(name), ...constraintsOf(`${where}.${name}`, property) };
    }
    return { ...constraintsOf(where, { ...schema, properties: null, required: null }), properties };
  };

  const table: JsonObject = {};
  for (const [path, rawItem] of Object.entries(bundle.paths as JsonObject)) {
    const item = resolve(rawItem);
    for (const [method, rawOperation] of Object.entries(item)) {
      if (method === 'parameters') continue;
      const operation = rawOperation as JsonObject;
      const id = String(operation.operationId);
      const parameters: Record<string, JsonObject> = { path: {}, header: {}, query: {} };
      for (const raw of [...((item.parameters as Json[]) ?? []), ...((operation.parameters as Json[]) ?? [])]) {
        const parameter = resolve(raw);
        const group = parameters[String(parameter.in)];
        if (!group) throw new Error(`${id}: parameters in "${String(parameter.in)}" are not supported`);
        group[String(parameter.name)] = {
          required: parameter.required === true,
          ...constraintsOf(`${id} parameter ${String(parameter.name)}`, parameter.schema as Json),
        };
      }
      const body = resolve(operation.requestBody as Json);
      const json = ((body.content as JsonObject)['application/json'] as JsonObject | undefined);
      if (!json) throw new Error(`${id}: only application/json request bodies are supported`);
      const success = Object.entries(operation.responses as JsonObject).filter(([status]) => status.startsWith('2'));
      if (success.length !== 1) throw new Error(`${id}: exactly one 2xx response is expected`);
      const [status, rawResponse] = success[0]!;
      const responseJson = (resolve(rawResponse).content as JsonObject)['application/json'] as JsonObject;
      table[id] = {
        method: method.toUpperCase(),
        path,
        parameters: parameters as JsonObject,
        body: { required: body.required === true, ...objectSchema(`${id} request body`, json.schema as Json) },
        response: { status: Number(status), ...objectSchema(`${id} response`, responseJson.schema as Json) },
      };
    }
  }

  const cloud = (bundle.servers as JsonObject[])[0]!;
  const regions = ((cloud.variables as JsonObject).region as JsonObject).enum as string[];
  return [
    '// Generated from openapi/ by `npm run generate`. Do not edit: change the contract and regenerate.',
    '// The run-time constraints of each operation, which the client checks before it sends a request.',
    '',
    '/** The cloud endpoint, with `{region}` to fill in. */',
    `export const endpointTemplate = ${JSON.stringify(cloud.url)};`,
    '',
    '/** The regions the contract lists for the cloud endpoint. */',
    `export const regions = ${JSON.stringify(regions)} as const;`,
    '',
    `export const operations = ${JSON.stringify(table, null, 2)} as const;`,
    '',
  ].join('\n');
}

export function generateOperations(bundleFile = join(generatedDir, 'openapi.json')): string {
  return renderOperationsModule(JSON.parse(readFileSync(bundleFile, 'utf8')) as JsonObject);
}

/** Regenerates everything in generated/, in order. */
export function generate(): void {
  bundleContract();
  runOrThrow(bin('openapi-typescript'), []);
  writeFileSync(operationsFile, generateOperations());
}

if (import.meta.main) {
  generate();
  console.log(`Generated ${generatedDir}: openapi.{yaml,json}, openapi.dereferenced.json, schema.d.ts, operations.ts`);
}
