// Both published variants are valid OpenAPI (checked by an independent validator of the official
// schemas), and the 3.0 variant says everything the 3.1 one says: the same operations, parameters,
// bodies and responses, and the same descriptions, titles and examples on each of them.
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { isObject, loadBundle, resolveRef, type Json, type JsonObject } from '../helpers/contract.ts';

const v31 = loadBundle('openapi.json');
const v30 = loadBundle('openapi-3.0.json');
const dereferenced = loadBundle('openapi.dereferenced.json');

/**
 * A document as a reader sees it, with every `$ref` followed. A reference's own siblings (3.1 lets a
 * `$ref` carry a description) are laid over its target, and 3.0's `allOf: [{ $ref }]` beside a
 * description, which says the same, is read the same way.
 */
function inline(doc: JsonObject, node: Json, trail: string[] = []): Json {
  if (Array.isArray(node)) return node.map((item) => inline(doc, item, trail));
  if (!isObject(node)) return node;
  if (typeof node.$ref === 'string') {
    if (trail.includes(node.$ref)) throw new Error(`circular reference ${node.$ref}`);
    const { $ref, ...siblings } = node;
    return { ...(inline(doc, resolveRef(doc, { $ref }), [...trail, $ref]) as JsonObject), ...(inline(doc, siblings, trail) as JsonObject) };
  }
  const allOf = node.allOf;
  if (Array.isArray(allOf) && allOf.length === 1 && isObject(allOf[0]) && typeof allOf[0].$ref === 'string') {
    const { allOf: _single, ...siblings } = node;
    return inline(doc, { ...siblings, $ref: allOf[0].$ref }, trail);
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inline(doc, value, trail)]));
}

/** Every string under a `description` key, with where it is. */
function descriptions(node: Json, pointer = ''): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => descriptions(item, `${pointer}/${i}`));
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'description' && typeof value === 'string' ? [`${pointer}: ${value}`] : descriptions(value, `${pointer}/${key}`),
  );
}

describe('published variants', () => {
  it.each([
    ['generated/openapi.json', v31, '3.1'],
    ['generated/openapi-3.0.json', v30, '3.0'],
    ['generated/openapi.dereferenced.json', dereferenced, '3.1'],
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

  it('the 3.0 variant has the same paths, with every description, title and example, as the 3.1 one', () => {
    expect(v30.openapi).toBe('3.0.3');
    expect(inline(v30, v30.paths as Json)).toEqual(inline(v31, v31.paths as Json));
    expect(v30.servers).toEqual(v31.servers);
    expect(v30.tags).toEqual(v31.tags);
    expect(v30.security).toEqual(v31.security);
    expect((v30.components as JsonObject).securitySchemes).toEqual((v31.components as JsonObject).securitySchemes);
  });

  it('the 3.0 variant keeps every schema component with its descriptions', () => {
    const schemas = (doc: JsonObject) => inline(doc, (doc.components as JsonObject).schemas as Json);
    expect(schemas(v30)).toEqual(schemas(v31));
    // Not only equal after inlining: the 3.0 file itself carries every description of the 3.1 one.
    const texts30 = new Set(descriptions(v30).map((d) => d.slice(d.indexOf(': ') + 2)));
    const lost = descriptions(v31).filter((d) => !texts30.has(d.slice(d.indexOf(': ') + 2)) && !d.startsWith('/info: '));
    expect(lost).toEqual([]);
  });

  it("3.0's info has no summary: it opens the description, and nothing else of info changes", () => {
    const info31 = v31.info as JsonObject;
    const info30 = v30.info as JsonObject;
    expect(info30.summary).toBeUndefined();
    expect(info30.description).toBe(`${String(info31.summary)}\n\n${String(info31.description)}`);
    const { summary: _s, description: _d, license: license31, ...rest31 } = info31;
    const { description: _d30, license: license30, ...rest30 } = info30;
    expect(rest30).toEqual(rest31);
    // 3.0's license has no SPDX identifier; its SPDX page says the same.
    const { name, identifier } = license31 as JsonObject;
    expect(license30).toEqual({ name, url: `https://spdx.org/licenses/${String(identifier)}.html` });
  });

  it('the comparison sees a lost description (it is really checking)', () => {
    const broken = structuredClone(v30);
    const body = ((broken.components as JsonObject).schemas as JsonObject).StartWorkflowExecutionResponseBody as JsonObject;
    delete ((body.properties as JsonObject).execution_id as JsonObject).description;
    expect(inline(broken, broken.paths as Json)).not.toEqual(inline(v31, v31.paths as Json));
  });

  it('the dereferenced file is the same document as the bundle, with no component left but the security schemes', () => {
    expect(dereferenced.components).toEqual({ securitySchemes: (v31.components as JsonObject).securitySchemes });
    const { components: _c31, paths: paths31, ...rest31 } = v31;
    const { components: _cd, paths: pathsD, ...restD } = dereferenced;
    expect(restD).toEqual(rest31);
    expect(pathsD).toEqual(inline(v31, paths31 as Json));
  });
});
