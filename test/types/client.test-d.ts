// Compile-time behaviour: what the contract forbids does not compile, and results have the types the client's guide gives.
import { describe, expectTypeOf, it } from 'vitest';
import type { components } from '../../generated/schema.ts';
import {
  createWorkflowClient,
  isFinalStatus,
  pendingCallbacks,
  type ExecutionRecord,
  type ExecutionStatus,
  type FinalStatus,
  type FinishedExecution,
  type PendingCallback,
  type OperationId,
  type OperationInput,
  type OperationResult,
  type WorkflowClient,
  type operations,
} from '../../src/index.ts';

const client = createWorkflowClient({ region: 'cn-north-4', projectId: 'p', auth: { token: 't' } });
type Schemas = components['schemas'];
/** A schema's body with the request ID, as one object type. */
type WithRequestId<T> = { [K in keyof (T & { request_id: string | undefined })]: (T & { request_id: string | undefined })[K] } & {};

describe('client types', () => {
  it('has one method per operation of the contract, named by its operationId', () => {
    expectTypeOf<OperationId>().toEqualTypeOf<keyof operations>();
    expectTypeOf<keyof WorkflowClient>().toEqualTypeOf<OperationId | 'waitForExecution' | 'executionHistory' | 'workflows' | 'raw' | 'baseUrl'>();
  });

  it('results are the success bodies as the schema types them, with request_id', () => {
    expectTypeOf(client.startWorkflowExecution).returns.resolves.toEqualTypeOf<OperationResult<'startWorkflowExecution'>>();
    expectTypeOf<OperationResult<'startWorkflowExecution'>>().toEqualTypeOf<{ execution_id: string; request_id: string | undefined }>();
    expectTypeOf<OperationResult<'createCallbackWorkflow'>>().toEqualTypeOf<{ execution_id: string; request_id: string | undefined }>();
    expectTypeOf<OperationResult<'startSyncWorkflowExecution'>>().toEqualTypeOf<WithRequestId<Schemas['StartSyncWorkflowExecutionResponseBody']>>();
    expectTypeOf<OperationResult<'showWorkflowExecution'>>().toEqualTypeOf<WithRequestId<Schemas['ShowWorkflowExecutionResponseBody']>>();
    expectTypeOf<OperationResult<'showWorkflowExecution'>['status']>().toEqualTypeOf<'success' | 'fail' | 'running' | 'timeout' | 'cancel' | undefined>();
    expectTypeOf<OperationResult<'showWorkflowExecution'>['input']>().toEqualTypeOf<{ [key: string]: unknown } | undefined>();
    expectTypeOf<OperationResult<'listWorkflowExecutions'>['executions']>().toEqualTypeOf<Schemas['FlowExecutionBrief'][] | undefined>();
    expectTypeOf<OperationResult<'showWorkflowExecutionForPage'>['total']>().toEqualTypeOf<number | undefined>();
    expectTypeOf(client.retryWorkFlow).returns.resolves.toEqualTypeOf<{ request_id: string | undefined }>();
    expectTypeOf(client.stopWorkFlow).returns.resolves.toEqualTypeOf<{ request_id: string | undefined }>();
  });

  it('flow management: createWorkflow resolves with its 201 body; a definition read back can be written back', async () => {
    expectTypeOf<OperationResult<'createWorkflow'>>().toEqualTypeOf<WithRequestId<Schemas['WorkflowSimpleInfo']>>();
    expectTypeOf<OperationResult<'createWorkflow'>['id']>().toEqualTypeOf<string>();
    expectTypeOf<OperationResult<'showWorkFlow'>['definition']>().toEqualTypeOf<Schemas['WorkflowCreateBody'] | undefined>();
    expectTypeOf<OperationResult<'batchDeleteWorkflows'>['fail']>().toEqualTypeOf<Schemas['OperateErrorInfo'][] | undefined>();
    expectTypeOf<OperationInput<'batchDeleteWorkflows'>>().toEqualTypeOf<{ projectId?: string | undefined; workflow_urns: string[] }>();
    expectTypeOf<OperationInput<'showWorkFlowMetric'>>().toEqualTypeOf<{ workflowUrn: string; projectId?: string | undefined; period?: string | undefined; startTime?: string | undefined; endTime?: string | undefined }>();
    expectTypeOf<OperationInput<'createWorkflow'>['states'][number]['type']>().toEqualTypeOf<'Operation' | 'Sleep' | 'End'>();
    const { definition } = await client.showWorkFlow({ workflowId: 'w' });
    if (definition) void client.updateWorkFlow({ workflowId: 'w', ...definition, description: 'changed' });
    for await (const flow of client.workflows({ mode: 'EXPRESS', pageSize: 50 })) expectTypeOf(flow).toEqualTypeOf<Schemas['WorkflowSimpleInfo']>();
    // @ts-expect-error: "Choice" is not a state type
    void client.createWorkflow({ name: 'f', start: 's', functions: [], constants: {}, retries: [], states: [{ id: 's', name: 's', type: 'Choice', end: true, transition: '', actions: [] }] });
    // @ts-expect-error: the listing's pages are fetched in turn; offset is not an option
    void client.workflows({ offset: 10 });
  });

  it('inputs: camelCase path, query and header options; body fields by their contract names', () => {
    expectTypeOf<OperationInput<'showWorkflowExecution'>>().toEqualTypeOf<{ workflowId: string; executionId: string; projectId?: string | undefined; fullHistoryData?: boolean | undefined }>();
    expectTypeOf<OperationInput<'retryWorkFlow'>>().toEqualTypeOf<{ workflowId: string; executionId: string; projectId?: string | undefined }>();
    expectTypeOf<OperationInput<'listWorkflowExecutions'>>().toEqualTypeOf<{
      workflowId: string;
      projectId?: string | undefined;
      limit?: number | undefined;
      offset?: number | undefined;
      status?: 'success' | 'fail' | 'running' | 'timeout' | 'cancel' | undefined;
      startTime?: string | undefined;
      endTime?: string | undefined;
    }>();
    expectTypeOf<OperationInput<'showWorkflowExecutionForPage'>>().toEqualTypeOf<{ workflowId: string; projectId?: string | undefined; offset: number; limit: number; startTime?: string | undefined; endTime?: string | undefined }>();
    expectTypeOf<OperationInput<'startSyncWorkflowExecution'>>().toEqualTypeOf<{ workflowId: string; projectId?: string | undefined; input: object; headers?: object | undefined }>();
    expectTypeOf<OperationInput<'createCallbackWorkflow'>['result']>().toEqualTypeOf<'success' | 'fail'>();
    expectTypeOf<OperationInput<'startWorkflowExecution'>['mergeFnParameters']>().toEqualTypeOf<boolean | 'true' | 'false' | '' | undefined>();
  });

  it('takes inputs as a caller writes them: an interface as free-form data, an explicit undefined for an optional option', () => {
    interface Order {
      id: number;
      lines: Array<{ sku: string; quantity: number }>;
    }
    const order: Order = { id: 42, lines: [] };
    void client.startWorkflowExecution({ workflowId: 'w', input: order });
    const runId: string | undefined = undefined;
    void client.startWorkflowExecution({ workflowId: 'w', input: {}, runId, createTime: undefined, headers: undefined });
    void client.showWorkflowExecution({ workflowId: 'w', executionId: 'e', fullHistoryData: undefined, projectId: undefined });
    // @ts-expect-error: a required option is still required
    void client.startWorkflowExecution({ workflowId: undefined, input: {} });
    // @ts-expect-error: free-form data is an object, not text
    void client.startWorkflowExecution({ workflowId: 'w', input: 'order' });
  });

  it('takes one credential: a token and a key pair together do not compile', () => {
    // @ts-expect-error: a token beside a key pair
    createWorkflowClient({ region: 'cn-north-4', auth: { token: 't', accessKey: 'AK', secretKey: 'SK' } });
    const config = { token: 't', accessKey: 'AK', secretKey: 'SK' };
    // @ts-expect-error: spreading one config object that holds both
    createWorkflowClient({ region: 'cn-north-4', auth: { ...config } });
    createWorkflowClient({ region: 'cn-north-4', auth: { accessKey: 'AK', secretKey: 'SK', securityToken: 'ST' } });
    createWorkflowClient({ region: 'cn-north-4', auth: { token: async () => 't' } });
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

  it('refuses what the new operations forbid', () => {
    // @ts-expect-error: executionId is required
    void client.showWorkflowExecution({ workflowId: 'w' });
    // @ts-expect-error: the query status is an enumeration
    void client.listWorkflowExecutions({ workflowId: 'w', status: 'done' });
    // @ts-expect-error: the query parameters are camelCase options, not the spec's names
    void client.listWorkflowExecutions({ workflowId: 'w', start_time: '2022-10-11 01:00:11' });
    // @ts-expect-error: offset and limit are required by the page operation
    void client.showWorkflowExecutionForPage({ workflowId: 'w' });
    // @ts-expect-error: limit is a number
    void client.showWorkflowExecutionForPage({ workflowId: 'w', offset: 0, limit: '10' });
    // @ts-expect-error: the history takes pageSize, not offset
    void client.executionHistory({ workflowId: 'w', offset: 10 });
  });

  it('waits for and pages through executions', async () => {
    // A wait resolves with a finished execution; with until, with what until accepted.
    const finished = await client.waitForExecution({ workflowId: 'w', executionId: 'e' });
    expectTypeOf(finished.status).toEqualTypeOf<'success' | 'fail' | 'timeout' | 'cancel'>();
    expectTypeOf(finished).toEqualTypeOf<FinishedExecution>();
    const paused = await client.waitForExecution({ workflowId: 'w', executionId: 'e' }, { until: (e) => pendingCallbacks(e).length > 0, headers: { Prefer: 'example=ExecutionRunning' } });
    expectTypeOf(paused).toEqualTypeOf<OperationResult<'showWorkflowExecution'>>();
    type Running = OperationResult<'showWorkflowExecution'> & { status: 'running' };
    const running = await client.waitForExecution({ workflowId: 'w', executionId: 'e' }, { until: (e): e is Running => e.status === 'running' });
    expectTypeOf(running.status).toEqualTypeOf<ExecutionStatus>();
    expectTypeOf<FinalStatus>().toEqualTypeOf<'success' | 'fail' | 'timeout' | 'cancel'>();
    const status = finished.status as string;
    if (isFinalStatus(status)) expectTypeOf(status).toEqualTypeOf<FinalStatus>();
    expectTypeOf(pendingCallbacks).returns.toEqualTypeOf<PendingCallback[]>();
    // @ts-expect-error: until returns whether to stop
    void client.waitForExecution({ workflowId: 'w', executionId: 'e' }, { until: 'running' });
    expectTypeOf(client.executionHistory).returns.toMatchTypeOf<AsyncIterable<ExecutionRecord>>();
    expectTypeOf<ExecutionRecord>().toEqualTypeOf<Schemas['FlowExecutionBriefV2']>();
    // @ts-expect-error: the wait needs the execution's ID
    void client.waitForExecution({ workflowId: 'w' });
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
