// waitForExecution against a real HTTP server that answers each poll from a script: it resolves at a
// final status, keeps polling through passing failures, honours Retry-After, ends on any other refusal,
// at its deadline and on abort, and leaves no timer behind.
import { getEventListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import {
  createWorkflowClient,
  isFinalStatus,
  pendingCallbacks,
  WorkflowApiError,
  WorkflowError,
  WorkflowNetworkError,
  WorkflowValidationError,
  WorkflowWaitTimeoutError,
  type WaitOptions,
} from '../../src/index.ts';
import { backoffMs, retryAfterMs } from '../../src/wait.ts';
import { answerJson, useTestServer, type Handler } from '../helpers/http-server.ts';

const testServer = useTestServer();

/**
 * Each test calls under a project ID of its own, so that a poll a previous test left in flight (on a
 * loaded machine it can arrive late) is never counted as this test's.
 */
let projectId = 'p0';
const ours = (target: string) => target.startsWith(`/v2/${projectId}/`);

/** Each poll's answer, in order; the last one answers every poll after it. Records when each poll arrived. */
let arrivals: number[] = [];
function script(...steps: Handler[]): void {
  testServer.current.handle((request, response, socket) => {
    if (!ours(request.target)) return void socket.destroy();
    arrivals.push(performance.now());
    steps[Math.min(arrivals.length, steps.length) - 1]!(request, response, socket);
  });
}

const execution = (status: string) => ({ workflow_id: 'wf-1', execution_id: 'exec-1', status, output: { done_at: status } });
const status = (value: string, headers: Record<string, string> = {}) => answerJson(200, execution(value), headers);
const reset: Handler = (_request, _response, socket) => socket.destroy();
const silent: Handler = () => {};
const throttled = (retryAfter?: string) =>
  answerJson(429, { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached.' }, retryAfter === undefined ? {} : { 'Retry-After': retryAfter });

const client = (timeoutMs?: number) =>
  createWorkflowClient({ endpoint: testServer.current.url, projectId, auth: { token: 't' }, ...(timeoutMs !== undefined && { timeoutMs }) });
const input = { workflowId: 'wf-1', executionId: 'exec-1' };
const fast: WaitOptions = { intervalMs: 5, maxIntervalMs: 20 };
const wait = (options: WaitOptions = fast, timeoutMs?: number) => client(timeoutMs).waitForExecution(input, options);

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('the wait should have failed');
    },
    (error: unknown) => error,
  );
}

/**
 * Timers the client sets (setTimeout called from src/), until they fire or are cleared. Node's own
 * timers (keep-alive, the HTTP server's) come and go with the connections, so they are not counted.
 */
const clientTimers = new Set<unknown>();
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
let tests = 0;
beforeEach(() => {
  arrivals = [];
  projectId = `p${++tests}`;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const fromClient = /[/\\]src[/\\]/.test(new Error().stack ?? '');
    const handle = realSetTimeout(() => {
      clientTimers.delete(handle);
      callback(...args);
    }, ms);
    if (fromClient) clientTimers.add(handle);
    return handle;
  }) as typeof setTimeout);
  vi.spyOn(globalThis, 'clearTimeout').mockImplementation((handle) => {
    clientTimers.delete(handle);
    realClearTimeout(handle);
  });
});
// Whichever way a wait ended, it left no timer behind: not its deadline, not a sleep, not a poll's.
afterEach(() => {
  vi.restoreAllMocks();
  const left = clientTimers.size;
  for (const handle of clientTimers) realClearTimeout(handle as ReturnType<typeof setTimeout>);
  clientTimers.clear();
  expect(left, 'a timer of the client was left behind').toBe(0);
});

it('the timer watch sees a timer the client leaves behind', async () => {
  // The watch itself can fail: a call with a time limit that is still running holds its timer.
  script(silent);
  const controller = new AbortController();
  const call = client(60_000).showWorkflowExecution(input, { signal: controller.signal });
  while (arrivals.length === 0) await new Promise((resolve) => realSetTimeout(resolve, 5));
  expect(clientTimers.size).toBe(1);
  controller.abort(new Error('done'));
  await call.catch(() => {});
  expect(clientTimers.size).toBe(0);
});

describe('waitForExecution resolves with the execution', () => {
  it('after several polls of a running execution, each a GET of showWorkflowExecution', async () => {
    script(status('running'), status('running'), status('running'), status('success', { 'X-Request-Id': 'req-last' }));
    expect(await wait()).toEqual({ ...execution('success'), request_id: 'req-last' });
    const polls = testServer.current.requests.filter((r) => ours(r.target)).map((r) => `${r.method} ${r.target}`);
    expect(polls).toEqual(Array(4).fill(`GET /v2/${projectId}/fgs/workflows/wf-1/executions/exec-1`));
  });

  it.each(['success', 'fail', 'timeout', 'cancel'])('at the final status %s', async (final) => {
    script(status('running'), status(final));
    expect(await wait()).toMatchObject({ status: final, output: { done_at: final } });
    expect(testServer.current.requests).toHaveLength(2);
  });

  it('at once, when the first poll is final', async () => {
    script(status('success'));
    await wait({ intervalMs: 60_000 });
    expect(testServer.current.requests).toHaveLength(1);
  });

  it('not at a status the contract does not list, nor at none', async () => {
    script(status('scheduled'), status('retrying'), answerJson(200, { execution_id: 'exec-1' }), status('stopping'), status('cancel'));
    expect(await wait()).toMatchObject({ status: 'cancel' });
    expect(testServer.current.requests).toHaveLength(5);
  });

  it('passing fullHistoryData on to every poll', async () => {
    script(status('running'), status('success'));
    await client().waitForExecution({ ...input, fullHistoryData: true }, fast);
    expect(testServer.current.requests.map((r) => r.headers['x-get-workflow-full-history-data'])).toEqual(['true', 'true']);
  });
});

describe('a passing failure does not end the wait', () => {
  it('a connection reset', async () => {
    script(status('running'), reset, reset, status('success'));
    expect(await wait()).toMatchObject({ status: 'success' });
    expect(arrivals).toHaveLength(4);
  });

  it("a poll that gets no answer within the client's timeoutMs", async () => {
    script(silent, status('success'));
    expect(await wait(fast, 100)).toMatchObject({ status: 'success' });
    expect(arrivals).toHaveLength(2);
  });

  it.each([500, 502, 503, 504])('a %i', async (code) => {
    script(answerJson(code, { error_code: 'FSS.0500', error_msg: 'Internal error.' }), status('success'));
    expect(await wait()).toMatchObject({ status: 'success' });
  });

  it('a 429, after which the next poll waits at least its Retry-After in seconds', async () => {
    script(throttled('1'), status('success'));
    expect(await wait()).toMatchObject({ status: 'success' });
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(1000);
  });

  it('a 429 with Retry-After as an HTTP date', async () => {
    // An HTTP date has whole seconds: two seconds from now is at least one second away.
    script(throttled(new Date(Date.now() + 2000).toUTCString()), status('success'));
    expect(await wait()).toMatchObject({ status: 'success' });
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(1000);
  });

  it('a 429 without Retry-After: the usual back-off', async () => {
    script(throttled(), throttled('soon'), status('success'));
    expect(await wait()).toMatchObject({ status: 'success' });
    expect(arrivals).toHaveLength(3);
  });
});

describe('any other failure ends the wait with its error', () => {
  it.each([
    [404, 'FGS.5002', 'Function flow not found.'],
    [400, 'FGS.3002', 'Invalid parameters.'],
    [401, 'APIGW.0301', 'Incorrect IAM authentication information: decrypt token fail'],
    [403, 'APIGW.0302', 'The IAM user is not authorized to access the API.'],
  ])('a %i', async (code, errorCode, message) => {
    script(status('running'), answerJson(code, { error_code: errorCode, error_msg: message }), status('success'));
    const error = await failure(wait());
    expect(error).toBeInstanceOf(WorkflowApiError);
    expect(error).toMatchObject({ status: code, code: errorCode });
    expect(testServer.current.requests).toHaveLength(2);
  });

  it('a 200 that is not the documented execution', async () => {
    script(answerJson(200, { status: 7 }), status('success'));
    const error = await failure(wait());
    expect(error).toMatchObject({ name: 'WorkflowApiError', status: 200 });
    expect(testServer.current.requests).toHaveLength(1);
  });

  it('a redirect', async () => {
    script(answerJson(302, {}, { Location: 'http://127.0.0.1:9/elsewhere' }), status('success'));
    expect(await failure(wait())).toMatchObject({ name: 'WorkflowApiError', status: 302 });
  });

  it('input the contract refuses, before anything is sent', async () => {
    const error = await failure(client().waitForExecution({ workflowId: 'w', executionId: '' }, fast));
    expect(error).toBeInstanceOf(WorkflowValidationError);
    expect(error).toMatchObject({ field: 'executionId' });
    expect(testServer.current.requests).toHaveLength(0);
  });
});

describe('the deadline', () => {
  it('rejects with a WorkflowWaitTimeoutError carrying the last status and execution', async () => {
    script(status('running'));
    const error = await failure(wait({ ...fast, timeoutMs: 1000 }));
    expect(error).toBeInstanceOf(WorkflowWaitTimeoutError);
    expect(error).toBeInstanceOf(WorkflowError);
    const timeout = error as WorkflowWaitTimeoutError;
    expect(timeout.name).toBe('WorkflowWaitTimeoutError');
    expect([timeout.timeoutMs, timeout.lastStatus, timeout.sent, timeout.cause]).toEqual([1000, 'running', true, undefined]);
    expect(timeout.lastExecution).toMatchObject(execution('running'));
    expect(timeout.message).toBe('the execution had no final status within 1000 ms: the last status seen was "running"');
  });

  it('while every poll fails: the last failure is the cause, and no status was seen', async () => {
    script(answerJson(503, { error_code: 'APIGW.0201', error_msg: 'Backend unavailable.' }));
    const error = (await failure(wait({ ...fast, timeoutMs: 1000 }))) as WorkflowWaitTimeoutError;
    expect(error).toBeInstanceOf(WorkflowWaitTimeoutError);
    expect(error.lastStatus).toBeUndefined();
    expect(error.cause).toBeInstanceOf(WorkflowApiError);
    expect((error.cause as WorkflowApiError).status).toBe(503);
    expect(error.message).toMatch(/: no poll was answered$/);
  });

  it('ends a poll in flight, whatever the per-call limit', async () => {
    script(silent);
    const error = await failure(wait({ ...fast, timeoutMs: 200 }, 0));
    expect(error).toBeInstanceOf(WorkflowWaitTimeoutError);
    // One poll, which never got an answer (on a busy machine it may not even have arrived).
    expect(arrivals.length).toBeLessThanOrEqual(1);
  });

  it('ends a sleep, even one a Retry-After asked for', async () => {
    script(throttled('3600'));
    const error = (await failure(wait({ ...fast, timeoutMs: 1000 }))) as WorkflowWaitTimeoutError;
    expect(error).toBeInstanceOf(WorkflowWaitTimeoutError);
    expect((error.cause as WorkflowApiError).status).toBe(429);
    expect(arrivals).toHaveLength(1);
  });
});

describe("the caller's abort", () => {
  it('during a sleep: rejects with the reason, and polls no more', async () => {
    script(status('running'));
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const waiting = wait({ intervalMs: 60_000, signal: controller.signal });
    while (arrivals.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort(reason);
    expect(await failure(waiting)).toBe(reason);
    expect(arrivals).toHaveLength(1);
  });

  it('during a poll: rejects with the reason', async () => {
    script(silent);
    const controller = new AbortController();
    const reason = new Error('gave up');
    const waiting = wait({ ...fast, signal: controller.signal }, 0);
    while (arrivals.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(reason);
    expect(await failure(waiting)).toBe(reason);
  });

  it("puts one listener on a signal that many waits share, so Node warns of no leak", async () => {
    const controller = new AbortController();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      script(...Array.from({ length: 12 }, () => status('running')), ...Array.from({ length: 12 }, () => status('success')));
      const waits = Array.from({ length: 12 }, () => wait({ ...fast, signal: controller.signal }));
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
      await Promise.all(waits);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it("leaves no listener on the caller's signal, however the wait ended", async () => {
    const controller = new AbortController();
    script(status('running'), status('success'));
    await wait({ ...fast, signal: controller.signal });
    script(answerJson(404, { error_code: 'FGS.5002', error_msg: 'Function flow not found.' }));
    await failure(wait({ ...fast, signal: controller.signal }));
    script(status('running'));
    await failure(wait({ ...fast, timeoutMs: 50, signal: controller.signal }));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('already aborted: rejects with the reason, and sends nothing', async () => {
    const reason = new Error('never mind');
    expect(await failure(wait({ ...fast, signal: AbortSignal.abort(reason) }))).toBe(reason);
    expect(testServer.current.requests).toHaveLength(0);
  });
});

describe('options', () => {
  it.each([
    ['intervalMs', { intervalMs: 0 }, /^intervalMs must be a number of milliseconds, more than 0/],
    ['intervalMs', { intervalMs: Number.NaN }, /^intervalMs must be a number of milliseconds/],
    ['maxIntervalMs', { intervalMs: 100, maxIntervalMs: 50 }, /^maxIntervalMs must be at least intervalMs \(100\)$/],
    ['maxIntervalMs', { maxIntervalMs: 2 ** 31 }, /^maxIntervalMs must be a number of milliseconds, more than 0 and at most 2147483647$/],
    ['timeoutMs', { timeoutMs: -1 }, /^timeoutMs must be a finite number of milliseconds, 0 or more$/],
    ['signal', { signal: {} }, /^signal must be an AbortSignal$/],
    ['options', 'fast', /^options must be an object$/],
  ])('refuses %s (%j) before polling', async (field, options, message) => {
    const error = await failure(client().waitForExecution(input, options as WaitOptions));
    expect(error).toBeInstanceOf(WorkflowValidationError);
    expect(error).toMatchObject({ field });
    expect((error as Error).message).toMatch(message);
    expect(testServer.current.requests).toHaveLength(0);
  });
});

describe('the delays between polls', () => {
  it('start at intervalMs and back off, with jitter, to a ceiling that doubles up to maxIntervalMs', () => {
    // The lowest draw is always the interval; the highest doubles with each attempt up to the cap.
    expect([0, 1, 2, 3, 4, 5, 6].map((attempt) => backoffMs(attempt, 1000, 30_000, 0))).toEqual([1000, 1000, 1000, 1000, 1000, 1000, 1000]);
    expect([0, 1, 2, 3, 4, 5, 6].map((attempt) => backoffMs(attempt, 1000, 30_000, 1))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(backoffMs(3, 1000, 30_000, 0.5)).toBe(4500);
    expect(backoffMs(10_000, 1000, 30_000, 1)).toBe(30_000);
  });

  it('read Retry-After as seconds or an HTTP date; anything else is no delay', () => {
    const now = Date.parse('2026-11-20T08:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs(' 120 ', now)).toBe(120_000);
    expect(retryAfterMs('Fri, 20 Nov 2026 08:00:05 GMT', now)).toBe(5000);
    for (const value of [null, '', 'soon', '-1', '1.5', 'Fri, 20 Nov 2026 07:59:00 GMT']) expect(retryAfterMs(value, now), String(value)).toBe(0);
  });

  it('honour the minimum on the wire: each poll comes at least intervalMs after the previous one', async () => {
    script(status('running'), status('running'), status('running'), status('success'));
    await wait({ intervalMs: 50, maxIntervalMs: 100 });
    const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]!);
    expect(gaps).toHaveLength(3);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(49);
  });
});

describe('against the mock', () => {
  it('a started execution is waited for to its documented end', async () => {
    const mock = createWorkflowClient({ endpoint: inject('mockUrl'), projectId: '0a2b4c6d8e9f41a3b5c7d9e1f3a5b7c9', auth: { token: 'token-for-the-mock' } });
    const workflowId = '6f2d1b0c-8e3a-4b5d-9c7e-1a2b3c4d5e6f';
    const { execution_id: executionId } = await mock.startWorkflowExecution({ workflowId, input: { orderId: 42 } });
    const finished = await mock.waitForExecution({ workflowId, executionId }, fast);
    expect(finished).toMatchObject({ execution_id: executionId, status: 'success', output: { orderId: 42, shipped: true } });
    expect(finished.request_id).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('waiting until the caller says, with headers of its own', () => {
  const paused = {
    workflow_id: 'wf-1',
    execution_id: 'exec-1',
    status: 'running',
    node_execution_details: [
      { node_id: 'n-reserve', node_name: 'reserve', execution_id: 'node-exec-1', executions: [{ status: 'success' }] },
      { node_id: 'n-approve', node_name: 'approve', execution_id: 'node-exec-2', executions: [{ status: 'fail' }, { status: 'running' }] },
    ],
  };

  it('until ends the wait at the first poll it accepts, and pendingCallbacks names the callback\'s IDs', async () => {
    script(status('running'), status('running'), answerJson(200, paused), status('success'));
    const seen: string[] = [];
    const execution = await wait({ ...fast, until: (e) => (seen.push(String(e.status)), pendingCallbacks(e).length > 0) });
    expect(seen).toEqual(['running', 'running', 'running']);
    expect(pendingCallbacks(execution)).toEqual([{ runId: 'exec-1', stateId: 'node-exec-2', nodeName: 'approve', nodeId: 'n-approve' }]);
    expect(arrivals).toHaveLength(3);
  });

  it('a final status still ends the wait, whatever until says', async () => {
    script(status('running'), status('cancel'));
    const execution = await wait({ ...fast, until: () => false });
    expect(execution.status).toBe('cancel');
    expect(isFinalStatus(execution.status)).toBe(true);
    expect(['running', 'scheduled', undefined, 7].map(isFinalStatus)).toEqual([false, false, false, false]);
  });

  it('until that throws ends the wait with its error; one that is not a function is refused before any poll', async () => {
    script(status('running'));
    const oops = new Error('the predicate broke');
    await expect(wait({ ...fast, until: () => { throw oops; } })).rejects.toBe(oops);
    // Even an error the poll would retry (a network failure) ends the wait when until throws it.
    arrivals = [];
    script(status('running'), status('running'));
    const transient = new WorkflowNetworkError('thrown by until', { cause: oops });
    await expect(wait({ ...fast, until: () => { throw transient; } })).rejects.toBe(transient);
    expect(arrivals).toHaveLength(1);
    arrivals = [];
    await expect(wait({ ...fast, until: 'running' as never })).rejects.toThrow(new WorkflowValidationError('until', 'must be a function that takes the execution and returns true to stop'));
    expect(arrivals).toEqual([]);
  });

  it('headers go on every poll and on nothing else; a header the client sets is refused before any poll', async () => {
    script(status('running'), status('success'));
    const c = client();
    await c.waitForExecution(input, { ...fast, headers: { Prefer: 'example=ExecutionRunning', 'X-Trace': 't-1' } });
    const polls = testServer.current.requests.filter((r) => ours(r.target));
    expect(polls.map((r) => [r.headers.prefer, r.headers['x-trace']])).toEqual([['example=ExecutionRunning', 't-1'], ['example=ExecutionRunning', 't-1']]);
    arrivals = [];
    await expect(c.waitForExecution(input, { ...fast, headers: { 'X-Auth-Token': 'other' } })).rejects.toThrow(WorkflowValidationError);
    expect(arrivals).toEqual([]);
  });

  it('pendingCallbacks is empty for an execution that is not running, or has no running node', () => {
    expect(pendingCallbacks({ ...paused, status: 'success' } as never)).toEqual([]);
    expect(pendingCallbacks({ ...paused, node_execution_details: [paused.node_execution_details[0]!] } as never)).toEqual([]);
    expect(pendingCallbacks({ status: 'running' } as never)).toEqual([]);
    expect(pendingCallbacks(null as never)).toEqual([]);
  });
});
