// Reading an answer, and what an unsuccessful one says. At most `limit` bytes of a body are read and
// kept; everything from the network is cleaned and bounded before it goes into a message.
import { WorkflowApiError } from './errors.js';
import { isPlainObject } from './validate.js';

/** What the client reads of an answer besides its body: a Response's, or a transport's own. */
export type AnswerHead = Pick<Response, 'status' | 'statusText' | 'ok' | 'headers' | 'type' | 'redirected' | 'url'>;

/** Statuses whose Response must have a null body. */
export const nullBodyStatuses: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

/** An answer whose body has been read (up to the limit). */
export interface Answer {
  /** Status, headers and the like; a Response's body has been consumed. */
  response: AnswerHead;
  text: string;
  /** The body went on past the limit: `text` is its beginning, and the rest was never read. */
  truncated: boolean;
}

/** Reads at most `limit` bytes of the body, then stops reading and closes the stream. */
export async function readAnswer(response: Response, limit: number): Promise<Answer> {
  const { body, headers } = response;
  if (body === null) return { response, text: '', truncated: false };
  // A body framed by Content-Length and not decompressed cannot outgrow its length: read it at once.
  const length = headers.get('Content-Length');
  if (length !== null && Number(length) <= limit && !headers.has('Content-Encoding')) {
    return { response, text: await response.text(), truncated: false };
  }
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let room = limit;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { response, text: text + decoder.decode(), truncated: false };
    if (value.byteLength > room) {
      text += decoder.decode(value.subarray(0, room));
      // Cancelling closes the connection; the rest of the answer is never read.
      reader.cancel().catch(() => {});
      return { response, text, truncated: true };
    }
    room -= value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
}

/**
 * What the client refuses in an answer whatever the operation: a redirect (never followed), a status
 * HTTP does not define, and a body over the limit.
 */
export function refuseAnswer(answer: Answer, limit: number): WorkflowApiError | undefined {
  const { response } = answer;
  const { status } = response;
  const notFollowed = 'which the client does not follow: credentials and the body go to the endpoint only';
  if (response.type === 'opaqueredirect') {
    return apiError(answer, `FunctionGraph answered with a redirect (this runtime hides its status and Location), ${notFollowed}`);
  }
  if (response.redirected) {
    return apiError(answer, `the fetch function followed a redirect to ${clean(response.url, 256)}, so the client refuses its answer: a fetch function must honour the Request's redirect: 'manual'`);
  }
  if (status >= 300 && status < 400) {
    const location = response.headers.get('Location');
    return apiError(answer, `FunctionGraph answered ${statusLine(response)}${location === null ? '' : ` to ${clean(location, 256)}`}, ${notFollowed}`);
  }
  if (status < 200 || status > 599) return apiError(answer, `FunctionGraph answered ${statusLine(response)}, a status outside HTTP's 200-599`);
  if (answer.truncated) {
    const over = `longer than the ${limit} bytes the client reads (maxResponseBytes); the rest was not read`;
    return apiError(answer, response.ok ? `FunctionGraph answered ${status} but the body is ${over}` : `FunctionGraph answered ${statusLine(response)}: ${describeBody(answer)} ${over}`);
  }
  return undefined;
}

/** A WorkflowApiError for an unsuccessful answer, from the documented error object when the body is one. */
export function failedAnswer(answer: Answer, data: unknown): WorkflowApiError {
  const error = isPlainObject(data) ? data : undefined;
  const code = typeof error?.error_code === 'string' ? clean(error.error_code, 64) : undefined;
  const detail = typeof error?.error_msg === 'string' ? clean(error.error_msg, 512) : undefined;
  const bodyRequestId = typeof error?.request_id === 'string' ? clean(error.request_id, 128) || undefined : undefined;
  const problem = code ? undefined : problemDetails(answer, error);
  const what =
    code ? `${code}: ${detail ?? 'no error message'}`
    : problem ? problem
    : isEmpty(answer) ? 'the body is empty'
    : `${describeBody(answer)} that is not the documented error object`;
  return apiError(answer, `FunctionGraph answered ${statusLine(answer.response)}: ${what}`, { code, bodyRequestId, data });
}

/**
 * An RFC 9457 problem (`application/problem+json`), which FunctionGraph never sends but a mock (Prism's own
 * refusals), a proxy or a gateway in between does: said as what it is, with its title and detail.
 */
function problemDetails(answer: Answer, problem: Record<string, unknown> | undefined): string | undefined {
  const type = answer.response.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/problem+json' || !problem) return undefined;
  const title = typeof problem.title === 'string' ? clean(problem.title, 256) : '';
  const detail = typeof problem.detail === 'string' ? clean(problem.detail, 512) : '';
  const said = [title, detail].filter((part) => part !== '').join(': ') || 'no title or detail';
  return `a problem report (application/problem+json), not FunctionGraph's error object, so a mock, proxy or gateway answered: ${said}`;
}

/** A WorkflowApiError for a 2xx answer whose body is not what the contract says. */
export function unexpectedAnswer(answer: Answer, problem: string, data: unknown): WorkflowApiError {
  const what = isEmpty(answer) ? 'the body is empty' : `${describeBody(answer)} that is not the documented one`;
  return apiError(answer, `FunctionGraph answered ${answer.response.status} but ${problem}: ${what}`, { data });
}

/** A WorkflowApiError for an answer that arrived but could not be taken in: openapi-fetch or middleware failed on it. */
export function unreadableAnswer(answer: Answer, error: unknown): WorkflowApiError {
  const reason = clean(error instanceof Error ? error.message : String(error), 256);
  return apiError(answer, `FunctionGraph answered ${statusLine(answer.response)}, but reading the answer failed: ${reason}`);
}

export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const plainRequestId = /^[\x21-\x2b\x2d-\x7e]{1,128}$/;

/** `X-Request-Id` of an answer. Two of them arrive joined by ", ", which no request ID contains: the first is kept. */
export function requestIdOf(headers: Headers): string | undefined {
  const value = headers.get('X-Request-Id');
  if (value === null) return undefined;
  // The usual one, visible ASCII without a comma, is already clean.
  if (plainRequestId.test(value)) return value;
  return clean(value.split(',', 1)[0]!, 128) || undefined;
}

function apiError(answer: Answer, message: string, found: { code?: string | undefined; bodyRequestId?: string | undefined; data?: unknown } = {}): WorkflowApiError {
  const { response, text, truncated } = answer;
  const requestId = requestIdOf(response.headers) ?? found.bodyRequestId;
  return new WorkflowApiError(requestId ? `${message} (request ID ${requestId})` : message, {
    status: response.status,
    code: found.code,
    requestId,
    body: text,
    truncated,
    data: found.data,
    headers: response.headers,
  });
}

function statusLine(response: AnswerHead): string {
  return `${response.status}${response.statusText ? ` ${clean(response.statusText, 64)}` : ''}`;
}

function isEmpty({ text, truncated }: Answer): boolean {
  return !truncated && text.trim() === '';
}

function describeBody({ response, text, truncated }: Answer): string {
  const type = clean(response.headers.get('Content-Type')?.split(';')[0] ?? '', 64) || 'unknown';
  // "an application/json body", "a text/html body": the article the type's first sound takes.
  const article = /^[aeiou]/i.test(type) ? 'an' : 'a';
  return truncated ? `${article} ${type} body` : `${article} ${type} body of ${text.length} characters`;
}

/** Text from the network, made safe for a one-line message: no control or direction-changing characters, bounded. */
export function clean(text: string, max: number): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
