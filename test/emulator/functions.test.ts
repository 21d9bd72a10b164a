// The user's own code in a flow (--functions): Node.js modules called as FunctionGraph's Node.js
// runtime calls them, each in an instance of its own, and HTTP endpoints the event is POSTed to. Every
// way a function can go wrong fails its node with a readable error and leaves the emulator serving;
// a function that hands its IDs on resumes the flow through a callback; a function running when the
// emulator is killed is called again after the restart.
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnEmulator, type SpawnedEmulator } from '../../emulator/src/process.ts';
import { readFunctionsFile } from '../../emulator/src/functions/functions-file.ts';
import { Invoker } from '../../emulator/src/functions/invoker.ts';
import { connectEmulator, startEmulator } from '../../emulator/src/index.ts';
import { root } from '../../scripts/paths.ts';
import { createWorkflowClient, pendingCallbacks, type WorkflowClient } from '../../src/index.ts';
import { flowOf, functionUrn, operation } from '../helpers/emulator.ts';
import { childrenOf, isRunning, untilGone } from '../helpers/processes.ts';
import { freePort } from '../../emulator/src/gateway/ports.ts';

const fixtures = join(root, 'test', 'fixtures', 'functions');
const dir = mkdtempSync(join(tmpdir(), 'emulator-functions-'));
const token = 'a-token-the-functions-must-not-see';
const projectId = '0a2b4c6d8e9f41a3b5c7d9e1f3a5b7c9';

/** What the functions' HTTP side received: callback requests and calls of the URL functions. */
const received: Array<{ path: string; headers: IncomingMessage['headers']; body: any }> = [];
let server: Server;
let base: string;
let emulator: SpawnedEmulator;
let client: WorkflowClient;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      received.push({ path: request.url!, headers: request.headers, body: text ? JSON.parse(text) : undefined });
      switch (request.url) {
        case '/answer':
          return response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ via: 'http', got: JSON.parse(text) }));
        case '/fail':
          return response.writeHead(503, { 'Content-Type': 'text/plain' }).end('out of stock');
        case '/redirect':
          return response.writeHead(302, { Location: `${base}/redirected` }).end();
        case '/hang':
          return; // never answers
        case '/huge':
          response.writeHead(200, { 'Content-Type': 'application/json' });
          response.write('{"blob":"');
          for (let i = 0; i < 8; i++) response.write('x'.repeat(1024 * 1024));
          return response.end('"}');
        case '/not-json':
          return response.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
        default:
          return response.writeHead(204).end();
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  const refusedPort = await freePort();
  const file = join(dir, 'functions.json');
  writeFileSync(
    file,
    JSON.stringify({
      greet: { module: join(fixtures, 'greet.mjs'), timeout: 5, userData: { GREETING_STYLE: 'warm' } },
      [functionUrn('legacy')]: join(fixtures, 'legacy.cjs'),
      misbehave: { module: join(fixtures, 'misbehave.mjs'), timeout: 2 },
      // Out of memory takes longer than the others' 2-second timeout on a busy machine.
      hog: { module: join(fixtures, 'misbehave.mjs'), timeout: 60, memory: 128 },
      approve: { module: join(fixtures, 'approve.mjs'), callback: true },
      'no-handler': join(fixtures, 'no-handler.mjs'),
      remote: `${base}/answer`,
      'remote-fail': `${base}/fail`,
      'remote-redirect': `${base}/redirect`,
      'remote-hang': { url: `${base}/hang`, timeout: 1 },
      'remote-huge': `${base}/huge`,
      'remote-not-json': `${base}/not-json`,
      // A port nothing listens on.
      'remote-refused': `http://127.0.0.1:${refusedPort}/`,
    }),
  );
  const scenarios = join(dir, 'scenarios.json');
  writeFileSync(scenarios, JSON.stringify({ Flows: { 'scripted-wins': { TestCases: { Default: { greet: 'Scripted' } } } }, MockedResponses: { Scripted: { '0': { Return: { scripted: true } } } } }));
  emulator = await spawnEmulator(['--functions', file, '--scenarios', scenarios, '--time-scale', '0', '--log-level', 'info'], { env: { MOCK_TOKEN: token } });
  client = createWorkflowClient({ endpoint: emulator.url, projectId, auth: { token } });
});

afterAll(async () => {
  await emulator?.stop();
  server?.closeAllConnections();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(fn: string, args: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const { id: workflowId } = await client.createWorkflow(flowOf(`f-${fn}-${Math.random().toString(36).slice(2, 8)}`, [operation('call', fn, args, extra)]));
  const { execution_id: executionId } = await client.startWorkflowExecution({ workflowId, input: {} });
  const ended = await client.waitForExecution({ workflowId, executionId }, { intervalMs: 10, timeoutMs: 30_000 });
  return { workflowId, executionId, ended };
}

/** The first node's error, as `errorCode: errorMessage`. */
function nodeError(execution: Awaited<ReturnType<typeof run>>['ended']): string {
  const error = execution.node_execution_details![0]!.executions![0]!.error_message as { errorCode: string | number; errorMessage: string } | undefined;
  return error ? `${error.errorCode}: ${error.errorMessage}` : 'no error';
}

describe('a Node.js module as a function', () => {
  it('is called with the resolved arguments and the runtime\'s context, the workflow IDs included', async () => {
    const { workflowId, executionId, ended } = await run('greet', { name: 'Ada' });
    expect(ended.status).toBe('success');
    const node = ended.node_execution_details![0]!;
    const output = node.executions![0]!.output as { greeting: string; context: Record<string, unknown> };
    expect(output.greeting).toBe('Hello, Ada');
    expect(output.context).toMatchObject({
      functionName: 'greet', version: 'latest', package: 'default', projectId, memory: 256, timeoutSeconds: 5,
      userData: 'warm', env: 'warm', token: '', credentials: ['', '', '', '', ''], alias: '', cpu: 200,
      logger: { info: 'function', warn: 'function', error: 'function', debug: 'function' },
      workflow: { id: workflowId, runId: executionId, stateId: node.execution_id },
      properties: { id: workflowId, runId: executionId, stateId: node.execution_id },
    });
    expect(output.context.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(output.context.remainingMs as number).toBeGreaterThan(0);
    expect(output.context.remainingMs as number).toBeLessThanOrEqual(5000);
    // The emulator's own settings (its token here) are not in a function's environment.
    expect(output.context.emulatorToken).toBeNull();
    // Its logger's lines show with the emulator's, from --log-level info.
    await expect.poll(() => emulator.output()).toMatch(new RegExp(`\\[function greet\\] \\S+Z ${output.context.requestId} INFO greeting Ada`));
  });

  it('gives way to a scripted answer: a function both files name answers as scripted', async () => {
    const { id: workflowId } = await client.createWorkflow(flowOf('scripted-wins', [operation('call', 'greet', { name: 'Ada' })]));
    const { execution_id: executionId } = await client.startWorkflowExecution({ workflowId, input: {} });
    const ended = await client.waitForExecution({ workflowId, executionId }, { intervalMs: 10 });
    expect(ended.node_execution_details![0]!.executions![0]!.output).toEqual({ scripted: true });
  });

  it('is found by its URN too, and may be CommonJS answering through the callback', async () => {
    const { ended } = await run('legacy', { n: 21 });
    expect(ended.status).toBe('success');
    expect(ended.node_execution_details![0]!.executions![0]!.output).toEqual({ doubled: 42 });
  });

  it('fails its node, readably, whatever goes wrong, and the emulator serves on', { timeout: 60_000 }, async () => {
    const cases: Array<[string, RegExp]> = [
      ['throw', /^402: function misbehave threw Error: the card was declined \(at misbehave\.mjs:\d+:\d+\)$/],
      ['bigint', /^Emulator\.NotJson: function misbehave: it answered something JSON cannot hold: .*BigInt/],
      ['nothing', /^Emulator\.NotJson: function misbehave: it answered nothing \(undefined\), which is not JSON$/],
      ['string', /^Emulator\.NotAnObject: function misbehave answered a string \("done"\): a function in a flow answers a JSON object$/],
      ['huge', /^Emulator\.NotJson: function misbehave: it answered 7\.0 MB of JSON: an answer is at most 6 MB$/],
      ['loop', /^Emulator\.FunctionTimeout: function misbehave ran past its 2-second timeout and was stopped$/],
      ['exit', /^Emulator\.FunctionCrashed: function misbehave's process exited \(code 3\) before it answered: giving up$/],
      ['kill', /^Emulator\.FunctionCrashed: function misbehave's process exited \(SIGKILL\) before it answered$/],
    ];
    const results = await Promise.all([...cases.map(([how]) => run('misbehave', { how })), run('hog', { how: 'memory' })]);
    cases.push(['memory', /^Emulator\.FunctionCrashed: function hog's process exited \((?:SIGABRT|SIGTRAP|code 134)\) before it answered: FATAL ERROR: .*heap.* \(its memory is 128 MB\)$/i]);
    results.forEach(({ ended }, i) => {
      expect([cases[i]![0], ended.status]).toEqual([cases[i]![0], 'fail']);
      expect(nodeError(ended)).toMatch(cases[i]![1]);
    });
    // The same function, and the emulator, still answer.
    const { ended } = await run('misbehave', { how: 'fine' });
    expect(ended.node_execution_details![0]!.executions![0]!.output).toEqual({ fine: true, how: 'fine' });
  });

  it('that exports no handler fails its node with what the module exports', async () => {
    const { ended } = await run('no-handler', {});
    expect(ended.status).toBe('fail');
    expect(JSON.stringify(ended)).toContain('exports no function \\"handler\\" (it exports somethingElse)');
  });

  it('that fails is an error its on_errors can route by errorCode', async () => {
    const definition = flowOf('routes-402', [
      operation('charge', 'misbehave', { how: 'throw' }, { on_errors: [{ error: '$.errorCode == 402', transition: 'declined' }] }),
      { id: 'declined', type: 'End' },
    ]);
    const { id: workflowId } = await client.createWorkflow(definition);
    const { execution_id: executionId } = await client.startWorkflowExecution({ workflowId, input: {} });
    const ended = await client.waitForExecution({ workflowId, executionId }, { intervalMs: 10 });
    expect(ended.status).toBe('success');
    expect(ended.node_execution_details!.map((node) => node.node_id)).toEqual(['charge', 'declined']);
  });

  it('that hands its run and state IDs on resumes the flow when they are called back', async () => {
    const { id: workflowId } = await client.createWorkflow(flowOf('callback-pattern', [operation('approve', 'approve', { notify: `${base}/notify`, order: 42 }), operation('ship', 'greet', { name: '$.approved' })]));
    const { execution_id: executionId } = await client.startWorkflowExecution({ workflowId, input: {} });
    await expect.poll(() => received.find((request) => request.path === '/notify' && request.body.runId === executionId), { timeout: 10_000 }).toBeTruthy();
    const { runId, stateId, order } = received.find((request) => request.path === '/notify' && request.body.runId === executionId)!.body;
    expect(order).toBe(42);
    const waiting = await client.waitForExecution({ workflowId, executionId }, { intervalMs: 10, until: (execution) => pendingCallbacks(execution).length > 0 });
    expect(pendingCallbacks(waiting)).toEqual([expect.objectContaining({ runId, stateId })]);
    await client.createCallbackWorkflow({ workflowId, runId, stateId, result: 'success', output: { approved: 'by Grace' } });
    const ended = await client.waitForExecution({ workflowId, executionId }, { intervalMs: 10 });
    expect(ended.status).toBe('success');
    expect((ended.node_execution_details![1]!.executions![0]!.output as { greeting: string }).greeting).toBe('Hello, by Grace');
  });
});

describe('an HTTP URL as a function', () => {
  it('receives the event as a POST with the workflow IDs and the execution\'s headers, but none of the request\'s own', async () => {
    const { id: workflowId } = await client.createWorkflow(flowOf('remote-headers', [operation('call', 'remote', { orderId: 7 })]));
    const headers = { tenantId: 'user1', Host: 'evil.example', 'Content-Length': '1', 'Transfer-Encoding': 'chunked', 'X-Workflow-Run-Id': 'forged' };
    const { execution_id: executionId } = await client.startWorkflowExecution({ workflowId, input: {}, headers });
    const ended = await client.waitForExecution({ workflowId, executionId }, { intervalMs: 10 });
    expect(ended.node_execution_details![0]!.executions![0]!.output).toEqual({ via: 'http', got: { orderId: 7 } });
    const call = received.find((request) => request.path === '/answer' && request.headers['x-workflow-run-id'] === executionId)!;
    expect(call.headers).toMatchObject({ 'content-type': 'application/json', tenantid: 'user1', 'x-workflow-state-id': ended.node_execution_details![0]!.execution_id });
    expect(call.headers.host).toBe(new URL(base).host);
    expect(call.headers['transfer-encoding']).toBeUndefined();
  });

  it('fails its node on an error status, a redirect, silence, an answer over 6 MB, one that is not JSON, or a refused connection', { timeout: 30_000 }, async () => {
    const cases: Array<[string, RegExp]> = [
      ['remote-fail', /^503: function remote-fail \(http:\S+\/fail\) answered 503: out of stock$/],
      ['remote-redirect', /^302: function remote-redirect \(http:\S+\) answered 302 to http:\S+\/redirected: the emulator follows no redirect$/],
      ['remote-hang', /^Emulator\.FunctionTimeout: function remote-hang \(http:\S+\) did not answer within its 1-second timeout$/],
      ['remote-huge', /^Emulator\.NotJson: function remote-huge \(http:\S+\) answered more than 6 MB$/],
      ['remote-not-json', /^Emulator\.NotJson: function remote-not-json \(http:\S+\) answered 200 with what is not JSON: ok$/],
      ['remote-refused', /^Emulator\.FunctionUnreachable: function remote-refused \(http:\/\/127\.0\.0\.1:\d+\/\) cannot be reached: ECONNREFUSED$/],
    ];
    const results = await Promise.all(cases.map(([fn]) => run(fn, {})));
    results.forEach(({ ended }, i) => {
      expect(nodeError(ended)).toMatch(cases[i]![1]);
    });
    expect(received.some((request) => request.path === '/redirected')).toBe(false);
  });
});

describe('the instances', () => {
  const loops = join(dir, 'loops.json');
  const context = { requestId: 'r', functionName: 'misbehave', version: 'latest', package: 'default', projectId, alias: '', workflowId: 'w', workflowRunId: 'e', workflowStateId: 's' };

  it('never give a call to one stopped at its timeout, and start one for a call that waited for a place', { timeout: 30_000 }, async () => {
    writeFileSync(loops, JSON.stringify({ misbehave: { module: join(fixtures, 'misbehave.mjs'), timeout: 1 } }));
    const fn = readFunctionsFile(loops).get('misbehave')!;
    const invoker = new Invoker();
    try {
      // Eight loops take every place; the ninth call waits, and gets a new instance once a loop is stopped.
      const calls = [...Array.from({ length: 8 }, () => ({ how: 'loop' })), { how: 'fine' }].map((event) => invoker.invoke({ fn, event, headers: {}, context }));
      const outcomes = await Promise.all(calls);
      expect(outcomes.slice(0, 8).map((outcome) => !outcome.ok && outcome.errorCode)).toEqual(Array(8).fill('Emulator.FunctionTimeout'));
      expect(outcomes[8]).toEqual({ ok: true, value: { fine: true, how: 'fine' } });
    } finally {
      await invoker.close();
    }
    expect(invoker.instances).toBe(0);
  });

  it('and close() settles every call, running or waiting for a place, and ends every instance', { timeout: 30_000 }, async () => {
    writeFileSync(loops, JSON.stringify({ misbehave: { module: join(fixtures, 'misbehave.mjs'), timeout: 60 } }));
    const fn = readFunctionsFile(loops).get('misbehave')!;
    const invoker = new Invoker();
    const calls = Array.from({ length: 10 }, () => invoker.invoke({ fn, event: { how: 'loop' }, headers: {}, context }));
    await expect.poll(() => invoker.instances).toBe(8);
    await invoker.close();
    const outcomes = await Promise.all(calls);
    expect(outcomes.map((outcome) => !outcome.ok && outcome.errorCode).sort()).toEqual([...Array(8).fill('Emulator.FunctionCrashed'), 'Emulator.Stopped', 'Emulator.Stopped']);
    expect(invoker.instances).toBe(0);
  });
});

describe('an emulator killed while a function loops', () => {
  it('takes the instance with it: nothing is left running', { timeout: 30_000 }, async () => {
    const file = join(dir, 'orphan-functions.json');
    writeFileSync(file, JSON.stringify({ misbehave: { module: join(fixtures, 'misbehave.mjs'), timeout: 600 } }));
    const killed = await spawnEmulator(['--functions', file, '--time-scale', '0']);
    const own = createWorkflowClient({ endpoint: killed.url, projectId, auth: { token: 't' } });
    const { id: workflowId } = await own.createWorkflow(flowOf('orphan', [operation('spin', 'misbehave', { how: 'loop' })]));
    await own.startWorkflowExecution({ workflowId, input: {} });
    await expect.poll(() => childrenOf(killed.process.pid!), { timeout: 10_000 }).toHaveLength(1);
    const [instance] = childrenOf(killed.process.pid!);
    // SIGKILL: the emulator runs no code of its own to stop the instance, whose handler never yields.
    killed.process.kill('SIGKILL');
    await killed.exited;
    await killed.stop();
    // Adopted by this machine's init, which may not reap it: isRunning counts a zombie as gone.
    await untilGone([instance!], 5_000);
  });
});

describe('the functions file', () => {
  it.each([
    [{ greet: { module: './nowhere.mjs' } }, /functions\.json: \/greet\/module: \S+nowhere\.mjs does not exist/],
    [{ greet: { module: join(fixtures, 'greet.mjs'), timeout: 0 } }, /functions\.json: \/greet\/timeout: seconds from 1 to 900/],
    [{ greet: { module: join(fixtures, 'greet.mjs'), memroy: 512 } }, /functions\.json: \/greet\/memroy: unknown setting; the settings are module, handler, url/],
    [{ greet: { url: 'ftp://example.com/' } }, /functions\.json: \/greet\/url: an http:\/\/ or https:\/\/ URL/],
    [{ greet: { url: 'http://user:secret@127.0.0.1/' } }, /functions\.json: \/greet\/url: no credentials in the URL/],
    [{ greet: { module: fixtures } }, /functions\.json: \/greet\/module: \S+functions is not a file/],
    [{ greet: { module: join(fixtures, 'greet.mjs'), userData: { STYLE: 'a\0b' } } }, /functions\.json: \/greet\/userData\/STYLE: a string without NUL characters/],
    [[], /functions\.json: \/: give an object/],
  ])('is refused whole when it cannot be valid, naming the place: %j', (content, message) => {
    const file = join(mkdtempSync(join(dir, 'bad-')), 'functions.json');
    writeFileSync(file, JSON.stringify(content));
    expect(() => readFunctionsFile(file)).toThrow(message);
  });

  it('refused, stops the emulator from starting, with the same message, and no credential in it', async () => {
    const file = join(mkdtempSync(join(dir, 'bad-')), 'functions.json');
    writeFileSync(file, JSON.stringify({ greet: { url: 'http://user:secret@127.0.0.1/' } }));
    const error = await startEmulator({ functions: file }).then(() => undefined, (thrown: Error) => thrown);
    expect(error?.message).toMatch(/^startEmulator: the emulator exited \(2\) before it was ready:\n.*functions\.json: \/greet\/url: no credentials in the URL$/s);
    expect(error?.message).not.toContain('secret@');
  });
});

describe('a function running when the emulator is killed', () => {
  it('is called again after the restart, and its flow ends once', { timeout: 60_000 }, async () => {
    const data = join(dir, 'data');
    const log = join(dir, 'slow.log');
    const file = join(dir, 'slow-functions.json');
    writeFileSync(file, JSON.stringify({ slow: { module: join(fixtures, 'slow.mjs'), timeout: 30 } }));
    const args = ['--functions', file, '--data-dir', data, '--time-scale', '0'];
    const first = await spawnEmulator(args);
    const firstClient = createWorkflowClient({ endpoint: first.url, projectId, auth: { token: 't' } });
    const { id: workflowId } = await firstClient.createWorkflow(flowOf('slow', [operation('sleepy', 'slow', { log, ms: 1500 })]));
    const { execution_id: executionId } = await firstClient.startWorkflowExecution({ workflowId, input: {} });
    await expect.poll(() => existsSync(log) && readFileSync(log, 'utf8'), { timeout: 10_000 }).toBe('called\n');
    first.process.kill('SIGKILL');
    await first.exited;

    const second = await spawnEmulator(args);
    try {
      const secondClient = createWorkflowClient({ endpoint: second.url, projectId, auth: { token: 't' } });
      const ended = await secondClient.waitForExecution({ workflowId, executionId }, { intervalMs: 20, timeoutMs: 30_000 });
      expect(ended.status).toBe('success');
      expect(ended.node_execution_details![0]!.executions![0]!.output).toEqual({ slept: 1500 });
      expect(readFileSync(log, 'utf8')).toBe('called\ncalled\n');
    } finally {
      await second.stop();
    }
  });
});

describe('startEmulator()', () => {
  it('listens on the port it is given, gives a handle on the clock, the calls, the waits and a reset, and close() leaves nothing running', { timeout: 60_000 }, async () => {
    const file = join(dir, 'handle-functions.json');
    writeFileSync(file, JSON.stringify({ greet: join(fixtures, 'greet.mjs') }));
    // On a port of its own choosing, which it keeps.
    const port = await freePort();
    const handle = await startEmulator({ functions: file, timeScale: 0.001, port });
    expect(handle.url).toBe(`http://127.0.0.1:${port}`);
    // Lenient: the console needs no key.
    expect(handle.console).toBe(`${handle.url}/_console/`);
    const project = '1b3d5f7a9c0e42b4d6f8a0c2e4b6d8f0';
    const own = createWorkflowClient({ endpoint: handle.url, projectId: project, auth: { token: 't' } });
    const { id: workflowId } = await own.createWorkflow(flowOf('handled', [{ id: 'nap', type: 'Sleep', duration: 3600 }, operation('hello', 'greet', { name: 'Lin' })]));
    const { execution_id: executionId } = await own.startWorkflowExecution({ workflowId, input: {} });
    await expect.poll(async () => (await handle.waits(project)).map((wait) => wait.kind)).toEqual(['sleep']);
    const before = await handle.clock.read();
    const after = await handle.clock.advance(3600);
    expect(after.now_ms - before.now_ms).toBeGreaterThanOrEqual(3_600_000);
    await own.waitForExecution({ workflowId, executionId }, { intervalMs: 10 });
    const calls = await handle.calls(project, { executionId });
    expect(calls).toEqual([expect.objectContaining({ function: 'greet', node_id: 'hello', input: { name: 'Lin' }, answer: expect.objectContaining({ Return: expect.objectContaining({ greeting: 'Hello, Lin' }) }) })]);
    expect((await handle.info()).answers.violations).toBe(0);
    // A test file reaches the same emulator by its URL, with the same handle less close().
    const connected = connectEmulator(`${handle.url}/`);
    expect(connected.url).toBe(handle.url);
    expect((await connected.clock.read()).time_scale).toBe(0.001);
    expect('close' in connected).toBe(false);
    expect(await handle.reset(project)).toMatchObject({ flows: 1, executions: 1 });
    expect(await handle.calls(project)).toEqual([]);

    // Its processes: the emulator, and the function's instance under it.
    const instances = childrenOf(handle.pid);
    expect(instances.length).toBeGreaterThan(0);
    await handle.close();
    await handle.close();
    expect([handle.pid, ...instances].filter(isRunning)).toEqual([]);
    await expect(handle.clock.read()).rejects.toThrow(/ECONNREFUSED/);
  });

  it('hands credentials over in the environment, never on a command line that others can read', { timeout: 30_000 }, async () => {
    const handle = await startEmulator({ accessKey: 'HPUAEXAMPLEACCESSKEY', secretKey: 'a-secret-for-the-gateway-only', token: 'a-token-of-its-own' });
    try {
      expect(readFileSync(`/proc/${handle.pid}/cmdline`, 'utf8')).not.toMatch(/a-secret-for-the-gateway-only|a-token-of-its-own/);
      const strict = (auth: { token: string }) => createWorkflowClient({ endpoint: handle.url, projectId, auth }).listWorkflow({}).then(() => 'answered', (error: { status: number }) => error.status);
      expect(await strict({ token: 'a-token-of-its-own' })).toBe('answered');
      expect(await strict({ token: 'another-token' })).toBe(401);
      // The console's address carries the key its page needs for those credentials.
      const key = new URL(handle.console!).searchParams.get('key')!;
      expect(handle.console).toBe(`${handle.url}/_console/?key=${key}`);
      const session = (await (await fetch(`${handle.url}/_console/session?key=${key}`)).json()) as { auth: unknown };
      expect(session.auth).toEqual({ kind: 'aksk', accessKey: 'HPUAEXAMPLEACCESSKEY', secretKey: 'a-secret-for-the-gateway-only' });
    } finally {
      await handle.close();
    }
  });

  it('refuses an option the command line does not have, or a value it cannot take, with the command line\'s message', async () => {
    await expect(startEmulator({ datadir: '/tmp' } as never)).rejects.toThrow('startEmulator: unknown option "datadir"; the options are port, accessKey');
    await expect(startEmulator({ timeScale: -1 })).rejects.toThrow(/invalid time scale "-1"/);
    await expect(startEmulator({ logLevel: 'loud' as never })).rejects.toThrow(/invalid log level "loud".*silent, error, warn, info, debug/);
  });
});
