// Prism's engine, in the mock's own process. The gateway hands it each request it lets through, already
// read and checked, and gets Prism's answer back without a second HTTP hop: no second parser, no
// socket, no copy. Prism still does all that makes it Prism: it matches the request to its operation
// (the one the gateway routed it to), checks security, validates the request and its own answer against
// the contract, honours Prefer, and picks the contract's examples (@stoplight/prism-http's
// createInstance, configured as `prism mock` configures it).
//
// What Prism's HTTP server (@stoplight/prism-http-server 5.16) does around that engine is done here
// the same way: the request as Prism sees it (path, query, the __server parameter, the body parsed as
// micri would), Prism's own parsing of Prefer and serialization of answers, the sl-violations header,
// problem+json for Prism's errors, and the CORS headers and preflight answer of `prism mock`'s default
// --cors. test/mock/prism-parity.test.ts holds both to Prism's own CLI server, request for request.
import { createRequire } from 'node:module';
import type { IncomingHttpHeaders } from 'node:http';
import { Writable } from 'node:stream';
import prismCore from '@stoplight/prism-core';
import prismHttp, { type IHttpConfig, type IHttpRequest } from '@stoplight/prism-http';
import { validateInput, validateOutput, validateSecurity } from '@stoplight/prism-http/dist/validator/index.js';
import { getHttpConfigFromRequest } from '@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js';
import { serialize } from '@stoplight/prism-http-server/dist/serialize.js';

// type-is as Prism's HTTP server resolves it, so that a body counts as JSON exactly when it would there.
const typeIs = createRequire(createRequire(import.meta.url).resolve('@stoplight/prism-http-server'))('type-is') as {
  is(contentType: string, types: string[]): string | false;
};

const { createInstance, getHttpOperationsFromSpec, ProblemJsonError } = prismHttp;
type PrismError = Error & { status?: number; detail?: string; additional?: { headers?: Record<string, string> } | undefined };

/** The log levels Prism knows, quietest last. */
export type PrismLogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface EngineRequest {
  method: string;
  /** The request target as received: path and query, still percent-encoded. */
  target: string;
  headers: IncomingHttpHeaders;
  /** The body as received (empty when there was none). */
  body: Buffer;
  /** The contract operation the gateway routed the request to (its method and path template), if it did. */
  route?: { method: string; template: string };
}

/** Prism's answer before its body is serialized, so that the gateway can still give an error body its request ID. */
export interface EngineAnswer {
  status: number;
  /** Header names as Prism spells them. */
  headers: Array<[string, string]>;
  /** The body as a value (serialized by `wireBody`), or undefined for none. */
  body: unknown;
}

/** One finding of Prism's validation: where (`request.body.input`, `response.body.status`…), how bad, and what. */
export interface Violation {
  location: string[];
  severity: (typeof severities)[number];
  code: string | number | undefined;
  message: string;
}

/** What answers the requests the gateway lets through: Prism's engine, or the emulator in front of it. */
export interface Engine {
  answer(request: EngineRequest): Promise<EngineAnswer>;
}

export interface CheckedRequest {
  violations: Violation[];
  /** The path, still percent-encoded, and the query. */
  url: { path: string; query: URLSearchParams };
  /** The parsed body (null when there was none or it was refused). */
  body: unknown;
}

export interface PrismEngine extends Engine {
  /** Prism's answer: the contract's examples, or its documented error for a request that breaks the contract. */
  answer(request: EngineRequest): Promise<EngineAnswer>;
  /**
   * What Prism finds wrong with a routed request (its security and its input, as `prism mock` checks
   * them before it answers), without answering it, and the request as Prism read it: the body parsed,
   * the path and the query. Undefined for a request the gateway did not route.
   */
  checkRequest(request: EngineRequest): CheckedRequest | undefined;
  /** What Prism finds wrong with an answer to a routed request, as it checks its own answers. */
  answerViolations(route: NonNullable<EngineRequest['route']>, answer: EngineAnswer): Violation[];
}

type Refusal = { status: number; error: { code: string; message: string } };

/** Prism's micri server refuses a body over 10 MB (micri's "10mb": 10 × 2^20 bytes) with 413. */
const micriBodyLimit = 10 * 1024 * 1024;
/** Prism cuts its sl-violations header here. */
const violationsHeaderLimit = 8 * 1024 - 100;
const severities = ['Error', 'Warning', 'Information', 'Hint'] as const;

/** Loads the contract and configures Prism as `prism mock <file>` does (static examples, request and answer validated, security checked). */
export async function createPrismEngine(contractFile: string, { logLevel = 'info' }: { logLevel?: PrismLogLevel } = {}): Promise<PrismEngine> {
  const operations = await getHttpOperationsFromSpec(contractFile);
  if (operations.length === 0) throw new Error(`no operations found in ${contractFile}`);
  const config: IHttpConfig = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: false,
    upstreamProxy: undefined,
    isProxy: false,
    mock: { dynamic: false, ignoreExamples: false },
  };
  const logger = prismCore.createLogger('HTTP SERVER', { level: logLevel }, logLines());
  const prism = createInstance(config, { logger });
  // Prism's router weighs every operation on every request; where the gateway has already routed a
  // request, Prism is given that operation alone and finds the same one for a fraction of the work.
  const byRoute = new Map(operations.map((operation) => [`${operation.method.toUpperCase()} ${operation.path}`, [operation]]));

  const answer = async (request: EngineRequest): Promise<EngineAnswer> => {
    const headers = corsHeaders(request.headers);
    if (request.method === 'OPTIONS' && request.headers.origin && request.headers['access-control-request-method']) {
      headers.push(['Access-Control-Allow-Methods', request.headers['access-control-request-method']], ['Vary', 'origin'], ['Content-Length', '0']);
      return { status: 204, headers, body: undefined };
    }
    const body = parseBody(request);
    if ('refused' in body) return micriRefusal(body.refused, request.headers.accept, headers);
    const input = prismInput(request, body.value);
    logger.info({ input }, 'Request received');
    const preferred = getHttpConfigFromRequest(input);
    const result =
      preferred._tag === 'Left'
        ? preferred
        : await prism.request(input, routed(request.route) ?? operations, { ...config, mock: { ...config.mock, ...definedOnly(preferred.right) } })();
    if (result._tag === 'Left') {
      logger.error({ input }, `Request terminated with error: ${result.left}`);
      return problem(result.left as PrismError, headers);
    }
    const { output, validations } = result.right;
    const violations = [...validations.input.map(violation('request')), ...validations.output.map(violation('response'))];
    if (violations.length > 0) {
      const value = JSON.stringify(violations);
      headers.push(['sl-violations', value.length > violationsHeaderLimit ? `Too many violations! ${value.substring(0, violationsHeaderLimit)}` : value]);
    }
    for (const { location, message, severity } of violations) {
      const line = `Violation: ${location.join('.')} ${message}`;
      if (severity === 'Error') logger.error({ name: 'VALIDATOR' }, line);
      else if (severity === 'Warning') logger.warn({ name: 'VALIDATOR' }, line);
      else logger.info({ name: 'VALIDATOR' }, line);
    }
    for (const [name, value] of Object.entries(output.headers ?? {})) headers.push([name, String(value)]);
    return { status: output.statusCode, headers, body: output.body };
  };
  const routed = (route: EngineRequest['route']) => route && byRoute.get(`${route.method.toUpperCase()} ${route.template}`);

  const checkRequest = (request: EngineRequest): CheckedRequest | undefined => {
    const [resource] = routed(request.route) ?? [];
    if (!resource) return undefined;
    const { pathname, searchParams } = new URL(request.target, 'http://example.com');
    const url = { path: pathname, query: searchParams };
    const body = parseBody(request);
    if ('refused' in body) return { violations: [{ location: ['request', 'body'], severity: 'Error', code: body.refused.error.code, message: body.refused.error.message }], url, body: null };
    const element = prismInput(request, body.value);
    const violations: Violation[] = [];
    for (const result of [validateSecurity({ resource, element }), validateInput({ resource, element })]) {
      if (result._tag === 'Left') violations.push(...result.left.map(violation('request')));
    }
    return { violations, url, body: body.value };
  };

  const answerViolations = (route: NonNullable<EngineRequest['route']>, answer: EngineAnswer): Violation[] => {
    const [resource] = routed(route) ?? [];
    if (!resource) return [];
    const headers = Object.fromEntries(answer.headers.map(([name, value]) => [name.toLowerCase(), value]));
    const result = validateOutput({ resource, element: { statusCode: answer.status, headers, body: answer.body } });
    return result._tag === 'Left' ? result.left.map(violation('response')) : [];
  };
  return { answer, checkRequest, answerViolations };
}

/** The request as Prism's HTTP server hands it to Prism: path, query, the __server parameter, headers and the parsed body. */
function prismInput(request: EngineRequest, body: unknown): IHttpRequest {
  const { pathname, searchParams } = new URL(request.target, 'http://example.com');
  const baseUrl = searchParams.get('__server');
  return {
    method: request.method.toLowerCase() as IHttpRequest['method'],
    url: { path: pathname, ...(baseUrl && { baseUrl }), query: queryOf(searchParams) },
    headers: request.headers as IHttpRequest['headers'],
    body,
  } as IHttpRequest;
}

/**
 * The bytes of an answer's body as Prism's server sends them, and the headers that go with them:
 * serialized for its content type, text/plain when it has none, with its length.
 */
export function wireBody(answer: EngineAnswer): { headers: Array<[string, string]>; payload: string | undefined } {
  const contentType = answer.headers.filter(([name]) => name.toLowerCase() === 'content-type').pop()?.[1];
  let payload: string | undefined;
  try {
    payload = answer.status === 204 && answer.body === undefined ? undefined : (serialize(answer.body, contentType) as string | undefined);
  } catch (error) {
    // Prism answers a body it cannot serialize with its problem+json error instead.
    return wireBody(problem(error as PrismError, answer.headers));
  }
  if (payload === undefined || payload === null) return { headers: answer.headers, payload: undefined };
  const headers: Array<[string, string]> = [...answer.headers];
  if (contentType === undefined) headers.push(['Content-Type', 'text/plain; charset=utf-8']);
  headers.push(['Content-Length', String(Buffer.byteLength(payload))]);
  return { headers, payload };
}

/** Prism's answer to one of its own errors (no route, a Prefer it cannot meet, an unauthorized call…): problem+json. */
function problem(error: PrismError, headers: Array<[string, string]>): EngineAnswer {
  const extra = Object.entries(error.additional?.headers ?? {});
  const kept = headers.filter(([name]) => name.toLowerCase() !== 'content-type' && !extra.some(([other]) => other.toLowerCase() === name.toLowerCase()));
  return {
    status: error.status || 500,
    headers: [...kept, ['content-type', 'application/problem+json'], ...extra],
    body: ProblemJsonError.toProblemJson(error as Parameters<typeof ProblemJsonError.toProblemJson>[0]),
  };
}

/**
 * A body Prism's HTTP server (micri) refuses, answered as micri answers: a JSON error for a client that
 * accepts any type or JSON, its message as text for any other.
 */
function micriRefusal({ status, error }: Refusal, accept: string | undefined, headers: Array<[string, string]>): EngineAnswer {
  // micri reads the Accept header as one media type; what does not parse as one counts as */*.
  const type = /^([\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+)\s*(;|$)/.exec((accept || '*/*').trim())?.[1]?.toLowerCase() ?? '*/*';
  return type === '*/*' || accept === 'application/json'
    ? { status, headers: [...headers, ['Content-Type', 'application/json; charset=utf-8']], body: { error } }
    : { status, headers: [...headers, ['Content-Type', 'text/plain; charset=utf-8']], body: error.message };
}

/** The CORS headers `prism mock` puts on every answer. */
export function corsHeaders(request: IncomingHttpHeaders): Array<[string, string]> {
  return [
    ['Access-Control-Allow-Origin', request.origin || '*'],
    ['Access-Control-Allow-Headers', request['access-control-request-headers'] || '*'],
    ['Access-Control-Allow-Credentials', 'true'],
    ['Access-Control-Expose-Headers', (request['access-control-expose-headers'] as string | undefined) || '*'],
  ];
}

/**
 * The body as Prism's server reads it: none without Content-Length or Transfer-Encoding, or with a
 * length of 0; JSON for a JSON media type; text otherwise. What micri refuses, it refuses as micri does.
 */
function parseBody({ headers, body }: EngineRequest): { value: unknown } | { refused: Refusal } {
  if (headers['content-length'] === '0' || (headers['transfer-encoding'] === undefined && headers['content-length'] === undefined)) return { value: null };
  if (body.length > micriBodyLimit) return { refused: { status: 413, error: { code: 'request_entity_too_large', message: 'Body exceeded 10mb limit' } } };
  const contentType = headers['content-type'];
  const json = contentType !== undefined && typeIs.is(contentType, ['application/json', 'application/*+json']) !== false;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  let text: string;
  try {
    text = charset === undefined ? body.toString('utf8') : new TextDecoder(charset).decode(body);
  } catch {
    return { refused: { status: 400, error: { code: 'invalid_body', message: 'Invalid body' } } };
  }
  if (!json) return { value: text };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { refused: { status: 400, error: { code: 'invalid_json', message: 'Invalid JSON' } } };
  }
}

function queryOf(searchParams: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of searchParams.keys()) {
    const values = searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

/** A Prefer setting overrides the configured one only where it says something (lodash's merge skips undefined). */
function definedOnly<T extends object>(value: T): Partial<T> {
  const defined: Partial<T> = {};
  for (const key in value) if (value[key] !== undefined) defined[key] = value[key];
  return defined;
}

function violation(prefix: 'request' | 'response') {
  return (detail: { path?: Array<string | number>; severity: number; code?: string | number; message: string }): Violation => ({
    location: [prefix, ...(detail.path ?? []).map(String)],
    severity: severities[detail.severity] ?? 'Error',
    code: detail.code,
    message: detail.message,
  });
}

/** Prism's log lines (JSON from pino), one readable line each: `[VALIDATOR] error: Violation: request.body …`. */
function logLines(): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        try {
          const entry = JSON.parse(line) as { level?: number; name?: string; msg?: string; input?: IHttpRequest };
          const where = entry.input ? ` ${entry.input.method.toUpperCase()} ${entry.input.url.path}` : '';
          console.log(`[${entry.name ?? 'PRISM'}]${where} ${levelName(entry.level)}: ${entry.msg ?? ''}`);
        } catch {
          console.log(line);
        }
      }
      done();
    },
  });
}

function levelName(level: number | undefined): string {
  return level === undefined ? 'info' : level >= 50 ? 'error' : level >= 40 ? 'warn' : level >= 30 ? 'info' : 'debug';
}
