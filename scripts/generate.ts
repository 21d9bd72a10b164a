// `npm run generate`: everything in generated/ from openapi/, in order.
//   1. the bundles (scripts/bundle.ts)
//   2. schema.d.ts, the TypeScript types (openapi-typescript, configured in redocly.yaml)
//   3. operations.ts, the tables the client is driven by: each operation's method, path, parameters
//      by location with their constraints, request body and response kinds, and the constraints of
//      every schema those bodies name
//   4. flow-definition.schema.json, the JSON Schema for flow definition files (scripts/flow-schema.ts)
//   5. emulator/src/generated/admin-api.ts, the types of the emulator's own endpoints (openapi/emulator.yaml),
//      by openapi-typescript's API: its command line takes only redocly.yaml's APIs, which are the contract's
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleContract } from './bundle.ts';
import { flowSchemaFile, renderFlowDefinitionSchema } from './flow-schema.ts';
import { isObject, resolveRef, type Json, type JsonObject } from './json.ts';
import openapiTS, { astToString } from 'openapi-typescript';
import { bin, generatedDir, root } from './paths.ts';
import { runOrThrow } from './run.ts';

export const operationsFile = join(generatedDir, 'operations.ts');

/**
 * openapi-typescript's flags. A property with a `default` stays optional: by default openapi-typescript
 * makes it required, so that a flow definition would have to send `enable_stream_response`, a retry
 * policy its `delay`, and so on.
 */
export const openapiTypescriptFlags = ['--default-non-nullable=false'];

/** Keywords whose value is carried into the tables as it is. */
const carried = ['type', 'format', 'enum', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'minItems', 'maxItems'] as const;
/** Keywords that describe without constraining a value. */
const descriptive = new Set(['description', 'title', 'example', 'examples', 'default']);
/** Keywords handled one by one below. */
const structural = new Set(['$ref', 'properties', 'required', 'additionalProperties', 'items', 'anyOf']);
const httpMethods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const schemaPrefix = '#/components/schemas/';

/** Walks the bundle into plain tables; throws on anything in the contract that the tables cannot carry. */
export function buildTables(bundle: JsonObject) {
  const resolve = (node: Json) => resolveRef(bundle, node) as JsonObject;
  const components = ((bundle.components as JsonObject).schemas ?? {}) as JsonObject;
  const schemas: Record<string, JsonObject> = {};

  /** A `$ref` to a named object schema stays a reference (`ref`); anything else is inlined. */
  const namedObject = (node: Json): string | undefined => {
    if (!isObject(node) || typeof node.$ref !== 'string' || !node.$ref.startsWith(schemaPrefix)) return undefined;
    const name = node.$ref.slice(schemaPrefix.length);
    return resolve(node).type === 'object' && isObject(resolve(node).properties) ? name : undefined;
  };

  const nameOf = (where: string, node: Json): string => {
    const name = namedObject(node) ?? (isObject(node) && typeof node.$ref === 'string' && node.$ref.startsWith(schemaPrefix) ? node.$ref.slice(schemaPrefix.length) : undefined);
    if (!name) throw new Error(`${where}: give the body schema a name under components/schemas and $ref it, so the tables can name it`);
    collect(name);
    return name;
  };

  const collect = (name: string) => {
    if (name in schemas) return;
    if (!(name in components)) throw new Error(`dangling schema reference ${name}`);
    schemas[name] = {}; // claimed first, so a schema that refers to itself terminates
    schemas[name] = constraintOf(`schema ${name}`, components[name] as Json);
  };

  function constraintOf(where: string, raw: Json): JsonObject {
    const ref = namedObject(raw);
    if (ref) {
      collect(ref);
      return { ref };
    }
    // A $ref's siblings (a description) do not constrain; only the target's keywords matter.
    const schema = resolve(raw);
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(schema)) {
      if ((carried as readonly string[]).includes(key)) out[key] = value;
      else if (descriptive.has(key) || structural.has(key)) continue;
      else throw new Error(`${where}: schema keyword "${key}" is not carried into generated/operations.ts; teach scripts/generate.ts (and the client's validation) about it`);
    }
    if ('additionalProperties' in schema && schema.additionalProperties !== true) {
      throw new Error(`${where}: additionalProperties other than true is not carried yet`);
    }
    if ('items' in schema) out.items = constraintOf(`${where}[]`, schema.items as Json);
    if ('anyOf' in schema) out.anyOf = (schema.anyOf as Json[]).map((branch, i) => constraintOf(`${where} anyOf[${i}]`, branch));
    if (isObject(schema.properties)) {
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const properties: JsonObject = {};
      for (const [name, property] of Object.entries(schema.properties)) {
        properties[name] = { required: required.has(name), ...constraintOf(`${where}.${name}`, property) };
      }
      out.properties = properties;
      // Declared fields and, beside them, any other: a flow definition may hold fields no source documents.
      if (schema.additionalProperties === true) out.open = true;
    } else if (schema.type === 'object') {
      // No declared properties: any JSON object, whose keys belong to the user.
      out.freeForm = true;
    }
    return out;
  }

  const responseKind = (id: string, status: string, raw: Json): JsonObject => {
    const content = resolve(raw).content as JsonObject | undefined;
    if (content === undefined) return { status: Number(status), body: 'empty' };
    const types = Object.keys(content);
    if (types.length !== 1 || types[0] !== 'application/json') throw new Error(`${id} ${status}: only application/json or no body is supported, got ${types.join(', ')}`);
    return { status: Number(status), body: 'json', schema: nameOf(`${id} ${status} response`, (content['application/json'] as JsonObject).schema as Json) };
  };

  const operations: Record<string, JsonObject> = {};
  for (const [path, rawItem] of Object.entries(bundle.paths as JsonObject)) {
    const item = resolve(rawItem);
    for (const [method, rawOperation] of Object.entries(item)) {
      if (!httpMethods.has(method)) {
        if (method !== 'parameters') throw new Error(`${path}: path item field "${method}" is not supported`);
        continue;
      }
      const operation = rawOperation as JsonObject;
      const id = String(operation.operationId);
      const parameters: Record<string, JsonObject> = { path: {}, query: {}, header: {} };
      // Operation-level parameters override path-level ones with the same location and name.
      for (const raw of [...((item.parameters as Json[]) ?? []), ...((operation.parameters as Json[]) ?? [])]) {
        const parameter = resolve(raw);
        const group = parameters[String(parameter.in)];
        if (!group) throw new Error(`${id}: parameters in "${String(parameter.in)}" are not supported`);
        group[String(parameter.name)] = { required: parameter.required === true, ...constraintOf(`${id} parameter ${String(parameter.name)}`, parameter.schema as Json) };
      }
      let body: JsonObject | null = null;
      if (operation.requestBody !== undefined) {
        const requestBody = resolve(operation.requestBody as Json);
        const media = (requestBody.content as JsonObject)['application/json'] as JsonObject | undefined;
        if (!media || Object.keys(requestBody.content as JsonObject).length !== 1) throw new Error(`${id}: only application/json request bodies are supported`);
        body = { required: requestBody.required === true, mediaType: 'application/json', schema: nameOf(`${id} request body`, media.schema as Json) };
      }
      const responses = Object.entries(operation.responses as JsonObject).map(([status, raw]) => {
        if (!/^[1-5]\d\d$/.test(status)) throw new Error(`${id}: response "${status}" is not a single status code`);
        return responseKind(id, status, raw);
      });
      const success = responses.filter((r) => Number(r.status) >= 200 && Number(r.status) < 300);
      if (success.length === 0) throw new Error(`${id}: no 2xx response`);
      operations[id] = {
        method: method.toUpperCase(),
        path,
        parameters: parameters as JsonObject,
        body,
        success,
        errors: responses.filter((r) => !success.includes(r)),
      };
    }
  }
  return { operations, schemas };
}

const typeDeclarations = `/** The constraints of one value, from its schema. */
export interface ValueConstraint {
  /** JSON type: string, integer, number, boolean, object or array. */
  readonly type?: string;
  /** A format such as int32 or int64. */
  readonly format?: string;
  readonly enum?: readonly string[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** The constraint of each item of an array. */
  readonly items?: ValueConstraint;
  /** The value meets at least one of these. */
  readonly anyOf?: readonly ValueConstraint[];
  /** An object's declared properties. */
  readonly properties?: Readonly<Record<string, PropertyConstraint>>;
  /** An object with no declared properties: user data, whose keys are passed through exactly as they are. */
  readonly freeForm?: true;
  /** An object whose declared properties may be joined by others, which are kept and sent as they are. */
  readonly open?: true;
  /** The value is the named object schema in \`schemas\`. */
  readonly ref?: string;
}

/** A property of an object, or a parameter. */
export interface PropertyConstraint extends ValueConstraint {
  readonly required: boolean;
}

/** What an answer with one status holds. */
export type ResponseKind =
  | { readonly status: number; readonly body: 'json'; readonly schema: string }
  | { readonly status: number; readonly body: 'empty' };

/** One operation, as the contract describes it. */
export interface OperationTable {
  readonly method: string;
  /** The path template, with \`{name}\` for each path parameter. */
  readonly path: string;
  /** Parameters by location, under their names in the contract. */
  readonly parameters: {
    readonly path: Readonly<Record<string, PropertyConstraint>>;
    readonly query: Readonly<Record<string, PropertyConstraint>>;
    readonly header: Readonly<Record<string, PropertyConstraint>>;
  };
  /** The request body, or null when the operation sends none. */
  readonly body: { readonly required: boolean; readonly mediaType: 'application/json'; readonly schema: string } | null;
  /** The documented 2xx answers. */
  readonly success: readonly ResponseKind[];
  /** The documented error answers. */
  readonly errors: readonly ResponseKind[];
}
`;

export function renderOperationsModule(bundle: JsonObject): string {
  const tables = buildTables(bundle);
  const cloud = (bundle.servers as JsonObject[])[0]!;
  // The regions are named by an extension, not an enumeration: generated clients refuse a value outside a
  // server variable's enum, and no source restricts every operation to the same regions.
  const regions = ((cloud.variables as JsonObject).region as JsonObject)['x-regions'];
  if (!Array.isArray(regions) || !regions.every((r) => typeof r === 'string')) throw new Error('servers[0].variables.region needs x-regions, a list of region IDs');
  return [
    '// Generated from openapi/ by `npm run generate`. Do not edit: change the contract and regenerate.',
    '// The tables the client is driven by: per operation, its method, path, parameters by location with',
    '// their constraints, request body and response kinds; and the constraints of every schema they name.',
    '',
    '/** The cloud endpoint, with `{region}` to fill in. */',
    `export const endpointTemplate = ${JSON.stringify(cloud.url)};`,
    '',
    '/** The regions the contract names for the cloud endpoint (`x-regions`); others are not refused. */',
    `export const regions = ${JSON.stringify(regions)} as const;`,
    '',
    typeDeclarations,
    '/** Every operation of the contract, by operationId; each one\'s doc comment is its summary and description, which the methods show on hover. */',
    `export const operationTable = ${renderWithDocs(tables.operations, docsOf(bundle))} as const satisfies Readonly<Record<string, OperationTable>>;`,
    '',
    'export type OperationId = keyof typeof operationTable;',
    '',
    '/** The constraints of each schema that a request or response body names, by its name in components/schemas. */',
    `export const schemas = ${JSON.stringify(tables.schemas, null, 2)} as const satisfies Readonly<Record<string, ValueConstraint>>;`,
    '',
  ].join('\n');
}

/** Each operation's summary and description, by operationId. */
function docsOf(bundle: JsonObject): Record<string, string> {
  const docs: Record<string, string> = {};
  for (const rawItem of Object.values(bundle.paths as JsonObject)) {
    const item = resolveRef(bundle, rawItem) as JsonObject;
    for (const [method, operation] of Object.entries(item)) {
      if (!httpMethods.has(method) || !isObject(operation)) continue;
      const { operationId, summary, description } = operation as { operationId: string; summary?: string; description?: string };
      docs[operationId] = [summary && `${summary}.`, `\`${method.toUpperCase()} ${Object.entries(bundle.paths as JsonObject).find(([, v]) => v === rawItem)![0]}\``, description?.trim()].filter(Boolean).join('\n\n');
    }
  }
  return docs;
}

/** The operations as an object literal, each under a doc comment of its own. */
function renderWithDocs(operations: Record<string, JsonObject>, docs: Record<string, string>): string {
  const entries = Object.entries(operations).map(([id, table]) => {
    // A "*/" in the text would end the comment.
    const lines = (docs[id] ?? id).replace(/\*\//g, '*\\/').split('\n');
    const comment = ['  /**', ...lines.map((line) => (line ? `   * ${line}` : '   *')), '   */'].join('\n');
    return `${comment}\n  ${JSON.stringify(id)}: ${JSON.stringify(table, null, 2).replace(/\n/g, '\n  ')}`;
  });
  return `{\n${entries.join(',\n')}\n}`;
}

export function generateOperations(bundleFile = join(generatedDir, 'openapi.json')): string {
  return renderOperationsModule(JSON.parse(readFileSync(bundleFile, 'utf8')) as JsonObject);
}

export const flowSchemaPath = join(generatedDir, flowSchemaFile);

export function generateFlowDefinitionSchema(bundleFile = join(generatedDir, 'openapi.json')): string {
  return renderFlowDefinitionSchema(JSON.parse(readFileSync(bundleFile, 'utf8')) as JsonObject);
}

export const adminTypesFile = join(root, 'emulator', 'src', 'generated', 'admin-api.ts');

/** The types of the emulator's own endpoints, with the same flags as the contract's. */
export async function generateAdminTypes(): Promise<string> {
  const ast = await openapiTS(new URL('../openapi/emulator.yaml', import.meta.url), { defaultNonNullable: false });
  return `// Generated by \`npm run generate\` from openapi/emulator.yaml: do not edit.\n\n${astToString(ast)}`;
}

/** Regenerates everything in generated/, in order, and the emulator's endpoint types. */
export async function generate(): Promise<void> {
  bundleContract();
  runOrThrow(bin('openapi-typescript'), openapiTypescriptFlags);
  writeFileSync(operationsFile, generateOperations());
  writeFileSync(flowSchemaPath, generateFlowDefinitionSchema());
  writeFileSync(adminTypesFile, await generateAdminTypes());
}

if (import.meta.main) {
  await generate();
  console.log(`Generated ${generatedDir}: openapi.{yaml,json}, openapi.dereferenced.json, schema.d.ts, operations.ts, ${flowSchemaFile}; and ${adminTypesFile}`);
}
