// A crash loses nothing: the emulator, a process of its own with --data-dir, is killed with SIGKILL
// while executions sleep, wait on a function's answer, wait for a callback and run through their
// states; started again on the same data, every execution goes on to its end, none is lost, none runs
// a function twice, and the callbacks still resume.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startMock } from '../../emulator/src/mock.ts';
import { spawnEmulator, type SpawnedEmulator } from '../../emulator/src/process.ts';
import { createWorkflowClient, pendingCallbacks, type WorkflowClient } from '../../src/index.ts';
import { flowOf, operation } from '../helpers/emulator.ts';

const dir = mkdtempSync(join(tmpdir(), 'emulator-durable-'));
const dataDir = join(dir, 'data');
const scenarios = join(dir, 'scenarios.json');
writeFileSync(
  scenarios,
  JSON.stringify({
    Flows: { caller: { TestCases: { Default: { slow: 'AnHourLater' } } }, approval: { TestCases: { Default: { approve: 'Waits' } } } },
    MockedResponses: { AnHourLater: { '0': { Return: { slow: 'done' }, Delay: 3600 } }, Waits: { '0': { WaitForCallback: true } } },
  }),
);
const args = ['--data-dir', dataDir, '--scenarios', scenarios, '--time-scale', '1'];
const running: SpawnedEmulator[] = [];
afterAll(() => Promise.all(running.map((mock) => mock.stop())));

async function start(): Promise<{ mock: SpawnedEmulator; client: WorkflowClient }> {
  const mock = await spawnEmulator(args);
  running.push(mock);
  return { mock, client: createWorkflowClient({ endpoint: mock.url, projectId: project, auth: { token: 'durable' } }) };
}

async function kill(mock: SpawnedEmulator): Promise<void> {
  mock.process.kill('SIGKILL');
  expect(await mock.exited).toBe('SIGKILL');
}

const project = 'd0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0';
const get = async (mock: SpawnedEmulator, path: string) => (await fetch(`${mock.url}${path}`)).json() as Promise<any>;

describe('after SIGKILL and a restart on the same --data-dir', () => {
  it('every execution goes on to its end, once', async () => {
    let { mock, client } = await start();
    expect(mock.storage).toBe(join(dataDir, 'emulator.sqlite'));
    const flows = {
      sleeper: flowOf('sleeper', [{ id: 'nap', type: 'Sleep', duration: 3600 }, operation('after', 'after', { woke: "$.nope | 'yes'" })]),
      caller: flowOf('caller', [operation('call', 'slow'), { id: 'end', type: 'End' }]),
      approval: flowOf('approval', [operation('approve', 'approve'), { id: 'end', type: 'End' }]),
      burst: flowOf('burst', [operation('a', 'a', { i: '$.i' }), operation('b', 'b', { i: '$.i' }), operation('c', 'c', { i: '$.i' })]),
    };
    const ids: Record<string, string> = {};
    for (const [name, definition] of Object.entries(flows)) ids[name] = (await client.createWorkflow(definition)).id;
    const waiting: Record<string, string> = {};
    for (const name of ['sleeper', 'caller', 'approval']) waiting[name] = (await client.startWorkflowExecution({ workflowId: ids[name]!, input: {} })).execution_id;
    for (const name of ['sleeper', 'caller', 'approval']) {
      await client.waitForExecution({ workflowId: ids[name]!, executionId: waiting[name]! }, { intervalMs: 5, until: (execution) => (execution.node_execution_details?.length ?? 0) > 0 });
    }
    // A burst still running its states when the process dies: only the starts that were answered count.
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => client.startWorkflowExecution({ workflowId: ids.burst!, input: { i } }).then((answer) => answer.execution_id)));
    await kill(mock);

    ({ mock, client } = await start());
    const waits = (await get(mock, `/_emulator/projects/${project}/waits`)).waits as Array<{ execution_id: string; kind: string }>;
    expect(waits.map((wait) => [wait.execution_id, wait.kind]).sort()).toEqual(
      [[waiting.sleeper, 'sleep'], [waiting.caller, 'function'], [waiting.approval, 'callback']].sort(),
    );
    const approval = await client.showWorkflowExecution({ workflowId: ids.approval!, executionId: waiting.approval! });
    const [callback] = pendingCallbacks(approval);
    await client.createCallbackWorkflow({ workflowId: ids.approval!, runId: callback!.runId, stateId: callback!.stateId, result: 'success', output: { approved: true } });

    await fetch(`${mock.url}/_emulator/clock/advance`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ seconds: 3600 }) });
    const ends: Record<string, unknown> = {};
    for (const name of ['sleeper', 'caller', 'approval']) {
      const ended = await client.waitForExecution({ workflowId: ids[name]!, executionId: waiting[name]! }, { intervalMs: 5 });
      ends[name] = [ended.status, ended.output, ended.node_execution_details!.map((node) => node.executions!.length)];
    }
    expect(ends).toEqual({
      sleeper: ['success', { woke: 'yes' }, [1, 1]],
      caller: ['success', { slow: 'done' }, [1, 1]],
      approval: ['success', { approved: true }, [1, 1]],
    });
    for (const executionId of burst) {
      const ended = await client.waitForExecution({ workflowId: ids.burst!, executionId }, { intervalMs: 5 });
      expect([ended.status, ended.node_execution_details!.map((node) => node.executions!.length)]).toEqual(['success', [1, 1, 1]]);
    }
    expect((await client.showWorkflowExecutionForPage({ workflowId: ids.burst!, offset: 0, limit: 100 })).total).toBe(40);

    // Each function ran once per execution: the recorded calls, with their invocation numbers.
    const calls = (await get(mock, `/_emulator/projects/${project}/calls?limit=1000`)).calls as Array<{ execution_id: string; function: string; invocation: number }>;
    const perCall = new Map<string, number>();
    for (const call of calls) perCall.set(`${call.execution_id} ${call.function} ${call.invocation}`, (perCall.get(`${call.execution_id} ${call.function} ${call.invocation}`) ?? 0) + 1);
    expect([...perCall.values()].every((count) => count === 1)).toBe(true);
    expect(calls.filter((call) => call.invocation !== 0)).toEqual([]);
    expect(calls).toHaveLength(3 + 40 * 3);

    expect((await get(mock, '/_emulator/info')).answers.violations, 'every answer the emulator gave is valid under the contract').toBe(0);
    // The clock does not go back across a crash.
    const before = (await get(mock, '/_emulator/clock')).now_ms as number;
    await kill(mock);
    ({ mock } = await start());
    expect((await get(mock, '/_emulator/clock')).now_ms).toBeGreaterThanOrEqual(before);
  });
});

describe('a data directory the emulator cannot use', () => {
  it('is refused at start, naming the directory and the file, whether it is a file or holds no database', async () => {
    const notADirectory = join(dir, 'a-file');
    writeFileSync(notADirectory, 'x');
    await expect(startMock({ port: 0, logLevel: 'silent', dataDir: notADirectory })).rejects.toThrow(`--data-dir ${notADirectory}: cannot keep the emulator's state in ${join(notADirectory, 'emulator.sqlite')}`);
    const garbage = join(dir, 'garbage');
    mkdirSync(garbage);
    writeFileSync(join(garbage, 'emulator.sqlite'), Buffer.alloc(8192, 'not a database '));
    await expect(startMock({ port: 0, logLevel: 'silent', dataDir: garbage })).rejects.toThrow(`--data-dir ${garbage}: cannot keep the emulator's state in ${join(garbage, 'emulator.sqlite')}: file is not a database`);
  });
});
