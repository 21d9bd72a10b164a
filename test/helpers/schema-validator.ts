// Ajv's JSON Schema 2020-12 validator over the contract's component schemas: an independent check
// beside Redocly's and Prism's own validation.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { isObject, type Json, type JsonObject } from './contract.ts';

const contractId = 'urn:functiongraph-workflow-api:contract';

/** Schemas in the bundle point at `#/components/...`; inside the registered wrapper they live at `#/$defs/components/...`. */
function relocate(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(relocate);
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/components/')
      ? `${contractId}#/$defs/${value.slice(2)}`
      : relocate(value);
  }
  return out;
}

/** Returns a checker: the list of violations of `value` against `schema` (empty when valid). */
export function createSchemaValidator(doc: JsonObject): (schema: Json, value: unknown) => string[] {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  // OpenAPI's own schema keywords, which carry no validation meaning.
  ajv.addVocabulary(['example', 'xml', 'externalDocs', 'discriminator']);
  // The integer formats of the OpenAPI format registry, checked as Prism checks them.
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 63) && n < 2 ** 63 });
  // RFC 3339 date-times, as the emulator's own description uses them.
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/);
  const schemas = relocate((doc.components as JsonObject).schemas as Json);
  ajv.addSchema({ $id: contractId, $defs: { components: { schemas } } } as object);
  return (schema, value) => {
    const validate = ajv.compile(relocate(schema) as object);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  };
}
