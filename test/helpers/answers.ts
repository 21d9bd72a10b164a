// Valid requests and documented answers, built from the contract's own examples, for tests (and the
// gateway's benchmark) that call the mock. Nothing here loads the client.
import { loadBundle, operations, parametersOf, resolveRef, type Json, type JsonObject, type Operation } from './contract.ts';

export const doc = loadBundle();
export const contractOperations = operations(doc);

/** The path, query, headers and body of a request the contract accepts, from its parameter and request-body examples. */
export interface ExampleRequest {
  path: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Whether the operation sends a request body. */
  hasBody: boolean;
  /** The first named example of the request body; `{}` when the operation sends none. */
  body: JsonObject;
}

/** Every parameter the contract declares, optional ones too, set to its example. */
export function exampleRequest(op: Operation): ExampleRequest {
  const request: ExampleRequest = { path: {}, query: {}, headers: {}, hasBody: false, body: {} };
  for (const parameter of parametersOf(doc, op)) {
    const target = { path: request.path, query: request.query, header: request.headers }[String(parameter.in)];
    if (!target) throw new Error(`${op.operationId}: parameters in ${String(parameter.in)} are not handled`);
    target[String(parameter.name)] = String(parameter.example);
  }
  if (op.operation.requestBody !== undefined) {
    const media = ((resolveRef(doc, op.operation.requestBody as Json) as JsonObject).content as JsonObject)['application/json'] as JsonObject;
    const [firstExample] = Object.values(media.examples as JsonObject);
    request.hasBody = true;
    request.body = (resolveRef(doc, firstExample as Json) as JsonObject).value as JsonObject;
  }
  return request;
}

export function urlOf(base: string, op: Operation, path: Record<string, string>, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return base + op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(path[name] ?? '')) + (search ? `?${search}` : '');
}

/** Every documented answer: operation, status, and each named example of that response (none for an empty answer). */
export interface DocumentedAnswer {
  op: Operation;
  status: number;
  /** The example's name; undefined for an answer without a body. */
  example: string | undefined;
  /** The example's value; undefined for an answer without a body. */
  value: JsonObject | undefined;
  schema: Json | undefined;
}

export function documentedAnswers(): DocumentedAnswer[] {
  const answers: DocumentedAnswer[] = [];
  for (const op of contractOperations) {
    for (const [status, raw] of Object.entries(op.operation.responses as JsonObject)) {
      const content = (resolveRef(doc, raw) as JsonObject).content as JsonObject | undefined;
      if (content === undefined) {
        answers.push({ op, status: Number(status), example: undefined, value: undefined, schema: undefined });
        continue;
      }
      const media = content['application/json'] as JsonObject;
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

