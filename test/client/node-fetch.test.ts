// The Node.js entry's fetch (node/index.ts) against real loopback servers: what goes on the wire is
// what the global fetch sends, answers are read as the client reads the global fetch's, and a redirect,
// an endless answer, a silent or dropping server, an abort and a compressed body are handled as there.
import http, { createServer as createHttpServer } from 'node:http';
import type { Socket } from 'node:net';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createWorkflowClient as createPortableClient } from '../../src/index.ts';
import {
  createNodeFetch,
  createWorkflowClient,
  WorkflowApiError,
  WorkflowNetworkError,
  WorkflowTimeoutError,
  type WorkflowAuth,
} from '../../node/index.ts';
import { bin, root } from '../../scripts/paths.ts';
import { runOrThrow } from '../../scripts/run.ts';
import { answerJson, closedPort, startServer, useTestServer } from '../helpers/http-server.ts';
import { startVerifyingServer } from '../helpers/verifying-server.ts';

const execFileAsync = promisify(execFile);
mkdirSync(join(root, 'test', 'artifacts'), { recursive: true });
const testServer = useTestServer(answerJson(200, { execution_id: 'exec-1' }));
const input = { workflowId: 'w', input: { n: 1, text: 'übermäßig' } };
const nodeClient = (extra: Record<string, unknown> = {}, auth: WorkflowAuth = { token: 't' }) =>
  createWorkflowClient({ endpoint: testServer.current.url, projectId: 'p', auth, ...extra });

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(() => {
    throw new Error('the call should have failed');
  }, (error: unknown) => error);
}

/** Resolves when the server side of the test server's current connections has closed. */
function connectionClosed(socket: Socket): Promise<void> {
  return new Promise((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));
}

describe('a call through the Node.js fetch', () => {
  it('sends what the global fetch sends, and reads the same result', async () => {
    const viaNode = await nodeClient().startWorkflowExecution(input, { headers: { 'X-Trace': 'abc' } });
    const viaGlobal = await createPortableClient({ endpoint: testServer.current.url, projectId: 'p', auth: { token: 't' } }).startWorkflowExecution(input, { headers: { 'X-Trace': 'abc' } });
    expect(viaNode).toEqual(viaGlobal);
    expect(viaNode).toEqual({ execution_id: 'exec-1', request_id: 'req-0001' });
    const [node, global] = testServer.current.requests;
    expect(node!.method).toBe(global!.method);
    expect(node!.target).toBe(global!.target);
    expect(node!.rawBody.equals(global!.rawBody)).toBe(true);
    // Every header the client sets goes as the global fetch sends it, and Accept-Encoding too; fetch adds its own few others, which are left out.
    const fetchOwn = ['accept', 'accept-language', 'sec-fetch-mode', 'user-agent'];
    const without = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).filter(([name]) => !fetchOwn.includes(name)));
    expect(without(node!.headers)).toEqual(without(global!.headers));
    expect(Object.keys(node!.headers).filter((name) => fetchOwn.includes(name))).toEqual([]);
    expect(node!.headers.connection).toBe('keep-alive');
  });

  it('is used by the Node.js entry unless a fetch is given', async () => {
    let called = 0;
    const counting = createNodeFetch();
    const own = (request: Request) => {
      called++;
      return counting(request);
    };
    await nodeClient({ fetch: own }).startWorkflowExecution(input);
    expect(called).toBe(1);
    // The default one is not the global fetch: replacing the global changes nothing.
    const runtimeFetch = globalThis.fetch;
    globalThis.fetch = () => Promise.reject(new Error('the global fetch was used'));
    try {
      await expect(nodeClient().startWorkflowExecution(input)).resolves.toMatchObject({ execution_id: 'exec-1' });
    } finally {
      globalThis.fetch = runtimeFetch;
    }
  });

  it('sends through http.request as it is at the call, so that nock, MSW and APM agents that replace it see the call', async () => {
    const original = http.request;
    const targets: string[] = [];
    http.request = ((...args: Parameters<typeof http.request>) => {
      targets.push(String(args[0]));
      return original(...args);
    }) as typeof http.request;
    try {
      await nodeClient().startWorkflowExecution(input);
    } finally {
      http.request = original;
    }
    expect(targets).toEqual([`${testServer.current.url}/v2/p/fgs/workflows/w/executions`]);
  });

  it('closes a connection left idle for 4 s, and never one whose answer is slower than that', async () => {
    // A server with no keep-alive limit of its own, which sends no Keep-Alive hint either.
    const sockets: Socket[] = [];
    let calls = 0;
    const server = createHttpServer((request, response) => {
      const slow = ++calls === 2;
      request.resume().on('end', () => setTimeout(() => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"execution_id":"e"}'), slow ? 5_500 : 0));
    });
    server.keepAliveTimeout = 0;
    server.on('connection', (socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = createWorkflowClient({ endpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}`, projectId: 'p', auth: { token: 't' }, fetch: createNodeFetch() });
      await client.startWorkflowExecution(input);
      await expect(client.startWorkflowExecution(input)).resolves.toMatchObject({ execution_id: 'e' });
      // Both calls went on one connection, which the 5.5 s wait did not cut; then, idle, the client closes it.
      expect(sockets).toHaveLength(1);
      expect(sockets[0]!.destroyed).toBe(false);
      await connectionClosed(sockets[0]!);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }, 30_000);

  it('signs what it sends: a strict verifier accepts AK/SK calls, bodies and queries alike', async () => {
    const server = await startVerifyingServer({ HPUAEXAMPLEACCESSKEY: 'sk-node' });
    try {
      const client = createWorkflowClient({ endpoint: server.url, projectId: 'p', auth: { accessKey: 'HPUAEXAMPLEACCESSKEY', secretKey: 'sk-node' } });
      await client.startWorkflowExecution(input);
      await client.listWorkflowExecutions({ workflowId: 'w', limit: 5, status: 'running' }).catch(() => {});
      expect(server.verdicts).toEqual(['valid', 'valid']);
    } finally {
      await server.close();
    }
  });

  it('reads error answers as the client reads them from the global fetch', async () => {
    testServer.current.handle(answerJson(404, { error_code: 'FSS.1001', error_msg: 'no such flow', request_id: 'r' }, { 'X-Request-Id': 'rid-404' }));
    const error = (await failure(() => nodeClient().startWorkflowExecution(input))) as WorkflowApiError;
    expect(error).toBeInstanceOf(WorkflowApiError);
    expect({ status: error.status, code: error.code, requestId: error.requestId }).toEqual({ status: 404, code: 'FSS.1001', requestId: 'rid-404' });
    expect(error.headers.get('content-type')).toBe('application/json');
  });

  it('decodes a compressed answer and drops a byte-order mark, as fetch does', async () => {
    testServer.current.handle((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'X-Request-Id': 'gz' });
      response.end(gzipSync('\ufeff{"execution_id":"zipped"}'));
    });
    expect(await nodeClient().startWorkflowExecution(input)).toEqual({ execution_id: 'zipped', request_id: 'gz' });
  });

  it('decodes raw deflate, as some servers send it, and takes an empty compressed answer as empty', async () => {
    testServer.current.handle((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'deflate', 'X-Request-Id': 'raw' });
      response.end(deflateRawSync('{"execution_id":"raw-deflate"}'));
    });
    expect(await nodeClient().startWorkflowExecution(input)).toEqual({ execution_id: 'raw-deflate', request_id: 'raw' });
    // stopWorkFlow's success has no body; a Content-Encoding on it must not turn it into a failure.
    testServer.current.handle((_request, response) => {
      response.writeHead(200, { 'Content-Encoding': 'gzip', 'X-Request-Id': 'stopped' });
      response.end();
    });
    expect(await nodeClient().stopWorkFlow({ workflowId: 'w', executionId: 'e' })).toEqual({ request_id: 'stopped' });
  });

  it('refuses a compressed answer that does not decode, naming it', async () => {
    testServer.current.handle((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      response.end('not gzip at all');
    });
    const error = (await failure(() => nodeClient().startWorkflowExecution(input))) as WorkflowNetworkError;
    expect(error).toBeInstanceOf(WorkflowNetworkError);
    expect(error.message).toMatch(/gzip body does not decode/);
    expect(error.sent).toBe(true);
  });
});

describe('what the Node.js fetch refuses or cuts off', () => {
  it('never follows a redirect: nothing reaches the other origin', async () => {
    const elsewhere = await startServer();
    try {
      testServer.current.handle((_request, response) => {
        response.writeHead(307, { Location: `${elsewhere.url}/steal` });
        response.end();
      });
      const error = (await failure(() => nodeClient().startWorkflowExecution(input))) as WorkflowApiError;
      expect(error).toBeInstanceOf(WorkflowApiError);
      expect(error.status).toBe(307);
      expect(error.message).toMatch(/does not follow/);
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('reads at most maxResponseBytes of an endless answer, then closes the connection', async () => {
    let written = 0;
    let closed: Promise<void> | undefined;
    testServer.current.handle((_request, response, socket) => {
      closed = connectionClosed(socket);
      response.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!socket.destroyed && written < 500 * 2 ** 20 && response.write(chunk)) written += chunk.length;
        if (!socket.destroyed && written < 500 * 2 ** 20) response.once('drain', pump);
      };
      response.write('{"execution_id":"');
      pump();
    });
    const error = (await failure(() => nodeClient({ maxResponseBytes: 100_000 }).startWorkflowExecution(input))) as WorkflowApiError;
    expect(error).toBeInstanceOf(WorkflowApiError);
    expect(error.truncated).toBe(true);
    expect(error.body.length).toBeLessThanOrEqual(100_000);
    expect(closed).toBeDefined();
    await closed;
    expect(written).toBeLessThan(500 * 2 ** 20);
  });

  it('aborts a call to a silent server at the time limit and closes its connection', async () => {
    let closed: Promise<void> | undefined;
    testServer.current.handle((_request, _response, socket) => {
      closed = connectionClosed(socket);
    });
    const error = (await failure(() => nodeClient({ timeoutMs: 200 }).startWorkflowExecution(input))) as WorkflowTimeoutError;
    expect(error).toBeInstanceOf(WorkflowTimeoutError);
    expect(error.sent).toBe(true);
    expect(closed).toBeDefined();
    await closed;
  });

  it("rejects with the caller's reason on abort, and closes the connection", async () => {
    let closed: Promise<void> | undefined;
    testServer.current.handle((_request, _response, socket) => {
      closed = connectionClosed(socket);
    });
    const controller = new AbortController();
    const reason = new Error('shutting down');
    setTimeout(() => controller.abort(reason), 100);
    expect(await failure(() => nodeClient({ timeoutMs: 0 }).startWorkflowExecution(input, { signal: controller.signal }))).toBe(reason);
    expect(closed).toBeDefined();
    await closed;
  });

  it('says nothing was sent when no connection could be made', async () => {
    const client = createWorkflowClient({ endpoint: `http://127.0.0.1:${await closedPort()}`, projectId: 'p', auth: { token: 't' } });
    const error = (await failure(() => client.startWorkflowExecution(input))) as WorkflowNetworkError;
    expect(error).toBeInstanceOf(WorkflowNetworkError);
    expect(error.sent).toBe(false);
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('says the request may have arrived when the connection drops mid-answer', async () => {
    testServer.current.handle((_request, response, socket) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      response.write('{"execution_id":');
      setTimeout(() => socket.destroy(), 20);
    });
    const error = (await failure(() => nodeClient().startWorkflowExecution(input))) as WorkflowNetworkError;
    expect(error).toBeInstanceOf(WorkflowNetworkError);
    expect(error.sent).toBe(true);
  });

  it('settles at once when the connection closes with no answer (a 101 nobody upgrades)', async () => {
    testServer.current.handle((_request, response) => {
      response.writeHead(101, { Connection: 'Upgrade', Upgrade: 'websocket' });
      response.flushHeaders();
    });
    // No time limit: only the closed connection can end the call.
    const error = (await failure(() => nodeClient({ timeoutMs: 0 }).startWorkflowExecution(input))) as WorkflowNetworkError;
    expect(error).toBeInstanceOf(WorkflowNetworkError);
    expect(error.message).toMatch(/closed with no answer/);
  });

  it("refuses HTTP's own headers from middleware, as fetch does, and sends nothing", async () => {
    const client = nodeClient();
    client.raw.use({ onRequest: ({ request }) => { request.headers.set('Transfer-Encoding', 'chunked'); return request; } });
    const error = (await failure(() => client.startWorkflowExecution(input))) as WorkflowNetworkError;
    expect(error).toBeInstanceOf(WorkflowNetworkError);
    expect(error.message).toMatch(/transfer-encoding header is HTTP's own/);
    expect(testServer.current.requests).toHaveLength(0);
  });

  it('refuses a status outside 200-599', async () => {
    testServer.current.handle((_request, response) => {
      response.writeHead(600, { 'Content-Type': 'application/json' });
      response.end('{}');
    });
    const error = (await failure(() => nodeClient().startWorkflowExecution(input))) as WorkflowApiError;
    expect(error).toBeInstanceOf(WorkflowApiError);
    expect(error.message).toMatch(/answered 600\b.*a status outside HTTP's 200-599/);
  });
});

describe('the Node.js fetch called as an ordinary fetch', () => {
  it('takes a Request and gives a Response', async () => {
    const fetch = createNodeFetch();
    const response = await fetch(new Request(`${testServer.current.url}/x?y=1`, { method: 'PUT', headers: { 'X-A': 'b' }, body: 'payload' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ execution_id: 'exec-1' });
    expect(testServer.current.requests[0]).toMatchObject({ method: 'PUT', target: '/x?y=1', body: 'payload' });
    expect(testServer.current.requests[0]!.headers['x-a']).toBe('b');
  });

  it('rejects an answer over its maxResponseBytes rather than holding it', async () => {
    testServer.current.handle((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      response.end('x'.repeat(10_000));
    });
    await expect(createNodeFetch({ maxResponseBytes: 1_000 })(new Request(testServer.current.url))).rejects.toThrow(/longer than maxResponseBytes \(1000\)/);
  });

  it.each([
    [1_000, 'resolves'],
    [1_001, 'rejects'],
  ])('an answer of %i bytes under a maxResponseBytes of 1000 %s', async (size, outcome) => {
    testServer.current.handle((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      response.end('x'.repeat(size));
    });
    const answer = createNodeFetch({ maxResponseBytes: 1_000 })(new Request(testServer.current.url)).then((response) => response.text());
    if (outcome === 'resolves') expect(await answer).toHaveLength(1_000);
    else await expect(answer).rejects.toThrow(/longer than maxResponseBytes \(1000\)/);
  });

  it('refuses a URL that is not http or https', async () => {
    await expect(createNodeFetch()(new Request('ftp://127.0.0.1/x'))).rejects.toThrow(/ftp: URLs are not supported/);
    expect(() => createNodeFetch({ maxResponseBytes: 0 })).toThrow(/maxResponseBytes/);
  });

  it('keeps no process alive once its calls are done', async () => {
    // A child whose only handle is the kept-alive connection of a finished call must exit. The server
    // is this process's, so only the child's own socket could hold the child.
    const outDir = mkdtempSync(join(root, 'test', 'artifacts', 'node-fetch-'));
    try {
      runOrThrow(bin('tsc'), ['-p', 'tsconfig.node.json', '--outDir', outDir, '--declaration', 'false', '--declarationMap', 'false', '--sourceMap', 'false']);
      const script = `
        const { createNodeFetch } = await import(${JSON.stringify(pathToFileURL(join(outDir, 'node', 'index.js')).href)});
        const response = await createNodeFetch()(new Request(${JSON.stringify(`${testServer.current.url}/`)}));
        console.log(response.status, await response.text());`;
      const { stdout, stderr } = await execFileAsync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
      expect(stderr).toBe('');
      expect(stdout.trim()).toBe('200 {"execution_id":"exec-1"}');
      // It asked to keep the connection, and left all the same.
      expect(testServer.current.requests[0]!.headers.connection).toBe('keep-alive');
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
