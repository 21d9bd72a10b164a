// Huawei's API gateway, in front of Prism. Prism stays the engine: it validates each request against
// the contract and answers with the contract's examples. This layer does what the gateway in front of
// FunctionGraph does before a request gets that far, and what Prism cannot:
//
//   - it routes by the contract's paths and methods (404 APIGW.0101 otherwise);
//   - it enforces the gateway's size limits (413, 414, 494 APIGW.0201);
//   - it authenticates: lenient without configured credentials (any token, any signature that is
//     present), strict with them (tokens compared, AK/SK signatures verified by ./aksk-verifier.ts),
//     refusing with 401 APIGW.0301 and the gateway's own messages;
//   - it answers a body that is not well-formed JSON with the documented 400 at once (Prism 5.16 leaves
//     it hanging), and a path whose percent-encoding does not decode with 400 (it crashes Prism);
//   - it gives every answer a fresh X-Request-Id, and an error body's request_id the same value.
//
// Everything else is handed to Prism's engine in this same process (./prism-engine.ts), and its answer
// goes back with the gateway's request ID: one HTTP hop, as with Prism alone.
import { randomUUID } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { JsonObject } from '../../../scripts/json.ts';
import { sameText, signingAlgorithm, verifySignature, type CanonicalForm, type ReceivedRequest, type SignatureRefusal } from './aksk-verifier.ts';
import { errorBody, gatewayErrors, type GatewayError } from './gateway-errors.ts';
import { foreignRequest } from './local-requests.ts';
import { wireBody, type Engine, type EngineAnswer } from './prism-engine.ts';
import { contractRoutes, documentedExample, matchRoute, type Route } from './routes.ts';

/** The gateway's limits on what it accepts (API Request Signing Guide, error codes APIGW.0201). */
export const gatewayLimits = {
  bodyBytes: 12 * 1024 * 1024,
  targetBytes: 32 * 1024,
  headerBytes: 32 * 1024,
  allHeadersBytes: 128 * 1024,
} as const;

/**
 * Node's own parser limit for the gateway's server: above the gateway's limits, so that the gateway
 * sees an oversized request and answers it as the real one does.
 */
export const parserHeaderLimit = 256 * 1024;

/** What the debug headers may hold, after escaping; the rest is cut and marked with "\u2026". */
const debugHeaderLimit = 8 * 1024;

export interface GatewayCredentials {
  /** The access key pair the gateway knows; a request signed with any other key is refused. */
  keyPair?: { accessKey: string; secretKey: string; securityToken?: string };
  /** The IAM token the gateway accepts in X-Auth-Token. */
  token?: string;
}

/** Whether these credentials make the gateway strict: a key pair, a token, or both. */
export function isStrict(credentials: GatewayCredentials | undefined): boolean {
  return credentials?.keyPair !== undefined || credentials?.token !== undefined;
}

export interface GatewayOptions {
  /** What answers every request the gateway lets through: Prism's engine, or the emulator in front of it. */
  engine: Engine;
  /**
   * Requests under this path prefix (the emulator's own endpoints, outside the contract) skip routing
   * and authentication, keep the limits, and go to `admin`.
   */
  admin?: { prefix: string; engine: Engine };
  /**
   * Requests for this path and under it (the console's web site) skip routing and authentication and
   * go to `answer`, which sends the answer itself.
   */
  site?: { prefix: string; answer: (request: IncomingMessage, response: ServerResponse, requestId: string) => void };
  /** The host the gateway listens on: a request to its own endpoints must name it or a loopback name. */
  host?: string;
  /** Told of every answer once it is sent: one line per request, for the log. */
  onAnswered?: (entry: { method: string; target: string; status: number; ms: number; requestId: string }) => void;
  /** How long an operation may take before the gateway answers 504 itself, when not backendTimeoutMs. */
  backendTimeoutFor?: (route: Route) => number | undefined;
  /** The bundled contract that Prism serves. */
  contract: JsonObject;
  /** Credentials to enforce. None (or an empty object): lenient. */
  credentials?: GatewayCredentials;
  /** The gateway's clock. */
  now?: () => Date;
  /** How long Prism may take to answer before the gateway answers 504 itself. */
  backendTimeoutMs?: number;
}

export interface Gateway {
  server: Server;
  strict: boolean;
  /** Stops accepting and ends open connections. */
  close(): Promise<void>;
}

const unexpectedError: GatewayError = { status: 500, code: 'APIGW.0201', message: 'An unexpected error occurred' };

type Refusal = { error: GatewayError; reason?: string; canonical?: CanonicalForm; violations?: string };

export function createGateway({ engine, admin, site, host = '127.0.0.1', contract, credentials = {}, now = () => new Date(), backendTimeoutMs = 20_000, backendTimeoutFor, onAnswered }: GatewayOptions): Gateway {
  const strict = isStrict(credentials);
  const routes = contractRoutes(contract);

  const authenticate = (request: IncomingMessage, body: Buffer): Refusal | undefined => {
    const authorization = single(request.headers.authorization);
    const token = single(request.headers['x-auth-token']);
    if (!strict) {
      return authorization || token ? undefined : { error: gatewayErrors.tokenMissing, reason: 'neither X-Auth-Token nor Authorization was sent' };
    }
    if (authorization?.startsWith(`${signingAlgorithm} `)) {
      const received: ReceivedRequest = { method: request.method ?? '', target: request.url ?? '', headers: pairs(request.rawHeaders), body };
      const { keyPair } = credentials;
      // An access key is an identifier, not a secret: a plain comparison will do.
      const verdict = verifySignature(received, (accessKey) => (keyPair?.accessKey === accessKey ? keyPair : undefined), now());
      return verdict.ok ? undefined : signatureRefusal(verdict);
    }
    if (!token) return { error: gatewayErrors.tokenMissing, reason: `neither X-Auth-Token nor an ${signingAlgorithm} Authorization was sent` };
    if (credentials.token === undefined || !sameText(token, credentials.token)) {
      return { error: gatewayErrors.tokenInvalid, reason: 'X-Auth-Token is not the token this mock was started with' };
    }
    return undefined;
  };

  /** Each answer's request ID, for the log line of onAnswered. */
  const requestIds = new WeakMap<ServerResponse, string>();
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const requestId = newRequestId();
    requestIds.set(response, requestId);
    const refuse = (refusal: Refusal) => sendRefusal(request, response, requestId, refusal);
    // The emulator's own endpoints are for this machine's tools and the console, never for a page of
    // another site: no CORS preflight is answered for them, and a request a browser sent for another
    // site, or under a rebound host name, is refused before anything is done.
    if (admin && (request.url ?? '/').startsWith(admin.prefix)) {
      const foreign = request.method === 'OPTIONS' ? 'the emulator\'s own endpoints answer no CORS preflight' : foreignRequest(request, host);
      if (foreign) return sendForeignRefusal(response, requestId, foreign);
    }
    // A browser's CORS preflight carries no credentials; Prism answers it, as it did without a gateway.
    if (request.method === 'OPTIONS' && request.headers.origin && request.headers['access-control-request-method']) {
      return forward(request, Buffer.alloc(0), undefined, response, requestId);
    }
    const url = request.url ?? '/';
    if (url.length > gatewayLimits.targetBytes) return refuse({ error: gatewayErrors.uriTooLarge });
    const oversized = oversizedHeaders(request.rawHeaders);
    if (oversized) return refuse({ error: gatewayErrors.headersTooLarge, reason: oversized });

    const path = url.split('?', 1)[0]!;
    if (!decodes(path)) return refuse({ error: gatewayErrors.requestInvalid, reason: 'the path has percent-encoding that does not decode to UTF-8' });
    if (site && (path.startsWith(site.prefix) || path === site.prefix.slice(0, -1))) return site.answer(request, response, requestId);
    if (admin && path.startsWith(admin.prefix)) {
      const body = await readBody(request, gatewayLimits.bodyBytes);
      if (body === 'aborted') return;
      if (body === undefined) return refuse({ error: gatewayErrors.entityTooLarge, reason: `the body is over ${gatewayLimits.bodyBytes} bytes` });
      return forward(request, body, undefined, response, requestId, admin.engine);
    }
    const match = matchRoute(routes, request.method ?? '', path);
    if ('unknown' in match) return refuse({ error: match.unknown === 'path' ? gatewayErrors.apiNotFound : gatewayErrors.methodNotFound });

    const body = await readBody(request, gatewayLimits.bodyBytes);
    // The client went away before its body was complete: nobody to answer.
    if (body === 'aborted') return;
    if (body === undefined) return refuse({ error: gatewayErrors.entityTooLarge, reason: `the body is over ${gatewayLimits.bodyBytes} bytes` });
    const denied = authenticate(request, body);
    if (denied) return refuse(denied);

    const problem = jsonProblem(single(request.headers['content-type']), body);
    if (problem) return refuse(documentedBadRequest(match.route, problem));

    forward(request, body, match.route, response, requestId);
  };

  /** The operation's documented 400 (its first example), for what FunctionGraph would refuse but Prism cannot answer. */
  const documentedBadRequest = (route: Route, problem: string): Refusal => {
    const example = documentedExample(contract, route.operation, 400);
    const violations = asciiJson([{ location: ['request', 'body'], severity: 'Error', code: 'json', message: problem }]);
    if (!example) return { error: gatewayErrors.requestInvalid, reason: problem, violations };
    return { error: { status: 400, code: String(example.error_code), message: String(example.error_msg) }, violations };
  };

  // Requests with Prism, and when each went: one sweep a second finds those that took too long, cheaper
  // than a timer per request. An answer that comes after the gateway gave up on it is dropped.
  const inFlight = new Map<ServerResponse, { request: IncomingMessage; requestId: string; at: number; timeoutMs: number }>();
  const sweep = setInterval(() => {
    const now = performance.now();
    for (const [response, { request, requestId, at, timeoutMs }] of inFlight) {
      if (at >= now - timeoutMs) continue;
      inFlight.delete(response);
      if (!response.destroyed) sendRefusal(request, response, requestId, { error: gatewayErrors.backendTimeout, reason: `the backend did not answer within ${timeoutMs} ms` });
    }
  }, Math.min(1_000, backendTimeoutMs)).unref();

  const forward = (request: IncomingMessage, body: Buffer, route: Route | undefined, response: ServerResponse, requestId: string, target: Engine = engine) => {
    const timeoutMs = (route && backendTimeoutFor?.(route)) ?? backendTimeoutMs;
    inFlight.set(response, { request, requestId, at: performance.now(), timeoutMs });
    const settled = () => inFlight.delete(response) && !response.destroyed;
    const handed = { method: request.method ?? 'GET', target: request.url ?? '/', headers: request.headers, body, ...(route && { route: { method: route.method, template: route.template } }) };
    target.answer(handed).then(
      (answer) => {
        if (!settled()) return;
        try {
          sendAnswer(response, answer, requestId);
        } catch (error) {
          // An answer Node will not send as it is (a header it refuses): the gateway's 500, not a crash.
          console.error('mock gateway: cannot send Prism\'s answer:', error);
          if (!response.headersSent) sendRefusal(request, response, requestId, { error: unexpectedError, reason: (error as Error).message });
          else response.destroy();
        }
      },
      (error: unknown) => {
        if (!settled()) return;
        console.error('mock gateway: Prism failed:', error);
        sendRefusal(request, response, requestId, { error: gatewayErrors.backendUnavailable, reason: `Prism failed: ${(error as Error)?.message ?? String(error)}` });
      },
    );
  };

  const server = createServer({ maxHeaderSize: parserHeaderLimit }, (request, response) => {
    if (onAnswered) {
      const began = performance.now();
      response.once('finish', () => {
        onAnswered({ method: request.method ?? '', target: request.url ?? '', status: response.statusCode, ms: performance.now() - began, requestId: requestIds.get(response) ?? '' });
      });
    }
    handle(request, response).catch((error: unknown) => {
      console.error('mock gateway:', error);
      if (!response.headersSent) sendRefusal(request, response, newRequestId(), { error: unexpectedError });
      else response.destroy();
    });
  });
  // A request Node cannot even parse still gets the gateway's answer, with a request ID.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const gatewayError =
      error.code === 'HPE_HEADER_OVERFLOW' ? gatewayErrors.headersTooLarge
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? { ...gatewayErrors.requestInvalid, status: 408 }
      : gatewayErrors.requestInvalid;
    const requestId = newRequestId();
    const body = JSON.stringify(errorBody(gatewayError, requestId));
    socket.end(
      `HTTP/1.1 ${gatewayError.status} ${reasonPhrase(gatewayError.status)}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  });

  return {
    server,
    strict,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Sends Prism's answer, with this answer's request ID in X-Request-Id and in an error body that has one. */
function sendAnswer(response: ServerResponse, answer: EngineAnswer, requestId: string): void {
  const { body } = answer;
  const identified = answer.status >= 400 && typeof body === 'object' && body !== null && !Array.isArray(body) && 'request_id' in body ? { ...body, request_id: requestId } : body;
  const { headers, payload } = wireBody({ ...answer, body: identified });
  const flat: string[] = [];
  for (const [name, value] of headers) if (name.toLowerCase() !== 'x-request-id') flat.push(name, value);
  flat.push('X-Request-Id', requestId);
  response.writeHead(answer.status, flat);
  response.end(payload);
}

function signatureRefusal(verdict: SignatureRefusal): Refusal {
  const error =
    verdict.failure === 'unknown-access-key' ? gatewayErrors.accessKeyUnknown(verdict.accessKey ?? '')
    : verdict.failure === 'expired' ? gatewayErrors.signatureExpired(verdict.signatureTime ?? '', verdict.serverTime ?? '')
    : gatewayErrors.signatureInvalid;
  return { error, reason: verdict.reason, ...(verdict.canonical && { canonical: verdict.canonical }) };
}

/** A 403 for a request of another site, with no CORS header: the page that sent it cannot read it. */
function sendForeignRefusal(response: ServerResponse, requestId: string, reason: string): void {
  const body = JSON.stringify({ error_code: 'Emulator.403', error_msg: `${reason}: the emulator's own endpoints serve only this machine's tools and its console`, request_id: requestId });
  response.writeHead(403, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'X-Request-Id': requestId, 'Cache-Control': 'no-store' });
  response.end(body);
}

function sendRefusal(request: IncomingMessage, response: ServerResponse, requestId: string, { error, reason, canonical, violations }: Refusal): void {
  const body = JSON.stringify(errorBody(error, requestId));
  const headers: OutgoingHttpHeaders = {
    // The same CORS headers as Prism's answers, so that a browser can read a refusal too.
    'Access-Control-Allow-Origin': request.headers.origin ?? '*',
    'Access-Control-Allow-Headers': '*',
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Expose-Headers': '*',
    ...(request.headers.origin && { Vary: 'origin' }),
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'X-Request-Id': requestId,
  };
  // Help the real gateway never gives: what it computed, and why it refused, in plain words.
  if (canonical) {
    headers['X-Mock-Canonical-Request'] = escapeForHeader(canonical.canonicalRequest);
    headers['X-Mock-String-To-Sign'] = escapeForHeader(canonical.stringToSign);
  }
  if (reason) headers['X-Mock-Reason'] = escapeForHeader(reason);
  if (violations) headers['sl-violations'] = violations;
  response.writeHead(error.status, reasonPhrase(error.status), headers);
  response.end(body);
}

/**
 * Text in a form that fits in a header: a JSON string without its quotes, with every character outside
 * printable ASCII as a \uXXXX escape. `JSON.parse('"' + value + '"')` gives the text back. Text longer
 * than the limit is cut and ends in \u2026 ("…").
 */
export function escapeForHeader(text: string, limit = debugHeaderLimit): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const piece =
      code === 0x0a ? '\\n'
      : code === 0x22 ? '\\"'
      : code === 0x5c ? '\\\\'
      : code >= 0x20 && code <= 0x7e ? text[i]!
      : `\\u${code.toString(16).padStart(4, '0')}`;
    if (out.length + piece.length > limit - 6) return `${out}\\u2026`;
    out += piece;
  }
  return out;
}

/** JSON whose non-ASCII characters are escaped, so that it can be a header value. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Why a body with a JSON media type cannot be parsed, or undefined when it can (or is not JSON, or is empty). */
export function jsonProblem(contentType: string | undefined, body: Buffer): string | undefined {
  if (body.length === 0 || !isJsonType(contentType)) return undefined;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType!)?.[1]?.toLowerCase() ?? 'utf-8';
  let text: string;
  try {
    // A byte-order mark is kept, and refused by JSON.parse as Prism would (it hangs on one).
    text = charset === 'utf-8' || charset === 'utf8' ? body.toString('utf8') : new TextDecoder(charset, { ignoreBOM: true }).decode(body);
  } catch {
    return `the body's charset ${JSON.stringify(charset)} is not one the mock can decode`;
  }
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return `the body is not well-formed JSON: ${(error as Error).message}`;
  }
}

/** application/json or any +json type, in any letter case: the types Prism parses, and hangs on when it cannot. */
function isJsonType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const media = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return media === 'application/json' || media.endsWith('+json');
}

/**
 * The body; undefined when it is over the limit; 'aborted' when the connection closed before the body was
 * complete. An oversized body is still read to its end, and dropped: answering while the client is still
 * sending would close the connection under it, and it might never see the answer.
 */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined | 'aborted'> {
  let tooLarge = Number(request.headers['content-length']) > limit;
  return new Promise((resolve) => {
    let chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      tooLarge = true;
      chunks = [];
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks, size)));
    request.on('close', () => resolve('aborted'));
  });
}

function oversizedHeaders(rawHeaders: string[]): string | undefined {
  let total = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const size = rawHeaders[i]!.length + rawHeaders[i + 1]!.length + 4;
    if (size > gatewayLimits.headerBytes) return `the header ${rawHeaders[i]} is over ${gatewayLimits.headerBytes} bytes`;
    total += size;
  }
  return total > gatewayLimits.allHeadersBytes ? `the headers are over ${gatewayLimits.allHeadersBytes} bytes in all` : undefined;
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function pairs(rawHeaders: string[]): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (let i = 0; i < rawHeaders.length; i += 2) result.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
  return result;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** 32 hexadecimal digits, like the real gateway's request IDs. */
function newRequestId(): string {
  return randomUUID().replaceAll('-', '');
}

function reasonPhrase(status: number): string {
  return status === 494 ? 'Request Header Or Cookie Too Large' : (STATUS_CODES[status] ?? 'Error');
}
