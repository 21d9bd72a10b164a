// The Node.js transport against servers that misbehave on purpose, each case beside the same client on
// Node's fetch, which is the behaviour to match: framing that costs memory, proxies from the
// environment, connections that never complete, bytes after an answer, null-body statuses, stacked
// codings, too many headers, binary bodies, and one signal shared by many calls. Cases that depend on the
// process (its memory, its environment and flags) run in child processes of both Nodes the package
// supports, from the installed package; the others run here, on real loopback servers.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import * as zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorkflowClient as createPortableClient } from '../../src/index.ts';
import { createNodeFetch, createWorkflowClient, WorkflowApiError, WorkflowNetworkError, WorkflowTimeoutError } from '../../node/index.ts';
import { root } from '../../scripts/paths.ts';
import { findNode20, pinnedNode, type NodeBinary } from '../helpers/node-versions.ts';
import { closedPort } from '../helpers/http-server.ts';
import { packedPackage } from '../helpers/packed-package.ts';

const input = { workflowId: 'w', input: {} };
const tls = { key: readFileSync(join(root, 'test', 'fixtures', 'tls', 'key.pem')), cert: readFileSync(join(root, 'test', 'fixtures', 'tls', 'cert.pem')) };

/** A TCP server that answers every request with these bytes, written at once. */
async function rawServer(answer: (request: string) => Buffer | string | undefined): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let received = '';
    socket.on('data', (data) => {
      received += data.toString('latin1');
      if (!received.includes('\r\n\r\n')) return;
      const bytes = answer(received);
      received = '';
      if (bytes !== undefined) socket.write(bytes);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

const head = (status: string, headers: Record<string, string>, body = '') =>
  Buffer.from(`HTTP/1.1 ${status}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n${body}`, 'latin1');
const json = (body: string, extra: Record<string, string> = {}) => head('200 OK', { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), 'X-Request-Id': 'req-1', ...extra }, body);

/** Both transports a Node.js user has: the package's default (node:http) and the same client on Node's fetch. */
const transports = [
  ['node:http', (endpoint: string, extra: object = {}) => createWorkflowClient({ endpoint, projectId: 'p', auth: { token: 't' }, ...extra })],
  ['Node\'s fetch', (endpoint: string, extra: object = {}) => createPortableClient({ endpoint, projectId: 'p', auth: { token: 't' }, fetch: globalThis.fetch, ...extra })],
] as const;

async function outcome(run: () => Promise<unknown>): Promise<Record<string, unknown>> {
  return run().then(
    (resolved) => ({ resolved }),
    (error: unknown) => {
      const e = error as Error & { sent?: boolean; status?: number };
      return { rejected: e.constructor.name, sent: e.sent, status: e.status, message: e.message };
    },
  );
}

describe('what follows an answer, and what an answer holds, read alike on both transports', () => {
  it.each(transports)('%s: a complete answer followed by bytes that are not HTTP is the answer', async (_name, client) => {
    const server = await rawServer(() => Buffer.concat([json('{"execution_id":"e-1"}'), Buffer.from('\x00garbage that is not HTTP\r\n')]));
    try {
      for (let i = 0; i < 5; i++) expect(await client(server.url).startWorkflowExecution(input)).toEqual({ execution_id: 'e-1', request_id: 'req-1' });
    } finally {
      await server.close();
    }
  });

  it('a 304 with a body is refused as the redirect it is, on both', async () => {
    const server = await rawServer(() => head('304 Not Modified', { 'Content-Length': '12', Location: '/elsewhere' }, '{"a":"body"}'));
    try {
      const outcomes = await Promise.all(transports.map(([, client]) => outcome(() => client(server.url).startWorkflowExecution(input))));
      for (const o of outcomes) expect(o).toMatchObject({ rejected: 'WorkflowApiError', status: 304, message: expect.stringMatching(/answered 304 Not Modified to \/elsewhere, which the client does not follow/) });
    } finally {
      await server.close();
    }
  });

  it('a 205 with a JSON body fails on both, as fetch drops a null-body status\'s body', async () => {
    const server = await rawServer(() => head('205 Reset Content', { 'Content-Type': 'application/json', 'Content-Length': '22' }, '{"execution_id":"e-1"}'));
    try {
      const [viaNode, viaFetch] = await Promise.all(transports.map(([, client]) => outcome(() => client(server.url).startWorkflowExecution(input))));
      expect(viaNode).toMatchObject({ rejected: 'WorkflowApiError', status: 205 });
      expect(viaNode).toEqual(viaFetch);
    } finally {
      await server.close();
    }
  });

  const body = '{"execution_id":"e-1"}';
  const codings: Array<[string, Record<string, string> | string[], Buffer]> = [
    ['gzip, gzip', { 'Content-Encoding': 'gzip, gzip' }, gzipSync(gzipSync(body))],
    ['two Content-Encoding: gzip headers', ['Content-Encoding: gzip', 'Content-Encoding: gzip'], gzipSync(gzipSync(body))],
    ['deflate, br', { 'Content-Encoding': 'deflate, br' }, brotliCompressSync(deflateSync(body))],
  ];
  const zstd = (zlib as { zstdCompressSync?: (input: string) => Buffer }).zstdCompressSync;
  if (zstd) codings.push(['zstd', { 'Content-Encoding': 'zstd' }, zstd(body)]);

  it.each(codings)('stacked or newer codings are decoded on both: %s', async (_name, codingHeaders, encoded) => {
    const lines = Array.isArray(codingHeaders) ? codingHeaders.map((line) => `${line}\r\n`).join('') : Object.entries(codingHeaders).map(([n, v]) => `${n}: ${v}\r\n`).join('');
    const server = await rawServer(() => Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${encoded.length}\r\n${lines}\r\n`, 'latin1'), encoded]));
    try {
      for (const [, client] of transports) expect(await client(server.url).startWorkflowExecution(input)).toEqual({ execution_id: 'e-1', request_id: undefined });
    } finally {
      await server.close();
    }
  });

  it('more than five stacked codings are refused as a network failure on both, as Node\'s fetch refuses them', async () => {
    let encoded: Buffer = Buffer.from(body);
    for (let i = 0; i < 6; i++) encoded = gzipSync(encoded);
    const server = await rawServer(() => Buffer.concat([head('200 OK', { 'Content-Type': 'application/json', 'Content-Length': String(encoded.length), 'Content-Encoding': 'gzip, gzip, gzip, gzip, gzip, gzip' }), encoded]));
    try {
      const [viaNode, viaFetch] = await Promise.all(transports.map(([, client]) => outcome(() => client(server.url).startWorkflowExecution(input))));
      expect(viaNode).toMatchObject({ rejected: 'WorkflowNetworkError' });
      expect(viaFetch).toMatchObject({ rejected: 'WorkflowNetworkError' });
    } finally {
      await server.close();
    }
  });

  it('a list with a coding neither decodes (identity, gzip) is left as it came, and refused alike on both', async () => {
    const encoded = gzipSync(body);
    const server = await rawServer(() => Buffer.concat([head('200 OK', { 'Content-Type': 'application/json', 'Content-Length': String(encoded.length), 'Content-Encoding': 'identity, gzip' }), encoded]));
    try {
      const [viaNode, viaFetch] = await Promise.all(transports.map(([, client]) => outcome(() => client(server.url).startWorkflowExecution(input))));
      expect(viaNode).toMatchObject({ rejected: 'WorkflowApiError', status: 200, message: expect.stringContaining('not the documented JSON object') });
      expect(viaNode).toEqual(viaFetch);
    } finally {
      await server.close();
    }
  });

  it('asks for the codings Node\'s fetch asks for', async () => {
    const seen: string[] = [];
    const server = await rawServer((request) => {
      seen.push(/^accept-encoding: (.*)$/im.exec(request)?.[1]?.trim() ?? '(none)');
      return json('{"execution_id":"e-1"}');
    });
    try {
      for (const [, client] of transports) await client(server.url).startWorkflowExecution(input);
      expect(seen).toEqual(['gzip, deflate', 'gzip, deflate']);
    } finally {
      await server.close();
    }
  });

  it('reads X-Request-Id after 2,100 other answer headers, as fetch does', async () => {
    // Short ones, 12 KiB in all: node:http's limit on their total size (16 KiB) is not the one tested.
    const many = 'A: 1\r\n'.repeat(2_100);
    const server = await rawServer(() => Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n${many}X-Request-Id: req-1\r\nContent-Length: 22\r\n\r\n{"execution_id":"e-1"}`, 'latin1'));
    try {
      for (const [, client] of transports) expect((await client(server.url).startWorkflowExecution(input)).request_id).toBe('req-1');
    } finally {
      await server.close();
    }
  });
});

describe('createNodeFetch as an ordinary fetch', () => {
  it('keeps a binary body\'s bytes, a byte-order mark included, and sets the url', async () => {
    const bytes = Buffer.from([0x00, 0x80, 0xff, 0xfe, 0xef, 0xbb, 0xbf, 0x41]);
    const bom = Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]);
    const server = await rawServer((request) => {
      const payload = request.startsWith('GET /bom') ? bom : bytes;
      return Buffer.concat([head('200 OK', { 'Content-Type': 'application/octet-stream', 'Content-Length': String(payload.length) }), payload]);
    });
    try {
      const fetch = createNodeFetch();
      const response = await fetch(new Request(`${server.url}/bytes?x=1`));
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
      expect(response.url).toBe(`${server.url}/bytes?x=1`);
      const withBom = await fetch(new Request(`${server.url}/bom`));
      expect(Buffer.from(await withBom.arrayBuffer()).equals(bom)).toBe(true);
      // As fetch's text() does: the byte-order mark is not part of the text.
      expect(await (await fetch(new Request(`${server.url}/bom`))).text()).toBe('{}');
    } finally {
      await server.close();
    }
  });
});

describe('sent: false until the request reaches a connected socket', () => {
  it('a TLS handshake that fails (an untrusted certificate) was never sent', async () => {
    const server = createHttpsServer(tls, (_request, response) => response.end('{"execution_id":"e-1"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    let arrived = 0;
    server.on('request', () => arrived++);
    try {
      const [viaNode, viaFetch] = await Promise.all(transports.map(([, client]) => outcome(() => client(`https://127.0.0.1:${port}`).startWorkflowExecution(input))));
      expect(viaNode).toMatchObject({ rejected: 'WorkflowNetworkError', sent: false, message: expect.stringMatching(/failed before it was sent/) });
      // Node's fetch cannot tell: the client says the request may have left.
      expect(viaFetch).toMatchObject({ rejected: 'WorkflowNetworkError' });
      expect(arrived).toBe(0);
    } finally {
      server.close();
    }
  });

  it('a connection that never completes its handshake ends at connectTimeoutMs, never sent', async () => {
    // Accepts the connection and says nothing: a TLS handshake that never ends.
    const silent = await rawServer(() => undefined);
    const endpoint = silent.url.replace('http:', 'https:');
    try {
      const client = createPortableClient({ endpoint, projectId: 'p', auth: { token: 't' }, fetch: createNodeFetch({ connectTimeoutMs: 300 }), timeoutMs: 20_000 });
      const started = performance.now();
      const error = (await client.startWorkflowExecution(input).catch((e: unknown) => e)) as WorkflowNetworkError;
      expect(error).toBeInstanceOf(WorkflowNetworkError);
      expect(error).not.toBeInstanceOf(WorkflowTimeoutError);
      expect(error.sent).toBe(false);
      expect(error.message).toMatch(/failed before it was sent: .*UND_ERR_CONNECT_TIMEOUT/);
      // Well before the call's own limit: the connect timer ended it.
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(() => createNodeFetch({ connectTimeoutMs: 0 })).toThrow(/connectTimeoutMs/);
    } finally {
      await silent.close();
    }
  });

  it('a request still queued in a caller\'s agent when its limit passes was never sent', async () => {
    const { Agent } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    // The first call holds the agent's only socket: this server never answers it.
    const server = createHttpServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const client = createPortableClient({ endpoint: `http://127.0.0.1:${port}`, projectId: 'p', auth: { token: 't' }, fetch: createNodeFetch({ httpAgent: agent }) });
      const holding = client.startWorkflowExecution(input, { timeoutMs: 1_000 }).catch((e: unknown) => e);
      const queued = (await client.startWorkflowExecution(input, { timeoutMs: 300 }).catch((e: unknown) => e)) as WorkflowTimeoutError;
      expect(queued).toBeInstanceOf(WorkflowTimeoutError);
      expect(queued.sent).toBe(false);
      expect(queued.message).toMatch(/was not sent within 300 ms: no connection was made/);
      const held = (await holding) as WorkflowTimeoutError;
      expect(held.sent).toBe(true);
    } finally {
      agent.destroy();
      server.closeAllConnections();
      server.close();
    }
  });

  it("an abort through the caller's signal rejects with its reason, and onSent says whether the request had left", async () => {
    const server = createHttpServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const arrived = new Promise<void>((resolve) => server.once('request', () => resolve()));
    const silent = await rawServer(() => undefined);
    try {
      const reason = new Error('the caller gave up');
      // Sent: aborted once the server has the request.
      let sent = 0;
      const controller = new AbortController();
      const client = createWorkflowClient({ endpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}`, projectId: 'p', auth: { token: 't' } });
      const call = client.startWorkflowExecution(input, { signal: controller.signal, onSent: () => sent++ }).catch((e: unknown) => e);
      await arrived;
      controller.abort(reason);
      expect(await call).toBe(reason);
      expect(sent).toBe(1);
      // Not sent: aborted while the TLS handshake never completes.
      let notSent = 0;
      const early = new AbortController();
      const tlsClient = createWorkflowClient({ endpoint: silent.url.replace('http:', 'https:'), projectId: 'p', auth: { token: 't' } });
      const pending = tlsClient.startWorkflowExecution(input, { signal: early.signal, onSent: () => notSent++ }).catch((e: unknown) => e);
      setTimeout(() => early.abort(reason), 200);
      expect(await pending).toBe(reason);
      expect(notSent).toBe(0);
      // On Node's fetch, it is told when the request is handed to fetch.
      let handed = 0;
      await createPortableClient({ endpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}`, projectId: 'p', auth: { token: 't' }, fetch: globalThis.fetch })
        .startWorkflowExecution(input, { timeoutMs: 100, onSent: () => handed++ })
        .catch(() => undefined);
      expect(handed).toBe(1);
      await expect(client.startWorkflowExecution(input, { onSent: 'yes' as never })).rejects.toThrow(/^onSent must be a function$/);
    } finally {
      server.closeAllConnections();
      server.close();
      await silent.close();
    }
  });

  it('a reused connection sends at once: a call on it that gets no answer may have arrived', async () => {
    let calls = 0;
    const server = createHttpServer((_request, response) => {
      if (++calls === 1) response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"execution_id":"e-1"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const client = createPortableClient({ endpoint: `http://127.0.0.1:${port}`, projectId: 'p', auth: { token: 't' }, fetch: createNodeFetch() });
      await client.startWorkflowExecution(input);
      const error = (await client.startWorkflowExecution(input, { timeoutMs: 300 }).catch((e: unknown) => e)) as WorkflowTimeoutError;
      expect(error).toBeInstanceOf(WorkflowTimeoutError);
      expect(error.sent).toBe(true);
      expect(calls).toBe(2);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('many concurrent calls never mix up their answers', () => {
  it.each(transports)('%s: 300 calls at once, each answered with its own ID', async (_name, client) => {
    const server = createHttpServer((request: IncomingMessage, response) => {
      const id = /\/workflows\/([^/]+)\//.exec(request.url ?? '')?.[1] ?? '';
      setTimeout(() => response.writeHead(200, { 'Content-Type': 'application/json', 'X-Request-Id': `req-${id}` }).end(JSON.stringify({ execution_id: `exec-${id}` })), Math.random() * 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const c = client(`http://127.0.0.1:${port}`);
      const results = await Promise.all(Array.from({ length: 300 }, (_, i) => c.startWorkflowExecution({ workflowId: `f${i}`, input: {} })));
      expect(results).toEqual(Array.from({ length: 300 }, (_, i) => ({ execution_id: `exec-f${i}`, request_id: `req-f${i}` })));
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

// ---- In child processes, on both Nodes ----

let childScript: string;
let childDir: string;
const nodes: Array<[string, () => NodeBinary]> = [
  ['Node.js 24 (pinned)', () => pinnedNode],
  ['Node.js 20', () => findNode20()],
];

beforeAll(async () => {
  const { project } = await packedPackage();
  childDir = join(project, 'transport');
  mkdirSync(childDir, { recursive: true });
  childScript = join(childDir, 'child.mjs');
  copyFileSync(new URL('transport/child.mjs', import.meta.url), childScript);
}, 180_000);

interface ChildReport {
  resolved?: Record<string, unknown>;
  rejected?: { name: string; message: string; sent?: boolean; truncated?: boolean; code?: string };
  peakGrowthKiB: number;
}

async function runChild(node: NodeBinary, config: Record<string, unknown>, { env = {}, args = [] }: { env?: NodeJS.ProcessEnv; args?: string[] } = {}): Promise<ChildReport> {
  // The child's environment is this one less any proxy setting of the machine's, and plus the case's.
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(https?_proxy|no_proxy|node_use_env_proxy|node_options)$/i.test(name)));
  const { stdout } = await promisify(execFile)(node.path, [...args, childScript, JSON.stringify(config)], { cwd: childDir, env: { ...base, ...env }, encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildReport;
}

describe.each(nodes)('bounded memory under any framing: %s', (_name, node) => {
  const limit = 1024 * 1024;
  it('one answer in 1-byte chunks, past maxResponseBytes, costs a bounded amount over the base', async () => {
    // 1-byte chunks: "1\r\nx\r\n", six bytes on the wire for each byte of the body.
    const chunked = Buffer.concat([head('500 Internal Server Error', { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }), Buffer.from('1\r\nx\r\n'.repeat(limit + limit / 4)), Buffer.from('0\r\n\r\n')]);
    const small = json('{"execution_id":"e-0"}');
    const server = await rawServer((request) => (request.includes('/warm/') ? small : chunked));
    try {
      const growth: Record<string, number> = {};
      for (const transport of ['node', 'fetch']) {
        const report = await runChild(node(), { transport, endpoint: server.url, maxResponseBytes: limit, warmUp: 'warm' });
        expect(report.rejected, transport).toMatchObject({ name: 'WorkflowApiError', truncated: true });
        growth[transport] = report.peakGrowthKiB / 1024;
      }
      console.log(`${node().version}: peak memory over the base for a 1.25 MiB answer in 1-byte chunks, limit 1 MiB: node:http ${growth.node!.toFixed(1)} MiB, Node's fetch ${growth.fetch!.toFixed(1)} MiB`);
      // The body is held in one buffer of at most the limit; the rest is the garbage of 1.3 million 'data'
      // events, which a collection reclaims. Before, each event's buffer kept a larger one alive (430-510 MiB measured here).
      expect(growth.node).toBeLessThan(48);
    } finally {
      await server.close();
    }
  }, 120_000);
});

describe.each(nodes)('one signal shared by many calls: %s', (_name, node) => {
  it.each(['node', 'fetch'])('%s: 50 concurrent calls on one signal print no MaxListenersExceededWarning, and all abort', async (transport) => {
    const server = createHttpServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const report = (await runChild(node(), { transport, endpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}`, sharedSignal: 50 })) as unknown as { aborted: number; warnings: string[] };
      expect(report).toEqual({ aborted: 50, warnings: [] });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

/** Where a call went: to the proxy (as an absolute URL, or a CONNECT tunnel), or directly to the endpoint. */
type Route = 'proxy' | 'direct';

describe.each(nodes)('proxies from the environment, read as Node\'s fetch reads them: %s', (_name, node) => {
  let proxyUrl: string;
  const seen: string[] = [];

  beforeAll(async () => {
    const server = createHttpServer((request, response) => {
      // An absolute-form request for an http: URL.
      seen.push(`${request.method} ${request.url}`);
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"execution_id":"via-proxy"}');
    });
    server.on('connect', (request: IncomingMessage, socket: Socket) => {
      // A tunnel for an https: URL: recorded and refused, which ends the call.
      seen.push(`CONNECT ${request.url}`);
      socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    return () => {
      server.closeAllConnections();
      server.close();
    };
  });

  const newerNode = () => Number(/^v(\d+)\./.exec(node().version)![1]) >= 22;
  const cases: Array<{ name: string; scheme: 'http' | 'https'; env: (proxy: string) => NodeJS.ProcessEnv; args?: string[]; expected: (newer: boolean) => Route }> = [
    { name: 'NODE_USE_ENV_PROXY=1 and HTTP_PROXY, http:', scheme: 'http', env: (p) => ({ NODE_USE_ENV_PROXY: '1', HTTP_PROXY: p }), expected: (newer) => (newer ? 'proxy' : 'direct') },
    { name: 'NODE_USE_ENV_PROXY=1 and HTTPS_PROXY, https:', scheme: 'https', env: (p) => ({ NODE_USE_ENV_PROXY: '1', HTTPS_PROXY: p }), expected: (newer) => (newer ? 'proxy' : 'direct') },
    { name: '--use-env-proxy in NODE_OPTIONS and HTTPS_PROXY, https:', scheme: 'https', env: (p) => ({ NODE_OPTIONS: '--use-env-proxy', HTTPS_PROXY: p }), expected: (newer) => (newer ? 'proxy' : 'direct') },
    { name: '--use-env-proxy in argv and HTTP_PROXY, http:', scheme: 'http', env: (p) => ({ HTTP_PROXY: p }), args: ['--use-env-proxy'], expected: (newer) => (newer ? 'proxy' : 'direct') },
    { name: 'NODE_USE_ENV_PROXY=1 and only HTTP_PROXY, https:', scheme: 'https', env: (p) => ({ NODE_USE_ENV_PROXY: '1', HTTP_PROXY: p }), expected: (newer) => (newer ? 'proxy' : 'direct') },
    { name: 'NODE_USE_ENV_PROXY=1, an empty HTTPS_PROXY and HTTP_PROXY, https:', scheme: 'https', env: (p) => ({ NODE_USE_ENV_PROXY: '1', HTTPS_PROXY: '', HTTP_PROXY: p }), expected: (newer) => (newer ? 'proxy' : 'direct') },
    { name: 'NODE_USE_ENV_PROXY=1, HTTP_PROXY and NO_PROXY=127.0.0.1, http:', scheme: 'http', env: (p) => ({ NODE_USE_ENV_PROXY: '1', HTTP_PROXY: p, NO_PROXY: '127.0.0.1' }), expected: () => 'direct' },
    { name: 'HTTP_PROXY without the flag, http:', scheme: 'http', env: (p) => ({ HTTP_PROXY: p }), expected: () => 'direct' },
  ];

  it.each(cases)('$name: both transports take the same route', async ({ scheme, env, args, expected }) => {
    // Node 20 knows no --use-env-proxy flag: it refuses to start, whichever transport the code would use.
    const flagged = args?.includes('--use-env-proxy') || env(proxyUrl).NODE_OPTIONS?.includes('--use-env-proxy');
    if (flagged && !newerNode()) {
      await expect(runChild(node(), { transport: 'node', endpoint: 'http://127.0.0.1:9' }, { env: env(proxyUrl), ...(args && { args }) })).rejects.toThrow(/--use-env-proxy is not allowed in NODE_OPTIONS|bad option: --use-env-proxy/);
      return;
    }
    const routes: Record<string, Route> = {};
    for (const transport of ['node', 'fetch']) {
      // Nothing listens on the endpoint: a direct call fails to connect, a proxied one reaches the proxy.
      const endpoint = `${scheme}://127.0.0.1:${await closedPort()}`;
      const before = seen.length;
      const report = await runChild(node(), { transport, endpoint }, { env: env(proxyUrl), ...(args && { args }) });
      const reached = seen.slice(before).some((line) => line.includes(new URL(endpoint).host));
      routes[transport] = reached ? 'proxy' : 'direct';
      if (!reached) expect(report.rejected, `${transport}: ${JSON.stringify(report)}`).toMatchObject({ code: 'ECONNREFUSED' });
    }
    expect(routes).toEqual({ node: expected(newerNode()), fetch: expected(newerNode()) });
  });
});
