// The AkSkSignature description is enough on its own to implement signing: a second signer written
// from that text alone (test/independent-signer/sign.js, plain JavaScript on node:crypto) quotes only
// sentences the published description contains, reproduces its two worked examples, and signs
// generated requests exactly as the client does and as Huawei's official signer does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/paths.ts';
import { computeSignature, createWorkflowClient, importKey, type AkSkAuth, type WorkflowClient } from '../../src/index.ts';
import { loadBundle, type JsonObject } from '../helpers/contract.ts';
import { officialAuthorization, type OfficialRequest } from '../helpers/official-signer.ts';
import { sign } from '../independent-signer/sign.js';

const descriptionIn = (file: string) => String(((loadBundle(file).components as JsonObject).securitySchemes as Record<string, JsonObject>).AkSkSignature!.description);
const description = descriptionIn('openapi.json');
const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('the independent signer cites the published description, and nothing else', () => {
  const source = readFileSync(join(root, 'test', 'independent-signer', 'sign.js'), 'utf8');
  // Consecutive comment lines read as one passage, so a quotation may run over several lines.
  const comments = source.split(/\n(?!\s*\/\/)/).map((block) => block.split('\n').filter((line) => /^\s*\/\//.test(line)).map((line) => line.replace(/^\s*\/\/\s?/, '')).join(' '));
  const quotations = comments.flatMap((comment) => [...comment.matchAll(/"([^"]+)"/g)].map((m) => normalize(m[1]!)));

  it('quotes the description sentence by sentence', () => {
    expect(quotations.length).toBeGreaterThanOrEqual(25);
    const missing = quotations.filter((quotation) => !normalize(description).includes(quotation));
    expect(missing, 'quotations not found word for word in the AkSkSignature description').toEqual([]);
  });

  it.each(['openapi-3.0.json', 'openapi.dereferenced.json'])('the same description is published in %s', (file) => {
    expect(descriptionIn(file)).toBe(description);
  });

  it('imports nothing but node:crypto', () => {
    expect([...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1])).toEqual(['node:crypto']);
    expect(source).not.toMatch(/require\(|import\(/);
  });
});

/** The two worked examples, read from the description: each canonical request and its signature. */
function workedExamples(): Array<{ canonicalRequest: string; signature: string }> {
  const examples = description.split(/^Example \d+/m).slice(1);
  return examples.map((text) => ({
    canonicalRequest: /```\n([\s\S]*?)\n```/.exec(text)![1]!,
    signature: /Signature: `([0-9a-f]{64})`/.exec(text)![1]!,
  }));
}

describe("the description's worked examples", () => {
  const [first, second] = workedExamples();
  const exampleTwoHeaders = {
    'Content-Type': 'application/json',
    'X-Project-Id': '0a2b4c6d8e9f41a3b5c7d9e1f3a5b7c9',
    'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD',
    'X-Sdk-Date': '20261120T080000Z',
    'X-Workflow-Run-Id': 'aa7d6479-141d-482f-b9bc-85b5cd14066b',
    'X-Workflow-State-Id': '0f5758f7-aa43-49ae-8923-c6448d7c1f91',
  };
  const exampleTwoUrl = 'https://functiongraph.cn-north-4.myhuaweicloud.com/v2/0a2b4c6d8e9f41a3b5c7d9e1f3a5b7c9/fgs/workflows/order%20flow:v2/callback';
  const exampleTwoBody = '{"result":"success","output":{}}';

  it('are both there', () => {
    expect(workedExamples()).toHaveLength(2);
  });

  it('example 1, the official Go SDK vector: the independent signer, the client and the official signer give its signature', async () => {
    const request = { method: 'GET', url: 'https://example.huaweicloud.com/path?limit=1', headers: { 'X-Sdk-Date': '20060102T150405Z' }, body: '', accessKey: 'AccessKey', secretKey: 'SecretKey' };
    const independent = sign({ ...request, signedHeaders: ['x-sdk-date'] });
    expect(independent.canonicalRequest).toBe(first!.canonicalRequest);
    expect(independent.signature).toBe(first!.signature);
    const client = await computeSignature(await importKey('SecretKey'), { method: 'GET', url: request.url, headers: [['X-Sdk-Date', '20060102T150405Z']], body: '' }, '20060102T150405Z');
    expect(client.signature).toBe(first!.signature);
    const official = officialAuthorization({ method: 'GET', endpoint: 'https://example.huaweicloud.com/path', headers: { 'X-Sdk-Date': '20060102T150405Z' }, queryParams: { limit: '1' } }, 'AccessKey', 'SecretKey');
    // The official signer always signs host as well; so does the independent one when asked to.
    expect(official).toBe(sign({ ...request, signedHeaders: ['host', 'x-sdk-date'] }).authorization);
  });

  it('example 2, an ID that needs percent-encoding and UNSIGNED-PAYLOAD: the independent signer and the client give its signature', async () => {
    const independent = sign({ method: 'POST', url: exampleTwoUrl, headers: exampleTwoHeaders, body: exampleTwoBody, accessKey: 'AccessKey', secretKey: 'SecretKey' });
    expect(independent.canonicalRequest).toBe(second!.canonicalRequest);
    expect(independent.signature).toBe(second!.signature);
    expect(description).toContain(`\`${independent.authorization}\``);
    const client = await computeSignature(
      await importKey('SecretKey'),
      { method: 'POST', url: exampleTwoUrl, headers: [...Object.entries(exampleTwoHeaders), ['host', 'functiongraph.cn-north-4.myhuaweicloud.com']], body: exampleTwoBody, unsignedPayload: true },
      '20261120T080000Z',
    );
    expect(client.canonicalRequest).toBe(second!.canonicalRequest);
    expect(client.signature).toBe(second!.signature);
  });

  it('example 2 with the official signer: equal when the ID is given as the SDK takes it, decoded', () => {
    // The official Node SDK takes raw IDs and re-encodes the path without decoding it first, so for an
    // ID with a space it signs a double-encoded path it does not send; with the colon alone it agrees.
    const endpoint = 'https://functiongraph.cn-north-4.myhuaweicloud.com/v2/0a2b4c6d8e9f41a3b5c7d9e1f3a5b7c9/fgs/workflows/order-flow:v2/callback';
    const official = officialAuthorization({ method: 'POST', endpoint, headers: exampleTwoHeaders, data: JSON.parse(exampleTwoBody), queryParams: {} }, 'AccessKey', 'SecretKey');
    const independent = sign({ method: 'POST', url: endpoint, headers: exampleTwoHeaders, body: exampleTwoBody, accessKey: 'AccessKey', secretKey: 'SecretKey' });
    expect(official).toBe(independent.authorization);
  });
});

// Generated requests, signed three ways.
const endpoint = 'https://functiongraph.cn-north-4.myhuaweicloud.com';
const runsPerOperation = { threeWay: 200, clientOnly: 100 };
const counts = { threeWay: 0, clientOnly: 0, unsignedPayload: 0, encodedIds: 0 };

// IDs for which the official signer's canonical path is the described one: letters, digits, -._~,
// the sub-delimiters but the apostrophe, `:`, `@` and non-ASCII text. All but the first group need
// percent-encoding in the canonical path. (Not U+00A0 or U+FEFF: the URL parser the official SDK uses
// trims them from the end of a URL, so an ID that ends the path would lose them.)
const officialIdChar = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...'ABCXYZabcxyz0123456789-._~!$&()*+,;=:@') },
  { weight: 2, arbitrary: fc.integer({ min: 0xa1, max: 0xd7ff }).map((c) => String.fromCodePoint(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) },
);
// Any ID the client accepts: also a space, `%`, an apostrophe, `/`, `?`, `#`, the other ASCII marks,
// and the two characters above.
const anyIdChar = fc.oneof(officialIdChar, fc.constantFrom(...` %'/?#"<>[]\\^\`{|}\u00a0\ufeff`));
const idOf = (unit: fc.Arbitrary<string>, maxLength: number) => fc.string({ unit, minLength: 1, maxLength }).filter((s) => s !== '.' && s !== '..');
const json = fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 });
const credentials = fc.record(
  {
    accessKey: fc.stringMatching(/^[A-Z0-9]{20}$/),
    secretKey: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    securityToken: fc.stringMatching(/^[A-Za-z0-9+/=]{1,80}$/),
    unsignedPayload: fc.boolean(),
  },
  { requiredKeys: ['accessKey', 'secretKey', 'unsignedPayload'] },
);
const date = fc.date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });
const headerValue = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 :._-]{0,30}[A-Za-z0-9]$/);
const queryText = fc.string({ unit: fc.constantFrom(...'az09 -_.~:+&=%/?流'), minLength: 1, maxLength: 20 });

/** One generated call: what the client is asked, and what the official SDK is given for the same request. */
interface Call {
  run(client: WorkflowClient): Promise<unknown>;
  /** The IDs in the path, as given. */
  ids: string[];
  /** The path with raw IDs, as the official SDK builds it. */
  rawPath: string;
  query: Record<string, string>;
  body: unknown;
}

const calls = (id: fc.Arbitrary<string>): Record<string, fc.Arbitrary<Call>> => ({
  startWorkflowExecution: fc.record({ project: id, workflow: id, input: json, runId: fc.option(headerValue, { nil: undefined }) }).map(({ project, workflow, input, runId }) => ({
    run: (client) => client.startWorkflowExecution({ projectId: project, workflowId: workflow, input, ...(runId !== undefined && { runId }) }),
    ids: [project, workflow],
    rawPath: `/v2/${project}/fgs/workflows/${workflow}/executions`,
    query: {},
    body: { input },
  })),
  createCallbackWorkflow: fc.record({ project: id, workflow: id, runId: headerValue, stateId: headerValue, result: fc.constantFrom('success', 'fail') as fc.Arbitrary<'success' | 'fail'>, output: json }).map(
    ({ project, workflow, runId, stateId, result, output }) => ({
      run: (client) => client.createCallbackWorkflow({ projectId: project, workflowId: workflow, runId, stateId, result, output }),
      ids: [project, workflow],
      rawPath: `/v2/${project}/fgs/workflows/${workflow}/callback`,
      query: {},
      body: { result, output },
    }),
  ),
  listWorkflowExecutions: fc.record({ project: id, workflow: id, start: queryText, status: fc.constantFrom('running', 'success'), limit: fc.integer({ min: 0, max: 500 }) }).map(({ project, workflow, start, status, limit }) => ({
    run: (client) => client.raw.GET('/v2/{project_id}/fgs/workflows/{workflow_id}/executions', { params: { path: { project_id: project, workflow_id: workflow }, query: { start_time: start, status, limit } } }),
    ids: [project, workflow],
    rawPath: `/v2/${project}/fgs/workflows/${workflow}/executions`,
    query: { start_time: start, status, limit: String(limit) },
    body: undefined,
  })),
  showWorkflowExecution: fc.record({ project: id, workflow: id, execution: id, full: fc.boolean() }).map(({ project, workflow, execution, full }) => ({
    run: (client) => client.raw.GET('/v2/{project_id}/fgs/workflows/{workflow_id}/executions/{execution_id}', {
      params: { path: { project_id: project, workflow_id: workflow, execution_id: execution }, header: { 'X-Get-Workflow-Full-History-Data': full } },
    }),
    ids: [project, workflow, execution],
    rawPath: `/v2/${project}/fgs/workflows/${workflow}/executions/${execution}`,
    query: {},
    body: undefined,
  })),
});

/** Whether an ID has a character the canonical path percent-encodes. */
const needsEncoding = (call: Call) => call.ids.some((id) => /[^A-Za-z0-9\-_.~]/.test(id));

/** The Request the client would send, captured instead of sent. */
async function sentByClient(auth: AkSkAuth, call: Call): Promise<Request> {
  let sent: Request | undefined;
  const capture = async (request: Request) => {
    sent = request;
    return new Response('{"execution_id":"x"}', { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  await call.run(createWorkflowClient({ endpoint, auth, fetch: capture }));
  if (!sent) throw new Error('the client sent nothing');
  return sent;
}

async function independentlySigned(auth: AkSkAuth, sent: Request) {
  const headers: Record<string, string> = {};
  sent.headers.forEach((value, name) => {
    if (name !== 'authorization') headers[name] = value;
  });
  const body = new Uint8Array(await sent.clone().arrayBuffer());
  return { headers, result: sign({ method: sent.method, url: sent.url, headers, body, accessKey: auth.accessKey, secretKey: auth.secretKey }) };
}

function officiallySigned(auth: AkSkAuth, headers: Record<string, string>, call: Call): string {
  const named = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name === 'x-sdk-date' ? 'X-Sdk-Date' : name === 'x-sdk-content-sha256' ? 'X-Sdk-Content-Sha256' : name, value]));
  const request: OfficialRequest = { method: call.body === undefined ? 'GET' : 'POST', endpoint: `${endpoint}${call.rawPath}`, headers: named, queryParams: call.query };
  if (call.body !== undefined) request.data = call.body;
  return officialAuthorization(request, auth.accessKey, auth.secretKey);
}

describe('generated requests: the independent signer signs as the client and the official signer do', () => {
  afterAll(() => {
    console.log(
      `independent signer: ${counts.threeWay} generated requests equal to the client and the official signer, ${counts.clientOnly} more (IDs the official signer double-encodes) equal to the client; ` +
        `${counts.unsignedPayload} with UNSIGNED-PAYLOAD, ${counts.encodedIds} with IDs that need percent-encoding`,
    );
  });

  const threeWay = calls(idOf(officialIdChar, 40));
  it.each(Object.keys(threeWay))(`%s: ${runsPerOperation.threeWay} requests, three signers agree`, async (operation) => {
    await fc.assert(
      fc.asyncProperty(credentials, date, threeWay[operation]!, async ({ unsignedPayload, ...creds }, at, call) => {
        const auth: AkSkAuth = { ...creds, unsignedPayload, now: () => at };
        const sent = await sentByClient(auth, call);
        const { headers, result } = await independentlySigned(auth, sent);
        expect(result.authorization).toBe(sent.headers.get('Authorization'));
        expect(officiallySigned(auth, headers, call)).toBe(result.authorization);
        counts.threeWay++;
        if (unsignedPayload) counts.unsignedPayload++;
        if (needsEncoding(call)) counts.encodedIds++;
      }),
      { numRuns: runsPerOperation.threeWay },
    );
  });

  const anyIds = calls(idOf(anyIdChar, 40));
  it.each(Object.keys(anyIds))(`%s: ${runsPerOperation.clientOnly} requests with any ID, the independent signer agrees with the client`, async (operation) => {
    await fc.assert(
      fc.asyncProperty(credentials, date, anyIds[operation]!, async ({ unsignedPayload, ...creds }, at, call) => {
        const auth: AkSkAuth = { ...creds, unsignedPayload, now: () => at };
        const sent = await sentByClient(auth, call);
        const { result } = await independentlySigned(auth, sent);
        expect(result.authorization).toBe(sent.headers.get('Authorization'));
        counts.clientOnly++;
        if (unsignedPayload) counts.unsignedPayload++;
        if (needsEncoding(call)) counts.encodedIds++;
      }),
      { numRuns: runsPerOperation.clientOnly },
    );
  });

  it('a different signature is noticed (the comparison is really checking)', async () => {
    const auth: AkSkAuth = { accessKey: 'HPUAEXAMPLEACCESSKEY', secretKey: 'secret', now: () => new Date('2026-11-20T08:00:00Z') };
    const call = fc.sample(threeWay.createCallbackWorkflow!, { numRuns: 1, seed: 1 })[0]!;
    const sent = await sentByClient(auth, call);
    const { headers, result } = await independentlySigned({ ...auth, secretKey: 'other' }, sent);
    expect(result.authorization).not.toBe(sent.headers.get('Authorization'));
    expect(officiallySigned(auth, headers, call)).not.toBe(result.authorization);
  });
});
