// Every operation × every documented status × every named example, served by Prism behind the gateway
// and read through the client: what the mock answers parses into the client's types and validates
// against the contract, with a fresh request ID that an error body repeats.
import { describe, expect, inject, it } from 'vitest';
import { WorkflowApiError } from '../../src/index.ts';
import { createSchemaValidator } from '../helpers/schema-validator.ts';
import { asServed, callThroughClient, doc, documentedAnswers, mockClient, requestIdPattern } from '../helpers/requests.ts';

const check = createSchemaValidator(doc);
const answers = documentedAnswers();

describe('documented answers from the mock, through the client', () => {
  it('covers both operations and every documented status', () => {
    const statuses = (id: string) => [...new Set(answers.filter((a) => a.op.operationId === id).map((a) => a.status))].sort();
    expect(statuses('startWorkflowExecution')).toEqual([200, 400, 401, 403, 404, 429, 500]);
    expect(statuses('createCallbackWorkflow')).toEqual([200, 400, 401, 403, 404, 429, 500]);
  });

  it.each(answers.map((a) => [a.op.operationId, a.status, a.example, a] as const))('%s %i %s', async (_id, status, example, answer) => {
    let body = '';
    let requestId: string | null = null;
    const observe = async (request: Request) => {
      const response = await fetch(request);
      body = await response.clone().text();
      requestId = response.headers.get('X-Request-Id');
      return response;
    };
    const client = mockClient(inject('mockUrl'), observe);
    const outcome = await callThroughClient(client, answer.op, { Prefer: `code=${status}, example=${example}` }).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );

    expect(requestId).toMatch(requestIdPattern);
    expect(JSON.parse(body)).toEqual(asServed(answer.value, requestId));
    expect(check(answer.schema, JSON.parse(body))).toEqual([]);
    if (status === 200) {
      expect(outcome).toEqual({ result: { executionId: answer.value.execution_id, requestId } });
    } else {
      const error = (outcome as { error: unknown }).error;
      expect(error).toBeInstanceOf(WorkflowApiError);
      const apiError = error as WorkflowApiError;
      expect([apiError.status, apiError.code]).toEqual([status, answer.value.error_code]);
      expect(apiError.requestId).toBe(requestId);
      expect(apiError.data).toEqual(asServed(answer.value, requestId));
    }
  });
});
