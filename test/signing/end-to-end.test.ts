// Requests signed by the client reach a server that recomputes every signature on its own, with the
// mock gateway's verifier (mock/aksk-verifier.ts, served by test/helpers/verifying-server.ts): IDs of every
// kind are accepted; tampering with the body, the path, the date or a signed header is rejected, as is
// a clock more than 15 minutes off.
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRequestSigner, createSigningKey, createWorkflowClient, signRequest, WorkflowApiError, type AkSkAuth } from '../../src/index.ts';
import { startVerifyingServer, type Verdict } from '../helpers/verifying-server.ts';

const accessKey = 'HPUAEXAMPLEACCESSKEY';
const secretKey = 'sk-7Gq9ZpW2xR5vT8nB3mK6jL1hF4dS0aQe';
let serverNow = new Date();
let server: Awaited<ReturnType<typeof startVerifyingServer>>;
beforeAll(async () => {
  server = await startVerifyingServer({ [accessKey]: secretKey }, () => serverNow);
});
afterAll(() => server.close());
beforeEach(() => {
  serverNow = new Date();
  server.requests.length = 0;
  server.verdicts.length = 0;
});

const client = (auth: Partial<AkSkAuth> = {}, fetch?: (request: Request) => Promise<Response>) =>
  createWorkflowClient({ endpoint: server.url, projectId: 'proj-1', auth: { accessKey, secretKey, ...auth }, ...(fetch && { fetch }) });

const ids = [
  ['letters, digits, -._~', 'Abc-123._~'],
  ['sub-delimiters', "!$&()*+,;="],
  [': and @', 'user@host:8080'],
  ['non-ASCII text', '流程-ünïcode-😀'],
  ['a space', 'order flow'],
  ['%', '100%-%41'],
  ['an apostrophe', "it's"],
  ['/', 'a/b/../c'],
  ['everything', "A-z._~!$&()*+,;=:@ %'/流😀"],
] as const;

describe('signed requests verified independently', () => {
  it.each(ids)('startWorkflowExecution with %s in the IDs', async (_kind, id) => {
    const result = await client().startWorkflowExecution({ projectId: id, workflowId: id, input: { n: 1 }, runId: 'run-1', mergeFnParameters: false });
    expect(server.verdicts).toEqual(['valid']);
    expect(result.execution_id).toBe('signed-ok');
    const request = server.requests[0]!;
    // X-Project-Id goes only where the ID can be a header value (real project IDs always can).
    const asHeader = /^[\x20-\x7e]*$/.test(id);
    expect(request.headers['x-project-id']).toBe(asHeader ? id : undefined);
    const signed = `content-type;host;${asHeader ? 'x-project-id;' : ''}x-sdk-date;x-workflowrun-id;x-workflowrun-mergefnparameters`;
    expect(request.headers.authorization).toMatch(new RegExp(`^SDK-HMAC-SHA256 Access=HPUAEXAMPLEACCESSKEY, SignedHeaders=${signed}, Signature=[0-9a-f]{64}$`));
  });

  it.each(ids)('createCallbackWorkflow with %s in the IDs', async (_kind, id) => {
    await client().createCallbackWorkflow({ workflowId: id, runId: 'r-1', stateId: 's-1', result: 'fail', error: 'declined', output: {} });
    expect(server.verdicts).toEqual(['valid']);
  });

  it('temporary credentials: X-Security-Token is sent and signed', async () => {
    await client({ securityToken: 'st-temporary-token' }).startWorkflowExecution({ workflowId: 'w', input: {} });
    expect(server.verdicts[0]).toBe('valid');
    expect(server.requests[0]!.headers['x-security-token']).toBe('st-temporary-token');
    expect(server.requests[0]!.headers.authorization).toContain('x-security-token');
  });

  it('UNSIGNED-PAYLOAD: the body is not hashed, and a changed body still verifies', async () => {
    const tamper = async (request: Request) => fetch(new Request(request, { body: '{"input":{"changed":true}}' }));
    await client({ unsignedPayload: true }, tamper).startWorkflowExecution({ workflowId: 'w', input: {} });
    expect(server.verdicts[0]).toBe('valid');
    expect(server.requests[0]!.headers['x-sdk-content-sha256']).toBe('UNSIGNED-PAYLOAD');
  });

  it('sends X-Project-Id for the project of the call', async () => {
    await client().startWorkflowExecution({ projectId: 'proj-2', workflowId: 'w', input: {} });
    expect(server.requests[0]!.headers['x-project-id']).toBe('proj-2');
    expect(server.requests[0]!.target).toBe('/v2/proj-2/fgs/workflows/w/executions');
  });

  it('signs requests made through the raw client too', async () => {
    const { data } = await client().raw.POST('/v2/{project_id}/fgs/workflows/{workflow_id}/executions', {
      params: { path: { project_id: 'p', workflow_id: 'w x' } },
      body: { input: {} },
    });
    expect(data).toEqual({ execution_id: 'signed-ok' });
    expect(server.verdicts[0]).toBe('valid');
  });

  it('signRequest signs a Request for any fetch', async () => {
    const request = new Request(`${server.url}/v2/p/fgs/workflows/it's%20here/executions?b=2&a=1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Custom': '  padded  ' },
      body: '{"input":{}}',
    });
    const response = await fetch(await signRequest(request, { accessKey, secretKey, projectId: 'p' }));
    expect(response.status).toBe(200);
    expect(server.verdicts[0]).toBe('valid');
  });
});

describe('signRequest signs the Request it is given', () => {
  const url = () => `${server.url}/v2/p/fgs/workflows/w/executions`;

  it('returns that same Request, still sendable, with its signal', async () => {
    const controller = new AbortController();
    const request = new Request(url(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"input":{}}', signal: controller.signal });
    const signed = await signRequest(request, { accessKey, secretKey, projectId: 'p' });
    expect(signed).toBe(request);
    expect(signed.signal).toBe(request.signal);
    expect((await fetch(signed)).status).toBe(200);
    expect(server.verdicts[0]).toEqual('valid');
    expect(server.requests[0]!.body).toBe('{"input":{}}');
  });

  it('replaces a Host header (fetch sends the URL\'s host) instead of signing host twice', async () => {
    const request = new Request(url(), { method: 'POST', headers: { Host: 'elsewhere.example' }, body: '{}' });
    await fetch(await signRequest(request, { accessKey, secretKey }));
    expect(server.verdicts[0]).toEqual('valid');
    expect(server.requests[0]!.headers.authorization).toMatch(/SignedHeaders=(?!.*host;host)[^,]*host/);
  });

  it('removes an X-Sdk-Content-Sha256 it does not sign, and signs the body', async () => {
    const request = new Request(url(), { method: 'POST', headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' }, body: '{"input":{"n":1}}' });
    await fetch(await signRequest(request, { accessKey, secretKey }));
    expect(server.verdicts[0]).toEqual('valid');
    expect(server.requests[0]!.headers).not.toHaveProperty('x-sdk-content-sha256');
  });
});

describe('a signer builds and signs the Request from a URL and init', () => {
  const url = () => `${server.url}/v2/p/fgs/workflows/w/executions?b=2&a=1`;
  const signer = () => createRequestSigner({ accessKey, secretKey });
  const bytes = new TextEncoder().encode('xx{"input":{"bytes":true}}yy');

  // Bodies hashed as given (text, bytes, a view of part of a buffer, form parameters), and those read
  // back from the Request because only it knows their bytes (a Blob, a form with its boundary, a stream).
  it.each<[string, () => BodyInit, string]>([
    ['text', () => '{"input":{"text":"é流😀"}}', '{"input":{"text":"é流😀"}}'],
    ['a Uint8Array over part of a buffer', () => bytes.subarray(2, bytes.length - 2), '{"input":{"bytes":true}}'],
    ['a DataView', () => new DataView(bytes.buffer, 2, bytes.length - 4), '{"input":{"bytes":true}}'],
    ['an ArrayBuffer', () => bytes.slice(2, bytes.length - 2).buffer, '{"input":{"bytes":true}}'],
    ['URLSearchParams', () => new URLSearchParams({ a: 'b c', d: 'é' }), 'a=b+c&d=%C3%A9'],
    ['a Blob', () => new Blob(['{"input":', '{}}']), '{"input":{}}'],
    ['a large text, hashed on Web Crypto', () => `"${'x'.repeat(20_000)}"`, `"${'x'.repeat(20_000)}"`],
  ])('a body given as %s', async (_kind, body, sent) => {
    const request = await signer()(url(), { method: 'POST', headers: { 'X-Custom': 'yes' }, body: body() }, { projectId: 'p' });
    expect((await fetch(request)).status).toBe(200);
    expect(server.verdicts).toEqual(['valid']);
    expect(server.requests[0]!.body).toBe(sent);
    expect(server.requests[0]!.headers['x-project-id']).toBe('p');
  });

  it('a form and a stream, whose bytes the Request decides', async () => {
    const form = new FormData();
    form.set('field', 'value');
    const stream = new ReadableStream({ start: (controller) => (controller.enqueue(new TextEncoder().encode('streamed')), controller.close()) });
    for (const init of [{ method: 'POST', body: form }, { method: 'POST', body: stream, duplex: 'half' } as RequestInit]) {
      await fetch(await signer()(url(), init));
    }
    expect(server.verdicts).toEqual(['valid', 'valid']);
    expect(server.requests[0]!.body).toContain('value');
    expect(server.requests[1]!.body).toBe('streamed');
  });

  it('no body, and UNSIGNED-PAYLOAD', async () => {
    await fetch(await signer()(new URL(url()), { method: 'GET' }));
    await fetch(await createRequestSigner({ accessKey, secretKey, unsignedPayload: true })(url(), { method: 'POST', body: '{}' }));
    await fetch(await signRequest(url(), undefined, { accessKey, secretKey }));
    expect(server.verdicts).toEqual(['valid', 'valid', 'valid']);
    expect(server.requests[1]!.headers['x-sdk-content-sha256']).toBe('UNSIGNED-PAYLOAD');
  });

  it("the Request keeps the init's signal, and signRequest takes the same form", async () => {
    const controller = new AbortController();
    const request = await signRequest(url(), { method: 'POST', body: '{}', signal: controller.signal }, { accessKey, secretKey, projectId: 'p' });
    controller.abort(new Error('caller aborted'));
    expect(request.signal.aborted).toBe(true);
    expect(request.signal.reason).toEqual(new Error('caller aborted'));
    const sent = await signRequest(url(), { method: 'POST', body: '{"input":{}}' }, { accessKey, secretKey, projectId: 'p' });
    expect((await fetch(sent)).status).toBe(200);
    expect(server.verdicts).toEqual(['valid']);
  });

  it('a fragment, an empty query, a port and a path that needs encoding: signed as sent', async () => {
    for (const target of ['/v2/p/fgs/workflows/w/executions?#fragment', "/v2/p/fgs/workflows/it's%20here/executions?b=2&a=%41#x?y", '/v2/p/fgs/workflows/流/executions?q=流']) {
      await fetch(await signer()(`${server.url}${target}`, { method: 'POST', body: '{}' }));
    }
    expect(server.verdicts).toEqual(['valid', 'valid', 'valid']);
    expect(server.url).toMatch(/:\d+$/);
  });

  it('signs what the Request sends: a default Content-Type, the normalised method and URL', async () => {
    const request = await signer()(`${server.url}/v2/p/fgs/workflows/./w/../w/executions`, { method: 'post', body: 'text' });
    expect(request.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
    expect(request.headers.get('authorization')).toContain('SignedHeaders=content-type;host;x-sdk-date,');
    await fetch(request);
    expect(server.verdicts).toEqual(['valid']);
    expect(server.requests[0]!.target).toBe('/v2/p/fgs/workflows/w/executions');
  });
});

describe('tampering and clock skew are rejected', () => {
  const rejected = async (run: () => Promise<unknown>, verdict: Verdict) => {
    const error = await run().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowApiError);
    expect((error as WorkflowApiError).status).toBe(401);
    expect((error as WorkflowApiError).code).toBe('APIGW.0301');
    expect(server.verdicts.at(-1)).toBe(verdict);
  };
  const changed = (change: (request: Request) => Request) => async (request: Request) => fetch(change(request));

  it('a changed body', async () => {
    await rejected(() => client({}, changed((r) => new Request(r, { body: '{"input":{"n":2}}' }))).startWorkflowExecution({ workflowId: 'w', input: { n: 1 } }), 'mismatch');
  });

  it('a changed path', async () => {
    await rejected(() => client({}, changed((r) => new Request(r.url.replace('/workflows/w/', '/workflows/v/'), r))).startWorkflowExecution({ workflowId: 'w', input: {} }), 'mismatch');
  });

  it('a changed X-Sdk-Date', async () => {
    const later = (r: Request) => {
      const headers = new Headers(r.headers);
      headers.set('X-Sdk-Date', headers.get('X-Sdk-Date')!.replace(/\d(?=Z$)/, (d) => String((Number(d) + 1) % 10)));
      return new Request(r, { headers });
    };
    await rejected(() => client({}, changed(later)).startWorkflowExecution({ workflowId: 'w', input: {} }), 'mismatch');
  });

  it('a changed signed header', async () => {
    const otherState = (r: Request) => {
      const headers = new Headers(r.headers);
      headers.set('X-Workflow-State-Id', 's-2');
      return new Request(r, { headers });
    };
    await rejected(() => client({}, changed(otherState)).createCallbackWorkflow({ workflowId: 'w', runId: 'r', stateId: 's-1', result: 'success', output: {} }), 'mismatch');
  });

  it('a wrong secret key', async () => {
    await rejected(() => client({ secretKey: 'not-the-secret' }).startWorkflowExecution({ workflowId: 'w', input: {} }), 'mismatch');
  });

  it('a clock 16 minutes off is rejected; now() puts it right', async () => {
    const skewed = () => new Date(Date.now() - 16 * 60 * 1000);
    await rejected(() => client({ now: skewed }).startWorkflowExecution({ workflowId: 'w', input: {} }), 'expired');
    // The server's clock is 20 minutes ahead; a caller that knows it supplies the time.
    serverNow = new Date(Date.now() + 20 * 60 * 1000);
    await client({ now: () => new Date(Date.now() + 20 * 60 * 1000) }).startWorkflowExecution({ workflowId: 'w', input: {} });
    expect(server.verdicts.at(-1)).toBe('valid');
  });

  it('14 minutes off is still inside the window', async () => {
    await client({ now: () => new Date(Date.now() + 14 * 60 * 1000) }).startWorkflowExecution({ workflowId: 'w', input: {} });
    expect(server.verdicts.at(-1)).toBe('valid');
  });
});

describe('the secret key never leaks', () => {
  it('not in a thrown error, its properties, toString() or inspect()', async () => {
    const failures: unknown[] = [];
    for (const run of [
      () => client({ now: () => new Date(Number.NaN) }).startWorkflowExecution({ workflowId: 'w', input: {} }),
      () => client({ securityToken: 'bad\ntoken' }).startWorkflowExecution({ workflowId: 'w', input: {} }),
      () => client({ secretKey: 'not-the-secret' }).startWorkflowExecution({ workflowId: 'w', input: {} }),
      () => createWorkflowClient({ endpoint: 'http://127.0.0.1:9', projectId: 'p', auth: { accessKey, secretKey }, timeoutMs: 2_000 }).startWorkflowExecution({ workflowId: 'w', input: {} }),
    ]) {
      failures.push(await Promise.resolve().then(run).then(() => new Error('expected a failure'), (e: unknown) => e));
    }
    expect(failures).toHaveLength(4);
    for (const error of failures) {
      const text = [String(error), inspect(error, { depth: 8, showHidden: true }), JSON.stringify(error), (error as Error).stack].join('\n');
      expect(text).not.toContain(secretKey);
      expect(text).not.toContain('sk-7Gq9');
    }
  });

  it('not in the client object', () => {
    const text = inspect(client(), { depth: 8, showHidden: true }) + JSON.stringify(client());
    expect(text).not.toContain(secretKey);
  });

  it('not in a SigningKey or a signer: no property, no string, no inspect() shows the key or its pad states', () => {
    const key = createSigningKey(secretKey);
    // Nothing of its own, and a prototype with nothing but its name: the pad states are in a closure.
    expect(Reflect.ownKeys(key)).toEqual([]);
    expect(Reflect.ownKeys(Object.getPrototypeOf(key))).toEqual([Symbol.toStringTag]);
    expect(Object.isFrozen(key)).toBe(true);
    expect(String(key)).toBe('[object SigningKey]');
    const signer = createRequestSigner({ accessKey, secretKey });
    const shown = [inspect(key, { depth: 8, showHidden: true }), JSON.stringify(key), inspect(signer, { depth: 8, showHidden: true }), JSON.stringify({ signer })];
    for (const text of [...shown, String(signer)]) {
      expect(text).not.toContain(secretKey);
      expect(text).not.toContain('sk-7Gq9');
    }
    // Pad states would show as a typed array or numbers.
    for (const text of shown) expect(text).not.toMatch(/Int32Array|Uint8Array|\d{6,}/);
  });
});
