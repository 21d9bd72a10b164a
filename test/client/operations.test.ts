// The lifecycle operations on the wire, seen by a real HTTP server: each method sends its method, path,
// query and headers as the contract says, only what was given, and resolves with the body exactly as
// the server sent it plus request_id; what the contract forbids is refused before sending, and an answer
// that breaks the contract at its top level is an error.
import { describe, expect, it } from 'vitest';
import { createWorkflowClient, WorkflowApiError, WorkflowValidationError } from '../../src/index.ts';
import { answerJson, useTestServer, type Handler } from '../helpers/http-server.ts';

const testServer = useTestServer();

const token = 'token-for-operations';
const client = () => createWorkflowClient({ endpoint: testServer.current.url, projectId: 'proj-1', auth: { token } });
const anyInput = (value: Record<string, unknown>) => value as never;

/** Answers with exactly this text, so a test knows every byte the client read. */
const answerText =
  (status: number, text: string, headers: Record<string, string> = {}): Handler =>
  (_request, response) => {
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    response.end(text);
  };

/** User data whose keys a renaming client would change: snake_case, camelCase, spaces, a request_id of its own. */
const userData = { order_id: 42, orderId: 43, 'Odd Key': { nested_key: [{ request_id: 'mine', executionId: 'also mine' }] }, __proto__key: null };

const execution = {
  workflow_id: 'wf-1',
  execution_id: 'exec-1',
  status: 'success',
  headers: { tenant_id: 'user1', 'X-Custom': 'v' },
  input: userData,
  output: { ...userData, shipped: true },
  begin_time: '2026-11-20T08:00:00Z',
  node_execution_details: [
    {
      node_id: 'n-1',
      node_name: 'reserve-stock',
      executions: [{ status: 'success', input: userData, output: { reserved_items: ['a'] }, begin_time: 1795161600000, error_message: { detail_text: 'x' }, request_id: 'node-req' }],
    },
  ],
};

async function refused(field: string, message: RegExp, run: () => Promise<unknown>) {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowValidationError);
  expect((error as WorkflowValidationError).field).toBe(field);
  expect((error as Error).message).toMatch(message);
  expect(testServer.current.requests, 'nothing may be sent').toHaveLength(0);
}

describe('showWorkflowExecution', () => {
  it('sends GET …/executions/{execution_id} with no body, and resolves with the execution exactly as sent', async () => {
    const text = JSON.stringify(execution);
    testServer.current.handle(answerText(200, text, { 'X-Request-Id': 'req-show' }));
    const result = await client().showWorkflowExecution({ workflowId: 'wf-1', executionId: 'exec-1' });
    // Every key as sent, in the order sent, user data untouched; request_id after them.
    expect(JSON.stringify(result)).toBe(JSON.stringify({ ...execution, request_id: 'req-show' }));
    expect(result.input).toEqual(userData);
    expect(result.node_execution_details![0]!.executions![0]!.request_id).toBe('node-req');
    const [request] = testServer.current.requests;
    expect([request!.method, request!.target, request!.body]).toEqual(['GET', '/v2/proj-1/fgs/workflows/wf-1/executions/exec-1', '']);
    expect(request!.headers['x-auth-token']).toBe(token);
    expect(request!.headers).not.toHaveProperty('content-type');
    expect(request!.headers).not.toHaveProperty('x-get-workflow-full-history-data');
  });

  it('sends X-Get-Workflow-Full-History-Data as true or false, only when given', async () => {
    testServer.current.handle(answerJson(200, execution));
    await client().showWorkflowExecution({ workflowId: 'w', executionId: 'e', fullHistoryData: true });
    await client().showWorkflowExecution({ workflowId: 'w', executionId: 'e', fullHistoryData: false });
    expect(testServer.current.requests.map((r) => r.headers['x-get-workflow-full-history-data'])).toEqual(['true', 'false']);
  });

  it('passes on a status the contract does not list yet', async () => {
    testServer.current.handle(answerJson(200, { execution_id: 'e', status: 'scheduled' }));
    expect(await client().showWorkflowExecution({ workflowId: 'w', executionId: 'e' })).toEqual({ execution_id: 'e', status: 'scheduled', request_id: 'req-0001' });
  });

  it.each([
    ['executionId', /^executionId is required$/, { executionId: undefined }],
    ['executionId', /^executionId must not be empty$/, { executionId: '' }],
    ['executionId', /^executionId must be at most 64 characters long \(got 65\)$/, { executionId: 'e'.repeat(65) }],
    ['executionId', /^executionId must be a string, not a value of type number$/, { executionId: 7 }],
    ['fullHistoryData', /^fullHistoryData must be true or false, not a value of type string$/, { fullHistoryData: 'yes' }],
  ])('refuses %s (%s) before sending', async (field, message, input) => {
    await refused(field, message, () => client().showWorkflowExecution(anyInput({ workflowId: 'w', executionId: 'e', ...input })));
  });
});

describe('listWorkflowExecutions', () => {
  it('sends no query string when no query parameter is given', async () => {
    testServer.current.handle(answerJson(200, { executions: [] }));
    expect(await client().listWorkflowExecutions({ workflowId: 'wf-1' })).toEqual({ executions: [], request_id: 'req-0001' });
    expect(testServer.current.requests[0]!.target).toBe('/v2/proj-1/fgs/workflows/wf-1/executions');
    expect(testServer.current.requests[0]!.method).toBe('GET');
  });

  it('sends each query parameter given, under its contract name, percent-encoded', async () => {
    testServer.current.handle(answerJson(200, { executions: [] }));
    await client().listWorkflowExecutions({ workflowId: 'wf-1', limit: 0, offset: 20, status: 'running', startTime: '2022-10-11 01:00:11', endTime: '2022-10-12 01:00:11' });
    await client().listWorkflowExecutions({ workflowId: 'wf-1', status: 'fail' });
    expect(testServer.current.requests.map((r) => r.target)).toEqual([
      '/v2/proj-1/fgs/workflows/wf-1/executions?limit=0&offset=20&status=running&start_time=2022-10-11%2001%3A00%3A11&end_time=2022-10-12%2001%3A00%3A11',
      '/v2/proj-1/fgs/workflows/wf-1/executions?status=fail',
    ]);
  });

  it.each([
    ['limit', /^limit must be at most 500 \(got 501\)$/, { limit: 501 }],
    ['limit', /^limit must be at least 0 \(got -1\)$/, { limit: -1 }],
    ['limit', /^limit must be a whole number \(got 1\.5\)$/, { limit: 1.5 }],
    ['limit', /^limit must be a finite number, not a value of type string$/, { limit: '10' }],
    ['offset', /^offset must be at most 2147483647 \(got 2147483648\)$/, { offset: 2 ** 31 }],
    ['offset', /^offset must be a finite number, not NaN$/, { offset: Number.NaN }],
    ['status', /^status must be one of "success", "fail", "running", "timeout", "cancel" \(got "done"\)$/, { status: 'done' }],
    ['startTime', /^startTime must be a string, not a value of type object$/, { startTime: new Date() }],
  ])('refuses %s (%s) before sending', async (field, message, input) => {
    await refused(field, message, () => client().listWorkflowExecutions(anyInput({ workflowId: 'w', ...input })));
  });
});

describe('showWorkflowExecutionForPage', () => {
  it('sends offset and limit, and resolves with the page', async () => {
    const page = { executions: [{ execution_id: 'e-1', status: 'retrying' }], total: 1, size: 1 };
    testServer.current.handle(answerJson(200, page, { 'X-Request-Id': 'req-page' }));
    expect(await client().showWorkflowExecutionForPage({ workflowId: 'wf-1', offset: 0, limit: 100 })).toEqual({ ...page, request_id: 'req-page' });
    expect(testServer.current.requests[0]!.target).toBe('/v2/proj-1/fgs/workflows/wf-1/executions-history?offset=0&limit=100');
  });

  it.each([
    ['offset', /^offset is required$/, { offset: undefined }],
    ['limit', /^limit is required$/, { limit: undefined }],
    ['limit', /^limit must be at least 1 \(got 0\)$/, { limit: 0 }],
    ['limit', /^limit must be at most 100 \(got 101\)$/, { limit: 101 }],
  ])('refuses %s (%s) before sending', async (field, message, input) => {
    await refused(field, message, () => client().showWorkflowExecutionForPage(anyInput({ workflowId: 'w', offset: 0, limit: 10, ...input })));
  });
});

describe('startSyncWorkflowExecution', () => {
  it('sends POST …/sync-executions with the body, and resolves with the outcome exactly as sent', async () => {
    const outcome = { execution_id: 'exec-sync', status: 'success', output: userData, begin_time: '2026-11-20T08:00:00Z', end_time: '2026-11-20T08:00:01Z' };
    testServer.current.handle(answerJson(200, outcome, { 'X-Request-Id': 'req-sync' }));
    const result = await client().startSyncWorkflowExecution({ workflowId: 'wf-1', input: userData, headers: { tenant_id: 'u' } });
    expect(JSON.stringify(result)).toBe(JSON.stringify({ ...outcome, request_id: 'req-sync' }));
    const [request] = testServer.current.requests;
    expect([request!.method, request!.target]).toEqual(['POST', '/v2/proj-1/fgs/workflows/wf-1/sync-executions']);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.body).toBe(JSON.stringify({ input: userData, headers: { tenant_id: 'u' } }));
  });

  it('sends the body fields the contract declares, in the order given, and nothing else', async () => {
    testServer.current.handle(answerJson(200, { execution_id: 'e', status: 'success' }));
    await client().startSyncWorkflowExecution(anyInput({ headers: { b: 1 }, workflowId: 'wf-1', runId: 'not-here', input: { a: 1 }, note: 'not sent', output: {} }));
    expect(testServer.current.requests[0]!.body).toBe('{"headers":{"b":1},"input":{"a":1}}');
    expect(testServer.current.requests[0]!.headers).not.toHaveProperty('x-workflowrun-id');
  });

  it('refuses a missing input before sending', async () => {
    await refused('input', /^input is required$/, () => client().startSyncWorkflowExecution(anyInput({ workflowId: 'w' })));
  });
});

describe.each([
  ['retryWorkFlow', 'retry'],
  ['stopWorkFlow', 'terminate'],
] as const)('%s', (method, action) => {
  const call = (input = { workflowId: 'wf-1', executionId: 'exec-1' }) => client()[method](input);

  it(`sends POST …/executions/{execution_id}/${action} with no body; the empty 200 resolves with the request ID`, async () => {
    testServer.current.handle(answerText(200, '', { 'X-Request-Id': 'req-empty' }));
    expect(await call()).toEqual({ request_id: 'req-empty' });
    const [request] = testServer.current.requests;
    expect([request!.method, request!.target, request!.body]).toEqual(['POST', `/v2/proj-1/fgs/workflows/wf-1/executions/exec-1/${action}`, '']);
    expect(request!.headers).not.toHaveProperty('content-type');
  });

  it('resolves without a request ID when the answer has none, and on a 204 or a 200 with a stray body too', async () => {
    for (const [status, body] of [[200, ''], [204, ''], [200, '{"note":"ignored"}']] as const) {
      testServer.current.handle((_request, response) => {
        response.writeHead(status);
        response.end(body);
      });
      expect(await call(), `${status} ${body}`).toEqual({ request_id: undefined });
    }
  });

  it("rejects FunctionGraph's 404 with its code", async () => {
    testServer.current.handle(answerJson(404, { error_code: 'FGS.5002', error_msg: 'Function flow not found.' }, { 'X-Request-Id': 'req-404' }));
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowApiError);
    expect(error).toMatchObject({ status: 404, code: 'FGS.5002', requestId: 'req-404' });
  });
});

describe('an answer that breaks the contract at its top level is a WorkflowApiError', () => {
  it.each([
    ['showWorkflowExecution', { status: 5 }, /status must be a string, not a value of type number/],
    ['showWorkflowExecution', { output: 'done' }, /output must be a JSON object, not a value of type string/],
    ['showWorkflowExecution', { output: null }, /output must be a JSON object, not null/],
    ['showWorkflowExecution', { node_execution_details: [null] }, /node_execution_details item \[0\] must be a JSON object, not null/],
    ['showWorkflowExecution', [execution], /the body is not the documented JSON object/],
    ['showWorkflowExecutionForPage', { executions: {}, total: 1 }, /executions must be an array, not a value of type object/],
    ['showWorkflowExecutionForPage', { executions: [], total: -1 }, /total must be at least 0 \(got -1\)/],
    ['showWorkflowExecutionForPage', { executions: [], total: '3' }, /total must be a finite number, not a value of type string/],
    ['startSyncWorkflowExecution', { execution_id: 'e' }, /status is required/],
  ] as const)('%s answering %j', async (method, body, problem) => {
    testServer.current.handle(answerJson(200, body));
    const inputs = {
      showWorkflowExecution: { workflowId: 'w', executionId: 'e' },
      showWorkflowExecutionForPage: { workflowId: 'w', offset: 0, limit: 10 },
      startSyncWorkflowExecution: { workflowId: 'w', input: {} },
    };
    const error = await (client()[method] as (input: unknown) => Promise<unknown>)(inputs[method]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowApiError);
    expect((error as WorkflowApiError).status).toBe(200);
    expect((error as WorkflowApiError).data).toEqual(body);
    expect((error as Error).message).toMatch(problem);
  });
});

describe('client.raw checks the lifecycle operations against the contract too', () => {
  const history = '/v2/{project_id}/fgs/workflows/{workflow_id}/executions-history' as const;

  it('refuses a query parameter the contract forbids, named as raw names it', async () => {
    const error = await client()
      .raw.GET(history, { params: { path: { project_id: 'p', workflow_id: 'w' }, query: { offset: 0, limit: 101 } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowValidationError);
    expect(error).toMatchObject({ field: 'params.query.limit', message: 'params.query.limit must be at most 100 (got 101)' });
    expect(testServer.current.requests).toHaveLength(0);
  });

  it('takes a number as its text, as it goes on the wire', async () => {
    testServer.current.handle(answerJson(200, { executions: [], total: 0 }));
    const query = { offset: '0', limit: '10' } as unknown as { offset: number; limit: number };
    const { data } = await client().raw.GET(history, { params: { path: { project_id: 'p', workflow_id: 'w' }, query } });
    expect(data).toEqual({ executions: [], total: 0 });
    expect(testServer.current.requests[0]!.target).toBe('/v2/p/fgs/workflows/w/executions-history?offset=0&limit=10');
    const missing = await client()
      .raw.GET(history, { params: { path: { project_id: 'p', workflow_id: 'w' }, query: { limit: 10 } as never } })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: 'WorkflowValidationError', field: 'params.query.offset' });
  });
});
