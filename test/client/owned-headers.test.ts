// Headers that authentication or HTTP set cannot be given by the caller, in any of the places headers
// can be given: refused with a WorkflowValidationError naming the header, before anything is sent. A
// service that forwards its own caller's headers can never speak with that caller's credential.
import { describe, expect, it } from 'vitest';
import { createWorkflowClient, WorkflowValidationError, type WorkflowAuth } from '../../src/index.ts';
import { useTestServer } from '../helpers/http-server.ts';

const testServer = useTestServer();

const token = { token: 'static-token' };
const aksk = { accessKey: 'AK', secretKey: 'sk-secret' };
const client = (auth: WorkflowAuth = token) => createWorkflowClient({ endpoint: testServer.current.url, projectId: 'p', auth });
const path = '/v2/{project_id}/fgs/workflows/{workflow_id}/executions' as const;
const params = { path: { project_id: 'p', workflow_id: 'w' } };

const credential = ['X-Auth-Token', 'Authorization', 'X-Security-Token', 'X-Sdk-Date', 'X-Sdk-Content-Sha256', 'x-sdk-anything'];
const http = ['Host', 'Content-Length', 'Transfer-Encoding', 'Expect', 'Connection', 'Keep-Alive', 'Upgrade', 'TE', 'Trailer', 'Proxy-Connection'];
const values: Record<string, string> = { 'Content-Length': '5', 'Transfer-Encoding': 'chunked', Expect: '100-continue', 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' };
const valueOf = (name: string) => values[name] ?? 'from-the-caller';

async function refused(field: string, run: () => Promise<unknown>) {
  const error = await run().then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WorkflowValidationError);
  expect((error as WorkflowValidationError).field).toBe(field);
  expect((error as Error).message).toMatch(/ cannot be given: /);
  expect(testServer.current.requests, 'nothing may be sent').toHaveLength(0);
}

describe.each([...credential, ...http])('%s', (name) => {
  const headers = { [name]: valueOf(name) };

  it.each<[string, WorkflowAuth]>([['a token', token], ['a token function', { token: () => 't' }], ['AK/SK', aksk]])('is refused in the client options, with %s', (_kind, auth) => {
    expect(() => createWorkflowClient({ endpoint: testServer.current.url, auth, headers })).toThrow(WorkflowValidationError);
    expect(() => createWorkflowClient({ endpoint: testServer.current.url, auth, headers })).toThrow(`headers.${name} cannot be given`);
  });

  it.each<[string, WorkflowAuth]>([['a token', token], ['AK/SK', aksk]])('is refused per call, with %s', async (_kind, auth) => {
    await refused(`headers.${name}`, () => client(auth).startWorkflowExecution({ workflowId: 'w', input: {} }, { headers }));
    await refused(`headers.${name}`, () => client(auth).createCallbackWorkflow({ workflowId: 'w', runId: 'r', stateId: 's', result: 'success', output: {} }, { headers }));
  });

  it('is refused through client.raw, as headers, as a Headers object, and as a header parameter', async () => {
    await refused(`headers.${name}`, () => client().raw.POST(path, { params, body: { input: {} }, headers }));
    await refused(`headers.${name.toLowerCase()}`, () => client().raw.POST(path, { params, body: { input: {} }, headers: new Headers(headers) }));
    await refused(`params.header.${name}`, () => client().raw.POST(path, { params: { ...params, header: headers as never }, body: { input: {} } }));
  });
});

describe('X-Project-Id', () => {
  it('is set by AK/SK signing from the call, so it is refused there', async () => {
    await refused('headers.X-Project-Id', () => client(aksk).startWorkflowExecution({ workflowId: 'w', input: {} }, { headers: { 'X-Project-Id': 'other' } }));
  });

  it('goes as given with a token, which does not set it', async () => {
    await client().startWorkflowExecution({ workflowId: 'w', input: {} }, { headers: { 'X-Project-Id': 'p' } });
    expect(testServer.current.requests[0]!.headers['x-project-id']).toBe('p');
  });
});

describe('a forwarded X-Auth-Token never replaces the configured credential', () => {
  it.each<[string, WorkflowAuth]>([['a token', token], ['a token function', { token: async () => 'fresh-token' }]])('with %s', async (_kind, auth) => {
    await refused('headers.x-auth-token', () => client(auth).startWorkflowExecution({ workflowId: 'w', input: {} }, { headers: { 'x-auth-token': 'inbound-caller-token' } }));
    await client(auth).startWorkflowExecution({ workflowId: 'w', input: {} }, { headers: { 'X-Forwarded-For': '10.0.0.1' } });
    expect(testServer.current.requests[0]!.headers['x-auth-token']).toMatch(/^(static-token|fresh-token)$/);
  });
});
