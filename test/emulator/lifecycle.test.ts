// The rest of an execution's life: callbacks that resume (and the ones refused), stop whatever the
// execution waits on, retry from the failed state, lists and pages with their filters and true totals,
// metrics from the stored executions, flows kept apart by project, the emulator's own endpoints, and a
// client that goes away mid-request.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { root } from '../../scripts/paths.ts';
import { pendingCallbacks, WorkflowApiError, type WorkflowClient } from '../../src/index.ts';
import { flowOf, operation, useEmulator } from '../helpers/emulator.ts';
import { createSchemaValidator } from '../helpers/schema-validator.ts';

const scenarios = join(mkdtempSync(join(tmpdir(), 'emulator-lifecycle-')), 'scenarios.json');
writeFileSync(
  scenarios,
  JSON.stringify({
    Flows: {
      approval: { TestCases: { Default: { approve: 'Waits' } } },
      'retry-later': { TestCases: { Default: { charge: 'FailsOnce' } } },
      slow: { TestCases: { Default: { work: 'TakesAnHour' } } },
    },
    MockedResponses: {
      Waits: { '0-9': { WaitForCallback: true } },
      FailsOnce: { '0': { Throw: { Error: 'Timeout', Cause: 'the bank did not answer' } }, '1': { Return: { charged: true } } },
      TakesAnHour: { '0': { Return: { done: true }, Delay: 3600 } },
    },
  }),
);

const emulator = useEmulator({ scenarios });
const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as WorkflowApiError);

async function startWaiting(client: WorkflowClient, definition = flowOf('approval', [operation('approve', 'approve', { id: '$.id' }), operation('notify', 'notify')])) {
  const { id: workflowId } = await client.createWorkflow(definition);
  const { execution_id: executionId } = await client.startWorkflowExecution({ workflowId, input: { id: 7 } });
  const waiting = await client.waitForExecution({ workflowId, executionId }, { intervalMs: 5, until: (execution) => pendingCallbacks(execution).length > 0 });
  return { workflowId, executionId, waiting };
}

describe('callbacks', () => {
  it('pause the node, running, with the IDs createCallbackWorkflow takes, and resume it with the output', async () => {
    const client = emulator.client();
    const { workflowId, executionId, waiting } = await startWaiting(client);
    expect(waiting.status).toBe('running');
    const node = waiting.node_execution_details![0]!;
    expect(node.executions!.map((attempt) => attempt.status)).toEqual(['running']);
    const [pending] = pendingCallbacks(waiting);
    expect(pending).toMatchObject({ runId: executionId, stateId: node.execution_id });
    const { body } = await emulator.admin('GET', `/_emulator/projects/${client.projectId}/waits`);
    expect(body.waits).toEqual([expect.objectContaining({ execution_id: executionId, kind: 'callback', node_id: 'approve', callback: { 'X-Workflow-Run-Id': executionId, 'X-Workflow-State-Id': node.execution_id } })]);

    const answer = await client.createCallbackWorkflow({ workflowId, runId: executionId, stateId: node.execution_id!, result: 'success', output: { approved: true } });
    expect(answer.execution_id).toBe(executionId);
    const ended = await client.waitForExecution({ workflowId, executionId }, { intervalMs: 5 });
    expect(ended.status).toBe('success');
    expect(ended.node_execution_details![0]!.executions![0]).toMatchObject({ status: 'success', output: { approved: true } });
    expect(ended.output).toEqual({});

    const second = await refusal(client.createCallbackWorkflow({ workflowId, runId: executionId, stateId: node.execution_id!, result: 'success', output: {} }));
    expect(second).toMatchObject({ status: 400, message: expect.stringContaining('has ended (success)') });
  });

  it('sent twice at once to one pause resume it once: one is accepted, the other refused', async () => {
    const client = emulator.client();
    const { workflowId, executionId, waiting } = await startWaiting(client);
    const stateId = pendingCallbacks(waiting)[0]!.stateId;
    const both = await Promise.allSettled([0, 1].map((i) => client.createCallbackWorkflow({ workflowId, runId: executionId, stateId, result: 'success', output: { i } })));
    expect(both.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((both.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 400 });
    const ended = await client.waitForExecution({ workflowId, executionId }, { intervalMs: 5 });
    expect(ended.node_execution_details![0]!.executions).toHaveLength(1);
  });

  it('fail the node with result fail, and its error handlers apply', async () => {
    const client = emulator.client();
    const definition = flowOf('approval', [
      operation('approve', 'approve', {}, { transition: 'approved', on_errors: [{ error: "$.errorCode == 'rejected'", transition: 'rejected' }] }),
      { id: 'approved', type: 'End' },
      { id: 'rejected', type: 'End' },
    ]);
    const { workflowId, executionId, waiting } = await startWaiting(client, definition);
    const [pending] = pendingCallbacks(waiting);
    await client.createCallbackWorkflow({ workflowId, runId: executionId, stateId: pending!.stateId, result: 'fail', error: 'rejected', output: {} });
    const ended = await client.waitForExecution({ workflowId, executionId }, { intervalMs: 5 });
    expect(ended.status).toBe('success');
    expect(ended.node_execution_details!.map((node) => node.node_id)).toEqual(['approve', 'rejected']);
    expect(ended.node_execution_details![0]!.executions![0]).toMatchObject({ status: 'fail', error_message: { errorCode: 'rejected' } });
  });

  it('are refused for IDs that wait for nothing, twice for one pause, and after a stop', async () => {
    const client = emulator.client();
    const { workflowId, executionId, waiting } = await startWaiting(client);
    const stateId = pendingCallbacks(waiting)[0]!.stateId;
    const unknownRun = await refusal(client.createCallbackWorkflow({ workflowId, runId: 'no-such-run', stateId, result: 'success', output: {} }));
    expect(unknownRun).toMatchObject({ status: 404, message: expect.stringContaining('X-Workflow-Run-Id') });
    const unknownState = await refusal(client.createCallbackWorkflow({ workflowId, runId: executionId, stateId: 'no-such-state', result: 'success', output: {} }));
    expect(unknownState).toMatchObject({ status: 404, message: expect.stringContaining('X-Workflow-State-Id') });

    await client.stopWorkFlow({ workflowId, executionId });
    const afterStop = await refusal(client.createCallbackWorkflow({ workflowId, runId: executionId, stateId, result: 'success', output: {} }));
    expect(afterStop).toMatchObject({ status: 400, message: expect.stringContaining('has ended (cancel)') });
    const stopped = await client.showWorkflowExecution({ workflowId, executionId });
    expect(stopped.status).toBe('cancel');
    expect(stopped.node_execution_details![0]!.executions![0]!.status).toBe('cancel');
  });

});

describe('stop and retry', () => {
  it('retry runs a failed execution again from the state that failed, the invocation counter going on', async () => {
    const client = emulator.client();
    const definition = flowOf('retry-later', [operation('prepare', 'prepare', { n: '$.n' }), operation('charge', 'charge')]);
    const { id: workflowId } = await client.createWorkflow(definition);
    const { execution_id: executionId } = await client.startWorkflowExecution({ workflowId, input: { n: 1 } });
    const failed = await client.waitForExecution({ workflowId, executionId }, { intervalMs: 5 });
    expect(failed.status).toBe('fail');
    const notAgain = await refusal(client.stopWorkFlow({ workflowId, executionId }));
    expect(notAgain).toMatchObject({ status: 400 });

    await client.retryWorkFlow({ workflowId, executionId });
    const retried = await client.waitForExecution({ workflowId, executionId }, { intervalMs: 5 });
    expect(retried.status).toBe('success');
    expect(retried.node_execution_details!.map((node) => [node.node_id, node.executions!.map((attempt) => attempt.status)])).toEqual([
      ['prepare', ['success']],
      ['charge', ['fail', 'success']],
    ]);
    expect(retried.output).toEqual({ charged: true });
    const { body } = await emulator.admin('GET', `/_emulator/projects/${client.projectId}/calls?execution_id=${executionId}&function=charge`);
    expect(body.calls.map((call: { invocation: number }) => call.invocation)).toEqual([0, 1]);

    const twice = await refusal(client.retryWorkFlow({ workflowId, executionId }));
    expect(twice).toMatchObject({ status: 400, message: expect.stringContaining('has not failed (it is success)') });
  });

  it('retry refuses an execution of an express flow', async () => {
    const client = emulator.client();
    const { id: workflowId } = await client.createWorkflow(flowOf('express-fails', [{ ...operation('bad', 'bad'), state_data_filter: { input: '$.missing' } }], { mode: 'EXPRESS' }));
    const { execution_id: executionId } = await client.startSyncWorkflowExecution({ workflowId, input: {} });
    const refused = await refusal(client.retryWorkFlow({ workflowId, executionId }));
    expect(refused).toMatchObject({ status: 400, message: expect.stringContaining('EXPRESS') });
  });
});

describe('lists, pages and metrics', () => {
  it('page with a true total, newest first, filtered by status and time', async () => {
    const client = emulator.client();
    const { id: workflowId } = await client.createWorkflow(flowOf('many', [operation('work', 'work', { i: '$.i' }, { state_data_filter: { input: '$.ok' } })]));
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await client.startWorkflowExecution({ workflowId, input: i % 5 === 0 ? { i } : { ok: { i } } })).execution_id);
    for (const executionId of ids) await client.waitForExecution({ workflowId, executionId }, { intervalMs: 5 });

    const pages = [0, 10, 20].map((offset) => client.showWorkflowExecutionForPage({ workflowId, offset, limit: 10 }));
    const seen = (await Promise.all(pages)).flatMap((page) => {
      expect(page.total).toBe(25);
      return page.executions!.map((execution) => execution.execution_id);
    });
    expect(seen).toEqual([...ids].reverse());
    const failed = await client.listWorkflowExecutions({ workflowId, status: 'fail' });
    expect(failed.executions!.map((execution) => execution.execution_id).sort()).toEqual(ids.filter((_, i) => i % 5 === 0).sort());
    const records = [];
    for await (const record of client.executionHistory({ workflowId, pageSize: 7 })) records.push(record.execution_id);
    expect(records).toEqual([...ids].reverse());

    const past = await client.listWorkflowExecutions({ workflowId, startTime: '2020-01-01 00:00:00', endTime: '2020-01-02 00:00:00' });
    expect(past.executions).toEqual([]);
    const bad = await refusal(client.listWorkflowExecutions({ workflowId, startTime: 'yesterday' }));
    expect(bad).toMatchObject({ status: 400, message: expect.stringContaining('start_time') });

    const metrics = await client.showWorkFlowMetric({ workflowUrn: (await client.showWorkFlow({ workflowId })).workflow_urn, period: '60' });
    expect(metrics.count!.reduce((sum, point) => sum + point.value!, 0)).toBe(25);
    expect(metrics.fail_count!.reduce((sum, point) => sum + point.value!, 0)).toBe(5);
    const tenant = await client.showTenantMetric({ period: '60', metricType: 'errorCount' });
    expect(Object.keys(tenant)).toEqual(expect.arrayContaining(['fail_count']));
    expect(tenant.count).toBeUndefined();
  });

  it('keep projects apart', async () => {
    const [one, two] = [emulator.client(), emulator.client()];
    const { id: workflowId } = await one.createWorkflow(flowOf('private', [operation('work', 'work')]));
    const { execution_id: executionId } = await one.startWorkflowExecution({ workflowId, input: {} });
    expect((await two.listWorkflow({})).total).toBe(0);
    expect(await refusal(two.showWorkFlow({ workflowId }))).toMatchObject({ status: 404 });
    expect(await refusal(two.showWorkflowExecution({ workflowId, executionId }))).toMatchObject({ status: 404 });
    // The same name is free in another project.
    await two.createWorkflow(flowOf('private', [operation('work', 'work')]));
  });
});

describe('flows', () => {
  it('refuses a definition that cannot run with 400 and every problem the validator finds', async () => {
    const client = emulator.client();
    const definition = flowOf('broken', [operation('a', 'a', {}, { transition: 'nowhere' }), { id: 'lost', type: 'Sleep' }]);
    const response = await client.raw.POST('/v2/{project_id}/fgs/workflows', { params: { path: { project_id: client.projectId } }, body: definition });
    expect(response.response.status).toBe(400);
    const body = response.error as unknown as { error_code: string; error_msg: string; problems: Array<{ path: string; message: string }> };
    expect(body.problems.map((problem) => problem.path)).toEqual(['/states/0/transition', '/states/1/duration', '/states/1']);
    expect(body.error_msg).toContain('/states/0/transition names no state ("nowhere")');
  });

  it('leaves a request that breaks the contract to Prism, which answers the documented 400, and one with Prefer to Prism\'s examples', async () => {
    const client = emulator.client();
    const { id: workflowId } = await client.createWorkflow(flowOf('checked', [operation('a', 'a')]));
    const path = `/v2/${client.projectId}/fgs/workflows/${workflowId}/executions`;
    const headers = { 'X-Auth-Token': 't', 'Content-Type': 'application/json' };
    const broken = await fetch(`${emulator.url}${path}`, { method: 'POST', headers, body: JSON.stringify({ headers: {} }) });
    expect(broken.status).toBe(400);
    expect(broken.headers.get('sl-violations')).toContain('input');
    expect(await broken.json()).toMatchObject({ error_code: 'FGS.3002' });
    const preferred = await fetch(`${emulator.url}${path}`, { method: 'POST', headers: { ...headers, Prefer: 'code=429' }, body: JSON.stringify({ input: {} }) });
    expect([preferred.status, ((await preferred.json()) as { error_code: string }).error_code]).toEqual([429, 'APIGW.0308']);
    // Neither reached the emulator: the flow has no execution.
    expect((await client.showWorkflowExecutionForPage({ workflowId, offset: 0, limit: 10 })).total).toBe(0);
  });

  it('creates, lists, shows, replaces and deletes flows, keeping fields no source documents', async () => {
    const client = emulator.client();
    const definition = { ...flowOf('kept', [operation('a', 'a')]), console_layout: { zoom: 2 } };
    const created = await client.createWorkflow(definition);
    expect((await refusal(client.createWorkflow(definition)))).toMatchObject({ status: 400, message: expect.stringContaining('already has a flow named kept') });
    const shown = await client.showWorkFlow({ workflowId: created.id });
    expect(shown.definition).toEqual(definition);
    await client.updateWorkFlow({ workflowId: created.id, ...definition, description: 'second' });
    expect((await client.listWorkflow({ workflowName: 'ep' })).workflows!.map((flow) => flow.description)).toEqual(['second']);
    const renamed = await refusal(client.updateWorkFlow({ workflowId: created.id, ...definition, name: 'other' }));
    expect(renamed).toMatchObject({ status: 400, message: expect.stringContaining('keeps its name') });
    const deleted = await client.batchDeleteWorkflows({ workflow_urns: [created.workflow_urn, 'urn:fss:x:y:workflow:default:none:latest'] });
    expect(deleted.success).toEqual([created.workflow_urn]);
    expect(deleted.fail).toEqual([{ workflow_urn: 'urn:fss:x:y:workflow:default:none:latest', error_detail: expect.any(String) }]);
    expect(await refusal(client.showWorkFlow({ workflowId: created.id }))).toMatchObject({ status: 404 });
  });
});

describe('the emulator\'s own endpoints', () => {
  it('answer as openapi/emulator.yaml describes them', async () => {
    const described = parse(readFileSync(join(root, 'openapi', 'emulator.yaml'), 'utf8'));
    const check = createSchemaValidator(described);
    const schema = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const client = emulator.client();
    const { workflowId, executionId } = await startWaiting(client);
    const answers: Array<[string, string, unknown, number, string]> = [
      ['GET', '/_emulator/clock', undefined, 200, 'Clock'],
      ['POST', '/_emulator/clock/advance', { seconds: 0.5 }, 200, 'Clock'],
      ['POST', '/_emulator/clock/advance', { seconds: 'soon' }, 400, 'Refusal'],
      ['GET', '/_emulator/info', undefined, 200, 'EmulatorInfo'],
      ['GET', '/_emulator/projects', undefined, 200, 'ProjectList'],
      ['GET', `/_emulator/projects/${client.projectId}/waits`, undefined, 200, 'WaitList'],
      ['GET', `/_emulator/projects/${client.projectId}/calls?execution_id=${executionId}`, undefined, 200, 'CallList'],
      ['GET', `/_emulator/projects/${client.projectId}/calls?limit=0`, undefined, 400, 'Refusal'],
      ['GET', '/_emulator/projects/not%20a%20project/waits', undefined, 400, 'Refusal'],
    ];
    for (const [method, path, body, status, name] of answers) {
      const answer = await emulator.admin(method, path, body);
      expect([path, answer.status]).toEqual([path, status]);
      expect([path, check(schema(name), answer.body)]).toEqual([path, []]);
    }
    expect((await emulator.admin('GET', `/_emulator/projects/${client.projectId}/waits`)).body.waits).toHaveLength(1);
    await client.stopWorkFlow({ workflowId, executionId });
    const reset = await emulator.admin('DELETE', `/_emulator/projects/${client.projectId}`);
    expect(check(schema('ProjectReset'), reset.body)).toEqual([]);
  });

  it('read and advance the clock, which ends what waits on it', async () => {
    const before = await emulator.admin('GET', '/_emulator/clock');
    expect(before.body).toMatchObject({ time_scale: 0 });
    const after = await emulator.admin('POST', '/_emulator/clock/advance', { seconds: 60 });
    expect(after.body.now_ms - before.body.now_ms).toBeGreaterThanOrEqual(60_000);
    expect((await emulator.admin('POST', '/_emulator/clock/advance', { seconds: -1 })).status).toBe(400);
    expect((await emulator.admin('POST', '/_emulator/clock/advance', {})).body.error_msg).toContain('seconds');
    expect((await emulator.admin('GET', '/_emulator/nothing')).status).toBe(404);
  });

  it('list the projects in use, with their flows and executions, and forget a reset one', async () => {
    const [one, two] = [emulator.client(), emulator.client()];
    const { id: workflowId } = await one.createWorkflow(flowOf('listed', [operation('a', 'a')]));
    await one.createWorkflow(flowOf('listed-too', [operation('a', 'a')]));
    await one.startWorkflowExecution({ workflowId, input: {} });
    await two.createWorkflow(flowOf('listed', [operation('a', 'a')]));
    const listed = async () => ((await emulator.admin('GET', '/_emulator/projects')).body.projects as Array<{ project_id: string }>).filter((project) => [one.projectId, two.projectId].includes(project.project_id));
    const expected = [{ project_id: one.projectId, flows: 2, executions: 1 }, { project_id: two.projectId, flows: 1, executions: 0 }];
    expect(await listed()).toEqual(expected.sort((a, b) => (a.project_id < b.project_id ? -1 : 1)));
    await emulator.admin('DELETE', `/_emulator/projects/${one.projectId}`);
    expect(await listed()).toEqual([{ project_id: two.projectId, flows: 1, executions: 0 }]);
    expect((await emulator.admin('POST', '/_emulator/projects')).status).toBe(405);
  });

  it('reset one project and leave the others', async () => {
    const [one, two] = [emulator.client(), emulator.client()];
    await one.createWorkflow(flowOf('a', [operation('a', 'a')]));
    await two.createWorkflow(flowOf('a', [operation('a', 'a')]));
    const reset = await emulator.admin('DELETE', `/_emulator/projects/${one.projectId}`);
    expect(reset.body).toMatchObject({ flows: 1 });
    expect((await one.listWorkflow({})).total).toBe(0);
    expect((await two.listWorkflow({})).total).toBe(1);
  });

  it('keep no half-written state when a client goes away mid-request', async () => {
    const client = emulator.client();
    const { port } = new URL(emulator.url);
    const body = JSON.stringify(flowOf('half', [operation('a', 'a')]));
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST /v2/${client.projectId}/fgs/workflows HTTP/1.1\r\nHost: x\r\nX-Auth-Token: t\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, body.length / 2)}`);
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
      socket.on('error', reject);
    });
    expect((await client.listWorkflow({})).total).toBe(0);
    await client.createWorkflow(flowOf('half', [operation('a', 'a')]));
    expect((await client.listWorkflow({})).total).toBe(1);
  });
});

// At time scale 0 a Sleep or a delayed answer with nothing else due ends at once; these need time to pass as it does.
describe('on real time', () => {
  const realTime = useEmulator({ scenarios, timeScale: 1 });

  it('are taken once: a second callback to a node that already resumed is refused while the flow runs on', async () => {
    const client = realTime.client();
    const definition = flowOf('approval', [operation('approve', 'approve'), { id: 'later', type: 'Sleep', duration: 3600 }, { id: 'end', type: 'End' }]);
    const { workflowId, executionId, waiting } = await startWaiting(client, definition);
    const stateId = pendingCallbacks(waiting)[0]!.stateId;
    await client.createCallbackWorkflow({ workflowId, runId: executionId, stateId, result: 'success', output: {} });
    const again = await refusal(client.createCallbackWorkflow({ workflowId, runId: executionId, stateId, result: 'success', output: {} }));
    expect(again).toMatchObject({ status: 400, message: expect.stringContaining('is not waiting for a callback') });
    await client.stopWorkFlow({ workflowId, executionId });
  });
  it('stop ends a running execution as cancel in a Sleep, in a function call and at a callback, and refuses an ended one', async () => {
    const client = realTime.client();
    const flows = {
      sleep: flowOf('sleeping', [{ id: 'nap', type: 'Sleep', duration: 86_400 }, { id: 'end', type: 'End' }]),
      function: flowOf('slow', [operation('work', 'work')]),
      callback: flowOf('approval', [operation('approve', 'approve')]),
    };
    for (const [waitsOn, definition] of Object.entries(flows)) {
      const { id: workflowId } = await client.createWorkflow(definition);
      const { execution_id: executionId } = await client.startWorkflowExecution({ workflowId, input: {} });
      await client.waitForExecution({ workflowId, executionId }, { intervalMs: 5, until: (execution) => execution.node_execution_details?.length === 1 });
      await client.stopWorkFlow({ workflowId, executionId });
      const stopped = await client.showWorkflowExecution({ workflowId, executionId });
      expect([waitsOn, stopped.status]).toEqual([waitsOn, 'cancel']);
      const again = await refusal(client.stopWorkFlow({ workflowId, executionId }));
      expect(again).toMatchObject({ status: 400, message: expect.stringContaining('is not running (it is cancel)') });
    }
    const { body } = await realTime.admin('GET', `/_emulator/projects/${client.projectId}/waits`);
    expect(body.waits).toEqual([]);
  });

});
