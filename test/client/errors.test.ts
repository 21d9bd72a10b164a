// Every way an answer can be unsuccessful or odd becomes one typed error, and none leaks a credential.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  createWorkflowClient,
  WorkflowApiError,
  WorkflowError,
  WorkflowNetworkError,
  WorkflowTimeoutError,
} from '../../src/index.ts';
import { answerJson, startServer, useTestServer, type Handler } from '../helpers/http-server.ts';

const testServer = useTestServer();

const token = 'secret-token-7f3a9c';
const client = (timeoutMs?: number) =>
  createWorkflowClient({ endpoint: testServer.current.url, projectId: 'p', auth: { token }, ...(timeoutMs !== undefined && { timeoutMs }) });
const start = (timeoutMs?: number, signal?: AbortSignal) =>
  client(timeoutMs).startWorkflowExecution({ workflowId: 'w', input: {} }, signal ? { signal } : {});

async function failure(run: () => Promise<unknown>): Promise<WorkflowError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(WorkflowError);
    const text = [String(error), (error as Error).message, (error as Error).stack, inspect(error, { depth: 5 }), JSON.stringify(error)].join('\n');
    expect(text).not.toContain(token);
    return error as WorkflowError;
  }
  throw new Error('the call should have failed');
}

const raw =
  (status: number, body: string, headers: Record<string, string> = {}): Handler =>
  (_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };

describe('unsuccessful answers throw WorkflowApiError', () => {
  it('the documented error body: status, code, message and request ID', async () => {
    const body = { error_code: 'FGS.5002', error_msg: 'Function flow not found.', request_id: 'body-req' };
    testServer.current.handle(answerJson(404, body, { 'X-Request-Id': 'hdr-req' }));
    const error = (await failure(() => start())) as WorkflowApiError;
    expect(error).toBeInstanceOf(WorkflowApiError);
    expect(error.name).toBe('WorkflowApiError');
    expect(error.status).toBe(404);
    expect(error.code).toBe('FGS.5002');
    expect(error.requestId).toBe('hdr-req');
    expect(error.message).toBe('FunctionGraph answered 404 Not Found: FGS.5002: Function flow not found. (request ID hdr-req)');
    expect(error.body).toBe(JSON.stringify(body));
    expect(error.data).toEqual(body);
  });

  it('prints readably: the inspector and JSON show its fields, and the headers as data, not a Headers\' methods', async () => {
    testServer.current.handle(answerJson(429, { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached.' }, { 'Retry-After': '3' }));
    const error = (await failure(() => start())) as WorkflowApiError;
    expect(error.headers.get('Retry-After')).toBe('3');
    const inspected = inspect(error);
    expect(inspected).toContain("status: 429");
    expect(inspected).toContain("code: 'APIGW.0308'");
    expect(inspected).not.toMatch(/\[Function|append|getSetCookie/);
    expect(Object.keys(error)).not.toContain('headers');
    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;
    expect(json).toMatchObject({ name: 'WorkflowApiError', status: 429, code: 'APIGW.0308', sent: true, requestId: 'req-0001' });
    expect(json.headers).toMatchObject({ 'retry-after': '3', 'content-type': 'application/json' });
  });

  it('takes the request ID from the body when the header is missing', async () => {
    testServer.current.handle(raw(401, '{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information.","request_id":"b-1"}', { 'Content-Type': 'application/json' }));
    const error = (await failure(() => start())) as WorkflowApiError;
    expect([error.status, error.code, error.requestId]).toEqual([401, 'APIGW.0301', 'b-1']);
  });

  it('an empty body', async () => {
    testServer.current.handle(raw(502, '', { 'X-Request-Id': 'r-empty' }));
    const error = (await failure(() => start())) as WorkflowApiError;
    expect([error.status, error.code, error.requestId, error.body, error.data]).toEqual([502, undefined, 'r-empty', '', undefined]);
    expect(error.message).toMatch(/^FunctionGraph answered 502 Bad Gateway: the body is empty/);
  });

  it("a gateway's HTML page", async () => {
    const html = '<html><head><title>503</title></head><body><h1>Service Unavailable</h1></body></html>';
    testServer.current.handle(raw(503, html, { 'Content-Type': 'text/html; charset=utf-8' }));
    const error = (await failure(() => start())) as WorkflowApiError;
    expect([error.status, error.code, error.body, error.data]).toEqual([503, undefined, html, undefined]);
    expect(error.message).toContain(`a text/html body of ${html.length} characters`);
  });

  it('a problem report (problem+json) is said to be one, with its title and detail', async () => {
    const problem = { type: 'https://stoplight.io/prism/errors#NOT_FOUND', title: 'The server cannot find the requested content', status: 404, detail: 'Requested example ExecutionRunning is not present' };
    testServer.current.handle(raw(404, JSON.stringify(problem), { 'Content-Type': 'application/problem+json' }));
    const error = (await failure(() => start())) as WorkflowApiError;
    expect([error.status, error.code, error.data]).toEqual([404, undefined, problem]);
    expect(error.message).toBe(
      "FunctionGraph answered 404 Not Found: a problem report (application/problem+json), not FunctionGraph's error object, so a mock, proxy or gateway answered: The server cannot find the requested content: Requested example ExecutionRunning is not present",
    );
    // Any other JSON of its own shape is named by its type, with the right article.
    testServer.current.handle(answerJson(500, { message: 'boom' }));
    expect((await failure(() => start())).message).toMatch(/: an application\/json body of 18 characters that is not the documented error object \(request ID req-0001\)$/);
  });

  it('JSON of another shape', async () => {
    testServer.current.handle(answerJson(500, { message: 'boom', code: 7 }));
    const error = (await failure(() => start())) as WorkflowApiError;
    expect([error.status, error.code]).toEqual([500, undefined]);
    expect(error.data).toEqual({ message: 'boom', code: 7 });
  });

  it('JSON that is not an object, and an error_code that is not a string', async () => {
    testServer.current.handle(answerJson(500, ['FSS.0500']));
    expect(((await failure(() => start())) as WorkflowApiError).code).toBeUndefined();
    testServer.current.handle(answerJson(500, { error_code: 500, error_msg: null }));
    expect(((await failure(() => start())) as WorkflowApiError).code).toBeUndefined();
  });

  it('keeps control characters and huge messages from the network out of the message line', async () => {
    testServer.current.handle(answerJson(400, { error_code: 'FGS.3002', error_msg: `line1\r\nline2\u0000${'x'.repeat(5000)}` }));
    const error = (await failure(() => start())) as WorkflowApiError;
    expect(error.message).not.toMatch(/[\r\n\u0000]/);
    expect(error.message.length).toBeLessThan(700);
    expect(error.body.length).toBeGreaterThan(5000);
  });

  it('a 200 whose body is not JSON, not the documented object, or empty', async () => {
    for (const [body, type] of [['OK', 'text/plain'], ['{"id":"x"}', 'application/json'], ['{"execution_id":""}', 'application/json'], ['', 'application/json']] as const) {
      testServer.current.handle(raw(200, body, { 'Content-Type': type }));
      const error = (await failure(() => start())) as WorkflowApiError;
      expect(error.status).toBe(200);
      expect(error.body).toBe(body);
      expect(error.message).toMatch(/^FunctionGraph answered 200 but the body/);
    }
  });

  it('through client.raw, a 2xx body that is not JSON: an answer all the same', async () => {
    testServer.current.handle(raw(200, 'OK', { 'Content-Type': 'application/json', 'X-Request-Id': 'r-ok' }));
    const error = (await failure(() =>
      client().raw.POST('/v2/{project_id}/fgs/workflows/{workflow_id}/executions', { params: { path: { project_id: 'p', workflow_id: 'w' } }, body: { input: {} } }),
    )) as WorkflowApiError;
    expect(error).toBeInstanceOf(WorkflowApiError);
    expect([error.status, error.body, error.requestId, error.sent]).toEqual([200, 'OK', 'r-ok', true]);
    expect(error.message).toMatch(/^FunctionGraph answered 200 OK, but reading the answer failed: /);
  });

  it('a 429 exposes its headers, for Retry-After', async () => {
    testServer.current.handle(answerJson(429, { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached.' }, { 'Retry-After': '3' }));
    const error = (await failure(() => start())) as WorkflowApiError;
    expect(error.headers.get('Retry-After')).toBe('3');
  });
});

describe('what an answer puts in a message is cleaned and bounded', () => {
  it('an 8 KB X-Request-Id: a bounded message and request ID', async () => {
    testServer.current.handle(answerJson(500, { error_code: 'FSS.0500', error_msg: 'Internal error.' }, { 'X-Request-Id': 'r'.repeat(8192) }));
    const error = (await failure(() => start())) as WorkflowApiError;
    expect(error.message.length).toBeLessThan(400);
    expect(error.requestId).toBe(`${'r'.repeat(128)}…`);
  });

  it('two X-Request-Id headers: the first one', async () => {
    testServer.current.handle((_request, response) => {
      response.setHeader('X-Request-Id', ['req-first', 'req-second']);
      response.writeHead(500, { 'Content-Type': 'application/json' });
      response.end('{"error_code":"FSS.0500","error_msg":"Internal error."}');
    });
    const error = (await failure(() => start())) as WorkflowApiError;
    expect(error.requestId).toBe('req-first');
    expect(error.message).toMatch(/\(request ID req-first\)$/);
    testServer.current.handle((_request, response) => {
      response.setHeader('X-Request-Id', ['req-first', 'req-second']);
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"execution_id":"e-1"}');
    });
    expect(await start()).toEqual({ execution_id: 'e-1', request_id: 'req-first' });
  });

  it('control characters in X-Request-Id and an 8 KB Content-Type', async () => {
    testServer.current.handle(raw(502, '<html>down</html>', { 'X-Request-Id': 'req\x85\x9bid', 'Content-Type': `text/${'x'.repeat(8192)}` }));
    const error = (await failure(() => start())) as WorkflowApiError;
    expect(error.requestId).toBe('req id');
    expect(error.message).not.toMatch(/[\u0080-\u009f]/);
    expect(error.message.length).toBeLessThan(300);
  });

  it('a status outside 200-599 is an answer all the same: WorkflowApiError', async () => {
    testServer.current.handle(raw(600, 'odd', { 'X-Request-Id': 'r-600' }));
    const error = (await failure(() => start())) as WorkflowApiError;
    expect(error).toBeInstanceOf(WorkflowApiError);
    expect([error.status, error.requestId, error.body, error.sent]).toEqual([600, 'r-600', 'odd', true]);
    expect(error.message).toMatch(/^FunctionGraph answered 600.*outside HTTP's 200-599/);
    const rawCall = client().raw.POST('/v2/{project_id}/fgs/workflows/{workflow_id}/executions', { params: { path: { project_id: 'p', workflow_id: 'w' } }, body: { input: {} } });
    await expect(rawCall).rejects.toMatchObject({ name: 'WorkflowApiError', status: 600 });
  });
});

describe('no answer throws WorkflowNetworkError', () => {
  it('a connection reset, with the cause attached', async () => {
    testServer.current.handle((_request, _response, socket) => socket.destroy());
    const error = await failure(() => start());
    expect(error).toBeInstanceOf(WorkflowNetworkError);
    expect(error).not.toBeInstanceOf(WorkflowTimeoutError);
    expect(error.name).toBe('WorkflowNetworkError');
    expect(error.cause).toBeInstanceOf(Error);
    // The path as sent, with the project and flow IDs, not the template.
    expect(error.message).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/v2\/p\/fgs\/workflows\/w\/executions failed/);
  });

  it('a timeout names the execution it was for, by its path as sent, through a method and through client.raw', async () => {
    testServer.current.handle(() => {});
    const path = '/v2/p/fgs/workflows/w/executions/exec%201%2F2/terminate';
    const viaMethod = await failure(() => client(100).stopWorkFlow({ workflowId: 'w', executionId: 'exec 1/2' }));
    expect(viaMethod).toBeInstanceOf(WorkflowTimeoutError);
    expect(viaMethod.message).toBe(`POST ${testServer.current.url}${path} got no complete answer within 100 ms`);
    const viaRaw = await failure(() =>
      client(100).raw.POST('/v2/{project_id}/fgs/workflows/{workflow_id}/executions/{execution_id}/terminate', { params: { path: { project_id: 'p', workflow_id: 'w', execution_id: 'exec 1/2' } } }),
    );
    expect(viaRaw.message).toBe(`POST ${testServer.current.url}${path} got no complete answer within 100 ms`);
  });

  it('a reset in the middle of the body', async () => {
    testServer.current.handle((_request, response, socket) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      response.write('{"execution_id":');
      setTimeout(() => socket.destroy(), 20);
    });
    expect(await failure(() => start())).toBeInstanceOf(WorkflowNetworkError);
  });

  it('nothing listening', async () => {
    const closed = await startServer();
    const url = closed.url;
    await closed.close();
    const error = await failure(() => createWorkflowClient({ endpoint: url, projectId: 'p', auth: { token } }).startWorkflowExecution({ workflowId: 'w', input: {} }));
    expect(error).toBeInstanceOf(WorkflowNetworkError);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('a timeout, as WorkflowTimeoutError with the limit', async () => {
    testServer.current.handle(() => {}); // never answers
    const error = (await failure(() => start(150))) as WorkflowTimeoutError;
    expect(error).toBeInstanceOf(WorkflowTimeoutError);
    expect(error).toBeInstanceOf(WorkflowNetworkError);
    expect(error.timeoutMs).toBe(150);
    expect(error.name).toBe('WorkflowTimeoutError');
    expect(String(error)).toMatch(/^WorkflowTimeoutError: POST /);
    expect(error.cause).toBeDefined();
  });

  it('a timeout while the body is still arriving', async () => {
    testServer.current.handle((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"execution_id":'); // and then silence
    });
    expect(await failure(() => start(150))).toBeInstanceOf(WorkflowTimeoutError);
  });

  it('gives every call a fresh timer: a call after one that timed out still succeeds', async () => {
    const shared = client(200);
    testServer.current.handle(() => {});
    await expect(shared.startWorkflowExecution({ workflowId: 'w', input: {} })).rejects.toBeInstanceOf(WorkflowTimeoutError);
    testServer.current.handle(answerJson(200, { execution_id: 'late' }));
    await expect(shared.startWorkflowExecution({ workflowId: 'w', input: {} })).resolves.toMatchObject({ execution_id: 'late' });
  });

  it("rejects with the caller's own reason when the caller aborts", async () => {
    testServer.current.handle(() => {});
    const controller = new AbortController();
    const reason = new Error('shutting down');
    setTimeout(() => controller.abort(reason), 50);
    await expect(start(5_000, controller.signal)).rejects.toBe(reason);
  });
});
