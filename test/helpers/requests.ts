// Valid requests built from the contract's own examples, for tests that call the mock.
import { createWorkflowClient, type WorkflowClient, type WorkflowExecutionResult } from '../../src/index.ts';
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

/** Prism's `Prefer` header that asks for this answer. */
export function preferHeader(answer: DocumentedAnswer): string {
  return answer.example === undefined ? `code=${answer.status}` : `code=${answer.status}, example=${answer.example}`;
}

/** The operations the client has a method for; the others are called through `client.raw`. */
export const clientMethodOperations: ReadonlySet<string> = new Set(['startWorkflowExecution', 'createCallbackWorkflow']);

/** Calls an operation through the client's method with the example request; `headers` go on this call only. */
export function callThroughClient(client: WorkflowClient, op: Operation, headers: Record<string, string>): Promise<WorkflowExecutionResult> {
  const { path, headers: params, body } = exampleRequest(op);
  const common = { projectId: path.project_id!, workflowId: path.workflow_id! };
  switch (op.operationId) {
    case 'startWorkflowExecution':
      return client.startWorkflowExecution(
        {
          ...common,
          input: body.input as Record<string, unknown>,
          ...(body.headers !== undefined && { headers: body.headers as Record<string, unknown> }),
          runId: params['X-WorkflowRun-ID']!,
          createTime: params['X-Create-Time']!,
          mergeFnParameters: params['X-WorkflowRun-MergeFnParameters'] as 'true',
        },
        { headers },
      );
    case 'createCallbackWorkflow':
      return client.createCallbackWorkflow(
        {
          ...common,
          runId: params['X-Workflow-Run-Id']!,
          stateId: params['X-Workflow-State-Id']!,
          result: body.result as 'success' | 'fail',
          output: body.output as Record<string, unknown>,
          ...(body.error !== undefined && { error: body.error as string }),
        },
        { headers },
      );
    default:
      throw new Error(`no client method for ${op.operationId}`);
  }
}

/** What `client.raw` (openapi-fetch) made of an answer. */
export interface RawOutcome {
  status: number;
  data: unknown;
  error: unknown;
  requestId: string | null;
}

/**
 * Calls an operation through the client's openapi-fetch layer (its endpoint, authentication and path
 * encoding) with the example request, for operations the client has no method for yet.
 */
export async function callRaw(client: WorkflowClient, op: Operation, headers: Record<string, string>): Promise<RawOutcome> {
  const { path, query, headers: header, hasBody, body } = exampleRequest(op);
  // The contract's paths are typed per method; this helper walks them all, so the call is untyped.
  const request = client.raw.request as unknown as (method: string, url: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  const { data, error, response } = await request(op.method, op.path, {
    params: { path, query, header },
    ...(hasBody && { body }),
    headers,
  });
  return { status: response.status, data, error, requestId: response.headers.get('X-Request-Id') };
}

export function mockClient(endpoint: string, fetch?: (request: Request) => Promise<Response>): WorkflowClient {
  return createWorkflowClient({ endpoint, auth: { token: 'token-for-the-mock' }, ...(fetch && { fetch }) });
}
