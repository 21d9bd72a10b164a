// A path parameter always stays exactly one path segment, whatever it contains.
import { describe, expect, it } from 'vitest';
import { createWorkflowClient, encodePathSegment, WorkflowValidationError } from '../../src/index.ts';
import { answerJson, useTestServer } from '../helpers/http-server.ts';

// Answers every call as a finished execution (retry and stop ignore the body).
const testServer = useTestServer(answerJson(200, { execution_id: 'exec-1', status: 'success' }));

const client = () => createWorkflowClient({ endpoint: testServer.current.url, projectId: 'p', auth: { token: 't' } });

// [workflow ID, the segment expected on the wire]
const cases: Array<[string, string]> = [
  ['../x', '..%2Fx'],
  ['a/b', 'a%2Fb'],
  ['a?b=1', 'a%3Fb=1'],
  ['a#frag', 'a%23frag'],
  ['100%', '100%25'],
  ['%2e%2e', '%252e%252e'],
  ['%2F', '%252F'],
  ['a b', 'a%20b'],
  ['a\\b', 'a%5Cb'],
  ['{workflow_id}', '%7Bworkflow_id%7D'],
  ['x"<>^`|', 'x%22%3C%3E%5E%60%7C'],
  ['tab\there', 'tab%09here'],
  ["!$&'()*+,;=", "!$&'()*+,;="],
  ['user@host:8080', 'user@host:8080'],
  ['-._~', '-._~'],
  ['...', '...'],
  ['流程-ü', '%E6%B5%81%E7%A8%8B-%C3%BC'],
  ['emoji-😀', 'emoji-%F0%9F%98%80'],
];

describe('path parameters on the wire', () => {
  it.each(cases)('workflowId %j is sent as the single segment %s', async (workflowId, segment) => {
    await client().startWorkflowExecution({ workflowId, input: {} });
    expect(testServer.current.requests).toHaveLength(1);
    const target = testServer.current.requests[0]!.target;
    expect(target).toBe(`/v2/p/fgs/workflows/${segment}/executions`);
    // Decoding the segment once gives back exactly the caller's value.
    const segments = target.split('/');
    expect(segments).toHaveLength(7);
    expect(decodeURIComponent(segments[5]!)).toBe(workflowId);
  });

  it.each(cases)('executionId %j is sent as the single segment %s, on every operation that has one', async (executionId, segment) => {
    const input = { workflowId: 'w', executionId };
    await client().showWorkflowExecution(input);
    await client().retryWorkFlow(input);
    await client().stopWorkFlow(input);
    await client().waitForExecution(input);
    expect(testServer.current.requests.map((r) => `${r.method} ${r.target}`)).toEqual([
      `GET /v2/p/fgs/workflows/w/executions/${segment}`,
      `POST /v2/p/fgs/workflows/w/executions/${segment}/retry`,
      `POST /v2/p/fgs/workflows/w/executions/${segment}/terminate`,
      `GET /v2/p/fgs/workflows/w/executions/${segment}`,
    ]);
    expect(decodeURIComponent(testServer.current.requests[0]!.target.split('/')[7]!)).toBe(executionId);
  });

  it.each(['.', '..'])('refuses the executionId %j before sending', async (executionId) => {
    for (const call of [client().showWorkflowExecution, client().retryWorkFlow, client().stopWorkFlow, client().waitForExecution]) {
      await expect(call({ workflowId: 'w', executionId })).rejects.toThrow(/^executionId must not be "\.{1,2}"/);
    }
    expect(testServer.current.requests).toHaveLength(0);
  });

  it('encodes the project ID the same way', async () => {
    await client().startWorkflowExecution({ projectId: 'a/../b', workflowId: 'w', input: {} });
    expect(testServer.current.requests[0]!.target).toBe('/v2/a%2F..%2Fb/fgs/workflows/w/executions');
  });

  it.each(['.', '..'])('refuses %j, which URL parsing would resolve away, before sending', async (workflowId) => {
    await expect(client().startWorkflowExecution({ workflowId, input: {} })).rejects.toThrow(WorkflowValidationError);
    await expect(client().startWorkflowExecution({ workflowId, input: {} })).rejects.toThrow(/workflowId must not be "\.{1,2}"/);
    expect(testServer.current.requests).toHaveLength(0);
  });

  it('refuses text that is not well-formed Unicode', async () => {
    await expect(client().startWorkflowExecution({ workflowId: 'a\ud800', input: {} })).rejects.toThrow(/workflowId must be well-formed Unicode/);
    expect(testServer.current.requests).toHaveLength(0);
  });

  it('round-trips every printable ASCII character and a sample of Unicode', () => {
    const pchar = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-F]{2})*$/;
    for (let code = 0; code < 0x3000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const value = `a${String.fromCodePoint(code)}b`;
      const encoded = encodePathSegment(value);
      expect(encoded).toMatch(pchar);
      expect(decodeURIComponent(encoded)).toBe(value);
    }
  });
});
