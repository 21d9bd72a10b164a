// Calls built from the contract's own examples, made through the client, for tests that call the mock.
import { createWorkflowClient, type WorkflowClient, type WorkflowExecutionResult } from '../../src/index.ts';
import type { Operation } from './contract.ts';
import { exampleRequest, type DocumentedAnswer } from './answers.ts';

export * from './answers.ts';

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
