// What goes on the wire, seen by a real HTTP server.
import { describe, expect, it } from 'vitest';
import { createWorkflowClient } from '../../src/index.ts';
import { answerJson, useTestServer } from '../helpers/http-server.ts';

const testServer = useTestServer(answerJson(200, { execution_id: 'exec-1' }, { 'X-Request-Id': 'req-42' }));

const token = 'MIIT-token-value';
const client = () => createWorkflowClient({ endpoint: testServer.current.url, projectId: 'proj-1', auth: { token } });

describe('startWorkflowExecution on the wire', () => {
  it('sends POST …/executions with the token, JSON body and optional headers', async () => {
    const result = await client().startWorkflowExecution({
      workflowId: 'wf-1',
      input: { orderId: 42 },
      headers: { tenantId: 'user1' },
      runId: '04e9e38f375e435aa827b93f02dd2112',
      createTime: '2026-11-20',
      mergeFnParameters: true,
    });
    expect(result).toEqual({ execution_id: 'exec-1', request_id: 'req-42' });
    expect(testServer.current.requests).toHaveLength(1);
    const [request] = testServer.current.requests;
    expect(request!.method).toBe('POST');
    expect(request!.target).toBe('/v2/proj-1/fgs/workflows/wf-1/executions');
    expect(request!.headers['x-auth-token']).toBe(token);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['x-workflowrun-id']).toBe('04e9e38f375e435aa827b93f02dd2112');
    expect(request!.headers['x-create-time']).toBe('2026-11-20');
    expect(request!.headers['x-workflowrun-mergefnparameters']).toBe('true');
    expect(JSON.parse(request!.body)).toEqual({ input: { orderId: 42 }, headers: { tenantId: 'user1' } });
  });

  it('sends only what was given: no optional header, no body field left undefined', async () => {
    await client().startWorkflowExecution({ workflowId: 'wf-1', input: {} });
    const [request] = testServer.current.requests;
    expect(request!.body).toBe('{"input":{}}');
    for (const name of ['x-workflowrun-id', 'x-create-time', 'x-workflowrun-mergefnparameters']) {
      expect(request!.headers).not.toHaveProperty(name);
    }
  });

  it('lets a call override the project and add headers; client headers go on every call', async () => {
    const withDefaults = createWorkflowClient({ endpoint: `${testServer.current.url}/`, projectId: 'proj-1', auth: { token }, headers: { 'X-Team': 'payments' } });
    await withDefaults.startWorkflowExecution({ workflowId: 'wf-1', projectId: 'proj-2', input: {} }, { headers: { 'X-Trace': 't-1' } });
    const [request] = testServer.current.requests;
    expect(request!.target).toBe('/v2/proj-2/fgs/workflows/wf-1/executions');
    expect(request!.headers['x-team']).toBe('payments');
    expect(request!.headers['x-trace']).toBe('t-1');
  });

  it('keeps a base path of the endpoint (a proxy prefix)', async () => {
    await createWorkflowClient({ endpoint: `${testServer.current.url}/proxy/fgs`, projectId: 'p', auth: { token } }).startWorkflowExecution({ workflowId: 'w', input: {} });
    expect(testServer.current.requests[0]!.target).toBe('/proxy/fgs/v2/p/fgs/workflows/w/executions');
  });

  it('asks a token function for the token on every call', async () => {
    let calls = 0;
    const refreshing = createWorkflowClient({ endpoint: testServer.current.url, projectId: 'p', auth: { token: async () => `token-${++calls}` } });
    await refreshing.startWorkflowExecution({ workflowId: 'w', input: {} });
    await refreshing.startWorkflowExecution({ workflowId: 'w', input: {} });
    expect(testServer.current.requests.map((r) => r.headers['x-auth-token'])).toEqual(['token-1', 'token-2']);
  });
});

describe('createCallbackWorkflow on the wire', () => {
  it('sends POST …/callback with both workflow headers and the result', async () => {
    const result = await client().createCallbackWorkflow({
      workflowId: 'wf-1',
      runId: 'aa7d6479-141d-482f-b9bc-85b5cd14066b',
      stateId: '0f5758f7-aa43-49ae-8923-c6448d7c1f91',
      result: 'success',
      output: { ok: true },
    });
    expect(result).toEqual({ execution_id: 'exec-1', request_id: 'req-42' });
    const [request] = testServer.current.requests;
    expect(request!.method).toBe('POST');
    expect(request!.target).toBe('/v2/proj-1/fgs/workflows/wf-1/callback');
    expect(request!.headers['x-workflow-run-id']).toBe('aa7d6479-141d-482f-b9bc-85b5cd14066b');
    expect(request!.headers['x-workflow-state-id']).toBe('0f5758f7-aa43-49ae-8923-c6448d7c1f91');
    expect(request!.headers['x-auth-token']).toBe(token);
    expect(JSON.parse(request!.body)).toEqual({ result: 'success', output: { ok: true } });
  });

  it('sends error with a failed result', async () => {
    await client().createCallbackWorkflow({ workflowId: 'wf-1', runId: 'r', stateId: 's', result: 'fail', error: 'Payment was declined.', output: {} });
    expect(JSON.parse(testServer.current.requests[0]!.body)).toEqual({ result: 'fail', output: {}, error: 'Payment was declined.' });
  });
});

describe('the raw openapi-fetch client', () => {
  it('shares endpoint, authentication and path encoding, and answers { data, error, response }', async () => {
    const { data, error, response } = await client().raw.POST('/v2/{project_id}/fgs/workflows/{workflow_id}/executions', {
      params: { path: { project_id: 'proj-1', workflow_id: 'a/b' } },
      body: { input: { n: 1 } },
    });
    expect(error).toBeUndefined();
    expect(data).toEqual({ execution_id: 'exec-1' });
    expect(response.status).toBe(200);
    expect(testServer.current.requests[0]!.target).toBe('/v2/proj-1/fgs/workflows/a%2Fb/executions');
    expect(testServer.current.requests[0]!.headers['x-auth-token']).toBe(token);
  });
});

describe('the methods with and without middleware', () => {
  // The methods build their requests themselves until middleware is added; what goes out must not differ.
  const calls = (c: ReturnType<typeof client>) => [
    () => c.startWorkflowExecution({ workflowId: 'wf 1/ü', input: { n: 1 }, runId: 'r-1', mergeFnParameters: true }, { headers: { 'X-Trace': 't-1' } }),
    () => c.showWorkflowExecutionForPage({ workflowId: 'wf-1', offset: 0, limit: 10, startTime: '2026-11-20T10:00:00Z', endTime: '2026-11-21T10:00:00Z' }),
    () => c.createCallbackWorkflow({ workflowId: 'wf-1', runId: 'r', stateId: 's', result: 'success', output: {} }),
  ];
  const sent = async (c: ReturnType<typeof client>) => {
    testServer.current.requests.length = 0;
    for (const call of calls(c)) await call().catch(() => undefined);
    return testServer.current.requests.map(({ method, target, headers, body }) => ({ method, target, headers, body }));
  };
  const withHeaders = () => createWorkflowClient({ endpoint: testServer.current.url, projectId: 'proj-1', auth: { token }, headers: { 'X-Team': 'payments', 'Content-Type': 'application/json; charset=utf-8' } });

  it('sends the same requests straight as through openapi-fetch, and middleware sees real Requests', async () => {
    const straight = await sent(withHeaders());
    expect(straight).toHaveLength(3);
    const seen: unknown[] = [];
    const c = withHeaders();
    c.raw.use({ onRequest: ({ request }) => void seen.push(request) });
    expect(await sent(c)).toEqual(straight);
    expect(seen).toHaveLength(3);
    for (const request of seen) expect(request).toBeInstanceOf(Request);
    expect(straight[0]!.target).toBe('/v2/proj-1/fgs/workflows/wf%201%2F%C3%BC/executions');
    expect(straight[1]!.target).toMatch(/\?offset=0&limit=10&/);
    expect(straight[0]!.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('stops going through middleware once it is ejected', async () => {
    const seen: unknown[] = [];
    const c = client();
    const watcher = { onRequest: ({ request }: { request: Request }) => void seen.push(request) };
    c.raw.use(watcher);
    await c.startWorkflowExecution({ workflowId: 'w', input: {} });
    c.raw.eject(watcher);
    await c.startWorkflowExecution({ workflowId: 'w', input: {} });
    expect(seen).toHaveLength(1);
    expect(testServer.current.requests).toHaveLength(2);
  });
});
