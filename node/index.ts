// The Node.js entry point: what `functiongraph-workflow-api` resolves to in Node.js (the `node` export
// condition), and `functiongraph-workflow-api/node` anywhere. It exports everything the portable main
// entry (src/) exports, with two differences that only Node.js allows:
//   - createWorkflowClient sends with createNodeFetch(), a fetch function on node:http and node:https
//     with keep-alive, unless it is given a `fetch`;
//   - every signer in the process hashes with node:crypto (digests.ts): the same bytes, natively.
// The client hands createNodeFetch's fetch a request as its parts (method, URL, headers, body, signal)
// and it reads the answer itself, so that no Request, Response or body stream is built for a call;
// Node's global fetch builds all three, which costs more than the rest of a call on a fast network.
// Called as an ordinary fetch, with a Request, it works too.
//
// What it does as the client's fetch does: the signal aborts the request and closes its connection; a
// redirect is returned as it is, never followed; at most `limit` bytes of an answer are read, then the
// connection is closed; a failure before an answer is a TypeError("fetch failed") whose `cause` is
// Node's error (ECONNREFUSED and the like); the request counts as sent once its socket is connected. It
// asks for and decodes the codings fetch decodes, and uses a proxy as Node's fetch does, from the
// environment under NODE_USE_ENV_PROXY or --use-env-proxy. What it does not: it sends no other of
// fetch's default headers (User-Agent, Accept, Accept-Language, Sec-Fetch-Mode), and keeps no cookies.
// The modules, not their functions: a request is made through `http.request` as it is at that moment,
// so that what replaces it (nock, MSW, an APM agent) sees the client's calls.
import http, { Agent as HttpAgent, type ClientRequest, type IncomingMessage } from 'node:http';
import https, { Agent as HttpsAgent } from 'node:https';
import zlib, { brotliDecompressSync, constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { nullBodyStatuses, type Answer, type AnswerHead } from '../src/answer.js';
import { createWorkflowClient as createPortableClient, type WorkflowClient, type WorkflowClientOptions } from '../src/index.js';
import { useDigests } from '../src/sha256.js';
import { httpOwner, sendParts, type PartsSender, type RequestParts } from '../src/transport.js';
import { isPlainObject } from '../src/validate.js';
import { nodeDigests } from './digests.js';

// Every signer in the process, this entry's and the main entry's, hashes with node:crypto from here on.
useDigests(nodeDigests);

export * from '../src/index.js';

/**
 * An `http.Agent` or `https.Agent` (or a subclass: a proxy agent). Typed by shape, so that the package's
 * types, which are this entry's in Node.js, need no `@types/node` in a project that has none.
 */
export interface NodeAgent {
  destroy(): void;
}

export interface NodeFetchOptions {
  /** The agent for http: URLs (an `http.Agent`); by default one of this fetch's own, with keep-alive. */
  httpAgent?: NodeAgent;
  /** The agent for https: URLs (an `https.Agent`); by default one of this fetch's own, with keep-alive. */
  httpsAgent?: NodeAgent;
  /** Called as an ordinary fetch, how much of an answer's body it reads; a longer answer rejects. Default 8 MiB. The client passes its own maxResponseBytes. */
  maxResponseBytes?: number;
  /**
   * How long a new connection may take to be made, its TLS handshake included, in milliseconds. Default
   * 10 000, as Node's fetch (undici's connect timeout). Its expiry fails the call as never sent.
   */
  connectTimeoutMs?: number;
}

export type NodeFetch = ((request: Request) => Promise<Response>) & { readonly [sendParts]: PartsSender };

const defaultMaxResponseBytes = 8 * 1024 * 1024;
const defaultConnectTimeoutMs = 10_000;
const idleConnectionMs = 4_000;

/** zstd, where this Node's zlib has it (22.15, 23.8 and later), as Node's fetch decodes it there. */
const zstdDecompressSync = (zlib as { zstdDecompressSync?: (buffer: Buffer, options: object) => Buffer }).zstdDecompressSync;
/** What Node's fetch asks for (20 and 24 alike); br and zstd are decoded too when a server sends them anyway. */
const acceptedEncodings = 'gzip, deflate';
/** The most content codings an answer may stack, as Node's fetch allows. */
const maxContentCodings = 5;

/** A decoded answer: its head, and its body's bytes without their content codings. */
interface Received {
  head: AnswerHead;
  bytes: Buffer;
  truncated: boolean;
}

/**
 * A fetch function on node:http and node:https: `createWorkflowClient({ …, fetch: createNodeFetch() })`.
 * Idle connections do not keep the process alive. Called as an ordinary fetch, with a Request, it gives
 * a Response with the body's bytes as they came (decoded) and its `url`.
 */
export function createNodeFetch(options: NodeFetchOptions = {}): NodeFetch {
  // An idle connection is closed after 4 s, as undici closes its own: a server that has dropped it
  // quietly would otherwise fail the next call with ECONNRESET after the request may have been sent. A
  // server's shorter Keep-Alive hint wins; a call waiting for its answer is not affected.
  const { http: httpProxy, https: httpsProxy } = proxySettings();
  const httpAgent = (options.httpAgent as HttpAgent | undefined) ?? new HttpAgent({ keepAlive: true, timeout: idleConnectionMs, ...httpProxy });
  const httpsAgent = (options.httpsAgent as HttpsAgent | undefined) ?? new HttpsAgent({ keepAlive: true, timeout: idleConnectionMs, ...httpsProxy });
  const standaloneLimit = options.maxResponseBytes ?? defaultMaxResponseBytes;
  if (!Number.isSafeInteger(standaloneLimit) || standaloneLimit < 1) throw new TypeError('maxResponseBytes must be a whole number of bytes, 1 or more');
  const connectTimeoutMs = options.connectTimeoutMs ?? defaultConnectTimeoutMs;
  if (!Number.isSafeInteger(connectTimeoutMs) || connectTimeoutMs < 1 || connectTimeoutMs > 2 ** 31 - 1) throw new TypeError('connectTimeoutMs must be a whole number of milliseconds, 1 or more');

  const receive = (url: string, parts: RequestParts, limit: number) =>
    new Promise<Received>((resolve, reject) => {
      const { method, headers, body, signal, onSent } = parts;
      if (signal?.aborted) return reject(signal.reason);
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      if (!secure && target.protocol !== 'http:') return reject(new TypeError(`fetch failed: ${target.protocol} URLs are not supported`));
      const outgoing: Record<string, string> = {};
      let framing: string | undefined;
      headers.forEach((value, name) => {
        // HTTP's own headers come from the URL and the body, as fetch sets them: a caller's Content-Length
        // is recomputed, and any other (Transfer-Encoding, Connection, Host…) is refused, as fetch refuses it.
        if (name === 'content-length') return;
        if (httpOwner(name)) framing ??= name;
        outgoing[name] = value;
      });
      if (framing) return reject(new TypeError(`fetch failed: the ${framing} header is HTTP's own, set from the URL, the body and the connection`));
      // As Node's fetch asks, unless the caller asked otherwise: with no Accept-Encoding, any coding may come.
      outgoing['accept-encoding'] ??= acceptedEncodings;
      const payload = body === null ? undefined : typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      if (payload !== undefined) outgoing['content-length'] = String(typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length);

      let settled = false;
      let connecting: ReturnType<typeof setTimeout> | undefined;
      const settle = () => {
        settled = true;
        clearTimeout(connecting);
        signal?.removeEventListener('abort', abort);
      };
      const fail = (error: unknown) => {
        if (settled) return;
        settle();
        reject(error);
        request.destroy();
      };
      const abort = () => fail(signal!.reason);
      let request: ClientRequest;
      try {
        const settings = { method, headers: outgoing, agent: secure ? httpsAgent : httpAgent };
        request = secure ? https.request(target, settings) : http.request(target, settings);
      } catch (error) {
        // A header value node:http refuses: nothing was sent.
        return reject(new TypeError('fetch failed', { cause: error }));
      }
      // node:http keeps the first 2 000 answer headers by default and drops the rest, X-Request-Id among
      // them; their total size is bounded all the same, by its 16 KiB header limit.
      request.maxHeadersCount = 0;
      signal?.addEventListener('abort', abort, { once: true });
      // The request is sent once a socket is connected: at once on a reused one, after the handshake on
      // a new one, which has connectTimeoutMs to get there.
      request.on('socket', (socket) => {
        if (!socket.connecting) return onSent?.();
        connecting = setTimeout(() => request.destroy(Object.assign(new Error(`no connection within ${connectTimeoutMs} ms`), { code: 'UND_ERR_CONNECT_TIMEOUT' })), connectTimeoutMs);
        socket.once(secure ? 'secureConnect' : 'connect', () => {
          clearTimeout(connecting);
          onSent?.();
        });
      });
      let answered: IncomingMessage | undefined;
      request.on('error', (error) => {
        // What follows a complete answer on the same connection (bytes that are not HTTP, a 304's body) is
        // the connection's trouble, not the answer's: the answer stands, its body still to be read to its
        // end, and the connection, already closed, is not reused.
        if (answered?.complete) return;
        fail(new TypeError('fetch failed', { cause: error }));
      });
      // A connection that closes with no answer at all (a 101 nobody upgrades, for one) gives no error.
      request.on('close', () => {
        if (!answered) fail(new TypeError('fetch failed: the connection closed with no answer'));
      });

      // The body in one buffer of our own, grown as it comes: the parser's chunks are views into larger
      // socket buffers, and keeping them would keep those (1-byte chunks held a buffer each).
      let bytes: Buffer = Buffer.alloc(0);
      let size = 0;
      const finish = (truncated: boolean) => {
        if (settled) return;
        let received: Received;
        try {
          received = decodeAnswer(answered!, url, bytes.subarray(0, size), truncated, limit);
        } catch (error) {
          return fail(error);
        }
        settle();
        resolve(received);
      };
      request.on('response', (response) => {
        answered = response;
        response.on('data', (chunk: Buffer) => {
          if (settled) return;
          const room = limit - size;
          if (size + chunk.length > bytes.length) bytes = grown(bytes, size, size + chunk.length, limit);
          chunk.copy(bytes, size, 0, Math.min(chunk.length, room));
          size += Math.min(chunk.length, room);
          if (chunk.length > room) {
            finish(true);
            // The rest is never read: the connection goes, as fetch's does when its body is cancelled.
            request.destroy();
          }
        });
        response.on('end', () => finish(false));
        response.on('error', (error) => fail(new TypeError('terminated', { cause: error })));
        response.on('close', () => {
          if (!response.complete) fail(new TypeError('terminated: the connection closed before the answer was complete'));
        });
      });
      request.end(payload);
    });

  const send: PartsSender = async (url, parts, limit) => answerOf(await receive(url, parts, limit));

  const fetch = async (request: Request): Promise<Response> => {
    const body = request.body === null ? null : new Uint8Array(await request.arrayBuffer());
    const { head, bytes, truncated } = await receive(request.url, { method: request.method, headers: request.headers, body, signal: request.signal }, standaloneLimit + 1);
    if (truncated || bytes.length > standaloneLimit) throw new TypeError(`fetch failed: the answer is longer than maxResponseBytes (${standaloneLimit})`);
    const { status, statusText, headers } = head;
    if (status < 200 || status > 599) throw new TypeError(`fetch failed: the answer's status ${status} is outside 200-599`);
    const response = new Response(nullBodyStatuses.has(status) || request.method === 'HEAD' ? null : new Uint8Array(bytes), { status, statusText, headers });
    // As fetch's Response says where it came from; the constructor cannot set it.
    Object.defineProperty(response, 'url', { value: request.url });
    return response;
  };
  return Object.assign(fetch, { [sendParts]: send }) as NodeFetch;
}

/** A larger buffer holding the first `size` bytes of `bytes`: room for `needed`, doubled so that copying stays linear, never past `limit`. */
function grown(bytes: Buffer, size: number, needed: number, limit: number): Buffer {
  const next = Buffer.allocUnsafe(Math.min(limit, Math.max(needed, bytes.length * 2, 16 * 1024)));
  bytes.copy(next, 0, 0, size);
  return next;
}

/**
 * The proxy settings of this fetch's agents, as Node's own fetch reads them. Whether the environment's
 * proxies are used at all is Node's decision (NODE_USE_ENV_PROXY=1, or --use-env-proxy in argv or
 * NODE_OPTIONS), which it records in its global agents from Node 24.5 and 22.21; Node 20's agents and
 * fetch connect directly. For an https: URL Node's fetch falls back to HTTP_PROXY when no HTTPS_PROXY is
 * set; Node's agents do not, so this agent's environment carries the fallback.
 */
function proxySettings(): { http: { proxyEnv?: NodeJS.ProcessEnv }; https: { proxyEnv?: NodeJS.ProcessEnv } } {
  const nodeOptions = (http.globalAgent as { options?: { proxyEnv?: NodeJS.ProcessEnv } }).options;
  const env = nodeOptions && 'proxyEnv' in nodeOptions ? nodeOptions.proxyEnv : undefined;
  if (!env) return { http: {}, https: {} };
  // An empty variable counts as unset, as Node reads them.
  const httpsProxy = env.https_proxy || env.HTTPS_PROXY || env.http_proxy || env.HTTP_PROXY || undefined;
  return { http: { proxyEnv: env }, https: { proxyEnv: httpsProxy === undefined ? env : { ...env, https_proxy: httpsProxy, HTTPS_PROXY: httpsProxy } } };
}

let sharedFetch: NodeFetch | undefined;

/**
 * A client of FunctionGraph's flows API: one method per operation of the contract, named by its
 * operationId, with `waitForExecution`, `executionHistory` and `workflows` on top. In Node.js it sends
 * with createNodeFetch() (one shared by every client made here) unless `fetch` is given: pass
 * `fetch: globalThis.fetch` for Node's own fetch.
 *
 * ```ts
 * const client = createWorkflowClient({ region: 'cn-north-4', projectId, auth: { token } });
 * const { execution_id } = await client.startWorkflowExecution({ workflowId, input: { orderId: 42 } });
 * ```
 */
export function createWorkflowClient(options: WorkflowClientOptions): WorkflowClient {
  if (!isPlainObject(options) || options.fetch !== undefined) return createPortableClient(options);
  return createPortableClient({ ...options, fetch: (sharedFetch ??= createNodeFetch()) });
}

/** The answer as the client reads it: status, headers and the body's text. */
function answerOf({ head, bytes, truncated }: Received): Answer {
  const text = bytes.toString('utf8');
  // As fetch's text() does: a byte-order mark is not part of the text.
  return { response: head, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, truncated };
}

/** The answer's head, and its body without its content codings, at most `limit` bytes of it. */
function decodeAnswer(response: IncomingMessage, url: string, bytes: Buffer, truncated: boolean, limit: number): Received {
  const headers = new Headers();
  const raw = response.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    try {
      headers.append(raw[i]!, raw[i + 1]!);
    } catch {
      // A header fetch would refuse to hold; the client reads none but its own few.
    }
  }
  const status = response.statusCode ?? 0;
  const head: AnswerHead = { status, statusText: response.statusMessage ?? '', ok: status >= 200 && status <= 299, headers, type: 'basic', redirected: false, url };
  // A null-body status has no body, whatever arrived (fetch drops it); an empty body has nothing to decode.
  if (nullBodyStatuses.has(status)) return { head, bytes: Buffer.alloc(0), truncated: false };
  if (bytes.length === 0) return { head, bytes, truncated };
  return { head, ...decode(bytes, headers.get('Content-Encoding'), truncated, limit) };
}

type Decompress = (buffer: Buffer, options: object) => Buffer;

/** The decoder of one content coding, undefined for one this Node cannot decode. */
function decoderOf(name: string, bytes: Buffer): { decompress: Decompress; finishFlush: number } | undefined {
  // Flushed leniently, as undici does: a body missing its last bytes still gives what it holds.
  if (name === 'gzip' || name === 'x-gzip') return { decompress: gunzipSync, finishFlush: constants.Z_SYNC_FLUSH };
  // zlib-wrapped, as HTTP says, or raw, as some servers send it; a zlib header's method nibble is 8.
  if (name === 'deflate') return { decompress: (bytes[0]! & 0x0f) === 8 ? inflateSync : inflateRawSync, finishFlush: constants.Z_SYNC_FLUSH };
  if (name === 'br') return { decompress: brotliDecompressSync, finishFlush: constants.BROTLI_OPERATION_FLUSH };
  if (name === 'zstd' && zstdDecompressSync) return { decompress: zstdDecompressSync, finishFlush: (constants as Record<string, number>).ZSTD_e_flush ?? 1 };
  return undefined;
}

/**
 * The body without its content codings, at most `limit` bytes of it. Codings are undone last first, as
 * they were applied ("gzip, br" is gzip, then br). As Node's fetch does, a list with a coding this Node
 * cannot decode (`identity` included) leaves the body as it came.
 */
function decode(bytes: Buffer, coding: string | null, truncated: boolean, limit: number): { bytes: Buffer; truncated: boolean } {
  const listed = coding ? coding.split(',') : [];
  // As Node's fetch (undici) does since CVE-2022-32206's kin: more than five codings is an attack, not an answer.
  if (listed.length > maxContentCodings) throw new TypeError(`fetch failed: too many content codings in the answer (${listed.length}, at most ${maxContentCodings})`);
  const codings = listed.map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  if (codings.length === 0 || !codings.every((name) => decoderOf(name, bytes))) return { bytes, truncated };
  // Part of a compressed body cannot be decoded: a body cut off at the limit is reported without text.
  if (truncated) return { bytes: Buffer.alloc(0), truncated };
  let body = bytes;
  for (const name of codings.reverse()) {
    const decoder = decoderOf(name, body)!;
    try {
      body = decoder.decompress(body, { maxOutputLength: limit, finishFlush: decoder.finishFlush });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { bytes: Buffer.alloc(0), truncated: true };
      throw new TypeError(`fetch failed: the ${name} body does not decode`, { cause: error });
    }
  }
  return { bytes: body, truncated: false };
}
