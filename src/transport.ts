// The plumbing every request goes through, the methods' and client.raw's alike:
//   - one time limit and the caller's abort over everything a call does: the token function, signing,
//     middleware, sending and reading the answer;
//   - authentication just before sending, and only for the configured endpoint;
//   - no redirect followed, and at most maxResponseBytes of an answer read;
//   - a failure that says whether the request may have reached the service.
import { nullBodyStatuses, readAnswer, refuseAnswer, unreadableAnswer, type Answer } from './answer.js';
import type { Authentication } from './auth.js';
import { WorkflowError, WorkflowNetworkError, WorkflowTimeoutError, WorkflowValidationError } from './errors.js';

export type Fetch = (request: Request) => Promise<Response>;

/**
 * A fetch function that also sends a request given as its parts and reads the answer itself, up to a
 * byte limit, as the Node.js transport (`functiongraph-workflow-api/node`) does: no Request or Response
 * to build. It must honour the signal until the answer is read.
 */
export const sendParts = Symbol('functiongraph-workflow-api.sendParts');

export interface RequestParts {
  method: string;
  headers: Headers;
  body: Uint8Array | string | null;
  signal: AbortSignal | null;
  /**
   * Called when the request's first byte is handed to a connected socket (for https:, one whose TLS
   * handshake is done): from then on it may arrive. Until then a failure is one with `sent: false`.
   */
  onSent?: () => void;
}

export type PartsSender = (url: string, parts: RequestParts, limit: number) => Promise<Answer>;

type Sender = Fetch & { readonly [sendParts]?: PartsSender };

/** Headers that HTTP itself sets from the endpoint, the body and the connection. */
const framingHeaders = new Set(['host', 'content-length', 'transfer-encoding', 'expect', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'proxy-connection']);

export function httpOwner(name: string): string | undefined {
  return framingHeaders.has(name) ? 'HTTP sets it from the endpoint, the body and the connection' : undefined;
}

export interface CallLimits {
  /** 0 for none. */
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** The caller's: told once the request may have arrived. */
  onSent?: () => void;
}

/** One call in flight: its time limit and abort, and what is known so far about what it sent and got. */
export class Call {
  /** Aborts the fetch when the limit passes or the caller aborts; undefined when neither can happen. */
  readonly signal: AbortSignal | undefined;
  /** The call's project, for X-Project-Id under AK/SK. */
  readonly projectId: string | undefined;
  /**
   * Set once the request may arrive: when a fetch function is handed it, or, with the package's Node.js
   * transport, when its first byte goes to a connected socket.
   */
  sent = false;

  /** From now on the request may arrive: the caller's onSent hears it once. */
  markSent(): void {
    if (this.sent) return;
    this.sent = true;
    try {
      this.limits.onSent?.();
    } catch (error) {
      // The caller's bug, reported as an uncaught error rather than taken for the call's own failure.
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  /** The answer, once read. */
  answer: Answer | undefined;
  /**
   * The Request handed to a fetch function, referenced until the call ends: Node's fetch follows a
   * Request's signal through a weak link, which a garbage collection cuts once nothing holds it.
   */
  outgoing: Request | undefined;
  private readonly limits: CallLimits;
  private readonly controller: AbortController | undefined;
  private readonly timer: ReturnType<typeof setTimeout> | undefined;
  private readonly unfollow: (() => void) | undefined;
  private timedOut = false;
  /** Made only when something is awaited that may not honour the signal (see `guard`). */
  private stopped: Promise<never> | undefined;
  private stop: ((reason: unknown) => void) | undefined;

  constructor(limits: CallLimits, projectId: string | undefined) {
    this.limits = limits;
    this.projectId = projectId;
    const { timeoutMs, signal: callerSignal } = limits;
    if (timeoutMs === 0 && !callerSignal) return;
    // A fresh timer for every call, cleared when it ends. AbortSignal.timeout would do the same at
    // several times the cost in Node, and a shared signal would time out every call after the first.
    this.controller = new AbortController();
    // The listener first: were the signal to throw, no timer would be left behind.
    if (callerSignal) this.unfollow = follow(callerSignal, () => this.abort(callerSignal.reason));
    if (timeoutMs > 0) {
      this.timer = setTimeout(() => {
        this.timedOut = true;
        this.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
      }, timeoutMs);
    }
    this.signal = this.controller.signal;
  }

  private abort(reason: unknown): void {
    this.controller!.abort(reason);
    this.stop?.(reason);
  }

  /**
   * `work`, or a rejection as soon as the limit passes or the caller aborts, whichever comes first: for
   * what may not honour the signal (a token function, any fetch but the package's own Node.js one).
   */
  guard<T>(work: Promise<T>): Promise<T> {
    const signal = this.signal;
    if (!signal) return work;
    this.stopped ??= new Promise<never>((_resolve, reject) => {
      this.stop = reject;
      if (signal.aborted) reject(signal.reason);
    });
    return Promise.race([work, this.stopped]);
  }

  /**
   * The error a call fails with: the client's own errors as they are, the caller's abort reason, a
   * timeout, an answer that could not be read, or a network error.
   */
  failure(error: unknown, target: string): unknown {
    if (error instanceof WorkflowError) return error;
    const { timeoutMs, signal: callerSignal } = this.limits;
    if (callerSignal?.aborted) return callerSignal.reason;
    if (this.timedOut) {
      const message = this.sent
        ? `${target} got no complete answer within ${timeoutMs} ms`
        : `${target} was not sent within ${timeoutMs} ms: no connection was made, or the credential or the request was not ready`;
      return new WorkflowTimeoutError(message, { cause: error, timeoutMs, sent: this.sent });
    }
    if (this.answer) return unreadableAnswer(this.answer, error);
    if (!this.sent) return new WorkflowNetworkError(`${target} failed before it was sent: ${describeError(error)}`, { cause: error, sent: false });
    return new WorkflowNetworkError(`${target} failed: ${describeError(error)}`, { cause: error, sent: !neverConnected(error) });
  }

  end(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.unfollow?.();
  }
}

/** The calls following each caller's signal. */
const followers = new WeakMap<AbortSignal, { listener: () => void; calls: Set<() => void> }>();

/**
 * Calls `onAbort` when `signal` aborts, until the returned function is called. However many calls
 * share one signal, it has one listener of ours: Node warns of a leak past ten on one signal.
 */
export function follow(signal: AbortSignal, onAbort: () => void): () => void {
  let found = followers.get(signal);
  if (!found) {
    const calls = new Set<() => void>();
    const listener = () => {
      followers.delete(signal);
      for (const call of calls) call();
    };
    found = { listener, calls };
    followers.set(signal, found);
    signal.addEventListener('abort', listener, { once: true });
  }
  const entry = found;
  const { calls, listener } = entry;
  calls.add(onAbort);
  return () => {
    calls.delete(onAbort);
    if (calls.size === 0 && followers.get(signal) === entry) {
      followers.delete(signal);
      signal.removeEventListener('abort', listener);
    }
  };
}

/**
 * Runs one call under its limits. The call settles when the limit passes or the caller aborts,
 * whatever it is waiting on: a token function that never settles, a signature, a silent server.
 * `perform` is raced as a whole unless it races what it awaits itself (`raced: false`).
 */
export async function runCall<T>(limits: CallLimits, projectId: string | undefined, target: string, perform: (call: Call) => Promise<T>, raced = true): Promise<T> {
  if (limits.signal?.aborted) throw limits.signal.reason;
  const call = new Call(limits, projectId);
  try {
    const work = perform(call);
    return await (raced ? call.guard(work) : work);
  } catch (error) {
    throw call.failure(error, target);
  } finally {
    call.end();
  }
}

export interface TransportOptions {
  baseUrl: string;
  auth: Authentication;
  /** A fetch function; the global fetch when undefined. */
  fetch: Fetch | undefined;
  maxResponseBytes: number;
}

/** A request ready to authenticate and send: the methods build it directly, client.raw from openapi-fetch's Request. */
export interface Outbound {
  method: string;
  url: string;
  headers: Headers;
  /** Text is sent as its UTF-8 bytes, as fetch sends it. */
  body: Uint8Array<ArrayBuffer> | string | null;
}

/** The Request's other settings, carried over when openapi-fetch (or middleware) made one. */
type RequestSettings = Pick<RequestInit, 'credentials' | 'mode' | 'cache' | 'referrer' | 'referrerPolicy' | 'integrity' | 'keepalive'>;

export interface Transport {
  /** One method call: the request its caller built, sent under `limits`, and its answer read. */
  exchange(outbound: Outbound, limits: CallLimits, projectId: string | undefined, target: string): Promise<Answer>;
  /** Sends a Request openapi-fetch built for client.raw; openapi-fetch calls it as its fetch. */
  request(request: Request, call: Call, fetch?: Fetch): Promise<Response>;
}

export function createTransport({ baseUrl, auth, fetch: clientFetch, maxResponseBytes }: TransportOptions): Transport {
  const prefix = `${baseUrl}/`;
  const receive = (response: Response) => readAnswer(response, maxResponseBytes);

  /** Authenticates a request, sends it and reads the answer, under the call's limits. */
  async function send(outbound: Outbound, call: Call, callFetch = clientFetch, settings?: RequestSettings): Promise<Answer> {
    // Credentials go to the endpoint only, whatever a per-call baseUrl, path serializer or middleware did.
    if (!outbound.url.startsWith(prefix)) {
      throw new WorkflowValidationError('url', `must stay under the endpoint ${baseUrl}: the client sends credentials nowhere else`);
    }
    const authenticating = auth.authenticate(outbound, call.projectId);
    if (authenticating) await call.guard(authenticating);
    call.signal?.throwIfAborted();
    const { method, url, headers, body } = outbound;
    // This call's own signal, held by the call: never one that follows it through another Request.
    const signal = call.signal ?? null;
    let answer: Answer;
    const partsSender = (callFetch as Sender | undefined)?.[sendParts];
    if (partsSender) {
      // The package's own transport: it honours the signal, takes the parts as they are, and says when
      // the request leaves.
      answer = await partsSender(url, { method, headers, body, signal, onSent: () => call.markSent() }, maxResponseBytes);
    } else {
      // A fetch function says nothing of when it sends: from here on, the request may arrive.
      call.markSent();
      // A redirect would take the credential and the body elsewhere, and replay a non-idempotent POST.
      const init: RequestInit = { ...settings, method, headers, body, signal, redirect: 'manual' };
      // Any fetch is raced: a fetch function of the caller's, or whatever is installed as the global,
      // may ignore the signal. The global fetch is looked up per call, so that instrumentation that
      // patches it is seen, and given the URL and init rather than a Request: Node's fetch pipes a
      // Request's body through a proxy stream, which costs more than the rest of a call. A caller's
      // fetch that is the global one (`fetch: globalThis.fetch`) is called the same way.
      const global = globalThis.fetch;
      const fetching = callFetch && callFetch !== global ? callFetch((call.outgoing = new Request(url, init))) : global(url, init);
      answer = await call.guard(fetching.then(receive));
    }
    call.answer = answer;
    const refused = refuseAnswer(answer, maxResponseBytes);
    if (refused) throw refused;
    return answer;
  }

  return {
    // send races what may ignore the signal itself, so the exchange is not raced as a whole.
    exchange: (outbound, limits, projectId, target) => runCall(limits, projectId, target, (call) => send(outbound, call), false),
    async request(request, call, callFetch) {
      // The body's bytes: to sign, and to send as they are.
      const body = request.body === null ? null : new Uint8Array(await request.arrayBuffer());
      const { method, url, headers } = request;
      const settings: RequestSettings = {
        credentials: request.credentials,
        mode: request.mode,
        cache: request.cache,
        referrer: request.referrer,
        referrerPolicy: request.referrerPolicy,
        integrity: request.integrity,
        keepalive: request.keepalive,
      };
      return copy(await send({ method, url, headers, body }, call, callFetch, settings));
    },
  };
}

/** The answer again, in memory, for openapi-fetch and middleware: the network body is read once. */
function copy({ response, text }: Answer): Response {
  const { status, statusText, headers } = response;
  const body = nullBodyStatuses.has(status) ? null : text;
  try {
    return new Response(body, { status, statusText, headers });
  } catch {
    // A reason phrase the Response constructor refuses; the status is what matters.
    return new Response(body, { status, headers });
  }
}

/** Failures that come before a connection exists: nothing reached the service. */
const connectFailures = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function neverConnected(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && connectFailures.has(code);
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
  return `${error.message}${code}`;
}
