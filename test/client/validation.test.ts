// Input that cannot be valid is refused before any request is sent, with a message naming the field.
import { describe, expect, it } from 'vitest';
import { createWorkflowClient, WorkflowValidationError, type WorkflowClientOptions } from '../../src/index.ts';
import { useTestServer } from '../helpers/http-server.ts';

const testServer = useTestServer();

const client = () => createWorkflowClient({ endpoint: testServer.current.url, projectId: 'p', auth: { token: 't' } });
const anyInput = (value: Record<string, unknown>) => value as never;

async function refused(field: string, message: RegExp, run: () => Promise<unknown>) {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowValidationError);
  expect(String(error)).toMatch(/^WorkflowValidationError: /);
  expect((error as WorkflowValidationError).field).toBe(field);
  expect((error as Error).message).toMatch(message);
  expect(testServer.current.requests, 'nothing may be sent').toHaveLength(0);
}

describe('refused before sending', () => {
  const start = (input: Record<string, unknown>) => client().startWorkflowExecution(anyInput({ workflowId: 'w', input: {}, ...input }));
  const callback = (input: Record<string, unknown>) =>
    client().createCallbackWorkflow(anyInput({ workflowId: 'w', runId: 'r', stateId: 's', result: 'success', output: {}, ...input }));

  it.each([
    ['workflowId', /^workflowId must not be empty$/, { workflowId: '' }],
    ['workflowId', /^workflowId is required$/, { workflowId: undefined }],
    ['workflowId', /^workflowId must be a string, not a value of type number$/, { workflowId: 42 }],
    ['workflowId', /^workflowId must be at most 512 characters long \(got 513\)$/, { workflowId: 'w'.repeat(513) }],
    ['projectId', /^projectId must be at most 64 characters long \(got 65\)$/, { projectId: 'p'.repeat(65) }],
    ['projectId', /^projectId must not be empty$/, { projectId: '' }],
    ['input', /^input is required$/, { input: undefined }],
    ['input', /^input must be a JSON object, not an array$/, { input: [1, 2] }],
    ['input', /^input must be a JSON object, not null$/, { input: null }],
    ['input', /^input cannot be serialized as JSON: .*BigInt/, { input: { n: 1n } }],
    ['headers', /^headers must be a JSON object, not a value of type string$/, { headers: 'tenantId: 1' }],
    ['mergeFnParameters', /^mergeFnParameters must be one of "true", "false", "" \(got "yes"\)$/, { mergeFnParameters: 'yes' }],
    ['runId', /^runId must contain only printable ASCII characters, because it is sent as the X-WorkflowRun-ID header$/, { runId: 'a\r\nX-Injected: 1' }],
    ['createTime', /^createTime must be a string/, { createTime: new Date() }],
    ['input', /^input must be a JSON object, not a value of type string$/, { input: { toJSON: () => 'not an object' } }],
    ['headers', /^headers must be a JSON object, not an array$/, { headers: { toJSON: () => ['a'] } }],
    ['input', /^input cannot be serialized as JSON: "price" is NaN, which JSON would send as null$/, { input: { price: Number.NaN } }],
    ['input', /^input cannot be serialized as JSON: "limit" is Infinity/, { input: { nested: { limit: Number.POSITIVE_INFINITY } } }],
    ['input', /^input cannot be serialized as JSON: "tags" is a Set, whose contents JSON does not keep$/, { input: { tags: new Set(['a']) } }],
    ['input', /^input cannot be serialized as JSON: "byId" is a Map/, { input: { deep: [{ byId: new Map([[1, 'a']]) }] } }],
    ['input', /^input cannot be serialized as JSON: "bytes" is a binary buffer/, { input: { bytes: new Uint8Array([1, 2]) } }],
    ['input', /^input cannot be serialized as JSON: item \[1\] is undefined, which JSON would send as null$/, { input: { list: [1, undefined] } }],
    ['headers', /^headers cannot be serialized as JSON: "n" is NaN/, { headers: { n: Number.NaN } }],
  ])('startWorkflowExecution: %s (%s)', async (field, message, input) => {
    await refused(field, message, () => start(input));
  });

  it('a circular input names the field', async () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    await refused('input', /^input cannot be serialized as JSON/, () => start({ input: loop }));
  });

  it('what JSON writes faithfully goes as JSON writes it: a Date, a toJSON, null, an object without a prototype', async () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { k: 'v' });
    await client().startWorkflowExecution({ workflowId: 'w', input: { at: new Date(0), money: { toJSON: () => '1.50' }, none: null, bare, skipped: undefined } });
    expect(JSON.parse(testServer.current.requests[0]!.body)).toEqual({ input: { at: '1970-01-01T00:00:00.000Z', money: '1.50', none: null, bare: { k: 'v' } } });
  });

  it('a workflowId of 512 characters (the maximum) is accepted, counted in code points', async () => {
    await client().startWorkflowExecution({ workflowId: '😀'.repeat(512), input: {} });
    expect(testServer.current.requests).toHaveLength(1);
  });

  it.each([
    ['result', /^result must be one of "success", "fail" \(got "ok"\)$/, { result: 'ok' }],
    ['result', /^result is required$/, { result: undefined }],
    ['output', /^output is required$/, { output: undefined }],
    ['error', /^error must be at most 64 characters long \(got 65\)$/, { result: 'fail', error: 'e'.repeat(65) }],
    ['error', /^error must not be empty$/, { result: 'fail', error: '' }],
    ['runId', /^runId is required$/, { runId: undefined }],
    ['stateId', /^stateId is required$/, { stateId: undefined }],
    ['stateId', /^stateId must contain only printable ASCII/, { stateId: 'état' }],
    ['runId', /^runId must not be empty: it is the required X-Workflow-Run-Id header$/, { runId: '' }],
    ['stateId', /^stateId must not be empty: it is the required X-Workflow-State-Id header$/, { stateId: '' }],
    ['output', /^output must be a JSON object, not a value of type string$/, { output: { toJSON: () => 'text' } }],
    ['output', /^output cannot be serialized as JSON: "ratio" is NaN/, { output: { ratio: 0 / 0 } }],
  ])('createCallbackWorkflow: %s (%s)', async (field, message, input) => {
    await refused(field, message, () => callback(input));
  });

  it('per-call options', async () => {
    await refused('timeoutMs', /^timeoutMs must be a finite number/, () => client().startWorkflowExecution({ workflowId: 'w', input: {} }, { timeoutMs: -1 }));
    await refused('headers', /^headers has an invalid header name "bad name"$/, () => client().startWorkflowExecution({ workflowId: 'w', input: {} }, { headers: { 'bad name': 'x' } }));
    await refused('headers.X-A', /^headers\.X-A must contain only printable ASCII/, () => client().startWorkflowExecution({ workflowId: 'w', input: {} }, { headers: { 'X-A': 'a\nb' } }));
  });

  it('odd per-call options, without leaving a timer behind', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    await refused('signal', /^signal must be an AbortSignal$/, () => client().startWorkflowExecution({ workflowId: 'w', input: {} }, { signal: {} as AbortSignal }));
    await refused('options', /^options must be an object$/, () => client().startWorkflowExecution({ workflowId: 'w', input: {} }, null as never));
    await refused('options', /^options must be an object$/, () => client().createCallbackWorkflow({ workflowId: 'w', runId: 'r', stateId: 's', result: 'success', output: {} }, 'fast' as never));
    expect(timers()).toBe(before);
  });

  it('a missing project ID, when the client has none either', async () => {
    const noProject = createWorkflowClient({ endpoint: testServer.current.url, auth: { token: 't' } });
    await refused('projectId', /^projectId is required: give it to createWorkflowClient or to the call$/, () => noProject.startWorkflowExecution({ workflowId: 'w', input: {} }));
  });
});

describe('client options refused at creation', () => {
  const base: WorkflowClientOptions = { endpoint: 'http://127.0.0.1:4010', auth: { token: 't' } };
  it.each([
    ['region', /^region or endpoint is required$/, { endpoint: undefined }],
    ['endpoint', /^endpoint and region cannot both be given$/, { region: 'cn-north-4' }],
    ['endpoint', /^endpoint must be an absolute http/, { endpoint: 'functiongraph.cn-north-4.myhuaweicloud.com' }],
    ['endpoint', /^endpoint must use http or https, not ftp:$/, { endpoint: 'ftp://127.0.0.1' }],
    ['endpoint', /^endpoint must not contain a user name or password$/, { endpoint: 'https://ak:sk-secret@example.test' }],
    ['endpoint', /^endpoint must not contain a query or a fragment$/, { endpoint: 'https://example.test/?a=1' }],
    ['endpoint', /^endpoint must not contain a query or a fragment$/, { endpoint: 'http://127.0.0.1:4010/?' }],
    ['endpoint', /^endpoint must not contain a query or a fragment$/, { endpoint: 'http://127.0.0.1:4010/#' }],
    ['endpoint', /^endpoint must not contain a query or a fragment$/, { endpoint: 'http://127.0.0.1:4010/base?#' }],
    ['endpoint', /^endpoint has a malformed percent-encoding in its path$/, { endpoint: 'http://127.0.0.1:4010/%zz/' }],
    ['timeoutMs', /^timeoutMs must be at most 2147483647/, { timeoutMs: 2 ** 31 }],
    ['region', /^region must be a region ID such as "cn-north-4"$/, { endpoint: undefined, region: 'cn-north-4.evil.test/x' }],
    ['projectId', /^projectId must be at most 64 characters long/, { projectId: 'p'.repeat(65) }],
    ['projectId', /^projectId must not be "\.\."/, { projectId: '..' }],
    ['timeoutMs', /^timeoutMs must be a finite number/, { timeoutMs: Number.NaN }],
    ['auth', /^auth is required/, { auth: undefined }],
    ['auth', /^auth must be \{ token \} or \{ accessKey, secretKey \}$/, { auth: { password: 'x' } }],
    ['auth.accessKey', /^auth.accessKey must be a non-empty string$/, { auth: { accessKey: '', secretKey: 'sk-secret-1' } }],
    ['auth.accessKey', /^auth.accessKey must contain only printable ASCII characters without spaces or commas$/, { auth: { accessKey: 'AK, Signature=x', secretKey: 'sk-secret-1' } }],
    ['auth.secretKey', /^auth.secretKey must be a non-empty string$/, { auth: { accessKey: 'AK', secretKey: '' } }],
    ['auth.securityToken', /^auth.securityToken must contain only printable ASCII/, { auth: { accessKey: 'AK', secretKey: 'sk-secret-1', securityToken: 'st-secret\n' } }],
    ['auth.now', /^auth.now must be a function that returns a Date$/, { auth: { accessKey: 'AK', secretKey: 'sk-secret-1', now: 5 } }],
    ['auth', /^auth has both a token \(auth\.token\) and a key pair \(auth\.accessKey, auth\.secretKey\): give one of them/, { auth: { token: 'tok-secret', accessKey: 'AK', secretKey: 'sk-secret-1' } }],
    ['auth', /^auth has both a token \(auth\.token\) and a key pair \(auth\.secretKey\)/, { auth: { token: () => 'tok-secret', secretKey: 'sk-secret-1' } }],
    ['auth', /^auth has both a token \(auth\.token\) and a key pair \(auth\.securityToken\)/, { auth: { token: 'tok-secret', securityToken: 'st-secret' } }],
    ['auth.token', /^auth.token must not be empty$/, { auth: { token: ' ' } }],
    ['auth.token', /^auth.token must contain only printable ASCII/, { auth: { token: 'tok\nen-secret' } }],
  ])('%s (%s)', (field, message, override) => {
    let error: unknown;
    try {
      createWorkflowClient({ ...base, ...override } as WorkflowClientOptions);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WorkflowValidationError);
    expect((error as WorkflowValidationError).field).toBe(field);
    expect((error as Error).message).toMatch(message);
    // The credential values used above never show up in what is thrown.
    for (const secret of ['sk-secret', 'en-secret', 'st-secret']) expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain(secret);
  });

  it('builds the official endpoint from a region', () => {
    expect(createWorkflowClient({ region: 'cn-east-3', auth: { token: 't' } }).baseUrl).toBe('https://functiongraph.cn-east-3.myhuaweicloud.com');
  });

  it('checks a token returned by a token function, without quoting it', async () => {
    const bad = createWorkflowClient({ endpoint: testServer.current.url, projectId: 'p', auth: { token: () => 'secret\r\n' } });
    await refused('auth.token', /^auth.token must contain only printable ASCII/, () => bad.startWorkflowExecution({ workflowId: 'w', input: {} }));
  });
});
