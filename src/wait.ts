// Waiting for an execution to finish, by polling showWorkflowExecution, as AWS's waiters do: the first
// poll at once, then delays that grow from `intervalMs` towards `maxIntervalMs` with jitter, so many
// waiters do not poll in step. A transient failure (no answer, a 429, a 5xx) does not end the wait, since
// the poll is an idempotent GET; any other refusal does. The wait ends at its deadline with a
// WorkflowWaitTimeoutError, or with the caller's reason when the caller aborts, and leaves no timer behind.
import { WorkflowApiError, WorkflowNetworkError, WorkflowValidationError, WorkflowWaitTimeoutError } from './errors.js';
import type { OperationResult } from './operation.js';
import { checkSignal, checkTimeout, isPlainObject, maxTimeoutMs } from './validate.js';
import { follow } from './transport.js';

export type Execution = OperationResult<'showWorkflowExecution'>;

/** An execution's status, as the contract lists it. */
export type ExecutionStatus = NonNullable<Execution['status']>;

/** The statuses an execution does not leave. */
export type FinalStatus = Exclude<ExecutionStatus, 'running'>;

/** An execution that has ended: its status is final. */
export type FinishedExecution = Execution & { status: FinalStatus };

export interface WaitOptions {
  /** The shortest delay between polls, in milliseconds; the first one. Default 1 000. */
  intervalMs?: number;
  /** The longest delay between polls that back-off reaches, in milliseconds. Default 30 000. */
  maxIntervalMs?: number;
  /** How long to wait in all, in milliseconds; 0 for no limit. Default 900 000 (15 minutes). */
  timeoutMs?: number;
  /** Ends the wait; it then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Ends the wait early: checked on every poll's execution, it resolves the wait with the first one it
   * accepts, as a final status does. `(e) => pendingCallbacks(e).length > 0` waits for a callback.
   */
  until?: (execution: Execution) => boolean;
  /** Headers for every poll, and only for them, refused like a method's `headers` when the client sets them itself. */
  headers?: Record<string, string>;
}

/** The statuses an execution does not leave. Any other, one the contract does not list included, means "not yet". */
export const finalStatuses: ReadonlySet<string> = new Set<FinalStatus>(['success', 'fail', 'timeout', 'cancel']);

/** Whether a status is final (`success`, `fail`, `timeout` or `cancel`): the execution will not change again. */
export function isFinalStatus(status: unknown): status is FinalStatus {
  return typeof status === 'string' && finalStatuses.has(status);
}

/** What a callback needs to resume a node that waits for one: `createCallbackWorkflow({ workflowId, runId, stateId, … })`. */
export interface PendingCallback {
  /** The execution's `execution_id`, sent as `X-Workflow-Run-Id`. */
  runId: string;
  /** The waiting node's own `execution_id` in `node_execution_details` (not its `node_id`), sent as `X-Workflow-State-Id`. */
  stateId: string;
  /** The node's name in the flow, to tell the waiting nodes apart. */
  nodeName: string | undefined;
  /** The node's ID in the flow. */
  nodeId: string | undefined;
}

/**
 * The nodes of a running execution that may be waiting for a callback: those whose last run is still
 * `running`, with the IDs `createCallbackWorkflow` takes. The API does not say which of them wait for a
 * callback rather than for a function; the flow's definition does (its callback nodes).
 */
export function pendingCallbacks(execution: Execution): PendingCallback[] {
  if (!isPlainObject(execution) || execution.status !== 'running' || typeof execution.execution_id !== 'string') return [];
  const runId = execution.execution_id;
  const pending: PendingCallback[] = [];
  for (const node of Array.isArray(execution.node_execution_details) ? execution.node_execution_details : []) {
    if (!isPlainObject(node) || typeof node.execution_id !== 'string' || !Array.isArray(node.executions)) continue;
    const lastRun: unknown = node.executions.at(-1);
    if (!isPlainObject(lastRun) || lastRun.status !== 'running') continue;
    pending.push({ runId, stateId: node.execution_id, nodeName: typeof node.node_name === 'string' ? node.node_name : undefined, nodeId: typeof node.node_id === 'string' ? node.node_id : undefined });
  }
  return pending;
}

const defaults = { intervalMs: 1_000, maxIntervalMs: 30_000, timeoutMs: 15 * 60_000 };

/**
 * Polls until the execution has a final status, or `until` accepts it, and resolves with it. `poll`
 * makes one showWorkflowExecution call under `signal`; the options' headers are the caller's to pass on.
 */
export async function waitForExecution(poll: (signal: AbortSignal) => Promise<Execution>, options: WaitOptions | undefined): Promise<Execution> {
  if (options !== undefined && !isPlainObject(options)) throw new WorkflowValidationError('options', 'must be an object');
  const until = options?.until;
  if (until !== undefined && typeof until !== 'function') throw new WorkflowValidationError('until', 'must be a function that takes the execution and returns true to stop');
  const intervalMs = checkDelay('intervalMs', options?.intervalMs) ?? defaults.intervalMs;
  const maxIntervalMs = checkDelay('maxIntervalMs', options?.maxIntervalMs) ?? Math.max(defaults.maxIntervalMs, intervalMs);
  if (maxIntervalMs < intervalMs) throw new WorkflowValidationError('maxIntervalMs', `must be at least intervalMs (${intervalMs})`);
  const timeoutMs = checkTimeout('timeoutMs', options?.timeoutMs) ?? defaults.timeoutMs;
  const signal = checkSignal(options?.signal);
  signal?.throwIfAborted();

  // One signal for the polls and the sleeps between them, aborted at the deadline or by the caller.
  const stop = new AbortController();
  let deadlinePassed = false;
  // One listener of ours on the caller's signal, however many waits and calls share it.
  const unfollow = signal ? follow(signal, () => stop.abort(signal.reason)) : undefined;
  const deadline =
    timeoutMs > 0
      ? setTimeout(() => {
          deadlinePassed = true;
          stop.abort(new DOMException(`no final status within ${timeoutMs} ms`, 'TimeoutError'));
        }, timeoutMs)
      : undefined;

  let last: Execution | undefined;
  let lastError: unknown;
  let polls = 0;
  /** Why the wait stopped: the caller's reason, or the deadline with what was last seen. */
  const stopped = () =>
    deadlinePassed
      ? new WorkflowWaitTimeoutError(timeoutMs, last, { sent: polls > 0, ...(lastError !== undefined && { cause: lastError }) })
      : signal!.reason;
  try {
    for (let attempt = 0; ; attempt++) {
      let notBeforeMs = 0;
      let polled: Execution | undefined;
      try {
        polls++;
        polled = await poll(stop.signal);
        last = polled;
        lastError = undefined;
      } catch (error) {
        if (stop.signal.aborted) throw stopped();
        if (!isTransient(error)) throw error;
        lastError = error;
        notBeforeMs = error instanceof WorkflowApiError ? retryAfterMs(error.headers.get('Retry-After'), Date.now()) : 0;
      }
      if (polled) {
        if (isFinalStatus(polled.status)) return polled;
        // The caller's predicate, outside the retried poll: were it to throw, the wait ends with its error.
        if (until?.(polled)) return polled;
      }
      const delay = Math.max(backoffMs(attempt, intervalMs, maxIntervalMs, Math.random()), notBeforeMs);
      if (!(await sleep(Math.min(delay, maxTimeoutMs), stop.signal))) throw stopped();
    }
  } finally {
    clearTimeout(deadline);
    unfollow?.();
  }
}

/** Failures worth polling again after: no answer, too many requests, or the service's own trouble. */
function isTransient(error: unknown): boolean {
  if (error instanceof WorkflowApiError) return error.status === 429 || (error.status >= 500 && error.status <= 599);
  return error instanceof WorkflowNetworkError;
}

/**
 * The delay after poll `attempt` (from 0), as AWS's waiters compute it: a random point (`random` in
 * [0, 1)) between the interval and a ceiling that doubles with each attempt, up to the longest delay.
 */
export function backoffMs(attempt: number, intervalMs: number, maxIntervalMs: number, random: number): number {
  const ceiling = Math.min(maxIntervalMs, intervalMs * 2 ** Math.min(attempt, 30));
  return intervalMs + random * (ceiling - intervalMs);
}

/** A Retry-After header in milliseconds from `now`: seconds, or an HTTP date; 0 when absent, past or unreadable. */
export function retryAfterMs(value: string | null, now: number): number {
  const text = value?.trim();
  if (!text) return 0;
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts; either way no timer or listener is left. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (finished: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', aborted);
      resolve(finished);
    };
    const aborted = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener('abort', aborted, { once: true });
  });
}

function checkDelay(field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value > 0) || value > maxTimeoutMs) throw new WorkflowValidationError(field, `must be a number of milliseconds, more than 0 and at most ${maxTimeoutMs}`);
  return value;
}
