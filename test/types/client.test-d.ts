// Compile-time behaviour: what the contract forbids does not compile, and results have the README's types.
import { describe, expectTypeOf, it } from 'vitest';
import {
  createWorkflowClient,
  type CreateCallbackWorkflowInput,
  type StartWorkflowExecutionInput,
  type WorkflowExecutionResult,
} from '../../src/index.ts';

const client = createWorkflowClient({ region: 'cn-north-4', projectId: 'p', auth: { token: 't' } });

describe('client types', () => {
  it('returns { executionId: string, requestId: string | undefined } from both operations', () => {
    expectTypeOf(client.startWorkflowExecution).returns.resolves.toEqualTypeOf<WorkflowExecutionResult>();
    expectTypeOf(client.createCallbackWorkflow).returns.resolves.toEqualTypeOf<WorkflowExecutionResult>();
    expectTypeOf<WorkflowExecutionResult>().toEqualTypeOf<{ executionId: string; requestId: string | undefined }>();
  });

  it('types the callback result as the contract enumeration', () => {
    expectTypeOf<CreateCallbackWorkflowInput['result']>().toEqualTypeOf<'success' | 'fail'>();
    expectTypeOf<StartWorkflowExecutionInput['mergeFnParameters']>().toEqualTypeOf<boolean | 'true' | 'false' | '' | undefined>();
  });

  it('refuses a wrong result value, a missing input, and missing callback headers', () => {
    // @ts-expect-error: "ok" is not in the result enumeration
    void client.createCallbackWorkflow({ workflowId: 'w', runId: 'r', stateId: 's', result: 'ok', output: {} });
    // @ts-expect-error: input is required
    void client.startWorkflowExecution({ workflowId: 'w' });
    // @ts-expect-error: output is required
    void client.createCallbackWorkflow({ workflowId: 'w', runId: 'r', stateId: 's', result: 'success' });
    // @ts-expect-error: stateId (X-Workflow-State-Id) is required
    void client.createCallbackWorkflow({ workflowId: 'w', runId: 'r', result: 'success', output: {} });
    // @ts-expect-error: workflowId is required
    void client.startWorkflowExecution({ input: {} });
    // @ts-expect-error: input must be an object
    void client.startWorkflowExecution({ workflowId: 'w', input: 'text' });
    // @ts-expect-error: auth is required
    createWorkflowClient({ region: 'cn-north-4' });
  });

  it('types the raw client by the generated paths', () => {
    const call = () =>
      client.raw.POST('/v2/{project_id}/fgs/workflows/{workflow_id}/callback', {
        params: { path: { project_id: 'p', workflow_id: 'w' }, header: { 'X-Workflow-Run-Id': 'r', 'X-Workflow-State-Id': 's' } },
        body: { result: 'fail', output: {} },
      });
    expectTypeOf(call).returns.resolves.toHaveProperty('data').toEqualTypeOf<{ execution_id: string } | undefined>();
    // @ts-expect-error: an undocumented path does not compile
    void client.raw.POST('/v2/{project_id}/fgs/workflows', {});
  });
});
