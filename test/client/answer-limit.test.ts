// How much of an answer is read and kept: at most maxResponseBytes (8 MiB by default). A longer answer
// is a WorkflowApiError with its status, headers and the beginning of its body, and the rest is never
// read: the connection is closed, however much the server meant to send.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createWorkflowClient, WorkflowApiError, WorkflowValidationError } from '../../src/index.ts';
import { useTestServer, type Handler } from '../helpers/http-server.ts';

const testServer = useTestServer();

const MiB = 1024 * 1024;
const client = (maxResponseBytes?: number) =>
  createWorkflowClient({ endpoint: testServer.current.url, projectId: 'p', auth: { token: 't' }, ...(maxResponseBytes !== undefined && { maxResponseBytes }) });
const start = (c = client()) => c.startWorkflowExecution({ workflowId: 'w', input: {} });

/** Sends `total` bytes of "a" in 64 KiB chunks for as long as the client reads; `written` says how far it got. */
function flood(status: number, total: number, headers: Record<string, string> = {}): Handler & { written: Promise<number> } {
  let done!: (bytes: number) => void;
  const written = new Promise<number>((resolve) => (done = resolve));
  const handler: Handler = (_request, response, socket) => {
    response.writeHead(status, { 'Content-Type': 'text/html', 'X-Request-Id': 'req-big', ...headers });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    socket.on('close', () => done(sent));
    const pump = () => {
      while (sent < total && !socket.destroyed) {
        sent += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      response.end();
    };
    pump();
  };
  return Object.assign(handler, { written });
}

async function apiError(run: () => Promise<unknown>): Promise<WorkflowApiError> {
  const error = await run().then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WorkflowApiError);
  return error as WorkflowApiError;
}

describe('an answer longer than maxResponseBytes', () => {
  it('a 64 MiB error page: read up to the limit, the rest never read, status and request ID kept', async () => {
    const page = flood(502, 64 * MiB);
    testServer.current.handle(page);
    const error = await apiError(() => start(client(MiB)));
    expect([error.status, error.requestId, error.truncated, error.code]).toEqual([502, 'req-big', true, undefined]);
    expect(error.body).toBe('a'.repeat(MiB));
    expect(error.message).toMatch(/^FunctionGraph answered 502 Bad Gateway: a text\/html body longer than the 1048576 bytes the client reads \(maxResponseBytes\)/);
    // The client closed the connection long before the server got through its 64 MiB.
    expect(await page.written).toBeLessThan(32 * MiB);
  });

  it('the default limit is 8 MiB', async () => {
    testServer.current.handle(flood(500, 9 * MiB));
    const error = await apiError(() => start());
    expect([error.truncated, error.body.length]).toEqual([true, 8 * MiB]);
  });

  it('a Content-Length over the limit', async () => {
    testServer.current.handle(flood(503, 4 * MiB, { 'Content-Length': String(4 * MiB) }));
    const error = await apiError(() => start(client(MiB)));
    expect([error.status, error.truncated, error.body.length]).toEqual([503, true, MiB]);
  });

  it('a small compressed body that inflates past the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(32 * MiB, ' '));
    testServer.current.handle((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': String(bomb.length) });
      response.end(bomb);
    });
    const error = await apiError(() => start(client(MiB)));
    expect([error.status, error.truncated, error.body.length]).toEqual([200, true, MiB]);
    expect(error.message).toMatch(/^FunctionGraph answered 200 but the body is longer than the 1048576 bytes/);
  });

  it('a success status does not make it a success', async () => {
    testServer.current.handle(flood(200, 2 * MiB));
    const error = await apiError(() => start(client(MiB)));
    expect([error.status, error.truncated]).toEqual([200, true]);
  });

  it('through client.raw as well', async () => {
    testServer.current.handle(flood(200, 2 * MiB));
    const error = await apiError(() =>
      client(MiB).raw.POST('/v2/{project_id}/fgs/workflows/{workflow_id}/executions', {
        params: { path: { project_id: 'p', workflow_id: 'w' } },
        body: { input: {} },
      }),
    );
    expect(error.truncated).toBe(true);
  });
});

describe('an answer within maxResponseBytes', () => {
  const exactly = (bytes: number, chunked: boolean): Handler => (_request, response) => {
    const json = '{"execution_id":"exec-1"}';
    const body = json + ' '.repeat(bytes - json.length);
    response.writeHead(200, { 'Content-Type': 'application/json', ...(!chunked && { 'Content-Length': String(body.length) }) });
    if (chunked) response.write(body.slice(0, 10));
    response.end(chunked ? body.slice(10) : body);
  };

  it.each([false, true])('exactly at the limit is read whole (chunked: %s)', async (chunked) => {
    testServer.current.handle(exactly(1024, chunked));
    await expect(start(client(1024))).resolves.toMatchObject({ execution_id: 'exec-1' });
  });

  it.each([false, true])('one byte over is not (chunked: %s)', async (chunked) => {
    testServer.current.handle(exactly(1025, chunked));
    expect((await apiError(() => start(client(1024)))).truncated).toBe(true);
  });

  it('keeps a short error whole, and says it is not truncated', async () => {
    testServer.current.handle((_request, response) => {
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end('{"error_code":"FGS.5002","error_msg":"Function flow not found."}');
    });
    const error = await apiError(() => start());
    expect([error.code, error.truncated]).toEqual(['FGS.5002', false]);
  });
});

describe('maxResponseBytes', () => {
  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '1024'])('refuses %s', (value) => {
    expect(() => client(value as number)).toThrow(WorkflowValidationError);
    expect(() => client(value as number)).toThrow(/^maxResponseBytes must be a whole number of bytes, 1 or more$/);
  });
});
