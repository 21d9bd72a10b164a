// Every time limit holds whatever the credential does, through the methods and client.raw alike, and
// every failure says whether the request may have reached the service (`sent`).
import { describe, expect, it } from 'vitest';
import {
  createWorkflowClient,
  WorkflowCredentialError,
  WorkflowError,
  WorkflowNetworkError,
  WorkflowTimeoutError,
  WorkflowValidationError,
  type WorkflowAuth,
} from '../../src/index.ts';
import { answerJson, startServer, useTestServer } from '../helpers/http-server.ts';

const testServer = useTestServer(answerJson(200, { execution_id: 'exec-1' }));

const client = (auth: WorkflowAuth = { token: 't' }, timeoutMs?: number) =>
  createWorkflowClient({ endpoint: testServer.current.url, projectId: 'p', auth, ...(timeoutMs !== undefined && { timeoutMs }) });
const input = { workflowId: 'w', input: {} };
const never = () => new Promise<string>(() => {});

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(() => {
    throw new Error('the call should have failed');
  }, (error: unknown) => error);
}

describe('a token function that never settles', () => {
  it('is cut off by timeoutMs, as a WorkflowTimeoutError that says nothing was sent', async () => {
    const error = (await failure(() => client({ token: never }, 150).startWorkflowExecution(input))) as WorkflowTimeoutError;
    expect(error).toBeInstanceOf(WorkflowTimeoutError);
    expect(error.timeoutMs).toBe(150);
    expect(error.sent).toBe(false);
    expect(error.message).toMatch(/was not sent within 150 ms/);
    expect(testServer.current.requests).toHaveLength(0);
  });

  it("is cut off by the caller's abort, with the caller's reason", async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    setTimeout(() => controller.abort(reason), 50);
    expect(await failure(() => client({ token: never }, 0).startWorkflowExecution(input, { signal: controller.signal }))).toBe(reason);
    expect(testServer.current.requests).toHaveLength(0);
  });

  it('never sends the request once the call has given up, even if the token comes later', async () => {
    let release!: (token: string) => void;
    const late = createWorkflowClient({ endpoint: testServer.current.url, projectId: 'p', auth: { token: () => new Promise<string>((resolve) => (release = resolve)) }, timeoutMs: 50 });
    await expect(late.startWorkflowExecution(input)).rejects.toBeInstanceOf(WorkflowTimeoutError);
    release('token-after-the-limit');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(testServer.current.requests).toHaveLength(0);
  });
});

describe('a global fetch replaced by one that ignores the signal', () => {
  it('is cut off by timeoutMs all the same, as a WorkflowTimeoutError that says the request may have arrived', async () => {
    const runtimeFetch = globalThis.fetch;
    let called = 0;
    globalThis.fetch = () => {
      called++;
      return new Promise<Response>(() => {});
    };
    try {
      const error = (await failure(() => client({ token: 't' }, 150).startWorkflowExecution(input))) as WorkflowTimeoutError;
      expect(error).toBeInstanceOf(WorkflowTimeoutError);
      expect(error.sent).toBe(true);
      expect(error.message).toMatch(/got no complete answer within 150 ms/);
      expect(called).toBe(1);
    } finally {
      globalThis.fetch = runtimeFetch;
    }
  });

  it("is cut off by the caller's abort, with the caller's reason", async () => {
    const runtimeFetch = globalThis.fetch;
    globalThis.fetch = () => new Promise<Response>(() => {});
    try {
      const controller = new AbortController();
      const reason = new Error('shutting down');
      setTimeout(() => controller.abort(reason), 50);
      expect(await failure(() => client({ token: 't' }, 0).startWorkflowExecution(input, { signal: controller.signal }))).toBe(reason);
    } finally {
      globalThis.fetch = runtimeFetch;
    }
  });
});

describe('`fetch: globalThis.fetch` (how Node.js users choose Node\'s fetch over node:http)', () => {
  it('is called as the global fetch is, with the URL and init, under the same limit and signal', async () => {
    const runtimeFetch = globalThis.fetch;
    const seen: unknown[][] = [];
    globalThis.fetch = (...args: unknown[]) => {
      seen.push(args);
      return new Promise<Response>(() => {});
    };
    try {
      const given = createWorkflowClient({ endpoint: testServer.current.url, projectId: 'p', auth: { token: 't' }, timeoutMs: 150, fetch: globalThis.fetch });
      const error = (await failure(() => given.startWorkflowExecution(input))) as WorkflowTimeoutError;
      expect(error).toBeInstanceOf(WorkflowTimeoutError);
      expect(seen).toHaveLength(1);
      const [url, init] = seen[0] as [string, RequestInit];
      expect(url).toBe(`${testServer.current.url}/v2/p/fgs/workflows/w/executions`);
      expect(init).toMatchObject({ method: 'POST', redirect: 'manual', body: '{"input":{}}' });
      expect(init.signal).toBeInstanceOf(AbortSignal);
      expect(init.signal!.aborted).toBe(true);
      expect(new Headers(init.headers).get('X-Auth-Token')).toBe('t');
    } finally {
      globalThis.fetch = runtimeFetch;
    }
  });
});

describe('a credential that fails is WorkflowCredentialError: nothing was sent', () => {
  it.each<[string, WorkflowAuth]>([
    ['a token function that throws', { token: () => { throw new Error('vault said no: secret-in-message'); } }],
    ['a token function that rejects', { token: async () => Promise.reject(new Error('vault said no: secret-in-message')) }],
    ['an AK/SK clock that throws', { accessKey: 'AK', secretKey: 'sk-secret', now: () => { throw new Error('clock: secret-in-message'); } }],
  ])('%s', async (_name, auth) => {
    const error = (await failure(() => client(auth).startWorkflowExecution(input))) as WorkflowCredentialError;
    expect(error).toBeInstanceOf(WorkflowCredentialError);
    expect(error).not.toBeInstanceOf(WorkflowNetworkError);
    expect(error.name).toBe('WorkflowCredentialError');
    expect(error.sent).toBe(false);
    expect((error.cause as Error).message).toMatch(/said no|clock/);
    // The cause is the caller's own; the message does not repeat it.
    expect(error.message).not.toContain('secret-in-message');
    expect(testServer.current.requests).toHaveLength(0);
  });
});

describe('timeoutMs', () => {
  it('is refused above 2147483647 ms, where timers fire at once', async () => {
    for (const timeoutMs of [2 ** 31, 30 * 24 * 3600 * 1000, Number.MAX_SAFE_INTEGER]) {
      expect(() => client({ token: 't' }, timeoutMs)).toThrow(WorkflowValidationError);
      const error = (await failure(() => client().startWorkflowExecution(input, { timeoutMs }))) as WorkflowValidationError;
      expect([error.name, error.field]).toEqual(['WorkflowValidationError', 'timeoutMs']);
      expect(error.message).toMatch(/^timeoutMs must be at most 2147483647/);
    }
    expect(testServer.current.requests).toHaveLength(0);
  });

  it('2147483647 ms, the longest a timer waits, works', async () => {
    await expect(client({ token: 't' }, 2 ** 31 - 1).startWorkflowExecution(input)).resolves.toMatchObject({ execution_id: 'exec-1' });
  });
});

describe('`sent` tells "never sent" from "may have arrived"', () => {
  it('false when no connection could be made', async () => {
    const closed = await startServer();
    const url = closed.url;
    await closed.close();
    const error = (await failure(() => createWorkflowClient({ endpoint: url, projectId: 'p', auth: { token: 't' } }).startWorkflowExecution(input))) as WorkflowNetworkError;
    expect(error).toBeInstanceOf(WorkflowNetworkError);
    expect(error.sent).toBe(false);
  });

  it('true when the connection dropped after the request went out', async () => {
    testServer.current.handle((_request, _response, socket) => socket.destroy());
    const error = (await failure(() => client().startWorkflowExecution(input))) as WorkflowNetworkError;
    expect(error).toBeInstanceOf(WorkflowNetworkError);
    expect(error.sent).toBe(true);
    expect(testServer.current.requests).toHaveLength(1);
  });

  it('true when the time limit passed while waiting for the answer', async () => {
    testServer.current.handle(() => {});
    const error = (await failure(() => client({ token: 't' }, 100).startWorkflowExecution(input))) as WorkflowTimeoutError;
    expect([error.name, error.sent]).toEqual(['WorkflowTimeoutError', true]);
  });

  it('true for an answer, false for refused input', async () => {
    testServer.current.handle(answerJson(500, { error_code: 'FSS.0500', error_msg: 'Internal error.' }));
    const answered = (await failure(() => client().startWorkflowExecution(input))) as WorkflowError;
    expect([answered.name, answered.sent]).toEqual(['WorkflowApiError', true]);
    const refused = (await failure(() => client().startWorkflowExecution({ workflowId: '', input: {} }))) as WorkflowError;
    expect([refused.name, refused.sent]).toEqual(['WorkflowValidationError', false]);
  });
});

describe('client.raw keeps the same limits and checks', () => {
  const path = '/v2/{project_id}/fgs/workflows/{workflow_id}/executions' as const;
  const params = { path: { project_id: 'p', workflow_id: 'w' } };

  it("times out at the client's timeoutMs", async () => {
    testServer.current.handle(() => {});
    const error = (await failure(() => client({ token: 't' }, 150).raw.POST(path, { params, body: { input: {} } }))) as WorkflowTimeoutError;
    expect([error.name, error.timeoutMs]).toEqual(['WorkflowTimeoutError', 150]);
  });

  it('takes timeoutMs and signal per call', async () => {
    testServer.current.handle(() => {});
    const timedOut = (await failure(() => client().raw.POST(path, { params, body: { input: {} }, timeoutMs: 120 }))) as WorkflowTimeoutError;
    expect([timedOut.name, timedOut.timeoutMs]).toEqual(['WorkflowTimeoutError', 120]);
    const controller = new AbortController();
    const reason = new Error('stop');
    setTimeout(() => controller.abort(reason), 50);
    expect(await failure(() => client({ token: 't' }, 0).raw.POST(path, { params, body: { input: {} }, signal: controller.signal }))).toBe(reason);
  });

  it('is cut off while a token function hangs', async () => {
    const error = (await failure(() => client({ token: never }, 120).raw.POST(path, { params, body: { input: {} } }))) as WorkflowTimeoutError;
    expect([error.name, error.sent]).toEqual(['WorkflowTimeoutError', false]);
    expect(testServer.current.requests).toHaveLength(0);
  });

  it.each([
    ['params.path.workflow_id', () => client().raw.POST(path, { params: { path: { project_id: 'p', workflow_id: '' } }, body: { input: {} } })],
    ['params.path.project_id', () => client().raw.POST(path, { params: { path: { project_id: 'p'.repeat(65), workflow_id: 'w' } }, body: { input: {} } })],
    ['body.input', () => client().raw.POST(path, { params, body: { input: [1] as never } })],
    ['body.input', () => client().raw.POST(path, { params, body: { input: { n: Number.NaN } } })],
    ['params.header.X-Workflow-State-Id', () =>
      client().raw.POST('/v2/{project_id}/fgs/workflows/{workflow_id}/callback', {
        params: { ...params, header: { 'X-Workflow-Run-Id': 'r' } as never },
        body: { result: 'success', output: {} },
      })],
    ['params.header.X-Workflow-Run-Id', () =>
      client().raw.POST('/v2/{project_id}/fgs/workflows/{workflow_id}/callback', {
        params: { ...params, header: { 'X-Workflow-Run-Id': '', 'X-Workflow-State-Id': 's' } },
        body: { result: 'success', output: {} },
      })],
    ['params.header.X-WorkflowRun-MergeFnParameters', () => client().raw.POST(path, { params: { ...params, header: { 'X-WorkflowRun-MergeFnParameters': 'yes' as never } }, body: { input: {} } })],
  ])('checks its input against the contract: %s', async (field, run) => {
    const error = (await failure(run)) as WorkflowValidationError;
    expect(error).toBeInstanceOf(WorkflowValidationError);
    expect(error.field).toBe(field);
    expect(testServer.current.requests).toHaveLength(0);
  });

  it('still answers { data, error, response } for a documented error', async () => {
    testServer.current.handle(answerJson(404, { error_code: 'FGS.5002', error_msg: 'Function flow not found.' }));
    const { error, response } = await client().raw.POST(path, { params, body: { input: {} } });
    expect(response.status).toBe(404);
    expect(error).toEqual({ error_code: 'FGS.5002', error_msg: 'Function flow not found.' });
  });
});
