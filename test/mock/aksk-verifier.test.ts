// The gateway's signature verifier (emulator/src/gateway/aksk-verifier.ts), proved on its own: it reproduces Huawei's
// published vectors; it accepts generated requests signed by this client and by Huawei's official
// signer; and it refuses each kind of tampering, an unknown key and a clock more than 15 minutes off,
// while 14 minutes (and exactly 15) pass. The verifier shares no code with the client's signer, so
// agreement here is agreement between two implementations.
import { createRequire } from 'node:module';
import { stringify as queryString } from 'node:querystring';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalForm, formatSdkDate, verifySignature, type AccessKeyRecord, type ReceivedRequest, type SignatureVerdict } from '../../emulator/src/gateway/aksk-verifier.ts';
import { signRequest, type AkSkAuth, type WorkflowClient } from '../../src/index.ts';
import { signedByClient as capture } from '../helpers/signed-request.ts';

const require = createRequire(import.meta.url);
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: { sign(request: object, credential: unknown): Record<string, string> };
};
const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials') as {
  BasicCredentials: new () => { withAk(ak: string): { withSk(sk: string): unknown } };
};

const endpoint = 'https://functiongraph.cn-north-4.myhuaweicloud.com';
const runs = 300;
const tamperRuns = 40;
const counts = { vectors: 0, clientSigned: 0, officialSigned: 0, refused: 0, refusalKinds: new Set<string>(), passedAtEdge: 0 };

afterAll(() => {
  console.log(
    `verifier: ${counts.vectors} published vectors; accepted ${counts.clientSigned} requests signed by this client and ` +
      `${counts.officialSigned} signed by the official AKSKSigner; refused ${counts.refused} altered requests of ` +
      `${counts.refusalKinds.size} kinds; accepted ${counts.passedAtEdge} at the edges of the 15-minute window`,
  );
});

/** A request as the gateway would receive it from a fetch Request: the Host header is the URL's. */
async function asReceived(request: Request): Promise<ReceivedRequest> {
  const url = new URL(request.url);
  const headers: Array<[string, string]> = [['Host', url.host]];
  request.headers.forEach((value, name) => headers.push([name, value]));
  return { method: request.method, target: url.pathname + url.search, headers, body: new Uint8Array(await request.clone().arrayBuffer()) };
}

const keys = (records: Record<string, AccessKeyRecord>) => (accessKey: string) => records[accessKey];

/** The Request this client would send, captured instead of sent. */
const signedByClient = (auth: AkSkAuth, call: (client: WorkflowClient) => Promise<unknown>) => capture(endpoint, auth, call);

// IDs of any text the client accepts: it percent-encodes them into one path segment each.
const anyChar = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.integer({ min: 0xa0, max: 0xd7ff }).map((c) => String.fromCodePoint(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) },
);
const anyId = (maxLength: number) => fc.string({ unit: anyChar, minLength: 1, maxLength }).filter((s) => s !== '.' && s !== '..');
const json = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
const secret = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
const accessKey = fc.stringMatching(/^[A-Z0-9]{20}$/);
const instant = fc.date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));

/** A generated request of either operation, signed by this client at `at`. */
const clientSigned = fc
  .record({ accessKey, secretKey: secret, at: instant, projectId: anyId(64), workflowId: anyId(512), input: json, callback: fc.boolean(), runId: fc.stringMatching(/^[A-Za-z0-9-]{1,40}$/) })
  .map((r) => ({
    ...r,
    request: () =>
      signedByClient({ accessKey: r.accessKey, secretKey: r.secretKey, now: () => r.at }, (client) =>
        r.callback
          ? client.createCallbackWorkflow({ projectId: r.projectId, workflowId: r.workflowId, runId: r.runId, stateId: 's-1', result: 'success', output: r.input })
          : client.startWorkflowExecution({ projectId: r.projectId, workflowId: r.workflowId, input: r.input, runId: r.runId }),
      ),
  }));

function expectRefused(verdict: SignatureVerdict, failure: string, kind: string) {
  expect(verdict.ok ? 'accepted' : verdict.failure, kind).toBe(failure);
  counts.refused++;
  counts.refusalKinds.add(kind);
}

describe('published vectors (huaweicloud-sdk-go-v3, core/auth/signer/signer_test.go)', () => {
  const date = '20060102T150405Z';
  const at = new Date(Date.UTC(2006, 0, 2, 15, 4, 5));
  it.each([
    ['GET', '/path?limit=1', '', '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624'],
    ['POST', '/path?key=value', '{"Name":"test","Id":1}\n', 'cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59'],
  ])('%s %s', (method, target, body, signature) => {
    const request = (sig: string): ReceivedRequest => ({
      method,
      target,
      headers: [['X-Sdk-Date', date], ['Authorization', `SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=${sig}`]],
      body: new TextEncoder().encode(body),
    });
    expect(verifySignature(request(signature), keys({ AccessKey: { secretKey: 'SecretKey' } }), at).ok).toBe(true);
    // One hex digit different, or another secret: refused.
    const other = signature.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(verifySignature(request(other), keys({ AccessKey: { secretKey: 'SecretKey' } }), at)).toMatchObject({ ok: false, failure: 'mismatch' });
    expect(verifySignature(request(signature), keys({ AccessKey: { secretKey: 'SecretKeY' } }), at)).toMatchObject({ ok: false, failure: 'mismatch' });
    counts.vectors++;
  });

  it('canonicalises as documented: each segment decoded once and RFC 3986 encoded, query sorted', () => {
    const request: ReceivedRequest = {
      method: 'post',
      target: "/v2/p/fgs/workflows/it's%20a%2Fb!/executions?b=2&a=z&a=y&c&d=%20x",
      headers: [['X-Sdk-Date', date], ['Content-Type', '  application/json  ']],
      body: new Uint8Array(),
    };
    const { canonicalRequest, stringToSign } = canonicalForm(request, 'content-type;x-sdk-date');
    expect(canonicalRequest).toBe(
      [
        'POST',
        '/v2/p/fgs/workflows/it%27s%20a%2Fb%21/executions/',
        'a=y&a=z&b=2&c=&d=%20x',
        `content-type:application/json\nx-sdk-date:${date}\n`,
        'content-type;x-sdk-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(stringToSign).toMatch(new RegExp(`^SDK-HMAC-SHA256\\n${date}\\n[0-9a-f]{64}$`));
  });
});

describe('accepts what correct signers sign', () => {
  it(`${runs} generated requests of both operations signed by this client`, async () => {
    await fc.assert(
      fc.asyncProperty(clientSigned, async (r) => {
        const verdict = verifySignature(await asReceived(await r.request()), keys({ [r.accessKey]: { secretKey: r.secretKey } }), r.at);
        expect(verdict.ok, verdict.ok ? '' : verdict.reason).toBe(true);
        counts.clientSigned++;
      }),
      { numRuns: runs },
    );
  });

  it(`${runs} generated requests with a query, signed by signRequest`, async () => {
    const pairs = fc.array(fc.tuple(fc.string({ unit: anyChar, minLength: 1, maxLength: 8 }), fc.string({ unit: anyChar, maxLength: 12 })), { maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(accessKey, secret, instant, pairs, async (ak, sk, at, query) => {
        const search = query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
        const unsigned = new Request(`${endpoint}/v2/p/fgs/workflows/w/executions${search ? `?${search}` : ''}`, { method: 'POST', body: '{"input":{}}', headers: { 'Content-Type': 'application/json' } });
        const signed = await signRequest(unsigned, { accessKey: ak, secretKey: sk, now: () => at, projectId: 'p' });
        const verdict = verifySignature(await asReceived(signed), keys({ [ak]: { secretKey: sk } }), at);
        expect(verdict.ok, verdict.ok ? '' : verdict.reason).toBe(true);
        counts.clientSigned++;
      }),
      { numRuns: runs },
    );
  });

  it(`${runs} generated requests signed by the official AKSKSigner, as the official SDK sends them`, () => {
    // The characters for which the official signer's canonical path is the documented one
    // (see test/signing/official-signer.test.ts); the query goes on the wire as the SDK's querystring.
    const officialChar = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...'ABCXYZabcxyz0123456789-._~!$&()*+,;=:@') },
      { weight: 2, arbitrary: fc.integer({ min: 0xa0, max: 0xd7ff }).map((c) => String.fromCodePoint(c)) },
    );
    const id = (max: number) => fc.string({ unit: officialChar, minLength: 1, maxLength: max }).filter((s) => s !== '.' && s !== '..');
    const query = fc.dictionary(fc.stringMatching(/^[a-z_]{1,8}$/), fc.string({ unit: anyChar, maxLength: 12 }), { maxKeys: 3 });
    fc.assert(
      fc.property(accessKey, secret, instant, id(64), id(512), json, query, fc.constantFrom('executions', 'callback'), (ak, sk, at, projectId, workflowId, body, params, last) => {
        const rawPath = `/v2/${projectId}/fgs/workflows/${workflowId}/${last}`;
        const headers = { 'Content-Type': 'application/json', 'X-Project-Id': projectId.replace(/[^\x20-\x7e]/g, 'x'), 'X-Sdk-Date': formatSdkDate(at) };
        const credential = new BasicCredentials().withAk(ak).withSk(sk);
        const signed = AKSKSigner.sign({ method: 'POST', endpoint: `${endpoint}${rawPath}`, headers, data: body, queryParams: params }, credential);
        const search = queryString(params);
        const request: ReceivedRequest = {
          method: 'POST',
          target: new URL(`${endpoint}${rawPath}`).pathname + (search ? `?${search}` : ''),
          headers: Object.entries(signed),
          body: new TextEncoder().encode(JSON.stringify(body)),
        };
        const verdict = verifySignature(request, keys({ [ak]: { secretKey: sk } }), at);
        expect(verdict.ok, verdict.ok ? '' : `${verdict.reason}\n${verdict.canonical?.canonicalRequest}`).toBe(true);
        counts.officialSigned++;
      }),
      { numRuns: runs },
    );
  });
});

describe('refuses what was changed after signing, or signed with the wrong key or clock', () => {
  /** A request changed after signing; `target`, `headers` and `body` replace the received ones. */
  const altered = (received: ReceivedRequest, change: Partial<ReceivedRequest>): ReceivedRequest => ({ ...received, ...change });
  const setHeader = (received: ReceivedRequest, name: string, value: string): ReceivedRequest['headers'] => [
    ...received.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase()),
    [name, value],
  ];

  const tamperings: Array<[string, (r: ReceivedRequest) => ReceivedRequest]> = [
    ['a changed body', (r) => altered(r, { body: new Uint8Array([...r.body, 0x20]) })],
    ['a changed path', (r) => altered(r, { target: r.target.replace(/\/(executions|callback)$/, (last) => `${last}x`) })],
    ['an added query', (r) => altered(r, { target: `${r.target}?extra=1` })],
    ['a changed method', (r) => altered(r, { method: 'PUT' })],
    ['a changed signed header', (r) => altered(r, { headers: setHeader(r, 'Content-Type', 'text/plain') })],
    ['a changed X-Sdk-Date, still inside the window', (r) => {
      const date = r.headers.find(([n]) => n.toLowerCase() === 'x-sdk-date')![1];
      return altered(r, { headers: setHeader(r, 'X-Sdk-Date', date.replace(/\d(?=Z$)/, (d) => String((Number(d) + 1) % 10))) });
    }],
    ['a signed header removed', (r) => altered(r, { headers: r.headers.filter(([n]) => !/^x-workflow/i.test(n)) })],
  ];

  it.each(tamperings)(`%s (${tamperRuns} generated requests)`, async (kind, tamper) => {
    await fc.assert(
      fc.asyncProperty(clientSigned, async (r) => {
        const received = await asReceived(await r.request());
        const find = keys({ [r.accessKey]: { secretKey: r.secretKey } });
        expect(verifySignature(received, find, r.at).ok).toBe(true);
        const verdict = verifySignature(tamper(received), find, r.at);
        expectRefused(verdict, 'mismatch', kind);
        // What the gateway computed comes with the refusal.
        expect(verdict.ok ? undefined : verdict.canonical?.canonicalRequest).toMatch(/^(POST|PUT)\n/);
      }),
      { numRuns: tamperRuns },
    );
  });

  it(`a wrong secret key, and an unknown access key (${tamperRuns} generated requests)`, async () => {
    await fc.assert(
      fc.asyncProperty(clientSigned, secret, async (r, otherSecret) => {
        fc.pre(otherSecret !== r.secretKey);
        const received = await asReceived(await r.request());
        expectRefused(verifySignature(received, keys({ [r.accessKey]: { secretKey: otherSecret } }), r.at), 'mismatch', 'a wrong secret key');
        const unknown = verifySignature(received, keys({ SOMEONEELSESKEY00000: { secretKey: r.secretKey } }), r.at);
        expectRefused(unknown, 'unknown-access-key', 'an unknown access key');
        expect(unknown.ok ? undefined : unknown.accessKey).toBe(r.accessKey);
      }),
      { numRuns: tamperRuns },
    );
  });

  it(`16 minutes off either way is refused; 14 and exactly 15 pass (${tamperRuns} generated requests)`, async () => {
    const minutes = (n: number) => n * 60 * 1000;
    await fc.assert(
      fc.asyncProperty(clientSigned, async (r) => {
        const received = await asReceived(await r.request());
        const find = keys({ [r.accessKey]: { secretKey: r.secretKey } });
        const at = (offset: number) => verifySignature(received, find, new Date(r.at.getTime() + offset));
        for (const offset of [minutes(16), -minutes(16), minutes(15) + 1000, -minutes(15) - 1000]) {
          const verdict = at(offset);
          expectRefused(verdict, 'expired', 'a clock more than 15 minutes off');
          expect(verdict.ok ? undefined : verdict.signatureTime).toBe(formatSdkDate(r.at));
          expect(verdict.ok ? undefined : verdict.serverTime).toBe(formatSdkDate(new Date(r.at.getTime() + offset)));
        }
        for (const offset of [minutes(14), -minutes(14), minutes(15), -minutes(15)]) {
          expect(at(offset).ok, `${offset / 60_000} minutes`).toBe(true);
          counts.passedAtEdge++;
        }
      }),
      { numRuns: tamperRuns },
    );
  });

  it('temporary credentials: the access key needs its X-Security-Token', async () => {
    const at = new Date();
    const record = { secretKey: 'temporary-secret', securityToken: 'st-the-token' };
    const sign = (securityToken?: string) =>
      signedByClient({ accessKey: 'TEMPORARYACCESSKEY01', secretKey: record.secretKey, now: () => at, ...(securityToken && { securityToken }) }, (c) =>
        c.startWorkflowExecution({ projectId: 'p', workflowId: 'w', input: {} }),
      );
    const find = keys({ TEMPORARYACCESSKEY01: record });
    expect(verifySignature(await asReceived(await sign('st-the-token')), find, at).ok).toBe(true);
    expectRefused(verifySignature(await asReceived(await sign()), find, at), 'security-token', 'no X-Security-Token');
    expectRefused(verifySignature(await asReceived(await sign('st-another')), find, at), 'security-token', 'another X-Security-Token');
  });

  it('x-sdk-date must be signed, and the Authorization header well formed', async () => {
    const at = new Date('2026-11-21T02:00:00Z');
    const request: ReceivedRequest = { method: 'POST', target: '/v2/p/fgs/workflows/w/executions', headers: [['X-Sdk-Date', formatSdkDate(at)]], body: new Uint8Array() };
    const find = keys({ AK: { secretKey: 'SK' } });
    const withAuthorization = (value: string) => verifySignature({ ...request, headers: [...request.headers, ['Authorization', value]] }, find, at);
    const signature = 'a'.repeat(64);
    expectRefused(withAuthorization(`SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=${signature}`), 'malformed', 'x-sdk-date not signed');
    expectRefused(withAuthorization(`AWS4-HMAC-SHA256 Credential=AK, SignedHeaders=x-sdk-date, Signature=${signature}`), 'malformed', 'another algorithm');
    expectRefused(withAuthorization('SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date'), 'malformed', 'no Signature');
    expectRefused(verifySignature(request, find, at), 'malformed', 'no Authorization');
    const badDate = { ...request, headers: [['X-Sdk-Date', '20260231T000000Z'], ['Authorization', `SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date, Signature=${signature}`]] as Array<[string, string]> };
    expectRefused(verifySignature(badDate, find, at), 'malformed', 'an X-Sdk-Date that is no date');
  });

  it('an unsigned header may change (the control: not everything is refused)', async () => {
    const at = new Date();
    const received = await asReceived(await signedByClient({ accessKey: 'AK', secretKey: 'SK', now: () => at }, (c) => c.startWorkflowExecution({ projectId: 'p', workflowId: 'w', input: {} })));
    const verdict = verifySignature({ ...received, headers: [...received.headers, ['Prefer', 'code=404']] }, keys({ AK: { secretKey: 'SK' } }), at);
    expect(verdict.ok).toBe(true);
  });
});
