// The mock runs Prism's engine in its own process and does the HTTP around it itself. What Prism
// answers through the mock must be what Prism alone answers: the same request, sent to the mock and to
// Prism's own CLI server on the published bundle (`prism mock`, as anyone runs it without this
// repository), gets the same status, the same headers (sl-violations, content type, CORS) and the same
// body, except for what the gateway adds on purpose: its own X-Request-Id, which an error body's
// request_id repeats. The requests: every documented answer, and what Prism answers in its own way
// (a Prefer it cannot meet, an Accept it cannot serve, a preflight, other media types and charsets,
// Prism's __code and __server parameters, a body over Prism's 10 MB limit). The negative matrix does the
// same for every constraint the contract declares.
import { describe, expect, inject, it } from 'vitest';
import { contractOperations, documentedAnswers, exampleRequest, preferHeader, requestIdPattern, urlOf } from '../helpers/requests.ts';
import type { Operation } from '../helpers/contract.ts';

/** Headers that differ between any two servers, or that the gateway sets on purpose. */
const notCompared = new Set(['date', 'connection', 'keep-alive', 'x-request-id', 'content-length', 'transfer-encoding']);

interface Seen {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

interface RawCall {
  method: string;
  target: string;
  headers: Record<string, string>;
  body?: string | Buffer<ArrayBuffer>;
}

async function call(base: string, { method, target, headers, body }: RawCall): Promise<{ seen: Seen; requestId: string | null }> {
  const response = await fetch(base + target, { method, headers, ...(body !== undefined && { body }) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: compared as text.
  }
  const kept = Object.fromEntries([...response.headers].filter(([name]) => !notCompared.has(name)));
  return { seen: { status: response.status, headers: kept, body: parsed }, requestId: response.headers.get('x-request-id') };
}

/** The same request to the mock and to Prism alone; the mock's answer with its request ID put back to Prism's. */
async function bothAnswers(request: RawCall): Promise<{ mock: Seen; alone: Seen }> {
  const [{ seen: mock, requestId }, { seen: alone }] = await Promise.all([call(inject('mockUrl'), request), call(inject('prismAloneUrl'), request)]);
  expect(requestId).toMatch(requestIdPattern);
  const body = mock.body;
  if (typeof body === 'object' && body !== null && 'request_id' in body) {
    expect((body as { request_id: unknown }).request_id).toBe(requestId);
    const original = (alone.body as { request_id?: unknown } | null)?.request_id;
    return { mock: { ...mock, body: { ...body, request_id: original } }, alone };
  }
  return { mock, alone };
}

const token = { 'X-Auth-Token': 'token-for-the-mock' };

/** The operation's example request, with a token and these changes. */
function example(op: Operation, change: Partial<RawCall> & { query?: Record<string, string> } = {}): RawCall {
  const { path, query, headers, hasBody, body } = exampleRequest(op);
  return {
    method: op.method.toUpperCase(),
    target: urlOf('', op, path, { ...query, ...change.query }),
    headers: { ...headers, ...token, ...(hasBody && { 'Content-Type': 'application/json' }), ...change.headers },
    ...(hasBody && { body: JSON.stringify(body) }),
    ...(change.body !== undefined && { body: change.body }),
  };
}

function withoutBody({ body: _body, ...call }: RawCall): RawCall {
  return call;
}

const operation = (id: string) => contractOperations.find((op) => op.operationId === id)!;
const start = operation('startWorkflowExecution');
const list = operation('listWorkflowExecutions');

describe('what Prism answers through the mock is what Prism alone answers', () => {
  it.each(documentedAnswers().map((a) => [a.op.operationId, a.status, a.example ?? '(no body)', a] as const))('%s %i %s', async (_id, _status, _example, answer) => {
    const { mock, alone } = await bothAnswers(example(answer.op, { headers: { Prefer: preferHeader(answer) } }));
    expect(mock).toEqual(alone);
  });

  const longBody = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
  longBody.write('{"input":{}}');
  it.each<[string, RawCall]>([
    ['a Prefer whose code is not a number (422)', example(start, { headers: { Prefer: 'code=abc' } })],
    ['a Prefer for an undocumented status', example(start, { headers: { Prefer: 'code=418' } })],
    ['a Prefer for an example that does not exist', example(start, { headers: { Prefer: 'code=404, example=NoSuchExample' } })],
    ['Prism\'s __code query parameter', example(start, { query: { __code: '404' } })],
    ['Prism\'s __server query parameter', example(list, { query: { __server: 'http://elsewhere.example' } })],
    ['an Accept that no answer has (406)', example(start, { headers: { Accept: 'application/xml' } })],
    ['an Origin: CORS headers that name it', example(start, { headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Headers': 'x-auth-token' } })],
    ['a preflight', { method: 'OPTIONS', target: example(start).target, headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-auth-token,content-type' } }],
    ['a text/plain body (415)', example(start, { headers: { 'Content-Type': 'text/plain' } })],
    ['a text/plain body in a charset nobody knows', example(start, { headers: { 'Content-Type': 'text/plain; charset=x-unknown' } })],
    ['the same, for a client that accepts only XML', example(start, { headers: { 'Content-Type': 'text/plain; charset=x-unknown', Accept: 'application/xml' } })],
    ['an application/merge-patch+json body', example(start, { headers: { 'Content-Type': 'application/merge-patch+json' } })],
    ['JSON declared as UTF-8', example(start, { headers: { 'Content-Type': 'application/json; charset=utf-8' } })],
    ['JSON in UTF-16LE, declared so', example(start, { headers: { 'Content-Type': 'application/json; charset=utf-16le' }, body: Buffer.from('{"input":{"orderId":42}}', 'utf16le') })],
    ['no body where one is required', withoutBody(example(start))],
    ['a query parameter given twice', { ...example(list), target: `${example(list).target}&status=success&status=fail` }],
    ['an unknown query parameter', example(list, { query: { unknown: 'x' } })],
    ['a body one byte over Prism\'s 10 MB (413)', example(start, { body: longBody })],
  ])('%s', async (_what, request) => {
    const { mock, alone } = await bothAnswers(request);
    expect(mock).toEqual(alone);
  });
});
