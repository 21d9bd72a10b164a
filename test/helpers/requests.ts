// Valid requests built from the contract's own examples, for tests that call the mock.
import { createWorkflowClient, type WorkflowClient, type WorkflowExecutionResult } from '../../src/index.ts';
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

/** Calls an operation through the client with the example request; `headers` go on this call only. */
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

export function mockClient(endpoint: string, fetch?: (request: Request) => Promise<Response>): WorkflowClient {
  return createWorkflowClient({ endpoint, auth: { token: 'token-for-the-mock' }, ...(fetch && { fetch }) });
}
