// The mock's gateway, against the real processes of the test run (each a gateway with Prism behind it):
// lenient as `npm run mock` without credentials, strict with them. Signed requests of every operation
// from this client pass; each way to get authentication wrong is refused as Huawei's gateway refuses
// it, with what the mock computed in two headers; unknown routes get the gateway's 404; and every
// answer has a request ID of its own, which an error body repeats.
import { describe, expect, inject, it } from 'vitest';
import { canonicalForm, formatSdkDate } from '../../emulator/src/gateway/aksk-verifier.ts';
import { gatewayErrors } from '../../emulator/src/gateway/gateway-errors.ts';
import { createWorkflowClient, WorkflowApiError, type WorkflowAuth } from '../../src/index.ts';
import { resolveRef, type JsonObject } from '../helpers/contract.ts';
import { strictCredentials } from '../helpers/mock-credentials.ts';
import { callThroughClient, contractOperations, doc, documentedAnswers, exampleRequest, requestIdPattern, urlOf } from '../helpers/requests.ts';

const { accessKey, secretKey, token } = strictCredentials;
const [start, callback] = ['startWorkflowExecution', 'createCallbackWorkflow'].map((id) => contractOperations.find((op) => op.operationId === id)!);
const startPath = urlOf('', start!, exampleRequest(start!).path);

const clientFor = (endpoint: string, auth: WorkflowAuth) => createWorkflowClient({ endpoint, auth });

/** The gateway's error_msg, as the body carried it. */
const errorMsg = (error: WorkflowApiError) => String((error.data as JsonObject).error_msg);

async function refusal(call: Promise<unknown>): Promise<WorkflowApiError> {
  const error = await call.then(() => new Error('expected a refusal'), (e: unknown) => e);
  expect(error).toBeInstanceOf(WorkflowApiError);
  const apiError = error as WorkflowApiError;
  expect(apiError.requestId).toMatch(requestIdPattern);
  expect((apiError.data as JsonObject).request_id).toBe(apiError.requestId);
  return apiError;
}

/** A raw POST to the start operation with exactly these headers, so a test knows every signed byte. */
function post(base: string, headers: Record<string, string>, body = '{"input":{"orderId":42}}') {
  return fetch(`${base}${startPath}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
}

describe('lenient (no credentials configured): as before', () => {
  it.each([start!, callback!].map((op) => [op.operationId, op] as const))('%s: any token and any signature that is present pass', async (_id, op) => {
    const example = exampleRequest(op);
    for (const credential of [{ 'X-Auth-Token': 'anything' }, { Authorization: 'SDK-HMAC-SHA256 Access=x, SignedHeaders=x-sdk-date, Signature=00' }]) {
      const response = await fetch(urlOf(inject('mockUrl'), op, example.path), {
        method: op.method.toUpperCase(),
        headers: { ...example.headers, ...credential, 'Content-Type': 'application/json' },
        body: JSON.stringify(example.body),
      });
      expect(response.status, JSON.stringify(credential)).toBe(200);
      expect(response.headers.get('X-Request-Id')).toMatch(requestIdPattern);
    }
  });

  it('no credentials at all: 401 APIGW.0301 x-auth-token not found', async () => {
    const response = await post(inject('mockUrl'), {});
    expect(response.status).toBe(401);
    const body = (await response.json()) as JsonObject;
    expect(body).toEqual({ error_code: 'APIGW.0301', error_msg: gatewayErrors.tokenMissing.message, request_id: response.headers.get('X-Request-Id') });
  });
});

describe('strict: tokens compared, signatures verified', () => {
  const strict = () => inject('strictMockUrl');

  it.each(contractOperations.map((op) => [op.operationId, op] as const))('%s: signed by this client through its method, passes', async (_id, op) => {
    const result = await callThroughClient(clientFor(strict(), { accessKey, secretKey }), op, {});
    const documented = documentedAnswers().find((answer) => answer.op === op && answer.status < 300)!;
    expect(result).toEqual({ ...documented.value, request_id: expect.stringMatching(requestIdPattern) });
  });

  it('the configured token passes; a documented answer still comes through Prism', async () => {
    const client = clientFor(strict(), { token });
    expect((await callThroughClient(client, start!, {})).execution_id).toBe('48aff955-ea10-4ffd-b426-190bc192dc14');
    const error = await refusal(callThroughClient(client, start!, { Prefer: 'code=404, example=FlowNotFound' }));
    expect([error.status, error.code]).toEqual([404, 'FGS.5002']);
  });

  it('another token: decrypt token fail', async () => {
    const error = await refusal(callThroughClient(clientFor(strict(), { token: 'not-the-token' }), start!, {}));
    expect([error.status, error.code, errorMsg(error)]).toEqual([401, 'APIGW.0301', gatewayErrors.tokenInvalid.message]);
  });

  it('neither token nor signature: x-auth-token not found', async () => {
    const response = await post(strict(), { Authorization: 'Basic dXNlcjpwYXNz' });
    expect(response.status).toBe(401);
    expect(((await response.json()) as JsonObject).error_msg).toBe(gatewayErrors.tokenMissing.message);
  });

  it('a wrong secret key: verify aksk signature fail', async () => {
    const error = await refusal(callThroughClient(clientFor(strict(), { accessKey, secretKey: 'not-the-secret' }), callback!, {}));
    expect([error.status, error.code, errorMsg(error)]).toEqual([401, 'APIGW.0301', gatewayErrors.signatureInvalid.message]);
    expect(error.headers.get('X-Mock-Canonical-Request')).toMatch(/^POST\\n\/v2\//);
  });

  it('an unknown access key: Get secretKey failed, naming the key', async () => {
    const error = await refusal(callThroughClient(clientFor(strict(), { accessKey: 'HPUANOSUCHACCESSKEY9', secretKey }), start!, {}));
    expect(errorMsg(error)).toBe(gatewayErrors.accessKeyUnknown('HPUANOSUCHACCESSKEY9').message);
  });

  it('a clock 16 minutes slow: signature expired, with both times; 14 minutes passes', async () => {
    const skewed = (minutes: number) => clientFor(strict(), { accessKey, secretKey, now: () => new Date(Date.now() + minutes * 60_000) });
    const before = new Date();
    const error = await refusal(callThroughClient(skewed(-16), start!, {}));
    const match = /^Incorrect IAM authentication information: calc aksk signature fail:signature expired, signature time:(\d{8}T\d{6}Z),server time:(\d{8}T\d{6}Z)$/.exec(errorMsg(error));
    expect(match, errorMsg(error)).not.toBeNull();
    const [signatureTime, serverTime] = [match![1]!, match![2]!];
    // The gateway's clock is this machine's: the server time lies within the call.
    expect(serverTime >= formatSdkDate(before) && serverTime <= formatSdkDate(new Date())).toBe(true);
    expect(signatureTime < serverTime).toBe(true);
    expect((await callThroughClient(skewed(14), start!, {})).request_id).toMatch(requestIdPattern);
    expect((await callThroughClient(skewed(-14), start!, {})).request_id).toMatch(requestIdPattern);
  });

  it('a refused signature comes with what the mock computed, escaped to fit in a header', async () => {
    const date = formatSdkDate(new Date());
    const host = new URL(strict()).host;
    const signedHeaders = 'content-type;host;x-sdk-date';
    const body = '{"input":{"orderId":42,"note":"naïve \\"quoted\\" text"}}';
    const response = await post(strict(), { 'X-Sdk-Date': date, Authorization: `SDK-HMAC-SHA256 Access=${accessKey}, SignedHeaders=${signedHeaders}, Signature=${'0'.repeat(64)}` }, body);
    expect(response.status).toBe(401);
    const expected = canonicalForm(
      { method: 'POST', target: startPath, headers: [['Content-Type', 'application/json'], ['Host', host], ['X-Sdk-Date', date]], body: new TextEncoder().encode(body) },
      signedHeaders,
    );
    const decode = (name: string) => JSON.parse(`"${response.headers.get(name)}"`) as string;
    expect(decode('X-Mock-Canonical-Request')).toBe(expected.canonicalRequest);
    expect(decode('X-Mock-String-To-Sign')).toBe(expected.stringToSign);
    expect(response.headers.get('X-Mock-Canonical-Request')).toMatch(/^[\x20-\x7e]+$/);
    expect(decode('X-Mock-Reason')).toContain('does not match');
    expect(((await response.json()) as JsonObject).error_msg).toBe(gatewayErrors.signatureInvalid.message);
  });

  it('a token refusal carries no signature headers', async () => {
    const response = await post(strict(), { 'X-Auth-Token': 'wrong' });
    expect(response.status).toBe(401);
    expect(response.headers.get('X-Mock-Canonical-Request')).toBeNull();
    expect(response.headers.get('X-Mock-Reason')).toBe('X-Auth-Token is not the token this mock was started with');
  });
});

describe('routes and request IDs', () => {
  it('an unknown path, or a known path with another method: 404 APIGW.0101', async () => {
    const unknown = await fetch(`${inject('mockUrl')}/v2/p/fgs/flows`, { headers: { 'X-Auth-Token': 't' } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error_code: 'APIGW.0101', error_msg: gatewayErrors.apiNotFound.message, request_id: unknown.headers.get('X-Request-Id') });
    const wrongMethod = await fetch(`${inject('mockUrl')}${startPath}`, { method: 'DELETE', headers: { 'X-Auth-Token': 't' } });
    expect(wrongMethod.status).toBe(404);
    expect(((await wrongMethod.json()) as JsonObject).error_msg).toBe(gatewayErrors.methodNotFound.message);
  });

  it('a browser preflight is still answered (by Prism), and refusals carry the same CORS headers', async () => {
    const preflight = await fetch(`${inject('mockUrl')}${startPath}`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-auth-token,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:3000');
    const refused = await fetch(`${inject('strictMockUrl')}${startPath}`, { method: 'POST', headers: { Origin: 'http://localhost:3000', 'X-Auth-Token': 'wrong' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:3000');
  });

  it('every answer has a fresh X-Request-Id: successes, Prism errors and gateway refusals alike', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      for (const headers of [{ 'X-Auth-Token': 't' }, { 'X-Auth-Token': 't', Prefer: 'code=500' }, {}]) {
        const response = await post(inject('mockUrl'), headers);
        const id = response.headers.get('X-Request-Id')!;
        expect(id).toMatch(requestIdPattern);
        const body = (await response.json()) as JsonObject;
        if (response.status >= 400) expect(body.request_id).toBe(id);
        ids.push(id);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("the contract's gateway answers are the gateway's", () => {
  const examples = (status: number) => {
    const response = resolveRef(doc, (start!.operation.responses as JsonObject)[String(status)]!) as JsonObject;
    const media = (response.content as JsonObject)['application/json'] as JsonObject;
    return Object.fromEntries(Object.entries(media.examples as JsonObject).map(([name, ref]) => [name, (resolveRef(doc, ref) as JsonObject).value as JsonObject]));
  };

  it('each named 401 example is one of the refusals the mock gives, word for word', () => {
    const byExample = {
      SignatureInvalid: gatewayErrors.signatureInvalid,
      SignatureExpired: gatewayErrors.signatureExpired('20211217T064303Z', '20211217T065804Z'),
      AccessKeyUnknown: gatewayErrors.accessKeyUnknown('HPUAEXAMPLEACCESSKEY'),
      TokenInvalid: gatewayErrors.tokenInvalid,
      TokenMissing: gatewayErrors.tokenMissing,
    };
    const documented = examples(401);
    expect(Object.keys(documented).sort()).toEqual(Object.keys(byExample).sort());
    for (const [name, error] of Object.entries(byExample)) {
      expect([error.status, documented[name]!.error_code, documented[name]!.error_msg], name).toEqual([401, error.code, error.message]);
    }
  });

  it('403 is APIGW.0302 and 429 is APIGW.0308, as the gateway words them', () => {
    expect(examples(403).AccessDenied).toMatchObject({ error_code: 'APIGW.0302', error_msg: 'The IAM user is not authorized to access the API.' });
    expect(examples(429).Throttled).toMatchObject({ error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached.' });
  });
});
