// The bundled contract, loaded once, and small walkers over it for tests that derive their cases from it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isObject, resolveRef, type Json, type JsonObject } from '../../scripts/json.ts';
import { generatedDir } from '../../scripts/paths.ts';

export { isObject, resolveRef, type Json, type JsonObject } from '../../scripts/json.ts';

export function loadBundle(file = 'openapi.json'): JsonObject {
  return JSON.parse(readFileSync(join(generatedDir, file), 'utf8')) as JsonObject;
}

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  pathItem: JsonObject;
  operation: JsonObject;
}

export const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export function operations(doc: JsonObject): Operation[] {
  const result: Operation[] = [];
  for (const [path, rawItem] of Object.entries(doc.paths as JsonObject)) {
    const pathItem = resolveRef(doc, rawItem) as JsonObject;
    for (const method of httpMethods) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      result.push({ method, path, operationId: String(operation.operationId), pathItem, operation });
    }
  }
  return result;
}

/** Path-level and operation-level parameters, resolved, the operation's own winning. */
export function parametersOf(doc: JsonObject, op: Operation): JsonObject[] {
  const byKey = new Map<string, JsonObject>();
  for (const list of [op.pathItem.parameters, op.operation.parameters]) {
    for (const raw of (list as Json[] | undefined) ?? []) {
      const parameter = resolveRef(doc, raw) as JsonObject;
      byKey.set(`${String(parameter.in)}:${String(parameter.name).toLowerCase()}`, parameter);
    }
  }
  return [...byKey.values()];
}

/** The operation's documented success status: 200 for most, 201 for createWorkflow. */
export function successStatus(op: Operation): number {
  return Number(Object.keys(op.operation.responses as JsonObject).find((status) => status.startsWith('2')));
}
