// Every operation × every documented status × every named example, served by Prism behind the gateway
// and read through the client: what the mock answers parses into the client's types and validates
// against the contract, with a fresh request ID that an error body repeats. Operations the client has
// a method for go through that method; the others through its openapi-fetch layer (`client.raw`).
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
  it('covers all eight operations and every documented status', () => {
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
    });
    // Retry and stop answer an empty 200; every other answer has named examples.
    expect(answers.filter((a) => a.example === undefined).map((a) => `${a.op.operationId} ${a.status}`)).toEqual(['retryWorkFlow 200', 'stopWorkFlow 200']);
  });

  it.each(answers.map((a) => [a.op.operationId, a.status, label(a), a] as const))('%s %i %s', async (_id, status, _example, answer) => {
    let body = '';
    let requestId: string | null = null;
    const observe = async (request: Request) => {
      const response = await fetch(request);
      body = await response.clone().text();
      requestId = response.headers.get('X-Request-Id');
      return response;
    };
    const client = mockClient(inject('mockUrl'), observe);
    const headers = { Prefer: preferHeader(answer) };

    if (!clientMethodOperations.has(answer.op.operationId)) {
      const outcome = await callRaw(client, answer.op, headers);
      expect(outcome.status).toBe(status);
      expect(requestId).toMatch(requestIdPattern);
      expect(outcome.requestId).toBe(requestId);
      if (answer.value === undefined) {
        expect(body).toBe('');
        expect([outcome.data, outcome.error]).toEqual([undefined, undefined]);
        return;
      }
      const served = asServed(answer.value, requestId);
      expect(JSON.parse(body)).toEqual(served);
      expect(check(answer.schema!, JSON.parse(body))).toEqual([]);
      expect(status < 300 ? outcome.data : outcome.error).toEqual(served);
      return;
    }

    const outcome = await callThroughClient(client, answer.op, headers).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    const value = answer.value!;
    expect(requestId).toMatch(requestIdPattern);
    expect(JSON.parse(body)).toEqual(asServed(value, requestId));
    expect(check(answer.schema!, JSON.parse(body))).toEqual([]);
    if (status === 200) {
      expect(outcome).toEqual({ result: { executionId: value.execution_id, requestId } });
    } else {
      const error = (outcome as { error: unknown }).error;
      expect(error).toBeInstanceOf(WorkflowApiError);
      const apiError = error as WorkflowApiError;
      expect([apiError.status, apiError.code]).toEqual([status, value.error_code]);
      expect(apiError.requestId).toBe(requestId);
      expect(apiError.data).toEqual(asServed(value, requestId));
    }
  });
});
