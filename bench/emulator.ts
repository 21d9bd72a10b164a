// `npm run bench:emulator`: how much the emulator costs a test suite, measured in one run, with the
// stateless mock (Prism's examples, no state) as the baseline, each a process of its own as
// `npm run mock` starts it. Writes bench/emulator-results.md.
//
//   1. the start call's latency, emulator against stateless mock, in alternating rounds;
//   2. a 5-state flow from start to success at --time-scale 0, seen through waitForExecution;
//   3. executions per second from start to success at concurrency 32, in memory and with --data-dir;
//   4. 1,000 executions paused at callbacks, then resumed at concurrency 32, none lost;
//   5. the first and the last page of a flow's 10,000 executions.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSourceImports } from '../emulator/src/engine/source-imports.ts';
import { spawnEmulator, type SpawnedEmulator } from '../emulator/src/process.ts';

resolveSourceImports();
const { createWorkflowClient, pendingCallbacks } = await import('../src/index.ts');
type Client = ReturnType<typeof createWorkflowClient>;

const project = 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0';
const dir = mkdtempSync(join(tmpdir(), 'bench-emulator-'));
const scenarios = join(dir, 'scenarios.json');
writeFileSync(scenarios, JSON.stringify({ Flows: { approval: { TestCases: { Default: { approve: 'Waits' } } } }, MockedResponses: { Waits: { '0': { WaitForCallback: true } } } }));

const urn = (name: string) => `urn:fss:cn-north-4:${project}:function:default:${name}:latest`;
const op = (id: string, next: string) => ({ id, name: id, type: 'Operation', end: false, transition: next, actions: [{ function_ref: { ref_name: id, arguments: { order: '$.order', step: `$.nope | '${id}'` } } }] });
const fiveStates = {
  name: 'five-states', start: 'a', constants: {}, retries: [],
  functions: ['a', 'b', 'c'].map((name) => ({ name, operation: urn(name) })),
  states: [op('a', 'b'), op('b', 'nap'), { id: 'nap', name: 'nap', type: 'Sleep', duration: 1, end: false, transition: 'c', actions: [] }, op('c', 'end'), { id: 'end', name: 'end', type: 'End', end: true, transition: '', actions: [] }],
};
const approval = {
  name: 'approval', start: 'approve', constants: {}, retries: [], functions: [{ name: 'approve', operation: urn('approve') }],
  states: [{ id: 'approve', name: 'approve', type: 'Operation', end: true, transition: '', actions: [{ function_ref: { ref_name: 'approve', arguments: {} } }] }],
};

const clientOf = (mock: SpawnedEmulator): Client => createWorkflowClient({ endpoint: mock.url, projectId: project, auth: { token: 'bench' } });
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const sortedMs = (values: number[]) => [...values].sort((a, b) => a - b);
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

async function pool<T>(count: number, concurrency: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = next++;
      results[i] = await work(i);
    }
  }));
  return results;
}

const stateless = await spawnEmulator(['--stateless']);
const inMemory = await spawnEmulator(['--time-scale', '0', '--scenarios', scenarios]);
const onDisk = await spawnEmulator(['--time-scale', '0', '--scenarios', scenarios, '--data-dir', join(dir, 'data')]);
const lines: string[] = [];
try {
  // 1. The start call, alternating rounds of sequential calls.
  const baselineFlow = '6f2d1b0c-8e3a-4b5d-9c7e-1a2b3c4d5e6f';
  const emulatorFlow = (await clientOf(inMemory).createWorkflow(fiveStates as never)).id;
  const startOnce = async (client: Client, workflowId: string) => {
    const begin = performance.now();
    await client.startWorkflowExecution({ workflowId, input: { order: 1 } });
    return performance.now() - begin;
  };
  const latencies = { stateless: [] as number[], emulator: [] as number[] };
  for (let r = 0; r < 12; r++) {
    for (const [name, mock, workflowId] of [['stateless', stateless, baselineFlow], ['emulator', inMemory, emulatorFlow]] as const) {
      const client = clientOf(mock);
      for (let i = 0; i < 50; i++) {
        const ms = await startOnce(client, workflowId);
        if (r > 0) latencies[name].push(ms);
      }
    }
  }
  const [base, emu] = [sortedMs(latencies.stateless), sortedMs(latencies.emulator)];
  const startRatio = percentile(emu, 50) / percentile(base, 50);

  // 2. A 5-state flow (3 functions, a 1 s Sleep on the virtual clock) from start to success.
  const endToEnd: number[] = [];
  const client = clientOf(inMemory);
  for (let i = 0; i < 300; i++) {
    const begin = performance.now();
    const { execution_id: executionId } = await client.startWorkflowExecution({ workflowId: emulatorFlow, input: { order: i } });
    const ended = await client.waitForExecution({ workflowId: emulatorFlow, executionId }, { intervalMs: 2, maxIntervalMs: 2 });
    if (ended.status !== 'success') throw new Error(`execution ${executionId} ended ${ended.status}`);
    if (i >= 20) endToEnd.push(performance.now() - begin);
  }
  const flowMs = sortedMs(endToEnd);

  // 3. Executions per second, start to success, 32 at a time.
  const flows = new Map<SpawnedEmulator, string>([[inMemory, emulatorFlow]]);
  const throughput = async (mock: SpawnedEmulator, count: number) => {
    const c = clientOf(mock);
    if (!flows.has(mock)) flows.set(mock, (await c.createWorkflow(fiveStates as never)).id);
    const workflowId = flows.get(mock)!;
    const begin = performance.now();
    await pool(count, 32, async (i) => {
      const { execution_id: executionId } = await c.startWorkflowExecution({ workflowId, input: { order: i } });
      const ended = await c.waitForExecution({ workflowId, executionId }, { intervalMs: 5, maxIntervalMs: 20 });
      if (ended.status !== 'success') throw new Error(`execution ${executionId} ended ${ended.status}`);
    });
    return count / ((performance.now() - begin) / 1000);
  };
  const perSecond = { memory: [] as number[], disk: [] as number[] };
  for (let r = 0; r < 3; r++) {
    perSecond.memory.push(await throughput(inMemory, 1000));
    perSecond.disk.push(await throughput(onDisk, 1000));
  }
  const median = (values: number[]) => sortedMs(values)[Math.floor(values.length / 2)]!;

  // 5. Paging: a flow with 10,000 executions, its first and its last page of 100.
  const existing = (await client.showWorkflowExecutionForPage({ workflowId: emulatorFlow, offset: 0, limit: 1 })).total!;
  await pool(Math.max(0, 10_000 - existing), 32, (i) => client.startWorkflowExecution({ workflowId: emulatorFlow, input: { order: i } }));
  const pageOnce = async (c: Client, workflowId: string, offset: number) => {
    const begin = performance.now();
    const page = await c.showWorkflowExecutionForPage({ workflowId, offset, limit: 100 });
    if (page.executions!.length === 0) throw new Error('an empty page');
    return performance.now() - begin;
  };
  const paging = { first: [] as number[], last: [] as number[], stateless: [] as number[] };
  const total = (await client.showWorkflowExecutionForPage({ workflowId: emulatorFlow, offset: 0, limit: 1 })).total!;
  for (let r = 0; r < 10; r++) {
    for (let i = 0; i < 20; i++) {
      paging.stateless.push(await pageOnce(clientOf(stateless), baselineFlow, 0));
      paging.first.push(await pageOnce(client, emulatorFlow, 0));
      paging.last.push(await pageOnce(client, emulatorFlow, total - 100));
    }
  }
  const pageMs = { first: percentile(sortedMs(paging.first), 50), last: percentile(sortedMs(paging.last), 50), stateless: percentile(sortedMs(paging.stateless), 50) };

  // 4. 1,000 executions paused at callbacks, then resumed.
  const resume = async (mock: SpawnedEmulator) => {
    const c = clientOf(mock);
    const { id: workflowId } = await c.createWorkflow(approval as never);
    const ids = await pool(1000, 32, async (i) => (await c.startWorkflowExecution({ workflowId, input: { i } })).execution_id);
    const paused = await pool(1000, 32, (i) => c.waitForExecution({ workflowId, executionId: ids[i]! }, { intervalMs: 5, until: (execution) => pendingCallbacks(execution).length > 0 }));
    const begin = performance.now();
    await pool(1000, 32, async (i) => {
      const [callback] = pendingCallbacks(paused[i]!);
      await c.createCallbackWorkflow({ workflowId, runId: callback!.runId, stateId: callback!.stateId, result: 'success', output: { i } });
    });
    const seconds = (performance.now() - begin) / 1000;
    const ended = await pool(1000, 32, (i) => c.waitForExecution({ workflowId, executionId: ids[i]! }, { intervalMs: 5 }));
    const succeeded = ended.filter((execution, i) => execution.status === 'success' && (execution.node_execution_details![0]!.executions![0]!.output as { i: number }).i === i).length;
    return { perSecond: 1000 / seconds, succeeded };
  };
  const callbacks = { memory: await resume(inMemory), disk: await resume(onDisk) };

  lines.push(
    '# Emulator benchmark',
    '',
    `Written by \`npm run bench:emulator\` on ${new Date().toISOString().slice(0, 10)}: Node.js ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}.`,
    'Each server is a process of its own, started as `npm run mock` starts it; the client is this package\'s, on fetch, over loopback.',
    '',
    '| What | Measured | Baseline | Ratio / target |',
    '|---|---|---|---|',
    `| Start call, p50 (600 sequential calls in alternating rounds of 50) | ${round(percentile(emu, 50))} ms (p99 ${round(percentile(emu, 99))} ms) | stateless mock ${round(percentile(base, 50))} ms (p99 ${round(percentile(base, 99))} ms) | ${round(startRatio)}× (target ≤ 1.2×) |`,
    `| 5-state flow, start to success, --time-scale 0, waitForExecution every 2 ms (280 runs) | p50 ${round(flowMs[Math.floor(flowMs.length / 2)]!)} ms, p99 ${round(percentile(flowMs, 99))} ms | | |`,
    `| Executions/s, start to success, concurrency 32, in memory (median of 3 × 1,000) | ${Math.round(median(perSecond.memory))}/s (${perSecond.memory.map(Math.round).join(', ')}) | | |`,
    `| Executions/s, the same, --data-dir (SQLite WAL, synchronous=FULL) | ${Math.round(median(perSecond.disk))}/s (${perSecond.disk.map(Math.round).join(', ')}) | | target ≥ 200/s |`,
    `| A page of 100 of ${total.toLocaleString('en')} executions, p50 (200 each, interleaved), in memory | first page ${round(pageMs.first)} ms, last page ${round(pageMs.last)} ms | stateless mock's example page ${round(pageMs.stateless)} ms | ${round(pageMs.first / pageMs.stateless)}× and ${round(pageMs.last / pageMs.stateless)}× |`,
    `| 1,000 paused at callbacks, resumed at concurrency 32, in memory | ${Math.round(callbacks.memory.perSecond)} callbacks/s, ${callbacks.memory.succeeded} of 1,000 ended success with their output | | none lost |`,
    `| The same, --data-dir | ${Math.round(callbacks.disk.perSecond)} callbacks/s, ${callbacks.disk.succeeded} of 1,000 ended success with their output | | none lost |`,
    '',
  );
  writeFileSync(new URL('./emulator-results.md', import.meta.url), lines.join('\n'));
  console.log(lines.join('\n'));
} finally {
  await Promise.all([stateless.stop(), inMemory.stop(), onDisk.stop()]);
  rmSync(dir, { recursive: true, force: true });
}
