// Both published variants are valid OpenAPI (checked by an independent validator of the official
// schemas), and the 3.0 variant describes the same operations, parameters and responses as the 3.1 one.
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { isObject, loadBundle, operations, parametersOf, resolveRef, type Json, type JsonObject } from '../helpers/contract.ts';

const v31 = loadBundle('openapi.json');
const v30 = loadBundle('openapi-3.0.json');

/** What a client or server generator takes from a description, with every $ref followed. */
function surface(doc: JsonObject) {
  const schema = (raw: Json): Json => {
    const resolved = resolveRef(doc, raw);
    if (!isObject(resolved)) return resolved;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(resolved)) {
      if (['description', 'title', 'example', 'examples'].includes(key)) continue;
      out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as JsonObject).map(([k, v]) => [k, schema(v)])) : value;
    }
    return out;
  };
  return operations(doc).map((op) => ({
    operation: `${op.method} ${op.path} ${op.operationId}`,
    security: op.operation.security ?? doc.security,
    parameters: parametersOf(doc, op).map((p) => ({ in: p.in, name: p.name, required: p.required ?? false, schema: schema(p.schema as Json) })),
    requestBody: (() => {
      const body = resolveRef(doc, op.operation.requestBody as Json) as JsonObject | undefined;
      if (!body) return null;
      return { required: body.required, content: Object.fromEntries(Object.entries(body.content as JsonObject).map(([type, media]) => [type, schema((media as JsonObject).schema as Json)])) };
    })(),
    responses: Object.fromEntries(
      Object.entries(op.operation.responses as JsonObject).map(([status, raw]) => {
        const response = resolveRef(doc, raw) as JsonObject;
        const content = (response.content as JsonObject | undefined) ?? {};
        return [status, {
          headers: Object.keys((response.headers as JsonObject | undefined) ?? {}),
          content: Object.fromEntries(Object.entries(content).map(([type, media]) => [type, schema((media as JsonObject).schema as Json)])),
          examples: Object.keys(((content['application/json'] as JsonObject | undefined)?.examples as JsonObject | undefined) ?? {}),
        }];
      }),
    ),
  }));
}

describe('published variants', () => {
  it.each([
    ['generated/openapi.json', v31, '3.1'],
    ['generated/openapi-3.0.json', v30, '3.0'],
  ] as const)('%s is valid OpenAPI %s', async (_file, doc, version) => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe(version);
  });

  it('the validator rejects what 3.0 does not allow (it is really checking)', async () => {
    const broken = structuredClone(v30);
    (broken.info as JsonObject).summary = '3.1 only';
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('the 3.0 variant describes the same operations, parameters, bodies and responses', () => {
    expect(v30.openapi).toBe('3.0.3');
    expect(surface(v30)).toEqual(surface(v31));
    expect(v30.servers).toEqual(v31.servers);
    expect(Object.keys((v30.components as JsonObject).securitySchemes as JsonObject)).toEqual(['IamToken', 'AkSkSignature']);
  });
});
