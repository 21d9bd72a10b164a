// A thin client for FunctionGraph's flows API over openapi-fetch.
//
// openapi-fetch builds the request from the generated `paths` types; this layer adds what a service
// calling flows needs: the endpoint from a region, the project ID on every call, input checked against
// the contract before sending, one error class for every unsuccessful answer, results typed from the
// contract, and waiting and paging on top. Each method is driven by the operation's generated table
// (src/operation.ts). Everything about sending (time limits, authentication, redirects, reading
// answers) is the transport's, shared by the methods and client.raw. A method never retries: starting,
// resuming, retrying and stopping are not idempotent; only waitForExecution polls again.
import createClient, { type Client } from 'openapi-fetch';
import { endpointTemplate, type OperationId, type operationTable, type regions } from '../generated/operations.js';
import type { paths } from '../generated/schema.js';
import type { Answer } from './answer.js';
import { authentication, type WorkflowAuth } from './auth.js';
import { WorkflowValidationError } from './errors.js';
import { executionHistory, workflows, type ExecutionHistoryInput, type ExecutionRecord, type WorkflowsInput, type WorkflowSummary } from './paging.js';
import { checkHeaderParameter, checkPathValue, operationIds, outgoing, plans, resultOf, type Binding, type OperationInput, type OperationResult, type Outgoing, type Plan } from './operation.js';
import { compilePath, serializePath } from './path.js';
import { createTransport, httpOwner, runCall, type CallLimits, type Fetch } from './transport.js';
import { checkHeaderName, checkHeaders, checkSignal, checkTimeout, checkValue, isPlainObject, serializeBody, type HeaderOwner } from './validate.js';
import { waitForExecution, type Execution, type FinishedExecution, type WaitOptions } from './wait.js';

/** A region of the cloud endpoint: the contract lists the Chinese mainland regions; others are accepted as written. */
export type Region = (typeof regions)[number] | (string & {});

export interface WorkflowClientOptions {
  /** Region of the official endpoint, `https://functiongraph.{region}.myhuaweicloud.com`. Give this or `endpoint`. */
  region?: Region;
  /** Any base URL instead: the mock, a proxy, a test server. Give this or `region`. */
  endpoint?: string | URL;
  /** Project ID used on every call unless the call gives its own. */
  projectId?: string;
  /** How requests are authenticated. */
  auth: WorkflowAuth;
  /**
   * A fetch implementation. By default the global `fetch`, but the package's root in Node.js (its Node.js
   * entry) defaults to a fetch on `node:http` (createNodeFetch). It must honour the Request's `redirect: 'manual'` and `signal`.
   */
  fetch?: (request: Request) => Promise<Response>;
  /** Time limit for each call in milliseconds, covering the credential, sending and the answer; 0 for none. Default 30 000, at most 2 147 483 647. */
  timeoutMs?: number;
  /** How much of an answer's body is read and kept, in bytes; a longer answer is a WorkflowApiError. Default 8 MiB. */
  maxResponseBytes?: number;
  /** Headers sent with every request. Those authentication or HTTP set (credentials, `X-Sdk-*`, `Host`, `Content-Length`…) are refused. */
  headers?: Record<string, string>;
}

/** Options of a single call. */
export interface RequestOptions {
  /** Aborts the call; the call then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Extra headers for this call, refused like the client's `headers` when authentication or HTTP set them. */
  headers?: Record<string, string>;
  /**
   * Called once, when the request may have reached the service: when a fetch function is handed it, or,
   * on the Node.js transport, when it reaches a connected socket. An abort through `signal` rejects
   * with the signal's reason, as fetch does; whether this was called by then says whether the request
   * may have arrived.
   */
  onSent?: () => void;
}

/**
 * The methods: one per operation of the contract, named by its operationId. Mapped over the generated
 * table itself, so that each method shows its operation's summary and description on hover.
 */
export type WorkflowOperations = {
  readonly [K in keyof typeof operationTable]: (input: OperationInput<K>, options?: RequestOptions) => Promise<OperationResult<K>>;
};

export interface WorkflowClient extends WorkflowOperations {
  /**
   * Polls `showWorkflowExecution` until the execution has a final status (`success`, `fail`, `timeout`
   * or `cancel`), or `until` accepts it, and resolves with it. Rejects with a WorkflowWaitTimeoutError at
   * the deadline, with the signal's reason on abort, and with the error of any poll that cannot succeed
   * by trying again (a 4xx other than 429).
   */
  waitForExecution(input: OperationInput<'showWorkflowExecution'>, options?: WaitOptions & { until?: undefined }): Promise<FinishedExecution>;
  /** With a type guard as `until`, the wait resolves with a finished execution or one the guard accepted. */
  waitForExecution<Accepted extends Execution>(input: OperationInput<'showWorkflowExecution'>, options: WaitOptions & { until: (execution: Execution) => execution is Accepted }): Promise<FinishedExecution | Accepted>;
  /** With a predicate as `until`, the wait resolves with the execution that ended it, finished or not. */
  waitForExecution(input: OperationInput<'showWorkflowExecution'>, options: WaitOptions): Promise<Execution>;
  /** A flow's execution records across `showWorkflowExecutionForPage`'s pages: `for await (const execution of client.executionHistory({ workflowId }))`. */
  executionHistory(input: ExecutionHistoryInput, options?: RequestOptions): AsyncGenerator<ExecutionRecord, void, undefined>;
  /** The project's flows across `listWorkflow`'s pages: `for await (const flow of client.workflows({ mode: 'EXPRESS' }))`. */
  workflows(input?: WorkflowsInput, options?: RequestOptions): AsyncGenerator<WorkflowSummary, void, undefined>;
  /**
   * The underlying openapi-fetch client, with the same endpoint, authentication, path encoding, time
   * limit, checks and transport: `{ data, error, response }` and the spec's own names. A call's init
   * also takes `signal` and `timeoutMs`.
   */
  readonly raw: Client<paths, 'application/json'>;
  /** The base URL every request goes to. */
  readonly baseUrl: string;
}

const defaultTimeoutMs = 30_000;
const defaultMaxResponseBytes = 8 * 1024 * 1024;

/** The operations by method and path, so that client.raw checks a call against its contract too. */
const routes = new Map<string, Plan>(Object.values(plans).map((plan) => [`${plan.method} ${plan.path}`, plan]));

const rawMethods = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

/** openapi-fetch as the shared plumbing calls it: by method and path from the operation tables, not by literal types. */
interface UntypedClient {
  request(method: string, url: string, init: Record<string, unknown>): Promise<unknown>;
}

/**
 * A client of FunctionGraph's flows API: one method per operation of the contract, named by its
 * operationId (`createWorkflow`, `startWorkflowExecution`, `createCallbackWorkflow`…), with
 * `waitForExecution`, `executionHistory` and `workflows` on top, and `raw`, the openapi-fetch client.
 *
 * ```ts
 * const client = createWorkflowClient({ region: 'cn-north-4', projectId, auth: { token } });
 * const { execution_id } = await client.startWorkflowExecution({ workflowId, input: { orderId: 42 } });
 * ```
 *
 * Give `region` (the official endpoint) or `endpoint` (the mock, a proxy), and `auth`: `{ token }` or
 * `{ accessKey, secretKey }`, one of them. Input that cannot be valid is refused before anything is sent.
 */
export function createWorkflowClient(options: WorkflowClientOptions): WorkflowClient {
  if (!isPlainObject(options)) throw new WorkflowValidationError('options', 'must be an object');
  const baseUrl = resolveBaseUrl(options);
  const defaultProjectId = options.projectId;
  if (defaultProjectId !== undefined) checkPathValue('projectId', defaultProjectId, plans.startWorkflowExecution.pathParams[0]!.constraint);
  const clientTimeout = checkTimeout('timeoutMs', options.timeoutMs) ?? defaultTimeoutMs;
  const maxResponseBytes = checkByteLimit('maxResponseBytes', options.maxResponseBytes) ?? defaultMaxResponseBytes;
  if (options.fetch !== undefined && typeof options.fetch !== 'function') throw new WorkflowValidationError('fetch', 'must be a function');
  const auth = authentication(options.auth);
  const owner: HeaderOwner = (name) => httpOwner(name) ?? auth.owner(name);
  checkHeaders('headers', options.headers, owner);

  const transport = createTransport({ baseUrl, auth, fetch: options.fetch, maxResponseBytes });
  const inner = createClient<paths, 'application/json'>({
    baseUrl,
    pathSerializer: serializePath,
    ...(options.headers && { headers: options.headers }),
    redirect: 'manual',
  });
  const untyped = inner as unknown as UntypedClient;
  /** The middleware added through client.raw.use and not ejected. */
  const middleware: unknown[] = [];
  const clientHeaders = options.headers;
  const defaultLimits: CallLimits = { timeoutMs: clientTimeout, signal: undefined };

  /** The limits of one call, from its options (the methods' second argument, or raw's init). */
  function limitsOf(field: string, callOptions: unknown): CallLimits {
    if (callOptions === undefined) return defaultLimits;
    if (!isPlainObject(callOptions)) throw new WorkflowValidationError(field, 'must be an object');
    const { onSent } = callOptions;
    if (onSent !== undefined && typeof onSent !== 'function') throw new WorkflowValidationError('onSent', 'must be a function');
    return { timeoutMs: checkTimeout('timeoutMs', callOptions.timeoutMs) ?? clientTimeout, signal: checkSignal(callOptions.signal), ...(onSent && { onSent: onSent as () => void }) };
  }

  /**
   * Sends one operation, its parameters and body already checked, and reads its answer. The method
   * builds its URL, headers and body itself, as openapi-fetch would: openapi-fetch's Request, with its
   * body stream, costs more than the rest of a call. Once middleware is added through client.raw.use,
   * the methods go through openapi-fetch too, so that the middleware sees their Requests.
   */
  function perform(plan: Plan, target: string, pathOf: (params: Record<string, string>) => string, { params, body }: Outgoing, callOptions: RequestOptions | undefined): Promise<Answer> {
    const limits = limitsOf('options', callOptions);
    const headers = callOptions?.headers;
    checkHeaders('headers', headers, owner);
    if (middleware.length > 0) {
      return runCall(limits, params.path.project_id, target, async (call) => {
        await untyped.request(plan.method, plan.path, {
          params,
          ...(body !== undefined && { body, bodySerializer: () => body }),
          ...(headers && { headers }),
          fetch: (request: Request) => transport.request(request, call),
          parseAs: 'text',
        });
        if (!call.answer) throw new Error('no response was received');
        return call.answer;
      });
    }
    // openapi-fetch's order: the body's type, then the client's headers, the call's, the header parameters.
    const outgoingHeaders = new Headers();
    if (body !== undefined) outgoingHeaders.set('Content-Type', 'application/json');
    setHeaders(outgoingHeaders, clientHeaders);
    setHeaders(outgoingHeaders, headers);
    setHeaders(outgoingHeaders, params.header);
    const url = `${pathOf(params.path)}${queryOf(params.query)}`;
    return transport.exchange({ method: plan.method, url, headers: outgoingHeaders, body: body ?? null }, limits, params.path.project_id, target);
  }

  /** One call through client.raw: the same limits, checks and transport as the methods, in the spec's own names. */
  function rawCall(method: string, url: string, init: unknown): Promise<unknown> {
    // Checks run inside the promise, so that a refusal rejects it rather than throwing.
    return Promise.resolve().then(() => {
      const limits = limitsOf('init', init);
      const { signal: _signal, timeoutMs: _timeoutMs, onSent: _onSent, fetch: callFetch, ...rest } = (init ?? {}) as Record<string, unknown> & { params?: Partial<RawParams> };
      if (callFetch !== undefined && typeof callFetch !== 'function') throw new WorkflowValidationError('fetch', 'must be a function');
      checkRawHeaders('headers', rest.headers, owner);
      checkRawHeaders('params.header', rest.params?.header, owner);
      const plan = routes.get(`${method} ${url}`);
      if (plan) {
        checkRawParams(plan, rest.params ?? {});
        if (plan.body) {
          if (!isPlainObject(rest.body)) throw new WorkflowValidationError('body', rest.body === undefined ? 'is required' : 'must be a JSON object');
          const body = serializeBody(rest.body, plan.body, 'body.');
          rest.bodySerializer ??= () => body;
        }
      }
      const projectId = rest.params?.path?.project_id;
      // The path as sent, where the call's path parameters fill it; the template otherwise.
      const pathParams = rest.params?.path;
      const filled = plan && isPlainObject(pathParams) && plan.pathParams.every((b) => typeof pathParams[b.name] === 'string') ? compilePath(baseUrl + url)(pathParams as Record<string, string>) : `${baseUrl}${url}`;
      return runCall(limits, typeof projectId === 'string' ? projectId : undefined, `${method} ${filled}`, (call) =>
        untyped.request(method, url, { ...rest, fetch: (request: Request) => transport.request(request, call, callFetch as Fetch | undefined) }),
      );
    });
  }

  const raw = {
    request: (method: string, url: string, init?: unknown) => rawCall(String(method).toUpperCase(), url, init),
    // The middleware is tracked as openapi-fetch tracks it, one at a time, so that the methods know whether any is in use.
    use: (...added: unknown[]) => {
      for (const one of added) {
        inner.use(one as never);
        if (one) middleware.push(one);
      }
    },
    eject: (...removed: unknown[]) => {
      for (const one of removed) {
        inner.eject(one as never);
        const i = middleware.indexOf(one);
        if (i !== -1) middleware.splice(i, 1);
      }
    },
    ...Object.fromEntries(rawMethods.map((method) => [method, (url: string, init?: unknown) => rawCall(method, url, init)])),
  } as unknown as Client<paths, 'application/json'>;

  const methods = Object.fromEntries(
    operationIds.map((id) => {
      const plan = plans[id];
      const pathOf = compilePath(baseUrl + plan.path);
      // async, so that input refused before sending rejects the promise rather than throwing.
      const method = async (input: unknown, requestOptions?: RequestOptions) => {
        const out = outgoing(plan, input, defaultProjectId);
        // What a failure's message names the call by: its method and path as sent, IDs and all.
        return resultOf(plan, await perform(plan, `${plan.method} ${pathOf(out.params.path)}`, pathOf, out, requestOptions));
      };
      return [id, method];
    }),
  ) as unknown as WorkflowOperations;

  return {
    ...methods,
    raw,
    baseUrl,
    // Each poll carries the wait's signal, which the deadline and the caller's abort both end.
    waitForExecution: ((input: OperationInput<'showWorkflowExecution'>, waitOptions?: WaitOptions) => {
      const headers = isPlainObject(waitOptions) ? waitOptions.headers : undefined;
      // Checked before the first poll, so that a refused header ends the wait at once, as a method's would.
      try {
        checkHeaders('headers', headers, owner);
      } catch (error) {
        return Promise.reject(error);
      }
      return waitForExecution((signal) => methods.showWorkflowExecution(input, headers ? { signal, headers } : { signal }), waitOptions);
    }) as WorkflowClient['waitForExecution'],
    executionHistory: (input, requestOptions) => executionHistory((page) => methods.showWorkflowExecutionForPage(page, requestOptions), input),
    workflows: (input = {}, requestOptions) => workflows((page) => methods.listWorkflow(page, requestOptions), input),
  };
}

/** Sets each header in turn, as openapi-fetch merges them; the values are checked strings. */
function setHeaders(headers: Headers, values: Record<string, string> | undefined): void {
  if (values) for (const name in values) headers.set(name, values[name]!);
}

/** The query as openapi-fetch's default serializer writes text values: `?name=value&…`, values encoded. */
function queryOf(query: Record<string, string> | undefined): string {
  if (!query) return '';
  let search = '';
  for (const name in query) search += `${search ? '&' : '?'}${name}=${encodeURIComponent(query[name]!)}`;
  return search;
}

function resolveBaseUrl({ region, endpoint }: WorkflowClientOptions): string {
  if (region !== undefined && endpoint !== undefined) throw new WorkflowValidationError('endpoint', 'and region cannot both be given');
  if (endpoint !== undefined) {
    let url: URL;
    try {
      url = new URL(String(endpoint));
    } catch {
      throw new WorkflowValidationError('endpoint', 'must be an absolute http:// or https:// URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WorkflowValidationError('endpoint', `must use http or https, not ${url.protocol}`);
    // Credentials in a URL end up in logs and error messages; the value is not repeated here.
    if (url.username || url.password) throw new WorkflowValidationError('endpoint', 'must not contain a user name or password');
    // An empty "?" or "#" leaves url.search and url.hash empty, yet every path would land after it.
    if (url.search || url.hash || /[?#]/.test(url.href)) throw new WorkflowValidationError('endpoint', 'must not contain a query or a fragment');
    // Signing decodes each path segment; one that cannot be decoded could never be signed.
    if (!url.pathname.split('/').every(decodes)) throw new WorkflowValidationError('endpoint', 'has a malformed percent-encoding in its path');
    return url.href.replace(/\/+$/, '');
  }
  if (region === undefined) throw new WorkflowValidationError('region', 'or endpoint is required');
  if (typeof region !== 'string' || !/^[a-z]{2}(-[a-z0-9]+)+$/.test(region)) {
    throw new WorkflowValidationError('region', 'must be a region ID such as "cn-north-4"');
  }
  return endpointTemplate.replace('{region}', region);
}

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** client.raw's parameters, by location, in the contract's names. */
interface RawParams {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
}

/**
 * Checks client.raw's parameters against the operation's contract, named as raw names them. On the wire
 * every parameter is text, so a number or boolean may also be given as its text.
 */
function checkRawParams(plan: Plan, params: Partial<RawParams>): void {
  if (!isPlainObject(params)) throw new WorkflowValidationError('params', 'must be an object');
  const check = (location: keyof RawParams, bindings: readonly Binding[], then?: (field: string, value: string, binding: Binding) => void) => {
    for (const binding of bindings) {
      const field = `params.${location}.${binding.name}`;
      const value = fromText(params[location]?.[binding.name], binding.constraint.type);
      if (location === 'path') checkPathValue(field, value, binding.constraint);
      else checkValue(field, value, binding.constraint);
      if (then && value !== undefined) then(field, String(value), binding);
    }
  };
  check('path', plan.pathParams);
  check('query', plan.queryParams);
  check('header', plan.headerParams, checkHeaderParameter);
}

function fromText(value: unknown, type: string | undefined): unknown {
  if (typeof value !== 'string') return value;
  if (type === 'integer' && /^-?\d+$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** client.raw takes headers in any form openapi-fetch does; their names are checked, their values are fetch's to check. */
function checkRawHeaders(field: string, headers: unknown, owner: HeaderOwner): void {
  if (headers === undefined || headers === null) return;
  const names =
    headers instanceof Headers ? [...headers.keys()]
    : Array.isArray(headers) ? headers.map((entry: unknown) => String(Array.isArray(entry) ? entry[0] : entry))
    : typeof headers === 'object' ? Object.keys(headers)
    : undefined;
  if (!names) throw new WorkflowValidationError(field, 'must be an object of header names to values');
  for (const name of names) checkHeaderName(field, name, owner);
}

function checkByteLimit(field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new WorkflowValidationError(field, 'must be a whole number of bytes, 1 or more');
  return value;
}
