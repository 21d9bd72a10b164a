// No credential and no body ever leave the configured endpoint: a redirect is a WorkflowApiError with
// its status and Location, never followed, by the methods or by client.raw, whatever the credential.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflowClient, WorkflowApiError, WorkflowValidationError, type WorkflowAuth } from '../../src/index.ts';
import { answerJson, startServer, useTestServer, type TestServer } from '../helpers/http-server.ts';

const endpoint = useTestServer();
// Another origin (another port): it answers with success, so following a redirect there would "succeed".
let elsewhere: TestServer;
beforeAll(async () => {
  elsewhere = await startServer(answerJson(200, { execution_id: 'from-elsewhere' }));
});
afterAll(() => elsewhere.close());

const token = 'secret-token-7f3a9c';
const redirect = (status: number, location: () => string) =>
  endpoint.current.handle((_request, response) => {
    response.writeHead(status, { Location: location(), 'Content-Type': 'text/plain' });
    response.end('moved');
  });
const client = (auth: WorkflowAuth = { token }, fetch?: (request: Request) => Promise<Response>) =>
  createWorkflowClient({ endpoint: endpoint.current.url, projectId: 'p', auth, ...(fetch && { fetch }) });
const start = (c = client()) => c.startWorkflowExecution({ workflowId: 'w', input: { order: 42 } });

async function apiError(run: () => Promise<unknown>): Promise<WorkflowApiError> {
  const error = await run().then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WorkflowApiError);
  return error as WorkflowApiError;
}

describe('a redirect is never followed', () => {
  beforeAll(() => {
    elsewhere.requests.length = 0;
  });

  it.each([301, 302, 303, 307, 308])('a %i to another origin is a WorkflowApiError with the status and Location', async (status) => {
    elsewhere.requests.length = 0;
    const location = () => `${elsewhere.url}/v2/p/fgs/workflows/w/executions`;
    redirect(status, location);
    const error = await apiError(() => start());
    expect(error.status).toBe(status);
    expect(error.headers.get('Location')).toBe(location());
    expect(error.message).toContain(`answered ${status}`);
    expect(error.message).toContain(`to ${location()}`);
    expect(error.sent).toBe(true);
    expect(endpoint.current.requests).toHaveLength(1);
    expect(elsewhere.requests, 'nothing may reach the other origin').toHaveLength(0);
  });

  it.each<[string, WorkflowAuth]>([
    ['a token function', { token: async () => token }],
    ['AK/SK with a security token', { accessKey: 'AK', secretKey: 'sk-secret', securityToken: 'st-secret' }],
  ])('with %s, the credential does not follow the redirect', async (_name, auth) => {
    elsewhere.requests.length = 0;
    redirect(307, () => `${elsewhere.url}/x`);
    expect((await apiError(() => start(client(auth)))).status).toBe(307);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('through client.raw, a redirect is thrown, not followed', async () => {
    elsewhere.requests.length = 0;
    redirect(308, () => `${elsewhere.url}/x`);
    const error = await apiError(() =>
      client().raw.POST('/v2/{project_id}/fgs/workflows/{workflow_id}/executions', {
        params: { path: { project_id: 'p', workflow_id: 'w' } },
        body: { input: {} },
        redirect: 'follow',
      }),
    );
    expect([error.status, error.headers.get('Location')]).toEqual([308, `${elsewhere.url}/x`]);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('a 302 never turns the POST into a successful GET elsewhere', async () => {
    elsewhere.requests.length = 0;
    redirect(302, () => `${elsewhere.url}/x`);
    await expect(start()).rejects.toMatchObject({ name: 'WorkflowApiError', status: 302 });
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('a redirect loop delivers the POST once', async () => {
    redirect(307, () => `${endpoint.current.url}/v2/p/fgs/workflows/w/executions`);
    expect((await apiError(() => start())).status).toBe(307);
    expect(endpoint.current.requests).toHaveLength(1);
  });

  it('a redirect within the endpoint is not followed either', async () => {
    redirect(307, () => '/v2/p/fgs/workflows/other/executions');
    const error = await apiError(() => start());
    expect(error.headers.get('Location')).toBe('/v2/p/fgs/workflows/other/executions');
    expect(endpoint.current.requests.map((r) => r.target)).toEqual(['/v2/p/fgs/workflows/w/executions']);
  });

  it("an answer that a fetch function reached by following a redirect is refused", async () => {
    elsewhere.requests.length = 0;
    redirect(307, () => `${elsewhere.url}/x`);
    // A fetch function that ignores the Request's redirect: 'manual'.
    const following = async (request: Request) => fetch(request.url, { method: request.method, headers: request.headers, body: await request.text(), redirect: 'follow' });
    const error = await apiError(() => start(client({ token }, following)));
    expect(error.message).toMatch(/followed a redirect to .*redirect: 'manual'/);
    expect(error.status).toBe(200);
  });
});

describe('nothing is sent outside the endpoint', () => {
  it('client.raw refuses a per-call baseUrl elsewhere before sending anything', async () => {
    elsewhere.requests.length = 0;
    const error = await client()
      .raw.POST('/v2/{project_id}/fgs/workflows/{workflow_id}/executions', {
        params: { path: { project_id: 'p', workflow_id: 'w' } },
        body: { input: {} },
        baseUrl: elsewhere.url,
      })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowValidationError);
    expect((error as WorkflowValidationError).field).toBe('url');
    expect(elsewhere.requests).toHaveLength(0);
    expect(endpoint.current.requests).toHaveLength(0);
  });

  it('middleware that points the request elsewhere gets no credential through', async () => {
    elsewhere.requests.length = 0;
    const c = client();
    const away = { onRequest: ({ request }: { request: Request }) => new Request(`${elsewhere.url}/x`, request) };
    c.raw.use(away);
    await expect(start(c)).rejects.toMatchObject({ name: 'WorkflowValidationError', field: 'url' });
    c.raw.eject(away);
    expect(elsewhere.requests).toHaveLength(0);
  });
});
