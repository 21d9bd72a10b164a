// A thin client for FunctionGraph's flow execution API over openapi-fetch.
//
// openapi-fetch builds the request from the generated `paths` types; this layer adds what a service
// calling flows needs: the endpoint from a region, the project ID on every call, authentication,
// per-request timeouts, input checked against the contract before sending, one error class for every
// unsuccessful answer, and camelCase results. No retries: both operations are non-idempotent POSTs.
import createClient, { type Client } from 'openapi-fetch';
import { endpointTemplate, operations, type regions } from '../generated/operations.js';
import type { components, operations as Operations, paths } from '../generated/schema.js';
import { authentication, type WorkflowAuth } from './auth.js';
import { WorkflowApiError, WorkflowError, WorkflowNetworkError, WorkflowTimeoutError, WorkflowValidationError } from './errors.js';
import { checkPathSegment, serializePath } from './path.js';
import { checkHeaderValue, checkValue, isPlainObject, serializeBody, type Constraint, type ObjectConstraint } from './validate.js';

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
  /** A fetch implementation; the global `fetch` by default. */
  fetch?: (request: Request) => Promise<Response>;
  /** Time limit for each request, answer included, in milliseconds; 0 for none. Default 30 000. */
  timeoutMs?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

/** Options of a single call. */
export interface RequestOptions {
  /** Aborts the call; the call then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Extra headers for this call. */
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
  /** The underlying openapi-fetch client, with the same endpoint, authentication and path encoding: `{ data, error, response }` and the spec's own names. */
  readonly raw: Client<paths, 'application/json'>;
  /** The base URL every request goes to. */
  readonly baseUrl: string;
}

const defaultTimeoutMs = 30_000;

type Spec = (typeof operations)[keyof typeof operations];

export function createWorkflowClient(options: WorkflowClientOptions): WorkflowClient {
  if (!isPlainObject(options)) throw new WorkflowValidationError('options', 'must be an object');
  const baseUrl = resolveBaseUrl(options);
  const defaultProjectId = options.projectId;
  if (defaultProjectId !== undefined) checkPathValue('projectId', defaultProjectId, operations.startWorkflowExecution.parameters.path.project_id);
  const clientTimeout = checkTimeout('timeoutMs', options.timeoutMs) ?? defaultTimeoutMs;
  const clientHeaders = checkHeaders('headers', options.headers);
  if (options.fetch !== undefined && typeof options.fetch !== 'function') throw new WorkflowValidationError('fetch', 'must be a function');

  const auth = authentication(options.auth);
  const transport = options.fetch ?? fetchRequest;
  const raw = createClient<paths, 'application/json'>({
    baseUrl,
    pathSerializer: serializePath,
    headers: { ...clientHeaders, ...('headers' in auth && auth.headers) },
    fetch: transport,
  });
  if ('middleware' in auth) raw.use(auth.middleware);

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

  async function send(
    spec: Spec,
    perform: (init: PerCallInit) => Promise<{ response: Response }>,
    requestOptions: RequestOptions = {},
  ): Promise<WorkflowExecutionResult> {
    const timeoutMs = checkTimeout('timeoutMs', requestOptions.timeoutMs) ?? clientTimeout;
    const headers = checkHeaders('headers', requestOptions.headers);
    const userSignal = requestOptions.signal;
    // A fresh timer for every call (a shared signal would time out every call after the first expired),
    // cleared when the call ends. AbortSignal.timeout would do the same at several times the cost in Node.
    let timedOut = false;
    const controller = timeoutMs > 0 || userSignal ? new AbortController() : undefined;
    const timer = timeoutMs > 0 ? setTimeout(() => {
      timedOut = true;
      controller!.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs) : undefined;
    const forwardAbort = () => controller!.abort(userSignal!.reason);
    if (userSignal?.aborted) forwardAbort();
    else userSignal?.addEventListener('abort', forwardAbort, { once: true });
    const signal = controller?.signal;

    // The network body is read once, here; openapi-fetch and any middleware get an in-memory copy.
    let answer: { response: Response; text: string } | undefined;
    const fetchOnce = async (request: Request) => {
      const response = await transport(request);
      const text = await response.text();
      answer = { response, text };
      const { status, statusText, headers } = response;
      return new Response(nullBodyStatuses.has(status) ? null : text, { status, statusText, headers });
    };
    try {
      await perform({ ...(signal && { signal }), ...(headers && { headers }), fetch: fetchOnce, parseAs: 'text' });
      if (!answer) throw new Error('no response was received');
      return interpret(spec, answer.response, answer.text);
    } catch (error) {
      if (error instanceof WorkflowError) throw error;
      if (userSignal?.aborted) throw userSignal.reason;
      const target = `${spec.method} ${baseUrl}${spec.path}`;
      if (timedOut) {
        throw new WorkflowTimeoutError(`${target} got no complete answer within ${timeoutMs} ms`, { cause: error, timeoutMs });
      }
      throw new WorkflowNetworkError(`${target} failed: ${describeNetworkError(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
      userSignal?.removeEventListener('abort', forwardAbort);
    }
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
      }) as StartHeaders;
      const body = { input: input.input, ...(input.headers !== undefined && { headers: input.headers }) };
      const serialized = serializeBody(body, spec.body);
      return send(spec, (init) => raw.POST(spec.path, { params: { path, header }, body, bodySerializer: () => serialized, ...init }), requestOptions);
    },

    // async, so that input refused before sending rejects the promise rather than throwing.
    async createCallbackWorkflow(input, requestOptions) {
      const spec = operations.createCallbackWorkflow;
      const path = pathOf(spec, input);
      const header = headerParams(spec.parameters.header, {
        'X-Workflow-Run-Id': ['runId', input.runId],
        'X-Workflow-State-Id': ['stateId', input.stateId],
      }) as CallbackHeaders;
      const body = { result: input.result, output: input.output, ...(input.error !== undefined && { error: input.error }) };
      const serialized = serializeBody(body, spec.body);
      return send(spec, (init) => raw.POST(spec.path, { params: { path, header }, body, bodySerializer: () => serialized, ...init }), requestOptions);
    },
  };
}

interface PerCallInit {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  fetch: (request: Request) => Promise<Response>;
  parseAs: 'text';
}

/** Statuses whose Response must have a null body. */
const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

/**
 * The default transport: the global fetch (looked up per call, so instrumentation that patches it is
 * seen), given the final request's URL, headers and body bytes rather than the Request object. Node's
 * fetch pipes the body of a Request it is handed through a proxy stream, which cost more than the rest
 * of a call together (about 140 µs on loopback); plain bytes go out as they are.
 */
async function fetchRequest(request: Request): Promise<Response> {
  const body = request.body === null ? null : await request.arrayBuffer();
  return globalThis.fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
    redirect: request.redirect,
    credentials: request.credentials,
    mode: request.mode,
    cache: request.cache,
    referrer: request.referrer,
    referrerPolicy: request.referrerPolicy,
    integrity: request.integrity,
    keepalive: request.keepalive,
  });
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
    if (url.search || url.hash) throw new WorkflowValidationError('endpoint', 'must not contain a query or a fragment');
    return url.href.replace(/\/+$/, '');
  }
  if (region === undefined) throw new WorkflowValidationError('region', 'or endpoint is required');
  if (typeof region !== 'string' || !/^[a-z]{2}(-[a-z0-9]+)+$/.test(region)) {
    throw new WorkflowValidationError('region', 'must be a region ID such as "cn-north-4"');
  }
  return endpointTemplate.replace('{region}', region);
}

function checkPathValue(field: string, value: unknown, constraint: Constraint): void {
  checkValue(field, value, { ...constraint, required: true });
  checkPathSegment(field, value as string);
}

/** Checks header parameters against the contract and drops the absent ones. */
function headerParams(
  constraints: Readonly<Record<string, Constraint>>,
  values: Record<string, readonly [field: string, value: string | undefined]>,
): Record<string, string> {
  const header: Record<string, string> = {};
  for (const [name, [field, value]] of Object.entries(values)) {
    checkValue(field, value, constraints[name] ?? {});
    if (value === undefined) continue;
    checkHeaderValue(field, name, value);
    header[name] = value;
  }
  return header;
}

function checkTimeout(field: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
    throw new WorkflowValidationError(field, 'must be a finite number of milliseconds, 0 or more');
  }
  return value;
}

function checkHeaders(field: string, headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  if (!isPlainObject(headers)) throw new WorkflowValidationError(field, 'must be an object of header names to values');
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) throw new WorkflowValidationError(`${field}`, `has an invalid header name ${JSON.stringify(name)}`);
    if (typeof value !== 'string') throw new WorkflowValidationError(`${field}.${name}`, 'must be a string');
    checkHeaderValue(`${field}.${name}`, name, value);
  }
  return headers;
}

/** Reads the answer: the documented success body, or a WorkflowApiError with whatever can be learnt from it. */
function interpret(spec: Spec, response: Response, text: string): WorkflowExecutionResult {
  const data = parseJson(text);
  const headerRequestId = response.headers.get('X-Request-Id') ?? undefined;
  const fail = (message: string, code?: string, bodyRequestId?: string) => {
    const requestId = headerRequestId ?? bodyRequestId;
    return new WorkflowApiError(requestId ? `${message} (request ID ${requestId})` : message, {
      status: response.status, code, requestId, body: text, data, headers: response.headers,
    });
  };

  if (!response.ok) {
    const error = isPlainObject(data) ? data : undefined;
    const code = typeof error?.error_code === 'string' ? clean(error.error_code, 64) : undefined;
    const detail = typeof error?.error_msg === 'string' ? clean(error.error_msg, 512) : undefined;
    const bodyRequestId = typeof error?.request_id === 'string' ? clean(error.request_id, 512) : undefined;
    const status = `${response.status}${response.statusText ? ` ${clean(response.statusText, 64)}` : ''}`;
    const what = code ? `${code}: ${detail ?? 'no error message'}` : describeBody(response, text);
    return raise(fail(`FunctionGraph answered ${status}: ${what}`, code, bodyRequestId));
  }

  const problem = checkResponse(data, spec.response);
  if (problem) return raise(fail(`FunctionGraph answered ${response.status} but ${problem}: ${describeBody(response, text)}`));
  return { executionId: (data as { execution_id: string }).execution_id, requestId: headerRequestId };
}

function raise(error: Error): never {
  throw error;
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

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeBody(response: Response, text: string): string {
  if (text.trim() === '') return 'the body is empty';
  const type = response.headers.get('Content-Type')?.split(';')[0]?.trim() || 'unknown';
  return `a ${type} body of ${text.length} characters that is not the documented error object`;
}

/** Text from the network, made safe for a one-line message. */
function clean(text: string, max: number): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
  return `${error.message}${code}`;
}
