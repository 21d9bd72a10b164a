// JSON values and internal `$ref`s of a bundled OpenAPI document, shared by the generator and the tests.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows internal `$ref`s (`#/components/...`) until it reaches a node that is not one. */
export function resolveRef(doc: JsonObject, node: Json, seen = new Set<string>()): Json {
  if (!isObject(node) || typeof node.$ref !== 'string') return node;
  const pointer = node.$ref;
  if (!pointer.startsWith('#/')) throw new Error(`only internal references are expected in a bundle, got ${pointer}`);
  if (seen.has(pointer)) throw new Error(`circular reference ${pointer}`);
  seen.add(pointer);
  let target: Json = doc;
  for (const raw of pointer.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isObject(target) || !(key in target)) throw new Error(`dangling reference ${pointer}`);
    target = target[key] as Json;
  }
  return resolveRef(doc, target, seen);
}
