// A thin client for FunctionGraph's flow execution API over openapi-fetch.
//
// openapi-fetch builds the request from the generated `paths` types; this layer adds what a service
// calling flows needs: the endpoint from a region, the project ID on every call, input checked against
// the contract before sending, one error class for every unsuccessful answer, and camelCase results.
// Everything about sending (time limits, authentication, redirects, reading answers) is the transport's,
// shared by the methods and client.raw. No retries: both operations are non-idempotent POSTs.
import createClient, { type Client } from 'openapi-fetch';
import { endpointTemplate, operations, type regions } from '../generated/operations.js';
import type { components, operations as Operations, paths } from '../generated/schema.js';
import { failedAnswer, parseJson, requestIdOf, unexpectedAnswer, type Answer } from './answer.js';
import { authentication, type WorkflowAuth } from './auth.js';
import { WorkflowValidationError } from './errors.js';
import { checkPathSegment, serializePath } from './path.js';
import { createTransport, httpOwner, maxTimeoutMs, runCall, type CallLimits, type Fetch } from './transport.js';
import {
  checkHeaderName,
  checkHeaders,
  checkHeaderValue,
  checkValue,
  isPlainObject,
  serializeBody,
  type Constraint,
  type HeaderOwner,
  type ObjectConstraint,
} from './validate.js';

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
  /** A fetch implementation; the global `fetch` by default. It must honour the Request's `redirect: 'manual'` and `signal`. */
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
}

type StartHeaders = NonNullable<Operations['startWorkflowExecution']['parameters']['header']>;
type CallbackHeaders = Operations['createCallbackWorkflow']['parameters']['header'];
type ProjectId = components['parameters']['ProjectId'];
type FlowExecuteBody = components['schemas']['FlowExecuteBody'];
type CallbackWorkflowRequestBody = components['schemas']['CallbackWorkflowRequestBody'];
type WorkflowId = components['parameters']['WorkflowId'];

interface PathInput {
  /** ID of the flow (`workflow_id`). */
  workflowId: WorkflowId;
  /** Overrides the client's `projectId` for this call (`project_id`). */
  projectId?: ProjectId;
}

/** Input of `startWorkflowExecution`: the body's fields keep their spec names. */
export interface StartWorkflowExecutionInput extends PathInput, FlowExecuteBody {
  /** `X-WorkflowRun-ID`: an ID for the new execution. */
  runId?: StartHeaders['X-WorkflowRun-ID'];
  /** `X-Create-Time`: when the task was created, e.g. `2026-11-20`. */
  createTime?: StartHeaders['X-Create-Time'];
  /** `X-WorkflowRun-MergeFnParameters`: merge the previous node's output into the next node's input. */
  mergeFnParameters?: boolean | StartHeaders['X-WorkflowRun-MergeFnParameters'];
}

/** Input of `createCallbackWorkflow`: the body's fields keep their spec names. */
export interface CreateCallbackWorkflowInput extends PathInput, CallbackWorkflowRequestBody {
  /** `X-Workflow-Run-Id`: the paused execution. */
  runId: CallbackHeaders['X-Workflow-Run-Id'];
  /** `X-Workflow-State-Id`: the paused node. */
  stateId: CallbackHeaders['X-Workflow-State-Id'];
}

/** What both operations return. */
export interface WorkflowExecutionResult {
  /** `execution_id`: the ID of the execution that was started or resumed. */
  executionId: components['schemas']['ExecutionId'];
  /** `X-Request-Id` of the answer, when the service sent one. */
  requestId: string | undefined;
}

export type StartWorkflowExecutionResult = WorkflowExecutionResult;
export type CreateCallbackWorkflowResult = WorkflowExecutionResult;

export interface WorkflowClient {
  /** Starts a flow execution; it runs asynchronously (`POST …/workflows/{workflow_id}/executions`). */
  startWorkflowExecution(input: StartWorkflowExecutionInput, options?: RequestOptions): Promise<StartWorkflowExecutionResult>;
  /** Resumes a paused flow node with a result (`POST …/workflows/{workflow_id}/callback`). */
  createCallbackWorkflow(input: CreateCallbackWorkflowInput, options?: RequestOptions): Promise<CreateCallbackWorkflowResult>;
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

type Spec = (typeof operations)[keyof typeof operations];

/** The operations by method and path, so that client.raw checks a call against its contract too. */
const routes = new Map<string, Spec>(Object.values(operations).map((spec) => [`${spec.method} ${spec.path}`, spec]));

const rawMethods = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

/** What openapi-fetch is given for one call. */
interface Params {
  path: Record<string, string>;
  header?: Record<string, string>;
}

/** openapi-fetch as the shared plumbing calls it: by method and path from the operation tables, not by literal types. */
interface UntypedClient {
  request(method: string, url: string, init: Record<string, unknown>): Promise<unknown>;
}

export function createWorkflowClient(options: WorkflowClientOptions): WorkflowClient {
  if (!isPlainObject(options)) throw new WorkflowValidationError('options', 'must be an object');
  const baseUrl = resolveBaseUrl(options);
  const defaultProjectId = options.projectId;
  if (defaultProjectId !== undefined) checkPathValue('projectId', defaultProjectId, operations.startWorkflowExecution.parameters.path.project_id);
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
  const defaultLimits: CallLimits = { timeoutMs: clientTimeout, signal: undefined };

  /** The limits of one call, from its options (the methods' second argument, or raw's init). */
  function limitsOf(field: string, callOptions: unknown): CallLimits {
    if (callOptions === undefined) return defaultLimits;
    if (!isPlainObject(callOptions)) throw new WorkflowValidationError(field, 'must be an object');
    const { signal, timeoutMs } = callOptions;
    // null is fetch's own way of saying "no signal".
    if (signal !== undefined && signal !== null && !isAbortSignal(signal)) throw new WorkflowValidationError('signal', 'must be an AbortSignal');
    return { timeoutMs: checkTimeout('timeoutMs', timeoutMs) ?? clientTimeout, signal: signal ?? undefined };
  }

  /** Sends one operation, its parameters and body already checked, and reads its answer. */
  function perform(spec: Spec, params: Params, body: string, callOptions: RequestOptions | undefined): Promise<Answer> {
    const limits = limitsOf('options', callOptions);
    const headers = callOptions?.headers;
    checkHeaders('headers', headers, owner);
    return runCall(limits, params.path.project_id, `${spec.method} ${baseUrl}${spec.path}`, async (call) => {
      await untyped.request(spec.method, spec.path, {
        params,
        body,
        bodySerializer: () => body,
        ...(headers && { headers }),
        fetch: (request: Request) => transport(request, call),
        parseAs: 'text',
      });
      if (!call.answer) throw new Error('no response was received');
      return call.answer;
    });
  }

  /** One call through client.raw: the same limits, checks and transport as the methods, in the spec's own names. */
  function rawCall(method: string, url: string, init: unknown): Promise<unknown> {
    // Checks run inside the promise, so that a refusal rejects it rather than throwing.
    return Promise.resolve().then(() => {
      const limits = limitsOf('init', init);
      const { signal: _signal, timeoutMs: _timeoutMs, fetch: callFetch, ...rest } = (init ?? {}) as Record<string, unknown> & { params?: Partial<Params> };
      if (callFetch !== undefined && typeof callFetch !== 'function') throw new WorkflowValidationError('fetch', 'must be a function');
      checkRawHeaders('headers', rest.headers, owner);
      checkRawHeaders('params.header', rest.params?.header, owner);
      const spec = routes.get(`${method} ${url}`);
      if (spec) {
        checkParams(spec, rest.params ?? {});
        if (!isPlainObject(rest.body)) throw new WorkflowValidationError('body', rest.body === undefined ? 'is required' : 'must be a JSON object');
        const body = serializeBody(rest.body, spec.body, 'body.');
        rest.bodySerializer ??= () => body;
      }
      const projectId = rest.params?.path?.project_id;
      return runCall(limits, typeof projectId === 'string' ? projectId : undefined, `${method} ${baseUrl}${url}`, (call) =>
        untyped.request(method, url, { ...rest, fetch: (request: Request) => transport(request, call, callFetch as Fetch | undefined) }),
      );
    });
  }

  const raw = {
    request: (method: string, url: string, init?: unknown) => rawCall(String(method).toUpperCase(), url, init),
    use: inner.use,
    eject: inner.eject,
    ...Object.fromEntries(rawMethods.map((method) => [method, (url: string, init?: unknown) => rawCall(method, url, init)])),
  } as unknown as Client<paths, 'application/json'>;

  function projectIdFor(input: PathInput): string {
    const projectId = input.projectId ?? defaultProjectId;
    if (projectId === undefined) throw new WorkflowValidationError('projectId', 'is required: give it to createWorkflowClient or to the call');
    return projectId;
  }

  function pathOf(spec: Spec, input: PathInput) {
    if (!isPlainObject(input)) throw new WorkflowValidationError('input', 'must be an object');
    const path = { project_id: projectIdFor(input), workflow_id: input.workflowId };
    checkPathValue('projectId', path.project_id, spec.parameters.path.project_id);
    checkPathValue('workflowId', path.workflow_id, spec.parameters.path.workflow_id);
    return path;
  }

  return {
    raw,
    baseUrl,

    // async, so that input refused before sending rejects the promise rather than throwing.
    async startWorkflowExecution(input, requestOptions) {
      const spec = operations.startWorkflowExecution;
      const path = pathOf(spec, input);
      const header = headerParams(spec.parameters.header, {
        'X-Create-Time': ['createTime', input.createTime],
        'X-WorkflowRun-ID': ['runId', input.runId],
        'X-WorkflowRun-MergeFnParameters': ['mergeFnParameters', typeof input.mergeFnParameters === 'boolean' ? String(input.mergeFnParameters) : input.mergeFnParameters],
      });
      const body = serializeBody({ input: input.input, ...(input.headers !== undefined && { headers: input.headers }) }, spec.body);
      return result(spec, await perform(spec, { path, header }, body, requestOptions));
    },

    // async, so that input refused before sending rejects the promise rather than throwing.
    async createCallbackWorkflow(input, requestOptions) {
      const spec = operations.createCallbackWorkflow;
      const path = pathOf(spec, input);
      const header = headerParams(spec.parameters.header, {
        'X-Workflow-Run-Id': ['runId', input.runId],
        'X-Workflow-State-Id': ['stateId', input.stateId],
      });
      const body = serializeBody({ result: input.result, output: input.output, ...(input.error !== undefined && { error: input.error }) }, spec.body);
      return result(spec, await perform(spec, { path, header }, body, requestOptions));
    },
  };
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

function checkPathValue(field: string, value: unknown, constraint: Constraint): void {
  checkValue(field, value, { ...constraint, required: true });
  checkPathSegment(field, value as string);
}

/** Checks header parameters against the contract and drops the absent ones. */
function headerParams(
  constraints: Readonly<Record<string, Constraint>>,
  values: Record<string, readonly [field: string, value: unknown]>,
): Record<string, string> {
  const header: Record<string, string> = {};
  for (const [name, [field, value]] of Object.entries(values)) {
    const constraint = constraints[name] ?? {};
    checkValue(field, value, constraint);
    if (value === undefined) continue;
    // An empty value is no value: the gateway treats an empty required header as a missing one.
    if (constraint.required && value === '') throw new WorkflowValidationError(field, `must not be empty: it is the required ${name} header`);
    checkHeaderValue(field, name, value as string);
    header[name] = value as string;
  }
  return header;
}

/** Checks client.raw's path and header parameters against the operation's contract, named as raw names them. */
function checkParams(spec: Spec, params: Partial<Params>): void {
  if (!isPlainObject(params)) throw new WorkflowValidationError('params', 'must be an object');
  for (const [name, constraint] of Object.entries(spec.parameters.path)) checkPathValue(`params.path.${name}`, params.path?.[name], constraint);
  const given = params.header ?? {};
  headerParams(spec.parameters.header, Object.fromEntries(Object.keys(spec.parameters.header).map((name) => [name, [`params.header.${name}`, given[name]] as const])));
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

function checkTimeout(field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
    throw new WorkflowValidationError(field, 'must be a finite number of milliseconds, 0 or more');
  }
  // setTimeout fires at once for a longer delay, which would fail every call straight away.
  if (value > maxTimeoutMs) throw new WorkflowValidationError(field, `must be at most ${maxTimeoutMs} (about 24.8 days); 0 means no limit`);
  return value;
}

function checkByteLimit(field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new WorkflowValidationError(field, 'must be a whole number of bytes, 1 or more');
  return value;
}

/** An AbortSignal, from this realm or another (a polyfill, a test environment). */
function isAbortSignal(value: unknown): value is AbortSignal {
  if (typeof value !== 'object' || value === null) return false;
  const signal = value as Partial<AbortSignal>;
  return typeof signal.aborted === 'boolean' && typeof signal.addEventListener === 'function' && typeof signal.removeEventListener === 'function';
}

/** The documented success body as the methods' result, or a WorkflowApiError with whatever can be learnt from the answer. */
function result(spec: Spec, answer: Answer): WorkflowExecutionResult {
  const data = parseJson(answer.text);
  if (!answer.response.ok) throw failedAnswer(answer, data);
  const problem = checkResponse(data, spec.response);
  if (problem) throw unexpectedAnswer(answer, problem, data);
  return { executionId: (data as { execution_id: string }).execution_id, requestId: requestIdOf(answer.response.headers) };
}

function checkResponse(data: unknown, schema: ObjectConstraint): string | undefined {
  if (!isPlainObject(data)) return 'the body is not the documented JSON object';
  try {
    for (const [name, constraint] of Object.entries(schema.properties)) checkValue(name, data[name], constraint);
  } catch (error) {
    return `the body does not match the contract (${(error as Error).message})`;
  }
  return undefined;
}
