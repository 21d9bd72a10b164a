// Every error the client throws. None of them carries a credential: messages are built from the
// request's method, URL and the service's answer, never from headers the client sent.

import type { OperationResult } from './operation.js';

// Each class names itself explicitly: a minifying bundler renames classes, and `name` must survive it.

/** Base class of every error this client throws. */
export class WorkflowError extends Error {
  override name = 'WorkflowError';
  /**
   * Whether the request may have reached the service. `false`: it certainly did not (refused before
   * sending, no credential, no connection made), so trying again cannot run the operation twice.
   * `true`: it went out, and may have arrived even when no answer did.
   */
  readonly sent: boolean;

  constructor(message: string, options: { sent: boolean; cause?: unknown }) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.sent = options.sent;
  }
}

/** Input that cannot be valid, refused before any request is sent. `field` names the option. */
export class WorkflowValidationError extends WorkflowError {
  override name = 'WorkflowValidationError';
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`${field} ${problem}`, { sent: false });
    this.field = field;
  }
}

/**
 * No credential could be had, so nothing was sent: the token function threw or rejected, or the
 * request could not be signed. The underlying error is `cause`.
 */
export class WorkflowCredentialError extends WorkflowError {
  override name = 'WorkflowCredentialError';

  constructor(message: string, options: { cause: unknown }) {
    super(message, { sent: false, cause: options.cause });
  }
}

export interface WorkflowApiErrorDetails {
  status: number;
  code: string | undefined;
  requestId: string | undefined;
  body: string;
  /** Whether the body was longer than the client reads (`maxResponseBytes`); `body` is then its beginning. */
  truncated?: boolean;
  data: unknown;
  headers: Headers;
}

/**
 * The service answered, but not with success: any non-2xx status (a redirect included: it is never
 * followed), or a 2xx whose body is not the documented one or is over `maxResponseBytes`. `code` and
 * `requestId` are set when the answer carries them.
 */
export class WorkflowApiError extends WorkflowError {
  override name = 'WorkflowApiError';
  /** HTTP status of the answer (0 when the runtime hides a redirect's status, as browsers do). */
  readonly status: number;
  /** The service's `error_code` (`FGS.*`, `FSS.*`, `APIGW.*`), when the body is the documented error object. */
  readonly code: string | undefined;
  /** `X-Request-Id` of the answer (or the body's `request_id`): quote it to support. */
  readonly requestId: string | undefined;
  /** The body as received, as text: at most `maxResponseBytes` of it (see `truncated`). */
  readonly body: string;
  /** Whether the answer went on past `maxResponseBytes`: the rest was not read, and `body` is its beginning. */
  readonly truncated: boolean;
  /** The body parsed as JSON, or `undefined` when it is empty, not JSON, or truncated. */
  readonly data: unknown;
  /**
   * The answer's headers (e.g. `Retry-After` on 429, `Location` on a redirect). Not enumerable, so that
   * Node's inspector and test runners' diffs print the error's fields rather than a Headers' methods;
   * `toJSON()` gives them as an object.
   */
  declare readonly headers: Headers;

  constructor(message: string, details: WorkflowApiErrorDetails) {
    super(message, { sent: true });
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.body = details.body;
    this.truncated = details.truncated ?? false;
    this.data = details.data;
    Object.defineProperty(this, 'headers', { value: details.headers, enumerable: false, writable: false, configurable: true });
  }

  /** The error as plain data, for a log line or a test's snapshot: its fields, and the headers as an object. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, sent: this.sent, status: this.status, code: this.code, requestId: this.requestId, truncated: this.truncated, data: this.data, headers: Object.fromEntries(this.headers) };
  }
}

/**
 * No answer arrived: the connection failed or was reset. The underlying error is `cause`; `sent`
 * says whether the request may have reached the service (`false` when no connection was made).
 */
export class WorkflowNetworkError extends WorkflowError {
  override name = 'WorkflowNetworkError';

  constructor(message: string, options: { cause: unknown; sent?: boolean }) {
    super(message, { sent: options.sent ?? true, cause: options.cause });
  }
}

/**
 * No complete answer arrived within `timeoutMs`. `sent` is `false` when the limit passed before the
 * request went out (a token function or signing that did not finish in time).
 */
export class WorkflowTimeoutError extends WorkflowNetworkError {
  override name = 'WorkflowTimeoutError';
  readonly timeoutMs: number;

  constructor(message: string, options: { cause: unknown; timeoutMs: number; sent?: boolean }) {
    super(message, options);
    this.timeoutMs = options.timeoutMs;
  }
}

/**
 * `waitForExecution` reached its deadline before the execution had a final status. It carries what the
 * last answered poll said (`lastStatus`, `lastExecution`); `cause` is the last poll's failure when it failed.
 */
export class WorkflowWaitTimeoutError extends WorkflowError {
  override name = 'WorkflowWaitTimeoutError';
  readonly timeoutMs: number;
  /** The execution's status at the last poll that was answered; undefined when none was. */
  readonly lastStatus: string | undefined;
  /** The execution as the last answered poll returned it. */
  readonly lastExecution: OperationResult<'showWorkflowExecution'> | undefined;

  constructor(timeoutMs: number, lastExecution: OperationResult<'showWorkflowExecution'> | undefined, options: { sent: boolean; cause?: unknown }) {
    const lastStatus = typeof lastExecution?.status === 'string' ? lastExecution.status : undefined;
    const seen = lastStatus === undefined ? 'no poll was answered' : `the last status seen was "${lastStatus.slice(0, 40).replace(/[^\x20-\x7e]/g, '?')}"`;
    super(`the execution had no final status within ${timeoutMs} ms: ${seen}`, options);
    this.timeoutMs = timeoutMs;
    this.lastStatus = lastStatus;
    this.lastExecution = lastExecution;
  }
}
