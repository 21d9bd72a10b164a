// No request is left hanging. Prism 5.16 never answers a body with a JSON media type that does not parse
// (truncated, trailing garbage, only whitespace, a byte-order mark, NaN, a +json type, upper-case
// APPLICATION/JSON, a charset that garbles it), and a path whose percent-encoding does not decode kills
// it. Through the gateway each gets an answer at once, written byte for byte on a raw connection: the
// documented 400 for a body, the gateway's own answer for the rest, with a request ID in the header and
// the body. The same holds for what the gateway refuses by size, and for bytes that are not HTTP.
import { describe, expect, inject, it } from 'vitest';
import { gatewayErrors, type GatewayError } from '../../emulator/src/gateway/gateway-errors.ts';
import { gatewayLimits, parserHeaderLimit } from '../../emulator/src/gateway/gateway.ts';
import type { JsonObject } from '../helpers/contract.ts';
import { requestBytes, sendRaw, type RawAnswer, type RawRequest } from '../helpers/raw-http.ts';
import { contractOperations, documentedAnswers, exampleRequest, requestIdPattern, urlOf } from '../helpers/requests.ts';

const credential = { 'X-Auth-Token': 'any-token' };

/** A raw request for an operation: its example path and headers, a token, and the given body and type. */
function forOperation(operationId: string, body: string | Buffer | undefined, contentType?: string, extra: Record<string, string> = {}): RawRequest {
  const op = contractOperations.find((candidate) => candidate.operationId === operationId)!;
  const example = exampleRequest(op);
  return {
    method: op.method.toUpperCase(),
    target: urlOf('', op, example.path),
    headers: { ...example.headers, ...credential, ...(contentType && { 'Content-Type': contentType }), ...extra },
    ...(body !== undefined && { body }),
  };
}

/** Every answer, whoever gives it, carries a fresh request ID, and an error body repeats it. */
function expectRequestId(answer: RawAnswer): JsonObject {
  expect(answer.headers['x-request-id']).toMatch(requestIdPattern);
  const body = JSON.parse(answer.body) as JsonObject;
  if (answer.status >= 400) expect(body.request_id).toBe(answer.headers['x-request-id']);
  return body;
}

function expectGatewayError(answer: RawAnswer, error: GatewayError) {
  expect([answer.status, expectRequestId(answer)]).toEqual([error.status, { error_code: error.code, error_msg: error.message, request_id: answer.headers['x-request-id'] }]);
}

const bom = Buffer.from([0xef, 0xbb, 0xbf]);
const unparsable: Array<[string, string | Buffer, string]> = [
  ['a truncated body', '{"input":', 'application/json'],
  ['trailing garbage', '{"input":{}} x', 'application/json'],
  ['only whitespace', '   \n', 'application/json'],
  ['a byte-order mark', Buffer.concat([bom, Buffer.from('{"input":{}}')]), 'application/json'],
  ['a NaN', '{"input":{"n":NaN}}', 'application/json'],
  ['a +json media type', '{"input":', 'application/merge-patch+json'],
  ['APPLICATION/JSON in capitals', '{"input":', 'APPLICATION/JSON'],
  ['UTF-8 bytes declared as UTF-16', '{"input":{}}', 'application/json; charset=utf-16'],
  ['a charset nobody knows', '{"input":{}}', 'application/json; charset=x-unknown'],
];

describe('a body with a JSON media type that does not parse gets the documented 400 at once', () => {
  const documented400 = (operationId: string) => documentedAnswers().find((a) => a.op.operationId === operationId && a.status === 400)!.value;
  // Every operation that takes a JSON body (the gateway checks a body wherever it comes).
  const withBody = contractOperations.filter((op) => op.operation.requestBody !== undefined);

  it.each(withBody.flatMap((op) => unparsable.map(([what, body, type]) => [op.operationId, what, body, type] as const)))(
    '%s: %s',
    async (operationId, _what, body, type) => {
      const answer = await sendRaw(inject('mockUrl'), requestBytes(forOperation(operationId, body, type)));
      expect(answer.status).toBe(400);
      expect(expectRequestId(answer)).toEqual({ ...documented400(operationId), request_id: answer.headers['x-request-id'] });
      // Where Prism reports what was wrong, the gateway does too.
      const [violation] = JSON.parse(answer.headers['sl-violations'] ?? '[]') as Array<{ location: string[]; message: string }>;
      expect(violation?.location).toEqual(['request', 'body']);
      expect(violation?.message).toMatch(/^the body('s charset| is not well-formed JSON)/);
    },
  );

  it('the controls: an empty body (Prism answers it), a chunked body and Expect: 100-continue', async () => {
    const empty = await sendRaw(inject('mockUrl'), requestBytes(forOperation('startWorkflowExecution', '', 'application/json')));
    expect([empty.status, expectRequestId(empty).error_code]).toEqual([400, 'FGS.3002']);
    const chunked = forOperation('startWorkflowExecution', '8\r\n{"input"\r\n4\r\n:{}}\r\n0\r\n\r\n', 'application/json', { 'Transfer-Encoding': 'chunked' });
    expect((await sendRaw(inject('mockUrl'), requestBytes(chunked))).status).toBe(200);
    const expect100 = await sendRaw(inject('mockUrl'), requestBytes(forOperation('startWorkflowExecution', '{"input":{}}', 'application/json', { Expect: '100-continue' })));
    expect(expect100.status).toBe(200);
  });
});

describe('a path whose percent-encoding does not decode is refused, and Prism lives on', () => {
  it.each([
    ['%zz', '/v2/p/fgs/workflows/%zz/executions'],
    ['%FF (not UTF-8)', '/v2/p/fgs/workflows/%FF/executions'],
    ['a lone %', '/v2/p/fgs/workflows/100%/callback'],
  ])('%s', async (_what, target) => {
    const answer = await sendRaw(inject('mockUrl'), requestBytes({ target, headers: { ...credential, 'Content-Type': 'application/json' }, body: '{"input":{}}' }));
    expectGatewayError(answer, gatewayErrors.requestInvalid);
    // Prism behind the gateway still answers.
    const after = await sendRaw(inject('mockUrl'), requestBytes(forOperation('startWorkflowExecution', '{"input":{}}', 'application/json')));
    expect(after.status).toBe(200);
  });
});

describe('what the gateway refuses by size, or cannot parse, is answered too', () => {
  const valid = (extra: Record<string, string> = {}) => forOperation('startWorkflowExecution', '{"input":{}}', 'application/json', extra);

  it(`a header over ${gatewayLimits.headerBytes} bytes: 494`, async () => {
    expectGatewayError(await sendRaw(inject('mockUrl'), requestBytes(valid({ 'X-Big': 'a'.repeat(gatewayLimits.headerBytes) }))), gatewayErrors.headersTooLarge);
  });

  it(`headers over ${gatewayLimits.allHeadersBytes} bytes in all: 494`, async () => {
    const many = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`X-Part-${i}`, 'b'.repeat(24 * 1024)]));
    expectGatewayError(await sendRaw(inject('mockUrl'), requestBytes(valid(many))), gatewayErrors.headersTooLarge);
  });

  it(`headers beyond what the HTTP parser takes (${parserHeaderLimit} bytes): still 494, with a request ID`, async () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`X-Part-${i}`, 'c'.repeat(24 * 1024)]));
    expectGatewayError(await sendRaw(inject('mockUrl'), requestBytes(valid(many))), gatewayErrors.headersTooLarge);
  });

  it(`a request target over ${gatewayLimits.targetBytes} bytes: 414`, async () => {
    const request = { ...valid(), target: `${valid().target}?q=${'d'.repeat(gatewayLimits.targetBytes)}` };
    expectGatewayError(await sendRaw(inject('mockUrl'), requestBytes(request)), gatewayErrors.uriTooLarge);
  });

  it(`a body over ${gatewayLimits.bodyBytes} bytes: 413, whether announced by Content-Length or not`, async () => {
    const big = Buffer.alloc(gatewayLimits.bodyBytes + 1, 0x20);
    expectGatewayError(await sendRaw(inject('mockUrl'), requestBytes(forOperation('startWorkflowExecution', big, 'application/json'))), gatewayErrors.entityTooLarge);
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const chunks = Array.from({ length: 13 }, () => Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]));
    const chunked = forOperation('startWorkflowExecution', Buffer.concat([...chunks, Buffer.from('0\r\n\r\n')]), 'application/json', { 'Transfer-Encoding': 'chunked' });
    expectGatewayError(await sendRaw(inject('mockUrl'), requestBytes(chunked)), gatewayErrors.entityTooLarge);
  });

  it('bytes that are not HTTP: 400 APIGW.0201', async () => {
    expectGatewayError(await sendRaw(inject('mockUrl'), 'HELLO THERE\r\n\r\n'), gatewayErrors.requestInvalid);
  });
});
