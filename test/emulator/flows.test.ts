// Flows that run: data through arguments and filters, actions in sequence and in parallel, Sleep on the
// virtual clock, error handlers with retry policies, scripted answers (Return, Throw, Delay, input
// matching), and express flows run synchronously with their 5-minute limit. All through the client,
// against the emulator behind its gateway.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkflowApiError, type WorkflowClient } from '../../src/index.ts';
import { flowOf, operation, useEmulator } from '../helpers/emulator.ts';

const scenarios = join(mkdtempSync(join(tmpdir(), 'emulator-flows-')), 'scenarios.json');
writeFileSync(
  scenarios,
  JSON.stringify({
    Flows: {
      'flaky-payment': { TestCases: { Default: { charge: 'FailsTwiceThenPays' }, AlwaysFails: { charge: 'AlwaysDeclined' } } },
      'slow-express': { TestCases: { Default: { work: 'TakesTenMinutes' }, Quick: { work: 'TakesOneMinute' } } },
      'by-input': { TestCases: { Default: { check: [{ WhenInput: { order: { id: 13 } }, Response: 'Unlucky' }, { Response: 'Fine' }] } } },
      'callback-express': { TestCases: { Default: { approve: 'WaitsForApproval' } } },
      'not-an-object': { TestCases: { Default: { count: 'AnswersANumber' } } },
    },
    MockedResponses: {
      FailsTwiceThenPays: { '0-1': { Throw: { Error: '503', Cause: 'bank unavailable' } }, '2': { Return: { paid: true } } },
      AlwaysDeclined: { '0-9': { Throw: { Error: 'Declined', Cause: 'card declined' } } },
      TakesTenMinutes: { '0': { Return: { done: true }, Delay: 600 } },
      TakesOneMinute: { '0': { Return: { done: true }, Delay: 60 } },
      Unlucky: { '0': { Throw: { Error: 'Unlucky', Cause: 'order 13 is cursed' } } },
      Fine: { '0-99': { Return: { ok: true } } },
      WaitsForApproval: { '0': { WaitForCallback: true } },
      AnswersANumber: { '0': { Return: 42 } },
    },
  }),
);

const emulator = useEmulator({ scenarios });

async function run(client: WorkflowClient, definition: Parameters<WorkflowClient['createWorkflow']>[0], input: Record<string, unknown>, options: Parameters<WorkflowClient['startWorkflowExecution']>[1] = {}, start: Record<string, unknown> = {}) {
  const { id: workflowId } = await client.createWorkflow(definition);
  const { execution_id: executionId } = await client.startWorkflowExecution({ workflowId, input, ...start }, options);
  const execution = await client.waitForExecution({ workflowId, executionId, fullHistoryData: true }, { intervalMs: 5 });
  return { workflowId, executionId, execution };
}

describe('data flow', () => {
  it('resolves arguments as JSONPath into the state input, with fallbacks and constants, and passes each output on', async () => {
    const client = emulator.client();
    const definition = flowOf(
      'data-flow',
      [
        operation('reserve', 'reserve', {
          order: '$.order.id',
          first: '$.items[0].sku',
          missing: "$.nope | 'default text'",
          number: '$.nope | 7',
          constant: '$.nope | $CONST.warehouse.id',
          constantDots: '$.nope | $.constants.warehouse.name',
          direct: '$CONST.warehouse.id',
          literal: 'cn-north-4',
          nested: { ids: ['$.order.id', '$.items[*].sku'] },
          absent: '$.not.there',
        }),
        operation('ship', 'ship', { reserved: '$.order', where: '$.constant' }),
        { id: 'done', type: 'End' },
      ],
      { constants: { warehouse: { id: 'w-7', name: 'north' } } },
    );
    const { execution } = await run(client, definition, { order: { id: 42 }, items: [{ sku: 'a' }, { sku: 'b' }] });
    expect(execution.status).toBe('success');
    const [reserve, ship, done] = execution.node_execution_details!;
    const reserved = { order: 42, first: 'a', missing: 'default text', number: 7, constant: 'w-7', constantDots: 'north', direct: 'w-7', literal: 'cn-north-4', nested: { ids: [42, 'a'] } };
    expect(reserve!.executions![0]!.output).toEqual(reserved);
    expect(ship!.executions![0]!.input).toEqual(reserved);
    expect(ship!.executions![0]!.output).toEqual({ reserved: 42, where: 'w-7' });
    expect(done!.executions![0]!.output).toEqual({ reserved: 42, where: 'w-7' });
    expect(execution.output).toEqual({ reserved: 42, where: 'w-7' });
  });

  it('applies state_data_filter to a state input before its arguments, and to its output after its actions', async () => {
    const client = emulator.client();
    const definition = flowOf('filters', [
      operation('pick', 'pick', { id: '$.id', all: '$' }, { state_data_filter: { input: '$.order', output: '$.all' } }),
      { id: 'end', type: 'End', state_data_filter: { input: '$', output: '' } },
    ]);
    const { execution } = await run(client, definition, { order: { id: 1, note: 'x' }, other: true });
    const [pick] = execution.node_execution_details!;
    expect(pick!.executions![0]!.input).toEqual({ id: 1, note: 'x' });
    expect(execution.output).toEqual({ id: 1, note: 'x' });
  });

  it('runs actions one after another or in parallel, and merges their outputs in the order of the actions', async () => {
    const client = emulator.client();
    const actions = [
      { function_ref: { ref_name: 'a', arguments: { a: 1, shared: 'a' } } },
      { function_ref: { ref_name: 'b', arguments: { b: 2, shared: 'b' } } },
    ];
    for (const action_mode of ['sequential', 'parallel']) {
      const { execution, executionId } = await run(client, flowOf(`actions-${action_mode}`, [{ id: 'both', type: 'Operation', action_mode, actions }]), {});
      expect(execution.output).toEqual({ a: 1, b: 2, shared: 'b' });
      const { body } = await emulator.admin('GET', `/_emulator/projects/${client.projectId}/calls?execution_id=${executionId}`);
      expect(body.calls.map((call: { function: string }) => call.function)).toEqual(['a', 'b']);
    }
  });

  it('merges the previous input into the next one with X-WorkflowRun-MergeFnParameters, and hands the body headers to every function', async () => {
    const client = emulator.client();
    const definition = flowOf('merge', [operation('first', 'first', { added: "$.nope | 'yes'" }), operation('second', 'second', { seen: '$' })]);
    const { execution, executionId } = await run(client, definition, { kept: 1 }, {}, { mergeFnParameters: 'true', headers: { tenantId: 'user1' } });
    expect(execution.output).toEqual({ seen: { kept: 1, added: 'yes' } });
    expect(execution.headers).toEqual({ tenantId: 'user1' });
    const { body } = await emulator.admin('GET', `/_emulator/projects/${client.projectId}/calls?execution_id=${executionId}`);
    const [call] = body.calls;
    expect(call.headers).toMatchObject({ tenantId: 'user1', 'x-workflow-run-id': executionId, 'x-workflow-state-id': execution.node_execution_details![0]!.execution_id });
  });

  it('sleeps its fractional duration on the virtual clock', async () => {
    const client = emulator.client();
    const { execution } = await run(client, flowOf('sleepy', [{ id: 'nap', type: 'Sleep', duration: 2.5 }, { id: 'end', type: 'End' }]), {});
    const nap = execution.node_execution_details![0]!.executions![0]!;
    expect(nap.end_time! - nap.begin_time!).toBeGreaterThanOrEqual(2500);
    expect(nap.end_time! - nap.begin_time!).toBeLessThan(2600);
  });
});

describe('errors', () => {
  const payment = (extra: Record<string, unknown> = {}) =>
    flowOf(
      'flaky-payment',
      [
        operation('charge', 'charge', { amount: '$.amount' }, { on_errors: [{ error: '$.errorCode == 503', retry_ref: 'bank', transition: 'refund' }, { error: '', transition: 'refund' }], ...extra }),
        { id: 'paid', type: 'End' },
        { id: 'refund', type: 'End' },
      ].map((state, i) => (i === 0 ? { ...state, transition: 'paid' } : state)),
      { retries: [{ name: 'bank', delay: 2 }] },
    );

  it('retries a matching error with the policy\'s fixed delay, counting every attempt as an invocation', async () => {
    const client = emulator.client();
    const { execution, executionId } = await run(client, payment(), { amount: 10 });
    expect(execution.status).toBe('success');
    const attempts = execution.node_execution_details![0]!.executions!;
    expect(attempts.map((attempt) => attempt.status)).toEqual(['fail', 'fail', 'success']);
    expect(attempts[0]!.error_message).toEqual({ errorCode: 503, errorMessage: 'bank unavailable' });
    // Each retry starts the policy's delay (2 s) after the attempt before it ended.
    expect(attempts[1]!.begin_time! - attempts[0]!.end_time!).toBeGreaterThanOrEqual(2000);
    expect(attempts[1]!.begin_time! - attempts[0]!.end_time!).toBeLessThan(2100);
    expect(execution.node_execution_details!.map((node) => node.node_id)).toEqual(['charge', 'paid']);
    const { body } = await emulator.admin('GET', `/_emulator/projects/${client.projectId}/calls?execution_id=${executionId}`);
    expect(body.calls.map((call: { invocation: number; attempt: number }) => [call.invocation, call.attempt])).toEqual([[0, 1], [1, 2], [2, 3]]);
  });

  it('takes the first handler that matches, and its transition once the retries are used up', async () => {
    const client = emulator.client();
    const { execution } = await run(client, payment(), { amount: 10 }, { headers: { 'X-Emulator-Test-Case': 'AlwaysFails' } });
    expect(execution.status).toBe('success');
    // "Declined" does not match $.errorCode == 503, so the catch-all handler sends it to refund at once.
    expect(execution.node_execution_details!.map((node) => [node.node_id, node.executions!.length])).toEqual([['charge', 1], ['refund', 1]]);
    expect(execution.node_execution_details![1]!.executions![0]!.input).toEqual({ amount: 10, error: { errorCode: 'Declined', errorMessage: 'card declined' } });
  });

  it('uses 1 s and 3 retries for a policy that gives neither, then fails the execution when no handler moves on', async () => {
    const client = emulator.client();
    const definition = flowOf('flaky-payment', [operation('charge', 'charge', {}, { on_errors: [{ error: '$.errorCode == \'Declined\'', retry_ref: 'plain' }] })], { retries: [{ name: 'plain' }] });
    const { execution } = await run(client, definition, {}, { headers: { 'X-Emulator-Test-Case': 'AlwaysFails' } });
    expect(execution.status).toBe('fail');
    const attempts = execution.node_execution_details![0]!.executions!;
    expect(attempts).toHaveLength(4);
    expect(attempts[1]!.begin_time! - attempts[0]!.end_time!).toBeGreaterThanOrEqual(1000);
    expect(attempts[1]!.begin_time! - attempts[0]!.end_time!).toBeLessThan(1100);
  });

  it('fails a node whose filter finds nothing at run time, with a readable error_message', async () => {
    const client = emulator.client();
    const { execution } = await run(client, flowOf('bad-filter', [operation('pick', 'pick', {}, { state_data_filter: { input: '$.order' } })]), { other: 1 });
    expect(execution.status).toBe('fail');
    expect(execution.node_execution_details![0]!.executions![0]!.error_message).toEqual({
      errorCode: 'Emulator.ExpressionFailed',
      errorMessage: 'state_data_filter.input "$.order" finds nothing in the state\'s input',
    });
  });

  it('fails a node whose function answers something other than a JSON object', async () => {
    const client = emulator.client();
    const { execution } = await run(client, flowOf('not-an-object', [operation('count', 'count')]), {});
    expect(execution.node_execution_details![0]!.executions![0]!.error_message).toMatchObject({ errorCode: 'Emulator.NotAnObject' });
  });

  it('picks an answer by the call\'s input where a rule says so', async () => {
    const client = emulator.client();
    const definition = flowOf('by-input', [operation('check', 'check', { order: '$.order' })]);
    const { id: workflowId } = await client.createWorkflow(definition);
    const ended = [];
    for (const id of [12, 13]) {
      const { execution_id: executionId } = await client.startWorkflowExecution({ workflowId, input: { order: { id, note: 'n' } } });
      ended.push(await client.waitForExecution({ workflowId, executionId }, { intervalMs: 5 }));
    }
    expect(ended.map((execution) => execution.status)).toEqual(['success', 'fail']);
  });
});

describe('express flows', () => {
  const express = (name: string, fn: string) => flowOf(name, [operation('work', fn)], { mode: 'EXPRESS' });

  it('run synchronously and answer with the output', async () => {
    const client = emulator.client();
    const { id: workflowId } = await client.createWorkflow(express('sync-express', 'work'));
    const answer = await client.startSyncWorkflowExecution({ workflowId, input: { n: 1 } });
    expect(answer).toMatchObject({ status: 'success', output: { } });
    const seen = await client.showWorkflowExecution({ workflowId, executionId: answer.execution_id });
    expect(seen.status).toBe('success');
    expect(seen.node_execution_details).toEqual([]);
  });

  it('end timeout at 5 minutes of the virtual clock, and finish within them', async () => {
    const client = emulator.client();
    const { id: workflowId } = await client.createWorkflow(express('slow-express', 'work'));
    const slow = await client.startSyncWorkflowExecution({ workflowId, input: {} });
    expect(slow.status).toBe('timeout');
    expect(Date.parse(slow.end_time!) - Date.parse(slow.begin_time!)).toBe(300_000);
    const quick = await client.startSyncWorkflowExecution({ workflowId, input: {} }, { headers: { 'X-Emulator-Test-Case': 'Quick' } });
    expect(quick).toMatchObject({ status: 'success', output: { done: true } });
  });

  it('answer a synchronous failure with the node and its error', async () => {
    const client = emulator.client();
    const { id: workflowId } = await client.createWorkflow(express('callback-express', 'approve'));
    const answer = await client.startSyncWorkflowExecution({ workflowId, input: {} });
    expect(answer.status).toBe('fail');
    expect(answer.errors).toEqual([expect.objectContaining({ node_id: 'work', error_message: expect.stringContaining('only standard (NORMAL) flows pause for callbacks') })]);
  });

  it('are the only flows a synchronous start runs', async () => {
    const client = emulator.client();
    const { id: workflowId } = await client.createWorkflow(flowOf('normal', [operation('work', 'work')]));
    const refused = await client.startSyncWorkflowExecution({ workflowId, input: {} }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WorkflowApiError);
    expect(refused).toMatchObject({ status: 400, message: expect.stringContaining('only EXPRESS flows run synchronously') });
  });
});
