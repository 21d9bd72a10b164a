// Every error the client throws. None of them carries a credential: messages are built from the
// request's method, URL and the service's answer, never from headers the client sent.

// Each class names itself explicitly: a minifying bundler renames classes, and `name` must survive it.

/** Base class of every error this client throws. */
export class WorkflowError extends Error {
  override name = 'WorkflowError';
}

/** Input that cannot be valid, refused before any request is sent. `field` names the option. */
export class WorkflowValidationError extends WorkflowError {
  override name = 'WorkflowValidationError';
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`${field} ${problem}`);
    this.field = field;
  }
}

export interface WorkflowApiErrorDetails {
  status: number;
  code: string | undefined;
  requestId: string | undefined;
  body: string;
  data: unknown;
  headers: Headers;
}

/**
 * The service answered, but not with success: any non-2xx status, or a 2xx whose body is not the
 * documented one. `code` and `requestId` are set when the answer carries them.
 */
export class WorkflowApiError extends WorkflowError {
  override name = 'WorkflowApiError';
  /** HTTP status of the answer. */
  readonly status: number;
  /** The service's `error_code` (`FGS.*`, `FSS.*`, `APIGW.*`), when the body is the documented error object. */
  readonly code: string | undefined;
  /** `X-Request-Id` of the answer (or the body's `request_id`): quote it to support. */
  readonly requestId: string | undefined;
  /** The body exactly as received, as text. */
  readonly body: string;
  /** The body parsed as JSON, or `undefined` when it is empty or not JSON. */
  readonly data: unknown;
  /** The answer's headers (e.g. `Retry-After` on 429). */
  readonly headers: Headers;

  constructor(message: string, details: WorkflowApiErrorDetails) {
    super(message);
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.body = details.body;
    this.data = details.data;
    this.headers = details.headers;
  }
}

/** No answer arrived: the connection failed or was reset. The underlying error is `cause`. */
export class WorkflowNetworkError extends WorkflowError {
  override name = 'WorkflowNetworkError';

  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
  }
}

/** No complete answer arrived within `timeoutMs`. */
export class WorkflowTimeoutError extends WorkflowNetworkError {
  override name = 'WorkflowTimeoutError';
  readonly timeoutMs: number;

  constructor(message: string, options: { cause: unknown; timeoutMs: number }) {
    super(message, options);
    this.timeoutMs = options.timeoutMs;
  }
}
