// `npm run bench:functions`: what running your own functions costs per call, measured in one run three
// ways, against a function the emulator answers itself (no functions file entry: it answers with its
// arguments) as the baseline. Writes bench/functions-results.md.
//
//   1. a one-state flow from start to success, seen by the client (waitForExecution every 1 ms), for
//      the baseline, a module and a URL, in alternating rounds;
//   2. the same runs' node durations as the emulator records them (begin to end, in ms);
//   3. the invoker alone, in this process: a warm module's round trip over IPC, and a cold one's (a new
//      instance: a process started and the module imported), without HTTP or SQLite around it.
//   4. executions per second at concurrency 8 (one function's most instances at once).
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSourceImports } from '../emulator/src/engine/source-imports.ts';
import { spawnEmulator } from '../emulator/src/process.ts';

resolveSourceImports();
const { createWorkflowClient } = await import('../src/index.ts');
const { Invoker } = await import('../emulator/src/functions/invoker.ts');
const { readFunctionsFile } = await import('../emulator/src/functions/functions-file.ts');

const project = 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0';
const dir = mkdtempSync(join(tmpdir(), 'bench-functions-'));
const echo = join(dir, 'echo.mjs');
writeFileSync(echo, 'export const handler = async (event) => event;\n');
// The URL function: a loopback server that answers with what it was sent.
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => response.writeHead(200, { 'Content-Type': 'application/json' }).end(Buffer.concat(chunks)));
}).listen(0, '127.0.0.1');
await once(server, 'listening');
const functionsFile = join(dir, 'functions.json');
writeFileSync(functionsFile, JSON.stringify({
  module: echo,
  url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
  // Entries with environments of their own share no instance: each first call starts one.
  ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`cold-${i}`, { module: echo, userData: { INSTANCE: String(i) } }])),
}));

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const urn = (name: string) => `urn:fss:cn-north-4:${project}:function:default:${name}:latest`;
const oneState = (fn: string) => ({
  name: `one-${fn}`, start: 'call', constants: {}, retries: [], functions: [{ name: fn, operation: urn(fn) }],
  states: [{ id: 'call', name: 'call', type: 'Operation' as const, end: true, transition: '', actions: [{ function_ref: { ref_name: fn, arguments: { order: '$.order' } } }] }],
});

const emulator = await spawnEmulator(['--time-scale', '0', '--functions', functionsFile]);
const lines: string[] = [];
try {
  const client = createWorkflowClient({ endpoint: emulator.url, projectId: project, auth: { token: 'bench' } });
  const kinds = ['baseline', 'module', 'url'] as const;
  const flows = Object.fromEntries(await Promise.all(kinds.map(async (kind) => [kind, (await client.createWorkflow(oneState(kind))).id] as const))) as Record<(typeof kinds)[number], string>;
  const run = async (workflowId: string) => {
    const started = performance.now();
    const { execution_id: executionId } = await client.startWorkflowExecution({ workflowId, input: { order: 1 } });
    const ended = await client.waitForExecution({ workflowId, executionId }, { intervalMs: 1, maxIntervalMs: 1 });
    if (ended.status !== 'success') throw new Error(`execution ${executionId} ended ${ended.status}`);
    const attempt = ended.node_execution_details![0]!.executions![0]!;
    return { clientMs: performance.now() - started, nodeMs: Number(attempt.end_time) - Number(attempt.begin_time) };
  };
  // Warm every kind up, then alternate rounds so that no kind gets the machine's quiet moments alone.
  for (const kind of kinds) for (let i = 0; i < 20; i++) await run(flows[kind]);
  const samples = Object.fromEntries(kinds.map((kind) => [kind, { clientMs: [] as number[], nodeMs: [] as number[] }]));
  for (let roundNo = 0; roundNo < 10; roundNo++) {
    for (const kind of kinds) {
      for (let i = 0; i < 30; i++) {
        const { clientMs, nodeMs } = await run(flows[kind]);
        samples[kind]!.clientMs.push(clientMs);
        samples[kind]!.nodeMs.push(nodeMs);
      }
    }
  }

  // The invoker alone, in this process.
  const entries = readFunctionsFile(functionsFile);
  const invoker = new Invoker();
  const context = { requestId: 'r', functionName: 'module', version: 'latest', package: 'default', projectId: project, alias: '', workflowId: 'w', workflowRunId: 'e', workflowStateId: 's' };
  const invoke = async (key: string) => {
    const started = performance.now();
    const outcome = await invoker.invoke({ fn: entries.get(key)!, event: { order: 1 }, headers: {}, context });
    if (!outcome.ok) throw new Error(outcome.errorMessage);
    return performance.now() - started;
  };
  for (let i = 0; i < 200; i++) await invoke('module');
  const warm: number[] = [];
  for (let i = 0; i < 2000; i++) warm.push(await invoke('module'));
  const cold: number[] = [];
  for (let i = 0; i < 20; i++) cold.push(await invoke(`cold-${i}`));
  await invoker.close();

  // Throughput at concurrency 8.
  const throughput = async (workflowId: string) => {
    const count = 400;
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next++ < count) await run(workflowId);
    }));
    return count / ((performance.now() - started) / 1000);
  };
  const perSecond = { baseline: await throughput(flows.baseline), module: await throughput(flows.module), url: await throughput(flows.url) };

  const p = (values: number[]) => `p50 ${round(percentile(values, 50))} ms, p99 ${round(percentile(values, 99))} ms`;
  const ratio = (kind: 'module' | 'url') => `${round(percentile(samples[kind]!.clientMs, 50) / percentile(samples.baseline!.clientMs, 50))}×`;
  lines.push(
    '# Functions benchmark',
    '',
    `Written by \`npm run bench:functions\` on ${new Date().toISOString().slice(0, 10)}: Node.js ${process.version}, ${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}.`,
    'The emulator is a process of its own at --time-scale 0, in memory; the client is this package\'s, on fetch, over loopback. The baseline is a function with no entry in the functions file, which the emulator answers itself with its arguments.',
    '',
    '| What | Baseline | Module | URL |',
    '|---|---|---|---|',
    `| One-state flow, start to success, seen by the client (300 each, alternating rounds of 30) | ${p(samples.baseline!.clientMs)} | ${p(samples.module!.clientMs)} (${ratio('module')}) | ${p(samples.url!.clientMs)} (${ratio('url')}) |`,
    `| The same runs' node, begin to end, as recorded (ms resolution) | ${p(samples.baseline!.nodeMs)} | ${p(samples.module!.nodeMs)} | ${p(samples.url!.nodeMs)} |`,
    `| Executions/s, start to success, concurrency 8 (400) | ${round(perSecond.baseline, 0)}/s | ${round(perSecond.module, 0)}/s | ${round(perSecond.url, 0)}/s |`,
    '',
    '| The invoker alone, in this process | p50 | p99 |',
    '|---|---|---|',
    `| A warm module's call over IPC (2,000 after 200 to warm up) | ${round(percentile(warm, 50) * 1000, 0)} µs | ${round(percentile(warm, 99) * 1000, 0)} µs |`,
    `| A cold one's: a new instance, started and its module imported (20) | ${round(percentile(cold, 50), 1)} ms | ${round(percentile(cold, 99), 1)} ms |`,
    '',
  );
  writeFileSync(new URL('./functions-results.md', import.meta.url), lines.join('\n'));
  console.log(lines.join('\n'));
} finally {
  await emulator.stop();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
