// Calls built from the contract's own examples, made through the client, for tests that call the mock.
import { createWorkflowClient, type FlowDefinition, type OperationId, type WorkflowClient } from '../../src/index.ts';
import type { Operation } from './contract.ts';
import { contractOperations, exampleRequest, type DocumentedAnswer, type ExampleRequest } from './answers.ts';

export * from './answers.ts';

/** Prism's `Prefer` header that asks for this answer. */
export function preferHeader(answer: DocumentedAnswer): string {
  return answer.example === undefined ? `code=${answer.status}` : `code=${answer.status}, example=${answer.example}`;
}

/** The operations the client has a method for: every one of the contract's, checked on a real client. */
export const clientMethodOperations: ReadonlySet<string> = new Set(
  contractOperations.map((op) => op.operationId).filter((id) => typeof (mockClient('http://127.0.0.1:9') as unknown as Record<string, unknown>)[id] === 'function'),
);

/** What a method resolves with: the success body as sent, and the request ID. */
export type MethodResult = Record<string, unknown> & { request_id: string | undefined };

/**
 * Calls an operation through the client's method with the example request (every parameter the contract
 * declares, set to its example); `headers` go on this call only. Written out per operation, in the
 * option names the client's guide gives, rather than derived the way the client derives them.
 */
export function callThroughClient(client: WorkflowClient, op: Operation, headers: Record<string, string>): Promise<MethodResult> {
  const { path, query, headers: params, body } = exampleRequest(op);
  const common = { projectId: path.project_id!, workflowId: path.workflow_id! };
  const options = { headers };
  const id = op.operationId as OperationId;
  switch (id) {
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
        options,
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
        options,
      );
    case 'startSyncWorkflowExecution':
      return client.startSyncWorkflowExecution(
        { ...common, input: body.input as Record<string, unknown>, ...(body.headers !== undefined && { headers: body.headers as Record<string, unknown> }) },
        options,
      );
    case 'showWorkflowExecution':
      return client.showWorkflowExecution({ ...common, executionId: path.execution_id!, fullHistoryData: params['X-Get-Workflow-Full-History-Data'] === 'true' }, options);
    case 'listWorkflowExecutions':
      return client.listWorkflowExecutions(
        {
          ...common,
          limit: Number(query.limit),
          offset: Number(query.offset),
          status: query.status as 'running',
          startTime: query.start_time!,
          endTime: query.end_time!,
        },
        options,
      );
    case 'showWorkflowExecutionForPage':
      return client.showWorkflowExecutionForPage(
        { ...common, offset: Number(query.offset), limit: Number(query.limit), startTime: query.start_time!, endTime: query.end_time! },
        options,
      );
    case 'retryWorkFlow':
      return client.retryWorkFlow({ ...common, executionId: path.execution_id! }, options);
    case 'stopWorkFlow':
      return client.stopWorkFlow({ ...common, executionId: path.execution_id! }, options);
    case 'createWorkflow':
      return client.createWorkflow({ projectId: path.project_id!, ...(body as unknown as FlowDefinition) }, options);
    case 'updateWorkFlow':
      return client.updateWorkFlow({ ...common, ...(body as unknown as FlowDefinition) }, options);
    case 'showWorkFlow':
      return client.showWorkFlow(common, options);
    case 'listWorkflow':
      return client.listWorkflow(
        {
          projectId: path.project_id!,
          workflowName: query.workflow_name!,
          limit: Number(query.limit),
          offset: Number(query.offset),
          enterpriseProject: query.enterprise_project!,
          mode: query.mode as 'NORMAL',
        },
        options,
      );
    case 'batchDeleteWorkflows':
      return client.batchDeleteWorkflows({ projectId: path.project_id!, workflow_urns: body.workflow_urns as string[] }, options);
    case 'showTenantMetric':
      return client.showTenantMetric(
        { projectId: path.project_id!, period: query.period!, startTime: query.start_time!, endTime: query.end_time!, metricType: query.metric_type as 'totalCount' },
        options,
      );
    case 'showWorkFlowMetric':
      return client.showWorkFlowMetric(
        { projectId: path.project_id!, workflowUrn: path.workflow_urn!, period: query.period!, startTime: query.start_time!, endTime: query.end_time! },
        options,
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
 * Calls an operation through the client's openapi-fetch layer (its endpoint, authentication, path
 * encoding and checks) with the example request, or the one given, in the contract's own names.
 */
export async function callRaw(client: WorkflowClient, op: Operation, headers: Record<string, string>, example: ExampleRequest = exampleRequest(op)): Promise<RawOutcome> {
  const { path, query, headers: header, hasBody, body } = example;
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
