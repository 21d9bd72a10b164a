// Calls built from the contract's own examples, made through the client, for tests that call the mock.
import { createWorkflowClient, type WorkflowClient, type WorkflowExecutionResult } from '../../src/index.ts';
import type { Operation } from './contract.ts';
import { exampleRequest } from './answers.ts';

export * from './answers.ts';

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
