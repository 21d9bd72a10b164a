// Huawei's official Node SDK against the mock: for each lifecycle and flow-management operation, every documented answer
// (asked for with Prism's Prefer header, added by a loopback proxy between the SDK and Prism) is served
// to the SDK's own request with no contract violation, and the SDK parses it: a success into its
// response object with the contract's example as its fields, an error into its exception with the
// example's code and message. The SDK signs with AK/SK and sends its own headers, so this also proves
// the contract accepts requests exactly as another client writes them.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/http-server.ts';
import type { FlowDefinition } from '../../src/index.ts';
import { contractOperations, documentedAnswers, exampleRequest, preferHeader, type ExampleRequest } from '../helpers/requests.ts';

const require = createRequire(import.meta.url);
/** The SDK's requests and builders are fluent: every withX() returns the object. */
type Fluent = { [method: string]: (...values: unknown[]) => Fluent };
type SdkClient = Record<string, (request: Fluent) => Promise<Record<string, unknown>>>;
const core = require('@huaweicloud/huaweicloud-sdk-core') as { BasicCredentials: new () => Fluent };
const fg = require('@huaweicloud/huaweicloud-sdk-functiongraph') as Record<string, new () => Fluent> & { FunctionGraphClient: { newBuilder(): Fluent } };
// The SDK logs every error answer, with the whole request, through log4js's default logger on stdout.
(require('log4js') as { getLogger(): { level: string } }).getLogger().level = 'off';

/** The official SDK's request for each operation, built as its documentation shows, from the contract's example request. */
const sdkRequests: Record<string, (x: ExampleRequest) => Fluent> = {
  startSyncWorkflowExecution: (x) =>
    new fg.StartSyncWorkflowExecutionRequest!()
      .withWorkflowId!(x.path.workflow_id)
      .withBody!(new fg.FlowExecuteBody!().withInput!(x.body.input).withHeaders!(x.body.headers)),
  showWorkflowExecution: (x) =>
    new fg.ShowWorkflowExecutionRequest!()
      .withWorkflowId!(x.path.workflow_id)
      .withExecutionId!(x.path.execution_id)
      .withXGetWorkflowFullHistoryData!(x.headers['X-Get-Workflow-Full-History-Data'] === 'true'),
  listWorkflowExecutions: (x) =>
    new fg.ListWorkflowExecutionsRequest!()
      .withWorkflowId!(x.path.workflow_id)
      .withLimit!(Number(x.query.limit))
      .withOffset!(Number(x.query.offset))
      .withStatus!(x.query.status)
      .withStartTime!(x.query.start_time)
      .withEndTime!(x.query.end_time),
  showWorkflowExecutionForPage: (x) =>
    new fg.ShowWorkflowExecutionForPageRequest!()
      .withWorkflowId!(x.path.workflow_id)
      .withOffset!(Number(x.query.offset))
      .withLimit!(Number(x.query.limit))
      .withStartTime!(x.query.start_time)
      .withEndTime!(x.query.end_time),
  retryWorkFlow: (x) => new fg.RetryWorkFlowRequest!().withWorkflowId!(x.path.workflow_id).withExecutionId!(x.path.execution_id),
  stopWorkFlow: (x) => new fg.StopWorkFlowRequest!().withWorkflowId!(x.path.workflow_id).withExecutionId!(x.path.execution_id),
  createWorkflow: (x) => new fg.CreateWorkflowRequest!().withBody!(sdkDefinition(x.body as unknown as FlowDefinition)),
  updateWorkFlow: (x) => new fg.UpdateWorkFlowRequest!().withWorkflowId!(x.path.workflow_id).withBody!(sdkDefinition(x.body as unknown as FlowDefinition)),
  showWorkFlow: (x) => new fg.ShowWorkFlowRequest!().withWorkflowId!(x.path.workflow_id),
  listWorkflow: (x) =>
    new fg.ListWorkflowRequest!()
      .withWorkflowName!(x.query.workflow_name)
      .withLimit!(Number(x.query.limit))
      .withOffset!(Number(x.query.offset))
      .withEnterpriseProject!(x.query.enterprise_project)
      .withMode!(x.query.mode),
  batchDeleteWorkflows: (x) => new fg.BatchDeleteWorkflowsRequest!().withBody!(new fg.WorkflowDeleteBody!().withWorkflowUrns!(x.body.workflow_urns)),
  showTenantMetric: (x) =>
    new fg.ShowTenantMetricRequest!().withPeriod!(x.query.period).withStartTime!(x.query.start_time).withEndTime!(x.query.end_time).withMetricType!(x.query.metric_type),
  showWorkFlowMetric: (x) =>
    new fg.ShowWorkFlowMetricRequest!().withWorkflowUrn!(x.path.workflow_urn).withPeriod!(x.query.period).withStartTime!(x.query.start_time).withEndTime!(x.query.end_time),
};

/** A flow definition built with the SDK's own models, field by field, as its documentation builds one. */
function sdkDefinition(definition: FlowDefinition): Fluent {
  // Each optional field is set only when the definition has it: the SDK would otherwise send it as undefined.
  const optional = (model: Fluent, setter: string, value: unknown) => (value === undefined ? model : model[setter]!(value));
  const functionRef = (ref: NonNullable<FlowDefinition['states'][number]['actions'][number]['function_ref']>) =>
    optional(new fg.FunctionRef!().withRefName!(ref.ref_name).withArguments!(ref.arguments), 'withInvokeMode', ref.invoke_mode);
  const states = definition.states.map((state) => {
    let model = new fg.OperationState!()
      .withId!(state.id)
      .withName!(state.name)
      .withType!(state.type)
      .withEnd!(state.end)
      .withTransition!(state.transition)
      .withActions!(state.actions.map((action) => optional(new fg.Action!(), 'withFunctionRef', action.function_ref && functionRef(action.function_ref))));
    model = optional(model, 'withActionMode', state.action_mode);
    model = optional(model, 'withDuration', state.duration);
    model = optional(model, 'withStateDataFilter', state.state_data_filter && new fg.StateDataFilter!().withInput!(state.state_data_filter.input).withOutput!(state.state_data_filter.output));
    return optional(model, 'withOnErrors', state.on_errors?.map((handler) => new fg.OnError!().withError!(handler.error).withTransition!(handler.transition).withRetryRef!(handler.retry_ref)));
  });
  let body = new fg.WorkflowCreateBody!()
    .withName!(definition.name)
    .withStart!(definition.start)
    .withFunctions!(definition.functions.map((f) => optional(new fg.Function!().withName!(f.name).withOperation!(f.operation), 'withMetadata', f.metadata)))
    .withStates!(states)
    .withConstants!(definition.constants)
    .withRetries!(definition.retries.map((r) => optional(optional(new fg.Retry!().withName!(r.name), 'withDelay', r.delay), 'withMaxAttempts', r.max_attempts)));
  body = optional(body, 'withDescription', definition.description);
  body = optional(body, 'withMode', definition.mode);
  body = optional(body, 'withExpressConfig', definition.express_config && new fg.ExpressConfig!().withLogLevel!(definition.express_config.log_level));
  return optional(body, 'withEnableStreamResponse', definition.enable_stream_response);
}

interface Exchange {
  method: string;
  target: string;
  status: number;
  violations: string | null;
}

let proxy: TestServer;
let prefer = '';
const exchanges: Exchange[] = [];

beforeAll(async () => {
  const mockUrl = inject('mockUrl');
  proxy = await startServer((request, response) => {
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name))) as Record<string, string>;
    void fetch(mockUrl + request.target, {
      method: request.method,
      headers: { ...headers, Prefer: prefer },
      ...(request.rawBody.length > 0 && { body: new Uint8Array(request.rawBody) }),
    }).then(async (answer) => {
      const body = Buffer.from(await answer.arrayBuffer());
      exchanges.push({ method: request.method, target: request.target, status: answer.status, violations: answer.headers.get('sl-violations') });
      const forwarded: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) forwarded[name] = value;
      });
      response.writeHead(answer.status, forwarded).end(body);
    }, (error: unknown) => response.writeHead(502).end(String(error)));
  });
});
afterAll(() => proxy?.close());

function officialClient(projectId: string): SdkClient {
  const credentials = new core.BasicCredentials().withAk!('HPUAEXAMPLEACCESSKEY').withSk!('sk-for-the-mock').withProjectId!(projectId);
  return fg.FunctionGraphClient.newBuilder().withCredential!(credentials).withEndpoint!(proxy.url).build!() as unknown as SdkClient;
}

const lifecycle = contractOperations.filter((op) => op.operationId in sdkRequests);
const answers = documentedAnswers().filter((a) => a.op.operationId in sdkRequests);

describe("Huawei's official Node SDK against the mock", () => {
  it('covers the six lifecycle operations and the seven flow-management operations', () => {
    expect(lifecycle.map((op) => op.operationId).sort()).toEqual(Object.keys(sdkRequests).sort());
    expect(new Set(answers.map((a) => a.op.operationId)).size).toBe(13);
  });

  it.each(answers.map((a) => [a.op.operationId, a.status, a.example ?? '(no body)', a] as const))('%s %i %s', async (id, status, _example, answer) => {
    const example = exampleRequest(answer.op);
    prefer = preferHeader(answer);
    exchanges.length = 0;
    const client = officialClient(example.path.project_id!);
    const outcome = await client[id]!(sdkRequests[id]!(example)).then(
      (result) => ({ result }),
      (error: { httpStatusCode?: number; errorCode?: string; errorMsg?: string; requestId?: string }) => ({ error }),
    );

    // Exactly one request, to the operation's path, which Prism took without a single violation.
    expect(exchanges).toHaveLength(1);
    const [exchange] = exchanges;
    const pathPattern = new RegExp(`^${answer.op.path.replace(/\{[^}]+\}/g, '[^/?]+')}(\\?|$)`);
    expect(exchange!.method).toBe(answer.op.method.toUpperCase());
    expect(exchange!.target).toMatch(pathPattern);
    expect(exchange!.violations, `Prism reported violations: ${exchange!.violations}`).toBeNull();
    expect(exchange!.status).toBe(status);

    if (status < 300) {
      expect(outcome).toHaveProperty('result');
      const { httpStatusCode, ...fields } = (outcome as { result: Record<string, unknown> }).result;
      expect(httpStatusCode).toBe(status);
      expect(fields).toEqual(answer.value ?? {});
    } else {
      expect(outcome).toHaveProperty('error');
      const { error } = outcome as { error: { httpStatusCode?: number; errorCode?: string; errorMsg?: string; requestId?: string } };
      expect([error.httpStatusCode, error.errorCode, error.errorMsg]).toEqual([status, answer.value?.error_code, answer.value?.error_msg]);
      expect(error.requestId).toEqual(expect.any(String));
    }
  });
});
