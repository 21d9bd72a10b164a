// generated/flow-definition.schema.json: a JSON Schema for flow definition files, taken from the
// contract's WorkflowCreateBody and every schema it refers to, so that an editor completes and checks a
// flow file through `"$schema"` (VS Code, the YAML language server) and a build can validate it with Ajv.
//
// It is written as draft-07, which every editor and validator reads. What differs from OpenAPI 3.1's
// JSON Schema: a `$ref` with siblings (a property's own description) becomes `allOf: [{ $ref }]` beside
// them, since draft-07 ignores a `$ref`'s siblings; `example` becomes `examples`; and the numeric formats
// (int32, int64), which JSON Schema does not define and Ajv's strict mode refuses, are left out.
import { isObject, type Json, type JsonObject } from './json.ts';

export const flowSchemaFile = 'flow-definition.schema.json';

const rootSchema = 'WorkflowCreateBody';
const schemaPrefix = '#/components/schemas/';

export function flowDefinitionSchema(bundle: JsonObject): JsonObject {
  const components = (bundle.components as JsonObject).schemas as JsonObject;
  const definitions: JsonObject = {};
  const include = (name: string) => {
    if (name in definitions) return;
    if (!isObject(components[name])) throw new Error(`${flowSchemaFile}: dangling schema reference ${name}`);
    definitions[name] = {}; // claimed first, so a schema that refers to itself terminates
    definitions[name] = convert(components[name], `#/components/schemas/${name}`);
  };

  const convert = (node: Json, where: string): Json => {
    if (Array.isArray(node)) return node.map((item, i) => convert(item, `${where}/${i}`));
    if (!isObject(node)) return node;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref') {
        if (typeof value !== 'string' || !value.startsWith(schemaPrefix)) throw new Error(`${where}: only references to components/schemas can be carried, got ${String(value)}`);
        const name = value.slice(schemaPrefix.length);
        include(name);
        out.$ref = `#/definitions/${name}`;
      } else if (key === 'format' && ['int32', 'int64', 'float', 'double'].includes(String(value))) {
        // OpenAPI's numeric formats are no JSON Schema formats: Ajv's strict mode refuses them.
        continue;
      } else if (key === 'example') {
        out.examples = [value];
      } else if (key === 'properties' && isObject(value)) {
        // Property names are not keywords: each value is a schema.
        out.properties = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, convert(schema, `${where}/properties/${name}`)]));
      } else if (['enum', 'required', 'examples', 'default'].includes(key)) {
        out[key] = value;
      } else if (key.startsWith('x-') || ['discriminator', 'xml', 'externalDocs', 'deprecated'].includes(key)) {
        throw new Error(`${where}: the OpenAPI keyword "${key}" has no JSON Schema meaning; teach scripts/flow-schema.ts what to do with it`);
      } else {
        out[key] = convert(value, `${where}/${key}`);
      }
    }
    // Draft-07 ignores every sibling of a $ref.
    if (typeof out.$ref === 'string' && Object.keys(out).length > 1) {
      const { $ref, ...siblings } = out;
      return { allOf: [{ $ref }], ...siblings };
    }
    return out;
  };

  include(rootSchema);
  const info = bundle.info as JsonObject;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'FunctionGraph flow definition',
    description: `A flow definition of Huawei Cloud FunctionGraph, as createWorkflow and updateWorkFlow send it (${rootSchema} in the contract "${String(info.title)}" ${String(info.version)}). Generated from the contract; do not edit.`,
    // Under allOf, since draft-07 ignores the siblings of a $ref.
    allOf: [{ $ref: `#/definitions/${rootSchema}` }],
    definitions,
  };
}

export function renderFlowDefinitionSchema(bundle: JsonObject): string {
  return `${JSON.stringify(flowDefinitionSchema(bundle), null, 2)}\n`;
}
