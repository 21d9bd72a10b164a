// How a status is said: in words, beside a drawn symbol (./icons.tsx), with a colour on top. Nothing is
// said by colour alone.
import type { OperationResult } from '../../../src/index.ts';
import type { Wait } from './api.ts';

export type Execution = OperationResult<'showWorkflowExecution'>;
export type NodeDetail = NonNullable<Execution['node_execution_details']>[number];
export type Attempt = NonNullable<NodeDetail['executions']>[number];

export type Shown = 'success' | 'fail' | 'running' | 'timeout' | 'cancel' | 'callback' | 'sleep' | 'retry' | 'function' | 'deadline' | 'idle';

const words: Record<Shown, string> = {
  success: 'succeeded',
  fail: 'failed',
  running: 'running',
  timeout: 'timed out',
  cancel: 'stopped',
  callback: 'waits for a callback',
  sleep: 'sleeping',
  retry: 'waits to retry',
  function: 'in its function',
  deadline: 'running',
  idle: 'not run',
};

export function wordsOf(status: Shown): string {
  return words[status];
}

/** A status the API gives (an execution's or an attempt's), as shown. */
export function fromApi(status: string | undefined): Shown {
  return status !== undefined && Object.hasOwn(words, status) ? (status as Shown) : 'running';
}

export interface StateProgress {
  status: Shown;
  attempts: Attempt[];
  detail: NodeDetail | undefined;
  /** What the state waits on now, when the execution waits there. */
  waits: Wait[];
}

/** Each state's progress in an execution: its last attempt's status, or what it waits on. */
export function progressOf(execution: Execution, waits: Wait[]): Map<string, StateProgress> {
  const progress = new Map<string, StateProgress>();
  for (const detail of execution.node_execution_details ?? []) {
    if (detail.node_id === undefined) continue;
    const attempts = detail.executions ?? [];
    const last = attempts.at(-1);
    progress.set(detail.node_id, { status: last ? fromApi(last.status) : 'idle', attempts, detail, waits: [] });
  }
  for (const wait of waits) {
    if (wait.execution_id !== execution.execution_id || wait.node_id === undefined || wait.node_id === null) continue;
    const entry = progress.get(wait.node_id) ?? { status: 'idle' as Shown, attempts: [], detail: undefined, waits: [] };
    entry.waits.push(wait);
    // A node that runs and waits is shown by what it waits on; an express flow's deadline is the execution's.
    if (execution.status === 'running' && wait.kind !== 'deadline' && (entry.status === 'running' || entry.status === 'idle' || wait.kind === 'retry')) entry.status = wait.kind as Shown;
    progress.set(wait.node_id, entry);
  }
  return progress;
}

export function attemptsText(count: number): string {
  return count === 1 ? '1 attempt' : `${count} attempts`;
}
