// Every operation × every documented status × every named example, served by Prism behind the gateway
// and read through the client: what the mock answers validates against the contract and comes back
// from the operation's method exactly as sent, with a fresh request ID that an error body repeats; and
// the same through the client's openapi-fetch layer (`client.raw`).
import { describe, expect, inject, it } from 'vitest';
import { WorkflowApiError } from '../../src/index.ts';
import { createSchemaValidator } from '../helpers/schema-validator.ts';
import {
  asServed,
  callRaw,
  callThroughClient,
  clientMethodOperations,
  contractOperations,
  doc,
  documentedAnswers,
  mockClient,
  preferHeader,
  requestIdPattern,
  type DocumentedAnswer,
} from '../helpers/requests.ts';

const check = createSchemaValidator(doc);
const answers = documentedAnswers();
const label = (a: DocumentedAnswer) => a.example ?? '(no body)';

describe('documented answers from the mock, through the client', () => {
  it('covers all fifteen operations and every documented status', () => {
    const statuses = (id: string) => [...new Set(answers.filter((a) => a.op.operationId === id).map((a) => a.status))].sort();
    const withNotFound = [200, 400, 401, 403, 404, 429, 500];
    const withoutNotFound = [200, 400, 401, 403, 429, 500];
    expect(Object.fromEntries(contractOperations.map((op) => [op.operationId, statuses(op.operationId)]))).toEqual({
      startWorkflowExecution: withNotFound,
      listWorkflowExecutions: withoutNotFound,
      createCallbackWorkflow: withNotFound,
      startSyncWorkflowExecution: withNotFound,
      showWorkflowExecution: withNotFound,
      showWorkflowExecutionForPage: withoutNotFound,
      retryWorkFlow: withNotFound,
      stopWorkFlow: withNotFound,
      createWorkflow: [201, 400, 401, 403, 429, 500],
      listWorkflow: withoutNotFound,
      batchDeleteWorkflows: withoutNotFound,
      showWorkFlow: withNotFound,
      updateWorkFlow: withNotFound,
      showTenantMetric: withoutNotFound,
      showWorkFlowMetric: withoutNotFound,
    });
    // Retry and stop answer an empty 200; every other answer has named examples.
    expect(answers.filter((a) => a.example === undefined).map((a) => `${a.op.operationId} ${a.status}`)).toEqual(['retryWorkFlow 200', 'stopWorkFlow 200']);
  });

  it('has a method for every operation', () => {
    expect([...clientMethodOperations].sort()).toEqual(contractOperations.map((op) => op.operationId).sort());
  });

  /** A client that records the body and request ID of each answer it receives. */
  function observingClient() {
    const seen = { body: '', requestId: null as string | null };
    const observe = async (request: Request) => {
      const response = await fetch(request);
      seen.body = await response.clone().text();
      seen.requestId = response.headers.get('X-Request-Id');
      return response;
    };
    return { client: mockClient(inject('mockUrl'), observe), seen };
  }

  it.each(answers.map((a) => [a.op.operationId, a.status, label(a), a] as const))('%s %i %s: through the method', async (_id, status, _example, answer) => {
    const { client, seen } = observingClient();
    const outcome = await callThroughClient(client, answer.op, { Prefer: preferHeader(answer) }).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    expect(seen.requestId).toMatch(requestIdPattern);
    if (answer.value === undefined) {
      // Retry and stop: an empty 200 is a success, and the request ID is the whole result.
      expect(seen.body).toBe('');
      expect(outcome).toEqual({ result: { request_id: seen.requestId } });
      expect(Object.keys((outcome as { result: object }).result)).toEqual(['request_id']);
      return;
    }
    const value = answer.value;
    expect(JSON.parse(seen.body)).toEqual(asServed(value, seen.requestId));
    expect(check(answer.schema!, JSON.parse(seen.body))).toEqual([]);
    if (status < 300) {
      // The body as sent, every key of user data included, and the request ID beside it.
      expect(outcome).toEqual({ result: { ...value, request_id: seen.requestId } });
      expect(JSON.stringify((outcome as { result: object }).result)).toBe(JSON.stringify({ ...(JSON.parse(seen.body) as object), request_id: seen.requestId }));
    } else {
      const error = (outcome as { error: unknown }).error;
      expect(error).toBeInstanceOf(WorkflowApiError);
      const apiError = error as WorkflowApiError;
      expect([apiError.status, apiError.code]).toEqual([status, value.error_code]);
      expect(apiError.requestId).toBe(seen.requestId);
      expect(apiError.data).toEqual(asServed(value, seen.requestId));
    }
  });

  it.each(answers.map((a) => [a.op.operationId, a.status, label(a), a] as const))('%s %i %s: through client.raw', async (_id, status, _example, answer) => {
    const { client, seen } = observingClient();
    const outcome = await callRaw(client, answer.op, { Prefer: preferHeader(answer) });
    expect(outcome.status).toBe(status);
    expect(seen.requestId).toMatch(requestIdPattern);
    expect(outcome.requestId).toBe(seen.requestId);
    if (answer.value === undefined) {
      expect(seen.body).toBe('');
      expect([outcome.data, outcome.error]).toEqual([undefined, undefined]);
      return;
    }
    const served = asServed(answer.value, seen.requestId);
    expect(JSON.parse(seen.body)).toEqual(served);
    expect(check(answer.schema!, JSON.parse(seen.body))).toEqual([]);
    expect(status < 300 ? outcome.data : outcome.error).toEqual(served);
  });
});
