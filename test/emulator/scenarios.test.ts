// The scenarios file: refused whole when malformed (naming the file, the place and the problem) at
// start and on reload, re-read when it changes, its test case picked per execution by
// X-Emulator-Test-Case (else Default), and ranges of invocations that must leave no gap.
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarios, ScenarioError } from '../../emulator/src/engine/scenarios.ts';
import { startMock } from '../../emulator/src/mock.ts';
import { flowOf, operation, useEmulator } from '../helpers/emulator.ts';

const dir = mkdtempSync(join(tmpdir(), 'emulator-scenarios-'));
const file = join(dir, 'scenarios.json');
const write = (content: unknown, mtime: number) => {
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  // A distinct modification time for each version, however fast the writes come.
  utimesSync(file, mtime, mtime);
};
const version = (answer: unknown) => ({ Flows: { greet: { TestCases: { Default: { hello: 'Hello' }, Other: { hello: 'Other' } } } }, MockedResponses: { Hello: { '0-9': answer }, Other: { '0-9': { Return: { other: true } } } } });
write(version({ Return: { v: 1 } }), 1_000);

const emulator = useEmulator({ scenarios: file });

describe('a malformed scenarios file', () => {
  const problem = (content: unknown) => {
    try {
      parseScenarios(typeof content === 'string' ? content : JSON.stringify(content), 'scenarios.json');
    } catch (error) {
      if (error instanceof ScenarioError) return error.message;
      throw error;
    }
    return 'accepted';
  };

  it.each([
    ['{"Flows": ', 'scenarios.json: is not JSON'],
    [{ StateMachines: {} }, 'scenarios.json: /StateMachines: is the name Step Functions Local uses'],
    [{ MockedResponses: { R: { '0': { Return: {}, Throw: { Error: 'E', Cause: 'C' } } } } }, 'scenarios.json: /MockedResponses/R/0: has Return and Throw: give exactly one'],
    [{ MockedResponses: { R: { '0': { Throw: { Error: 'E' } } } } }, 'scenarios.json: /MockedResponses/R/0/Throw/Cause: is required'],
    [{ MockedResponses: { R: { '0': { Return: {} }, '2': { Return: {} } } } }, 'scenarios.json: /MockedResponses/R: has no answer for invocation 1'],
    [{ MockedResponses: { R: { '0-2': { Return: {} }, '1': { Return: {} } } } }, 'scenarios.json: /MockedResponses/R/1: overlaps another range'],
    [{ MockedResponses: { R: { '3-1': { Return: {} } } } }, 'scenarios.json: /MockedResponses/R/3-1: is a range that ends before it starts'],
    [{ MockedResponses: { R: { first: { Return: {} } } } }, 'scenarios.json: /MockedResponses/R/first: is not an invocation number'],
    [{ MockedResponses: { R: { '0': { WaitForCallback: true, Delay: 1 } } } }, 'scenarios.json: /MockedResponses/R/0/Delay: does not go with WaitForCallback'],
    [{ MockedResponses: { R: { '0': { Return: {}, Delay: -1 } } } }, 'scenarios.json: /MockedResponses/R/0/Delay: must be a number of seconds'],
    [{ Flows: { f: { TestCases: { Default: { fn: 'Missing' } } } }, MockedResponses: {} }, 'scenarios.json: /Flows/f/TestCases/Default/fn: names the response id "Missing", which MockedResponses does not define'],
    [{ Flows: { f: { TestCases: { Default: { fn: [{ WhenInput: {}, Response: 'R', Extra: 1 }] } } } }, MockedResponses: { R: { '0': { Return: {} } } } }, 'scenarios.json: /Flows/f/TestCases/Default/fn/0/Extra: is not a field of a rule'],
    [{ Flows: { 'a/b': { Cases: {} } } }, 'scenarios.json: /Flows/a~1b/Cases: is not a field of a flow'],
  ])('%j is refused: %s', (content, message) => {
    expect(problem(content)).toContain(message);
  });

  it('stops the emulator from starting, with the file and the place', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ MockedResponses: { R: { '0': {} } } }));
    await expect(startMock({ port: 0, logLevel: 'silent', scenarios: broken })).rejects.toThrow(`${broken}: /MockedResponses/R/0: must have one of Return, Throw or WaitForCallback`);
  });
});

describe('a scenarios file in use', () => {
  it('is re-read when it changes, and a broken version is refused whole while the last good one stays', async () => {
    const client = emulator.client();
    const { id: workflowId } = await client.createWorkflow(flowOf('greet', [operation('hello', 'hello')]));
    const run = async (headers: Record<string, string> = {}) => {
      const { execution_id: executionId } = await client.startWorkflowExecution({ workflowId, input: {} }, { headers });
      return client.waitForExecution({ workflowId, executionId }, { intervalMs: 5 });
    };
    expect((await run()).output).toEqual({ v: 1 });
    write(version({ Return: { v: 2 } }), 2_000);
    expect((await run()).output).toEqual({ v: 2 });
    expect((await run({ 'X-Emulator-Test-Case': 'Other' })).output).toEqual({ other: true });
    // The test cases a start can name, by flow, for a tool to offer (the console's start form).
    expect((await emulator.admin('GET', '/_emulator/info')).body.scenarios.test_cases).toEqual({ greet: ['Default', 'Other'] });

    write(JSON.stringify(version({ Return: { v: 3 } })).replace('"Other"}', '"Nowhere"}'), 3_000);
    expect((await run()).output).toEqual({ v: 2 });
    const { body } = await emulator.admin('GET', '/_emulator/info');
    expect(body.scenarios.error).toContain(`${file}: /Flows/greet/TestCases/Other/hello: names the response id "Nowhere"`);

    write(version({ Throw: { Error: 'Boom', Cause: 'scripted' } }), 4_000);
    const thrown = await run();
    expect(thrown.status).toBe('fail');
    expect(thrown.node_execution_details).toBeDefined();
    expect((await emulator.admin('GET', '/_emulator/info')).body.scenarios.error).toBeNull();
  });

  it('refuses a start whose X-Emulator-Test-Case names no test case, saying which there are', async () => {
    const client = emulator.client();
    const { id: workflowId } = await client.createWorkflow(flowOf('greet', [operation('hello', 'hello')]));
    const refused = await client.startWorkflowExecution({ workflowId, input: {} }, { headers: { 'X-Emulator-Test-Case': 'Nope' } }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 400, message: expect.stringContaining('it has "Default", "Other"') });
    const { id: other } = await client.createWorkflow(flowOf('unscripted', [operation('hello', 'hello', { a: 1 })]));
    const noFlow = await client.startWorkflowExecution({ workflowId: other, input: {} }, { headers: { 'X-Emulator-Test-Case': 'Default' } }).catch((error: unknown) => error);
    expect(noFlow).toMatchObject({ status: 400, message: expect.stringContaining('has no flow named "unscripted"') });
    // Without the header, a flow the file does not name runs unscripted: its function answers its arguments.
    const { execution_id: executionId } = await client.startWorkflowExecution({ workflowId: other, input: {} });
    expect((await client.waitForExecution({ workflowId: other, executionId }, { intervalMs: 5 })).output).toEqual({ a: 1 });
  });
});
