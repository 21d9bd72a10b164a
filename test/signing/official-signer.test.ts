// Agreement with Huawei's own signer: for generated requests of both operations, the signature this
// client sends equals what the official Node SDK's AKSKSigner.sign computes for the same request.
//
// The IDs use only characters for which the official signer's canonical path is the documented one
// (letters, digits, -._~, the sub-delimiters but the apostrophe, :, @ and non-ASCII text). For a
// space, % or an apostrophe it signs a double-encoded path it does not send; those IDs are proven
// against the independent verifier in end-to-end.test.ts instead.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { sdkDate, type AkSkAuth, type WorkflowClient } from '../../src/index.ts';
import { officialAuthorization } from '../helpers/official-signer.ts';
import { signedByClient } from '../helpers/signed-request.ts';

const endpoint = 'https://functiongraph.cn-north-4.myhuaweicloud.com';
const runsPerOperation = 600;
let compared = 0;

// The characters the official signer canonicalises as documented.
const idChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'ABCXYZabcxyz0123456789-._~!$&()*+,;=:@') },
  { weight: 2, arbitrary: fc.integer({ min: 0xa0, max: 0xd7ff }).map((c) => String.fromCodePoint(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) },
);
const id = (maxLength: number) => fc.string({ unit: idChar, minLength: 1, maxLength }).filter((s) => s !== '.' && s !== '..');
const headerValue = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 :._-]{0,38}[A-Za-z0-9]$/);
const json = fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
const credentials = fc.record(
  {
    accessKey: fc.stringMatching(/^[A-Z0-9]{20}$/),
    secretKey: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    securityToken: fc.stringMatching(/^[A-Za-z0-9+/=]{1,120}$/),
  },
  { requiredKeys: ['accessKey', 'secretKey'] },
);
const date = fc.date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });

/** Signs with this client: the Request it would send, captured instead of sent. */
const ours = (auth: AkSkAuth, call: (client: WorkflowClient) => Promise<unknown>) => signedByClient(endpoint, auth, call);

/** Signs the same request with the official signer, built as the official SDK builds it: raw IDs in the path. */
function official(auth: AkSkAuth, sent: Request, rawPath: string, body: unknown): { signedHeaders: string; signature: string } {
  const headers: Record<string, string> = {};
  sent.headers.forEach((value, name) => {
    if (name !== 'authorization') headers[name === 'x-sdk-date' ? 'X-Sdk-Date' : name] = value;
  });
  const authorization = officialAuthorization({ method: sent.method, endpoint: `${endpoint}${rawPath}`, headers, data: body, queryParams: {} }, auth.accessKey, auth.secretKey);
  const match = /SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(authorization)!;
  return { signedHeaders: match[1]!, signature: match[2]! };
}

function parse(authorization: string | null): { signedHeaders: string; signature: string } {
  const match = /^SDK-HMAC-SHA256 Access=[^,]+, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(authorization ?? '');
  if (!match) throw new Error(`unexpected Authorization header: ${authorization}`);
  return { signedHeaders: match[1]!, signature: match[2]! };
}

describe('signatures equal the official AKSKSigner', () => {
  afterAll(() => console.log(`official signer: ${compared} generated requests compared, all equal`));

  it(`startWorkflowExecution: ${runsPerOperation} generated requests`, async () => {
    await fc.assert(
      fc.asyncProperty(
        credentials, date, id(64), id(512), json, fc.option(json, { nil: undefined }),
        fc.option(headerValue, { nil: undefined }), fc.option(fc.constant('2026-11-20'), { nil: undefined }), fc.option(fc.constantFrom('true', 'false', '') as fc.Arbitrary<'true' | 'false' | ''>, { nil: undefined }),
        async (creds, at, projectId, workflowId, input, flowHeaders, runId, createTime, mergeFnParameters) => {
          const auth: AkSkAuth = { ...creds, now: () => at };
          const sent = await ours(auth, (client) =>
            client.startWorkflowExecution({
              projectId, workflowId, input,
              ...(flowHeaders !== undefined && { headers: flowHeaders }),
              ...(runId !== undefined && { runId }),
              ...(createTime !== undefined && { createTime }),
              ...(mergeFnParameters !== undefined && { mergeFnParameters }),
            }),
          );
          expect(sent.headers.get('X-Sdk-Date')).toBe(sdkDate(at));
          const body = { input, ...(flowHeaders !== undefined && { headers: flowHeaders }) };
          expect(await sent.clone().text()).toBe(JSON.stringify(body));
          const expected = official(auth, sent, `/v2/${projectId}/fgs/workflows/${workflowId}/executions`, body);
          expect(parse(sent.headers.get('Authorization'))).toEqual(expected);
          compared++;
        },
      ),
      { numRuns: runsPerOperation },
    );
  });

  it(`createCallbackWorkflow: ${runsPerOperation} generated requests`, async () => {
    await fc.assert(
      fc.asyncProperty(
        credentials, date, id(64), id(512), headerValue, headerValue, fc.constantFrom('success', 'fail') as fc.Arbitrary<'success' | 'fail'>, json,
        fc.option(fc.string({ minLength: 1, maxLength: 64 }), { nil: undefined }),
        async (creds, at, projectId, workflowId, runId, stateId, result, output, error) => {
          const auth: AkSkAuth = { ...creds, now: () => at };
          const sent = await ours(auth, (client) =>
            client.createCallbackWorkflow({ projectId, workflowId, runId, stateId, result, output, ...(error !== undefined && { error }) }),
          );
          const body = { result, output, ...(error !== undefined && { error }) };
          const expected = official(auth, sent, `/v2/${projectId}/fgs/workflows/${workflowId}/callback`, body);
          expect(parse(sent.headers.get('Authorization'))).toEqual(expected);
          compared++;
        },
      ),
      { numRuns: runsPerOperation },
    );
  });
});
