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
// Node's error (ECONNREFUSED and the like). What it does not: it sends none of fetch's default headers
// (no Accept-Encoding: a compressed answer that arrives anyway is decoded), it keeps no cookies, and it
// uses a proxy only as Node 24's fetch does, from the environment under NODE_USE_ENV_PROXY.
// The modules, not their functions: a request is made through `http.request` as it is at that moment,
// so that what replaces it (nock, MSW, an APM agent) sees the client's calls.
import http, { Agent as HttpAgent, type ClientRequest, type IncomingMessage } from 'node:http';
import https, { Agent as HttpsAgent } from 'node:https';
import { brotliDecompressSync, constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { nullBodyStatuses, type Answer, type AnswerHead } from '../src/answer.js';
import { createWorkflowClient as createPortableClient, type WorkflowClient, type WorkflowClientOptions } from '../src/index.js';
import { useDigests } from '../src/sha256.js';
import { httpOwner, sendParts, type PartsSender } from '../src/transport.js';
import { isPlainObject } from '../src/validate.js';
import { nodeDigests } from './digests.js';

// Every signer in the process, this entry's and the main entry's, hashes with node:crypto from here on.
useDigests(nodeDigests);

export * from '../src/index.js';

export interface NodeFetchOptions {
  /** The agent for http: URLs; by default one of this fetch's own, with keep-alive. */
  httpAgent?: HttpAgent;
  /** The agent for https: URLs; by default one of this fetch's own, with keep-alive. */
  httpsAgent?: HttpsAgent;
  /** Called as an ordinary fetch, how much of an answer's body it reads; a longer answer rejects. Default 8 MiB. The client passes its own maxResponseBytes. */
  maxResponseBytes?: number;
}

export type NodeFetch = ((request: Request) => Promise<Response>) & { readonly [sendParts]: PartsSender };

const defaultMaxResponseBytes = 8 * 1024 * 1024;
const idleConnectionMs = 4_000;

/**
 * A fetch function on node:http and node:https: `createWorkflowClient({ …, fetch: createNodeFetch() })`.
 * Idle connections do not keep the process alive.
 */
export function createNodeFetch(options: NodeFetchOptions = {}): NodeFetch {
  // As Node's fetch does, the proxy settings in the environment are used under NODE_USE_ENV_PROXY=1 or
  // --use-env-proxy (agents take them from Node 24.5 and 22.21; Node 20's connect directly). An idle
  // connection is closed after 4 s, as undici closes its own: a server that has dropped it quietly
  // would otherwise fail the next call with ECONNRESET after the request may have been sent. A server's
  // shorter Keep-Alive hint wins; a call waiting for its answer is not affected.
  const proxyEnv = process.env.NODE_USE_ENV_PROXY === '1' || process.execArgv.includes('--use-env-proxy') ? { proxyEnv: process.env } : {};
  const httpAgent = options.httpAgent ?? new HttpAgent({ keepAlive: true, timeout: idleConnectionMs, ...proxyEnv });
  const httpsAgent = options.httpsAgent ?? new HttpsAgent({ keepAlive: true, timeout: idleConnectionMs, ...proxyEnv });
  const standaloneLimit = options.maxResponseBytes ?? defaultMaxResponseBytes;
  if (!Number.isSafeInteger(standaloneLimit) || standaloneLimit < 1) throw new TypeError('maxResponseBytes must be a whole number of bytes, 1 or more');

  const send: PartsSender = (url, parts, limit) =>
    new Promise<Answer>((resolve, reject) => {
      const { method, headers, body, signal } = parts;
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
      const payload = body === null ? undefined : typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      if (payload !== undefined) outgoing['content-length'] = String(typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length);

      let settled = false;
      const settle = () => {
        settled = true;
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
      signal?.addEventListener('abort', abort, { once: true });
      let answered = false;
      request.on('error', (error) => fail(new TypeError('fetch failed', { cause: error })));
      // A connection that closes with no answer at all (a 101 nobody upgrades, for one) gives no error.
      request.on('close', () => {
        if (!answered) fail(new TypeError('fetch failed: the connection closed with no answer'));
      });
      request.on('response', (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = (truncated: boolean) => {
          if (settled) return;
          let answer: Answer;
          try {
            answer = answerOf(response, url, Buffer.concat(chunks, size), truncated, limit);
          } catch (error) {
            return fail(error);
          }
          settle();
          resolve(answer);
        };
        response.on('data', (chunk: Buffer) => {
          if (settled) return;
          if (size + chunk.length > limit) {
            chunks.push(chunk.subarray(0, limit - size));
            size = limit;
            finish(true);
            // The rest is never read: the connection goes, as fetch's does when its body is cancelled.
            request.destroy();
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () => finish(false));
        response.on('error', (error) => fail(new TypeError('terminated', { cause: error })));
        response.on('close', () => {
          if (!response.complete) fail(new TypeError('terminated: the connection closed before the answer was complete'));
        });
      });
      request.end(payload);
    });

  const fetch = async (request: Request): Promise<Response> => {
    const body = request.body === null ? null : new Uint8Array(await request.arrayBuffer());
    const answer = await send(request.url, { method: request.method, headers: request.headers, body, signal: request.signal }, standaloneLimit + 1);
    if (answer.truncated) throw new TypeError(`fetch failed: the answer is longer than maxResponseBytes (${standaloneLimit})`);
    const { status, statusText, headers } = answer.response;
    if (status < 200 || status > 599) throw new TypeError(`fetch failed: the answer's status ${status} is outside 200-599`);
    return new Response(nullBodyStatuses.has(status) || request.method === 'HEAD' ? null : answer.text, { status, statusText, headers });
  };
  return Object.assign(fetch, { [sendParts]: send }) as NodeFetch;
}

let sharedFetch: NodeFetch | undefined;

/**
 * The main entry's createWorkflowClient, sending with createNodeFetch() (one shared by every client made
 * here) unless `fetch` is given: pass `fetch: globalThis.fetch` for Node's own fetch.
 */
export function createWorkflowClient(options: WorkflowClientOptions): WorkflowClient {
  if (!isPlainObject(options) || options.fetch !== undefined) return createPortableClient(options);
  return createPortableClient({ ...options, fetch: (sharedFetch ??= createNodeFetch()) });
}

/** The answer as the client reads it: status, headers and the body's text, decoded. */
function answerOf(response: IncomingMessage, url: string, bytes: Buffer, truncated: boolean, limit: number): Answer {
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
  // A null-body status, or an empty body, has nothing to decode whatever its Content-Encoding says.
  const decoded = bytes.length === 0 || nullBodyStatuses.has(status) ? { bytes, truncated } : decode(bytes, headers.get('Content-Encoding'), truncated, limit);
  const text = decoded.bytes.toString('utf8');
  // As fetch's text() does: a byte-order mark is not part of the text.
  return { response: head, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, truncated: decoded.truncated };
}

/** The body without its content coding, at most `limit` bytes of it; an unknown coding is left as it is. */
function decode(bytes: Buffer, coding: string | null, truncated: boolean, limit: number): { bytes: Buffer; truncated: boolean } {
  const name = coding?.trim().toLowerCase();
  const decompress =
    name === 'gzip' || name === 'x-gzip' ? gunzipSync
    : name === 'deflate' ? // zlib-wrapped, as HTTP says, or raw, as some servers send it; a zlib header's method nibble is 8.
      ((bytes[0]! & 0x0f) === 8 ? inflateSync : inflateRawSync)
    : name === 'br' ? brotliDecompressSync
    : undefined;
  if (!decompress) return { bytes, truncated };
  // Part of a compressed body cannot be decoded: a body cut off at the limit is reported without text.
  if (truncated) return { bytes: Buffer.alloc(0), truncated };
  try {
    // Flushed leniently, as undici does: a body missing its last bytes still gives what it holds.
    const finishFlush = decompress === brotliDecompressSync ? constants.BROTLI_OPERATION_FLUSH : constants.Z_SYNC_FLUSH;
    return { bytes: decompress(bytes, { maxOutputLength: limit, finishFlush }), truncated: false };
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { bytes: Buffer.alloc(0), truncated: true };
    throw new TypeError(`fetch failed: the ${name} body does not decode`, { cause: error });
  }
}
