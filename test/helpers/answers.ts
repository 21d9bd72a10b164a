// Valid requests and documented answers, built from the contract's own examples, for tests (and the
// gateway's benchmark) that call the mock. Nothing here loads the client.
import { loadBundle, operations, parametersOf, resolveRef, type Json, type JsonObject, type Operation } from './contract.ts';

export const doc = loadBundle();
export const contractOperations = operations(doc);

/** The path, headers and body of a request the contract accepts, from its parameter and request-body examples. */
export interface ExampleRequest {
  path: Record<string, string>;
  headers: Record<string, string>;
  body: JsonObject;
}

export function exampleRequest(op: Operation): ExampleRequest {
  const path: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (const parameter of parametersOf(doc, op)) {
    const target = parameter.in === 'path' ? path : parameter.in === 'header' ? headers : undefined;
    if (!target) throw new Error(`${op.operationId}: parameters in ${String(parameter.in)} are not handled`);
    target[String(parameter.name)] = String(parameter.example);
  }
  const media = ((resolveRef(doc, op.operation.requestBody as Json) as JsonObject).content as JsonObject)['application/json'] as JsonObject;
  const [firstExample] = Object.values(media.examples as JsonObject);
  return { path, headers, body: (resolveRef(doc, firstExample as Json) as JsonObject).value as JsonObject };
}

export function urlOf(base: string, op: Operation, path: Record<string, string>): string {
  return base + op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(path[name] ?? ''));
}

/** Every documented answer: operation, status, and each named example of that response. */
export interface DocumentedAnswer {
  op: Operation;
  status: number;
  example: string;
  value: JsonObject;
  schema: Json;
}

export function documentedAnswers(): DocumentedAnswer[] {
  const answers: DocumentedAnswer[] = [];
  for (const op of contractOperations) {
    for (const [status, raw] of Object.entries(op.operation.responses as JsonObject)) {
      const media = ((resolveRef(doc, raw) as JsonObject).content as JsonObject)['application/json'] as JsonObject;
      for (const [example, ref] of Object.entries(media.examples as JsonObject)) {
        answers.push({ op, status: Number(status), example, value: (resolveRef(doc, ref) as JsonObject).value as JsonObject, schema: media.schema as Json });
      }
    }
  }
  return answers;
}

/** A documented example as the mock serves it: an error body's request_id is that answer's X-Request-Id. */
export function asServed(value: JsonObject, requestId: string | null | undefined): JsonObject {
  return 'request_id' in value ? { ...value, request_id: requestId ?? null } : value;
}

/** The gateway's request IDs: 32 hexadecimal digits, like the real gateway's. */
export const requestIdPattern = /^[0-9a-f]{32}$/;

