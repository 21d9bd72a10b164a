// 10,000 executions of one flow in one project: written straight into a real SQLite file under a
// data directory (starting them one by one through HTTP would take the test suite's whole budget),
// then served by the emulator started on that directory. Every page is right: newest first, a true
// total, no execution twice or missing, the status filter and the time window applied.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../emulator/src/engine/store.ts';
import { flowOf, operation, useEmulator } from '../helpers/emulator.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'emulator-many-'));
const project = 'aaaa0000aaaa0000aaaa0000aaaa0000';
const count = 10_000;
const definition = flowOf('busy', [operation('work', 'work')]);
const workflowId = randomUUID();
// A whole second, so that a window written to the second holds exactly the executions it names.
const now = Math.floor(Date.now() / 1000) * 1000;
const ids: string[] = [];
{
  const store = new Store(dataDir);
  store.transaction(() => {
    store.insertFlow({ project_id: project, id: workflowId, name: 'busy', urn: `urn:fss:cn-north-4:${project}:workflow:default:busy:latest`, mode: 'NORMAL', enterprise_project_id: null, definition: JSON.stringify(definition), created_ms: now, updated_ms: now });
    const definitionId = store.putDefinition(JSON.stringify(definition));
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      ids.push(id);
      // One a second, the newest a minute ago: all inside the default window of the last three days.
      const begin = now - 60_000 - (count - i) * 1000;
      store.insertExecution({
        project_id: project, id, workflow_id: workflowId, workflow_urn: `urn:fss:cn-north-4:${project}:workflow:default:busy:latest`, flow_name: 'busy', mode: 'NORMAL',
        definition_id: definitionId, status: i % 10 === 0 ? 'fail' : 'success', input: '{}', headers: '{}', output: '{}', error: null, test_case: null, merge_parameters: 0,
        cursor: JSON.stringify({ state: 'work', input: {}, phase: i % 10 === 0 ? 'failed' : 'ended' }), begin_ms: begin, end_ms: begin + 10, updated_ms: begin + 10,
      });
    }
  });
  store.close();
}

const emulator = useEmulator({ dataDir });

describe('10,000 executions in one project', () => {
  it('page through showWorkflowExecutionForPage, newest first, each once, with a true total', async () => {
    const client = emulator.client(project);
    const seen: string[] = [];
    for (let offset = 0; offset < count; offset += 100) {
      const page = await client.showWorkflowExecutionForPage({ workflowId, offset, limit: 100 });
      expect(page.total).toBe(count);
      expect(page.size).toBe(100);
      seen.push(...page.executions!.map((execution) => execution.execution_id!));
    }
    expect(seen).toEqual([...ids].reverse());
    const past = await client.showWorkflowExecutionForPage({ workflowId, offset: count, limit: 100 });
    expect([past.total, past.executions]).toEqual([count, []]);
  });

  it('filter by status and time, and start one more among them', async () => {
    const client = emulator.client(project);
    const failed = await client.listWorkflowExecutions({ workflowId, status: 'fail', limit: 200 });
    expect(failed.executions).toHaveLength(200);
    expect(failed.executions!.every((execution) => execution.status === 'fail')).toBe(true);
    const window = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
    // The 100 oldest executions began in the first 100 seconds.
    const oldest = now - 60_000 - count * 1000;
    const early = await client.showWorkflowExecutionForPage({ workflowId, offset: 0, limit: 100, startTime: window(oldest), endTime: window(oldest + 99_000) });
    expect(early.total).toBe(100);
    const { execution_id: executionId } = await client.startWorkflowExecution({ workflowId, input: {} });
    await client.waitForExecution({ workflowId, executionId }, { intervalMs: 5 });
    const first = await client.showWorkflowExecutionForPage({ workflowId, offset: 0, limit: 1 });
    expect([first.total, first.executions![0]!.execution_id]).toEqual([count + 1, executionId]);
  });
});
