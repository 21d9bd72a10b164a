// Runs flow executions: one state transition at a time, each one SQLite transaction. An execution's
// `cursor` says what comes next: a state to enter, or the waits it is held by (a Sleep, a retry
// delay, a scripted function's delay, a callback, an express flow's time limit), which are rows of
// their own. What a transaction decides (a timer to set, an execution to run on, a waiter to tell)
// takes effect only once it is committed, so a crash at any point leaves a state the next start of
// the emulator picks up where it stood: nothing lost, nothing run twice.
//
// The semantics where Huawei is silent follow the Serverless Workflow drafts these definitions descend
// from; the table "How the emulator runs a flow" in docs/emulator.md lists each choice.
import { randomUUID } from 'node:crypto';
import {
  evaluateCondition,
  first,
  parseArgument,
  parseCondition,
  parseJsonPath,
  resolveArgument,
  type ArgumentValue,
  type Condition,
  type JsonPath,
} from '../../../src/expressions.ts';
import { isPlainObject } from '../../../src/validate.ts';
import { findFunction, parseFunctionUrn, type UserFunction } from '../functions/functions-file.ts';
import type { Invoker, Outcome } from '../functions/invoker.ts';
import type { ContextFacts } from '../functions/protocol.ts';
import type { VirtualClock } from './clock.ts';
import type { MockedAnswer, Scenarios } from './scenarios.ts';
import type { ExecutionRow, JsonRecord, JsonValue, NodeRow, Store, WaitRow } from './store.ts';

/** An express flow's executions end `timeout` after this long. */
export const expressTimeLimitMs = 5 * 60 * 1000;
/** A retry policy's defaults: `delay` seconds and `max_attempts` retries. */
const retryDefaults = { delaySeconds: 1, maxAttempts: 3 };
/** How many transitions run before the event loop is given back to the HTTP server. */
const stepsPerTurn = 64;

/** The error a failed node carries, as its `error_message` and as what `on_errors[].error` conditions read. */
export interface NodeError {
  /** A number when the error is written in digits (a scripted `"Error": "503"`), so that `$.errorCode == 503` matches it. */
  errorCode: string | number;
  errorMessage: string;
}

/** One attempt at a node: a `NodeExecution` of the contract. */
interface Attempt {
  status: 'running' | 'success' | 'fail' | 'timeout' | 'cancel';
  input: JsonValue;
  output?: JsonValue;
  begin_time: number;
  end_time?: number;
  error_message?: NodeError;
  request_id: string;
}

type ActionProgress =
  | { status: 'todo' }
  | { status: 'done'; output: JsonRecord }
  | { status: 'error'; error: NodeError }
  | { status: 'delayed' }
  | { status: 'callback' };

/** What comes next for an execution. */
export interface Cursor {
  /** The state to enter, being run, or (when failed) that failed. */
  state: string;
  /** The state's input before its input filter. */
  input: JsonValue;
  phase: 'enter' | 'wait' | 'failed' | 'ended';
  /** The state's input after its filter. */
  filtered?: JsonValue;
  actions?: ActionProgress[];
  /** Retries used so far at this state, by error handler index. */
  retries?: Record<string, number>;
  /** The state's node: its execution_id (a callback's X-Workflow-State-Id) and the attempt being run, from 1. */
  node?: { executionId: string; attempt: number };
}

interface CompiledState {
  id: string;
  name: string;
  type: 'Operation' | 'Sleep' | 'End';
  end: boolean;
  transition: string;
  actions: Array<{ functionName: string; arguments: CompiledArguments }>;
  parallel: boolean;
  onErrors: Array<{ condition?: Condition; transition?: string; retryRef?: string }>;
  inputFilter?: JsonPath;
  outputFilter?: JsonPath;
  durationMs: number;
}

type CompiledArguments = { kind: 'value'; value: ArgumentValue } | { kind: 'object'; entries: Array<[string, CompiledArguments]> } | { kind: 'array'; items: CompiledArguments[] } | { kind: 'json'; value: JsonValue };

interface CompiledFlow {
  start: string;
  states: Map<string, CompiledState>;
  functions: Map<string, JsonRecord>;
  retries: Map<string, { delayMs: number; maxAttempts: number }>;
  constants: JsonValue;
}

export interface RunnerOptions {
  store: Store;
  clock: VirtualClock;
  scenarios: Scenarios;
  /** The user's own functions (--functions), and what calls them. */
  functions?: { entries: Map<string, UserFunction>; invoker: Invoker };
}

/** What a wait for a running user function keeps: enough to call it again after a restart. */
interface RunningFunction {
  call: number;
  key: string;
  context: Omit<ContextFacts, 'timeoutMs' | 'memoryMb' | 'userData'>;
}

/** What a transaction decided, applied once it has committed. */
interface Effects {
  runnable: boolean;
  waits: WaitRow[];
  finished: boolean;
  /** User functions to call. */
  invocations: WaitRow[];
}

interface Step {
  row: ExecutionRow;
  flow: CompiledFlow;
  cursor: Cursor;
  now: number;
  effects: Effects;
}

export class RefusedError extends Error {
  override name = 'RefusedError';
  readonly status: 400 | 404;

  constructor(status: 400 | 404, message: string) {
    super(message);
    this.status = status;
  }
}

export class Runner {
  readonly #store: Store;
  readonly #clock: VirtualClock;
  readonly #scenarios: Scenarios;
  readonly #functions: RunnerOptions['functions'];
  /** What user functions answered, by their wait, until the transition that takes the answer in. */
  readonly #answered = new Map<number, { outcome: Outcome; running: RunningFunction }>();
  /** Executions to run on, and timed waits that are due, in the order they came. */
  readonly #queue: Array<{ projectId: string; id: string; waitId?: number }> = [];
  /** While a turn's transitions share one commit: what each does once that commit is made. */
  #afterCommit: Array<() => void> | undefined;
  /** While a turn runs: its work, which grows as its executions go on from state to state. */
  #turn: Array<{ projectId: string; id: string; waitId?: number }> | undefined;
  #draining = false;
  #stopped = false;
  #savedOffsetMs: number;
  readonly #compiled = new Map<string, CompiledFlow>();
  readonly #finishWaiters = new Map<string, Array<(row: ExecutionRow) => void>>();

  constructor({ store, clock, scenarios, functions }: RunnerOptions) {
    this.#store = store;
    this.#clock = clock;
    this.#scenarios = scenarios;
    this.#functions = functions;
    this.#savedOffsetMs = clock.offsetMs;
  }

  /** Picks up what a previous run of the emulator left: executions to run on, and timers to set again. */
  recover(): { running: number; timers: number } {
    const running = this.#store.runningExecutions();
    for (const row of running) if (parseCursor(row).phase === 'enter') this.#enqueue(row.project_id, row.id);
    const timers = this.#store.timedWaits();
    for (const wait of timers) this.#arm(wait);
    // A user function that was running when the emulator stopped is called again: at least once, as its answer was never kept.
    for (const wait of this.#store.runningFunctionWaits()) this.#call(wait);
    return { running: running.length, timers: timers.length };
  }

  stop(): void {
    this.#stopped = true;
  }

  /** Starts an execution of `flow` and returns its row; it runs on after the caller is answered. */
  start(execution: Omit<ExecutionRow, 'seq' | 'definition_id' | 'status' | 'output' | 'error' | 'cursor' | 'begin_ms' | 'end_ms' | 'updated_ms'>, definition: string): ExecutionRow {
    const now = this.#clock.now();
    const waits: WaitRow[] = [];
    const row = this.#store.transaction(() => {
      const definitionId = this.#store.putDefinition(definition);
      const flow = this.#compile(definitionId);
      const cursor: Cursor = { state: flow.start, input: JSON.parse(execution.input) as JsonValue, phase: 'enter' };
      const row: ExecutionRow = { ...execution, seq: 0, definition_id: definitionId, status: 'running', output: null, error: null, cursor: JSON.stringify(cursor), begin_ms: now, end_ms: null, updated_ms: now };
      this.#store.insertExecution(row);
      if (row.mode === 'EXPRESS') waits.push(this.#insertWait(row, { kind: 'deadline', due_ms: now + expressTimeLimitMs }));
      return row;
    });
    for (const wait of waits) this.#arm(wait);
    this.#enqueue(row.project_id, row.id);
    return row;
  }

  /** Resolves with the execution's row once it has ended. */
  finished(projectId: string, id: string): Promise<ExecutionRow> {
    const row = this.#store.execution(projectId, id);
    if (row && row.status !== 'running') return Promise.resolve(row);
    return new Promise((resolve) => {
      const key = `${projectId}/${id}`;
      const list = this.#finishWaiters.get(key) ?? [];
      list.push(resolve);
      this.#finishWaiters.set(key, list);
    });
  }

  /** Resumes a node that waits for a callback: its waiting actions answer `output`, or fail with `error`. */
  callback(projectId: string, workflowId: string, runId: string, stateId: string, result: 'success' | 'fail', output: JsonValue, errorText: string | undefined): void {
    this.#transition(projectId, runId, (step) => {
      const { row } = step;
      if (row.workflow_id !== workflowId) throw new RefusedError(404, `no execution ${runId} of flow ${workflowId} in this project (X-Workflow-Run-Id): it belongs to flow ${row.workflow_id}`);
      const node = this.#store.nodeByExecutionId(stateId);
      if (!node || node.execution_id !== row.id || node.project_id !== projectId) {
        throw new RefusedError(404, `execution ${runId} has no node execution ${stateId} (X-Workflow-State-Id): give the execution_id of a node in node_execution_details`);
      }
      if (row.status !== 'running') throw new RefusedError(400, `execution ${runId} has ended (${row.status}): node ${node.node_id} waits for no callback`);
      const waits = this.#store.waitsOf(projectId, row.id).filter((wait) => wait.kind === 'callback' && wait.node_execution_id === stateId);
      if (waits.length === 0) {
        const attempts = JSON.parse(node.attempts) as Attempt[];
        const last = attempts[attempts.length - 1];
        throw new RefusedError(400, `node ${node.node_id} of execution ${runId} is not waiting for a callback (its last attempt is ${last?.status ?? 'not started'}): a node takes one callback per pause`);
      }
      for (const wait of waits) {
        this.#store.deleteWait(wait.id);
        step.cursor.actions![wait.action_index!] =
          result === 'success'
            ? isPlainObject(output) ? { status: 'done', output: output as JsonRecord } : { status: 'done', output: {} }
            : { status: 'error', error: { errorCode: errorText || 'CallbackFailed', errorMessage: errorText ? `the callback reported fail: ${errorText}` : 'the callback reported fail' } };
      }
      this.#continueOperation(step);
    }, { mustRun: false });
  }

  /** Ends a running execution as `cancel`, whatever it waits on. */
  stopExecution(projectId: string, id: string): void {
    this.#transition(projectId, id, (step) => {
      if (step.row.status !== 'running') throw new RefusedError(400, `execution ${id} is not running (it is ${step.row.status}): only a running execution can be stopped`);
      this.#endExecution(step, 'cancel');
    }, { mustRun: false });
  }

  /** Runs a failed execution of a standard flow again, from the state that failed. */
  retryExecution(projectId: string, id: string): void {
    this.#transition(projectId, id, (step) => {
      const { row, cursor } = step;
      if (row.mode !== 'NORMAL') throw new RefusedError(400, `execution ${id} is of an EXPRESS flow: only executions of standard (NORMAL) flows can be retried`);
      if (row.status !== 'fail') throw new RefusedError(400, `execution ${id} has not failed (it is ${row.status}): only a failed execution can be retried`);
      row.status = 'running';
      row.end_ms = null;
      row.error = null;
      step.cursor = { state: cursor.state, input: cursor.input, phase: 'enter' };
      step.effects.runnable = true;
    }, { mustRun: false });
  }

  /** Forgets the compiled definitions (after a project is reset, say). */
  forget(): void {
    this.#compiled.clear();
  }

  // The transitions.

  /**
   * Runs `work` on an execution in one transaction and applies its effects once committed. With
   * mustRun, an execution that is not running (stopped meanwhile) is left alone.
   */
  #transition(projectId: string, id: string, work: (step: Step) => void, { mustRun = true } = {}): void {
    const effects: Effects = { runnable: false, waits: [], finished: false, invocations: [] };
    let ended: ExecutionRow | undefined;
    this.#store.transaction(() => {
      const row = this.#store.execution(projectId, id);
      if (!row) {
        if (mustRun) return;
        throw new RefusedError(404, `no execution ${id} in this project`);
      }
      if (mustRun && row.status !== 'running') return;
      const step: Step = { row, flow: this.#compile(row.definition_id), cursor: parseCursor(row), now: this.#clock.now(), effects };
      work(step);
      row.cursor = JSON.stringify(step.cursor);
      row.updated_ms = step.now;
      this.#store.saveExecution(row);
      if (effects.finished) ended = row;
    });
    // Inside a turn, an execution that can go on does so in the same turn (see #drain).
    const chained = effects.runnable && this.#turn !== undefined && this.#turn.length < stepsPerTurn;
    if (chained) this.#turn!.push({ projectId, id });
    const apply = () => {
      for (const wait of effects.waits) this.#arm(wait);
      for (const wait of effects.invocations) this.#call(wait);
      if (effects.runnable && !chained) this.#enqueue(projectId, id);
      if (ended) this.#notifyFinished(ended);
    };
    if (this.#afterCommit) this.#afterCommit.push(apply);
    else apply();
  }

  #enqueue(projectId: string, id: string, waitId?: number): void {
    this.#queue.push({ projectId, id, ...(waitId !== undefined && { waitId }) });
    if (this.#draining) return;
    this.#draining = true;
    setImmediate(() => this.#drain());
  }

  /**
   * Runs what is queued, and the states its executions go on to, up to stepsPerTurn transitions, then
   * gives the event loop back. Each transition is a transaction of its own (a savepoint), undone alone
   * if it fails; the turn's transitions are committed together, so that a flow's run of states costs
   * one sync of the file, not one each. Nobody outside sees a transition before that commit: timers
   * are set, waiters told and answers read only after it.
   */
  #drain(): void {
    const afterCommit: Array<() => void> = [];
    const taken = this.#queue.splice(0, stepsPerTurn);
    const turn = [...taken];
    this.#afterCommit = afterCommit;
    this.#turn = turn;
    try {
      this.#store.transaction(() => {
        // Where the clock stands is kept with what it made happen, so that time never goes back across a restart.
        if (this.#clock.offsetMs !== this.#savedOffsetMs) {
          this.#store.setMeta('clock_offset_ms', String(this.#clock.offsetMs));
          this.#savedOffsetMs = this.#clock.offsetMs;
        }
        for (let i = 0; i < turn.length && !this.#stopped; i++) {
          const { projectId, id, waitId } = turn[i]!;
          this.#guarded(projectId, id, () => (waitId === undefined ? this.#transition(projectId, id, (step) => this.#enter(step)) : this.#wake(waitId)));
        }
      });
    } catch (error) {
      // The commit itself failed (a full disk, say): nothing of the turn was kept, so it is run again.
      if (this.#stopped) return;
      console.error('emulator: cannot commit to the store, trying again in a second:', error);
      this.#queue.unshift(...taken);
      setTimeout(() => this.#drain(), 1_000).unref();
      return;
    } finally {
      this.#afterCommit = undefined;
      this.#turn = undefined;
    }
    for (const apply of afterCommit) apply();
    if (this.#queue.length > 0 && !this.#stopped) setImmediate(() => this.#drain());
    else this.#draining = false;
  }

  /** Runs a transition; a fault in the emulator itself fails the execution with a readable error, never the process. */
  #guarded(projectId: string, id: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      if (this.#stopped) return;
      console.error(`emulator: execution ${id} failed inside the emulator:`, error);
      try {
        this.#transition(projectId, id, (step) => this.#failExecution(step, { errorCode: 'Emulator.InternalError', errorMessage: `the emulator failed: ${(error as Error).message}` }));
      } catch (second) {
        console.error(`emulator: cannot record the failure of execution ${id}:`, second);
      }
    }
  }

  #arm(wait: WaitRow): void {
    if (wait.due_ms === null) return;
    this.#clock.at(wait.due_ms, () => {
      if (!this.#stopped) this.#enqueue(wait.project_id, wait.execution_id, wait.id);
    });
  }

  /** Calls the user function a wait is for (its call's recorded input), and wakes the wait with the answer. */
  #call(wait: WaitRow): void {
    const running = JSON.parse(wait.detail!) as RunningFunction;
    const call = this.#store.call(running.call);
    const fn = this.#functions?.entries.get(running.key);
    const answered = (outcome: Outcome) => {
      if (this.#stopped) return;
      this.#answered.set(wait.id, { outcome, running });
      this.#enqueue(wait.project_id, wait.execution_id, wait.id);
    };
    if (!call || !fn) {
      answered({ ok: false, errorCode: 'Emulator.HandlerNotFound', errorMessage: `function ${running.key} is no longer in the functions file` });
      return;
    }
    this.#functions!.invoker
      .invoke({ fn, event: JSON.parse(call.input), headers: JSON.parse(call.headers) as Record<string, string>, context: running.context })
      .catch((error: Error) => ({ ok: false as const, errorCode: 'Emulator.InternalError', errorMessage: `the emulator failed to call function ${running.key}: ${error.message}` }))
      .then(answered);
  }

  /** A timed wait is due (a Sleep ends, a retry starts, a delayed function answers, an express flow times out), or a user function answered. */
  #wake(waitId: number): void {
    const wait = this.#store.wait(waitId);
    const answered = this.#answered.get(waitId);
    // Forgotten once taken in for good: if the turn's commit fails, the turn runs again, and needs it.
    if (answered) {
      if (this.#afterCommit) this.#afterCommit.push(() => this.#answered.delete(waitId));
      else this.#answered.delete(waitId);
    }
    // What a user function answered is recorded even when its node no longer waits for it.
    if (answered) this.#recordAnswer(answered.running, answered.outcome);
    if (!wait) return;
    this.#transition(wait.project_id, wait.execution_id, (step) => {
      // The wait may have gone with its node meanwhile (the node failed, the execution was stopped).
      if (!this.#store.wait(waitId)) return;
      this.#store.deleteWait(waitId);
      const { cursor } = step;
      switch (wait.kind) {
        case 'deadline':
          return this.#endExecution(step, 'timeout');
        case 'sleep':
          return this.#finishState(step, cursor.filtered ?? {});
        case 'retry':
          cursor.phase = 'enter';
          step.effects.runnable = true;
          return;
        case 'function': {
          if (wait.due_ms !== null) {
            cursor.actions![wait.action_index!] = JSON.parse(wait.detail!) as ActionProgress;
            return this.#continueOperation(step);
          }
          if (!answered) return;
          const { key } = JSON.parse(wait.detail!) as RunningFunction;
          const fn = this.#functions?.entries.get(key);
          const progress = outcomeProgress(key, answered.outcome);
          // A function that hands its IDs on for a callback: its node goes on waiting for the callback, unless it failed.
          if (fn?.callback && progress.status === 'done') return;
          cursor.actions![wait.action_index!] = progress;
          return this.#continueOperation(step);
        }
        case 'callback':
          return;
      }
    });
  }

  /** Enters the state the cursor names: a new attempt at its node. */
  #enter(step: Step): void {
    const { cursor, flow, now } = step;
    if (cursor.phase !== 'enter') return;
    const state = flow.states.get(cursor.state)!;
    const node = this.#node(step, state);
    const attempts = JSON.parse(node.attempts) as Attempt[];
    const filtered = applyFilter(state.inputFilter, cursor.input, 'input');
    const attempt: Attempt = { status: 'running', input: 'error' in filtered ? cursor.input : filtered.value, begin_time: now, request_id: randomUUID().replaceAll('-', '') };
    attempts.push(attempt);
    node.attempts = JSON.stringify(attempts);
    this.#store.saveNode(node);
    cursor.node = { executionId: node.node_execution_id, attempt: attempts.length };
    cursor.phase = 'wait';
    delete cursor.actions;
    if ('error' in filtered) return this.#failState(step, filtered.error);
    cursor.filtered = filtered.value;
    switch (state.type) {
      case 'End':
        return this.#finishState(step, filtered.value);
      case 'Sleep':
        step.effects.waits.push(this.#insertWait(step.row, { kind: 'sleep', due_ms: now + state.durationMs, node_id: state.id, node_execution_id: node.node_execution_id }));
        return;
      case 'Operation':
        cursor.actions = state.actions.map(() => ({ status: 'todo' }));
        return this.#continueOperation(step);
    }
  }

  /** Invokes what is still to invoke (the next action, or every action in parallel mode), then ends the state once every action has answered. */
  #continueOperation(step: Step): void {
    const { cursor, flow } = step;
    const state = flow.states.get(cursor.state)!;
    const actions = cursor.actions!;
    for (let i = 0; i < actions.length; i++) {
      const progress = actions[i]!;
      if (progress.status === 'error') return this.#failState(step, progress.error);
      if (progress.status === 'todo') {
        actions[i] = this.#invoke(step, state, i);
        if (actions[i]!.status === 'error') return this.#failState(step, (actions[i] as { error: NodeError }).error);
      }
      // One after another: the next action waits for this one's answer.
      if (!state.parallel && actions[i]!.status !== 'done') return;
    }
    if (actions.some((progress) => progress.status !== 'done')) return;
    // The actions' outputs, merged in the order of the actions.
    const output: JsonRecord = {};
    for (const progress of actions) Object.assign(output, (progress as { output: JsonRecord }).output);
    this.#finishState(step, output);
  }

  /** Calls one action's function: its scripted answer now, after a delay, or at a callback. */
  #invoke(step: Step, state: CompiledState, index: number): ActionProgress {
    const { row, flow, cursor, now } = step;
    const action = state.actions[index]!;
    const node = cursor.node!;
    const input = resolveArguments(action.arguments, cursor.filtered, flow.constants);
    const functionInput: JsonRecord = isPlainObject(input) ? (input as JsonRecord) : {};
    const invocation = this.#store.nextInvocation(row.project_id, row.id, action.functionName);
    const pick = this.#scenarios.pick(row.flow_name, row.test_case ?? undefined, action.functionName, invocation, functionInput);
    const operation = flow.functions.get(action.functionName)?.operation;
    const urn = typeof operation === 'string' ? operation : undefined;
    // What the function is given besides its input: the execution's headers, and the IDs a callback names.
    const headers: JsonRecord = {
      ...(JSON.parse(row.headers) as JsonRecord),
      'x-workflow-id': row.workflow_id,
      'x-workflow-run-id': row.id,
      'x-workflow-state-id': node.executionId,
    };
    // A scripted answer comes first; then the user's own function, if the functions file has it.
    const fn = pick.kind === 'unscripted' && this.#functions ? findFunction(this.#functions.entries, action.functionName, urn) : undefined;
    if (fn) return this.#invokeUserFunction(step, state, index, fn, { invocation, input: functionInput, headers, urn });
    const answer: MockedAnswer | { Error: NodeError } =
      pick.kind === 'unscripted' ? { Return: functionInput }
      : pick.kind === 'exhausted'
        ? { Error: { errorCode: 'Emulator.NoScriptedAnswer', errorMessage: `function ${action.functionName} has no scripted answer for invocation ${invocation} (response ${pick.responseId} covers ${pick.covered})` } }
        : pick.answer;
    this.#store.insertCall({
      project_id: row.project_id, execution_id: row.id, workflow_id: row.workflow_id, node_id: state.id, node_execution_id: node.executionId,
      function_name: action.functionName, invocation, attempt: node.attempt, input: JSON.stringify(functionInput), headers: JSON.stringify(headers),
      answer: JSON.stringify({ ...answer, ...(pick.kind === 'answer' && { ResponseId: pick.responseId }) }), at_ms: now,
    });
    if ('Error' in answer) return { status: 'error', error: answer.Error };
    if ('WaitForCallback' in answer) {
      if (row.mode === 'EXPRESS') {
        return { status: 'error', error: { errorCode: 'Emulator.CallbackInExpressFlow', errorMessage: `function ${action.functionName} is scripted to wait for a callback, but only standard (NORMAL) flows pause for callbacks; this flow is EXPRESS` } };
      }
      step.effects.waits.push(this.#insertWait(row, { kind: 'callback', node_id: state.id, node_execution_id: node.executionId, action_index: index }));
      return { status: 'callback' };
    }
    const outcome: ActionProgress =
      'Throw' in answer ? { status: 'error', error: { errorCode: /^[0-9]{1,15}$/.test(answer.Throw.Error) ? Number(answer.Throw.Error) : answer.Throw.Error, errorMessage: answer.Throw.Cause } }
      : isPlainObject(answer.Return) ? { status: 'done', output: answer.Return as JsonRecord }
      : { status: 'error', error: { errorCode: 'Emulator.NotAnObject', errorMessage: `function ${action.functionName} answered ${describe(answer.Return)}: a function in a flow answers a JSON object` } };
    if (!answer.Delay) return outcome;
    step.effects.waits.push(
      this.#insertWait(row, { kind: 'function', due_ms: now + Math.round(answer.Delay * 1000), node_id: state.id, node_execution_id: node.executionId, action_index: index, detail: JSON.stringify(outcome) }),
    );
    return { status: 'delayed' };
  }

  /** Records the call of a user function, and the wait for its answer; the call itself is made once this commits. */
  #invokeUserFunction(step: Step, state: CompiledState, index: number, fn: UserFunction, call: { invocation: number; input: JsonRecord; headers: JsonRecord; urn: string | undefined }): ActionProgress {
    const { row, now } = step;
    const node = step.cursor.node!;
    const action = state.actions[index]!;
    if (fn.callback && row.mode === 'EXPRESS') {
      return { status: 'error', error: { errorCode: 'Emulator.CallbackInExpressFlow', errorMessage: `function ${action.functionName} waits for a callback (callback: true in the functions file), but only standard (NORMAL) flows pause for callbacks; this flow is EXPRESS` } };
    }
    const seq = this.#store.insertCall({
      project_id: row.project_id, execution_id: row.id, workflow_id: row.workflow_id, node_id: state.id, node_execution_id: node.executionId,
      function_name: action.functionName, invocation: call.invocation, attempt: node.attempt, input: JSON.stringify(call.input), headers: JSON.stringify(call.headers),
      answer: JSON.stringify({ Function: describeFunction(fn), Running: true }), at_ms: now,
    });
    const urn = call.urn === undefined ? undefined : parseFunctionUrn(call.urn);
    const running: RunningFunction = {
      call: seq,
      key: fn.key,
      context: {
        requestId: randomUUID().replaceAll('-', ''), functionName: urn?.name ?? action.functionName, version: urn?.version ?? 'latest', package: urn?.package ?? 'default',
        projectId: urn?.projectId ?? row.project_id, alias: '', workflowId: row.workflow_id, workflowRunId: row.id, workflowStateId: node.executionId,
      },
    };
    step.effects.invocations.push(this.#insertWait(row, { kind: 'function', node_id: state.id, node_execution_id: node.executionId, action_index: index, detail: JSON.stringify(running) }));
    if (!fn.callback) return { status: 'delayed' };
    step.effects.waits.push(this.#insertWait(row, { kind: 'callback', node_id: state.id, node_execution_id: node.executionId, action_index: index }));
    return { status: 'callback' };
  }

  #recordAnswer(running: RunningFunction, outcome: Outcome): void {
    const fn = this.#functions?.entries.get(running.key);
    const answer = outcome.ok ? { Return: outcome.value } : { Throw: { Error: String(outcome.errorCode), Cause: outcome.errorMessage } };
    this.#store.setCallAnswer(running.call, JSON.stringify({ Function: fn ? describeFunction(fn) : running.key, ...answer }));
  }

  /** The state succeeded with `rawOutput`: its output filter applies, then its transition (or the flow ends). */
  #finishState(step: Step, rawOutput: JsonValue): void {
    const { cursor, flow, now } = step;
    const state = flow.states.get(cursor.state)!;
    const filtered = applyFilter(state.outputFilter, rawOutput, 'output');
    if ('error' in filtered) return this.#failState(step, filtered.error);
    const output = filtered.value;
    this.#updateAttempt(step, state.id, { status: 'success', output, end_time: now });
    this.#store.deleteWaitsOf(step.row.project_id, step.row.id, 'all-but-deadline');
    if (state.type === 'End' || state.end) {
      step.row.output = JSON.stringify(output);
      return this.#endExecution(step, 'success');
    }
    const merge = step.row.merge_parameters === 1 && isPlainObject(cursor.input) && isPlainObject(output);
    step.cursor = { state: state.transition, input: merge ? { ...(cursor.input as JsonRecord), ...(output as JsonRecord) } : output, phase: 'enter' };
    step.effects.runnable = true;
  }

  /** The state failed: its error handlers apply in order, the first that matches wins; else the execution fails. */
  #failState(step: Step, error: NodeError): void {
    const { cursor, flow, now } = step;
    const state = flow.states.get(cursor.state)!;
    this.#updateAttempt(step, state.id, { status: 'fail', error_message: error, end_time: now });
    this.#store.deleteWaitsOf(step.row.project_id, step.row.id, 'all-but-deadline');
    const index = state.onErrors.findIndex((handler) => handler.condition === undefined || evaluateCondition(handler.condition, error));
    const handler = state.onErrors[index];
    if (handler) {
      const policy = handler.retryRef === undefined ? undefined : flow.retries.get(handler.retryRef);
      const used = cursor.retries?.[index] ?? 0;
      if (policy && used < policy.maxAttempts) {
        cursor.retries = { ...cursor.retries, [index]: used + 1 };
        cursor.phase = 'wait';
        delete cursor.actions;
        step.effects.waits.push(this.#insertWait(step.row, { kind: 'retry', due_ms: now + policy.delayMs, node_id: state.id }));
        return;
      }
      if (handler.transition) {
        const input = isPlainObject(cursor.input) ? { ...(cursor.input as JsonRecord), error: { ...error } } : { error: { ...error } };
        step.cursor = { state: handler.transition, input, phase: 'enter' };
        step.effects.runnable = true;
        return;
      }
    }
    this.#failExecution(step, error);
  }

  #failExecution(step: Step, error: NodeError): void {
    const { cursor, now } = step;
    const state = step.flow.states.get(cursor.state);
    step.row.error = JSON.stringify({ node_id: cursor.state, error_message: `${error.errorCode}: ${error.errorMessage}`, begin_ms: this.#attemptBegin(step, cursor.state) ?? now, end_ms: now });
    if (state) this.#updateAttempt(step, state.id, { status: 'fail', error_message: error, end_time: now }, { onlyRunning: true });
    step.cursor = { state: cursor.state, input: cursor.input, phase: 'failed' };
    this.#endExecution(step, 'fail');
  }

  /** Ends the execution with `status`; a node still running ends with it (as timeout or cancel). */
  #endExecution(step: Step, status: 'success' | 'fail' | 'timeout' | 'cancel'): void {
    const { row, now } = step;
    if (status === 'timeout' || status === 'cancel') {
      this.#updateAttempt(step, step.cursor.state, { status, end_time: now }, { onlyRunning: true });
      if (status === 'timeout') row.error = JSON.stringify({ node_id: step.cursor.state, error_message: `the execution ran over the ${expressTimeLimitMs / 60_000}-minute limit of an express flow`, begin_ms: row.begin_ms, end_ms: now });
    }
    row.status = status;
    row.end_ms = now;
    if (step.cursor.phase !== 'failed') step.cursor = { state: step.cursor.state, input: step.cursor.input, phase: 'ended' };
    this.#store.deleteWaitsOf(row.project_id, row.id);
    step.effects.finished = true;
    step.effects.runnable = false;
  }

  #notifyFinished(row: ExecutionRow): void {
    const key = `${row.project_id}/${row.id}`;
    const waiters = this.#finishWaiters.get(key);
    if (!waiters) return;
    this.#finishWaiters.delete(key);
    for (const resolve of waiters) resolve(row);
  }

  // Nodes and waits.

  #node(step: Step, state: CompiledState): NodeRow {
    const { row } = step;
    const existing = this.#store.node(row.project_id, row.id, state.id);
    if (existing) return existing;
    const node: NodeRow = {
      project_id: row.project_id, execution_id: row.id, node_id: state.id, position: this.#store.nodeCount(row.project_id, row.id),
      node_name: state.name, node_execution_id: randomUUID(), attempts: '[]',
    };
    this.#store.saveNode(node);
    return node;
  }

  #updateAttempt(step: Step, nodeId: string, change: Partial<Attempt>, { onlyRunning = false } = {}): void {
    const node = this.#store.node(step.row.project_id, step.row.id, nodeId);
    if (!node) return;
    const attempts = JSON.parse(node.attempts) as Attempt[];
    const last = attempts[attempts.length - 1];
    if (!last || (onlyRunning && last.status !== 'running')) return;
    Object.assign(last, change);
    node.attempts = JSON.stringify(attempts);
    this.#store.saveNode(node);
  }

  #attemptBegin(step: Step, nodeId: string): number | undefined {
    const node = this.#store.node(step.row.project_id, step.row.id, nodeId);
    const attempts = node ? (JSON.parse(node.attempts) as Attempt[]) : [];
    return attempts[attempts.length - 1]?.begin_time;
  }

  #insertWait(row: ExecutionRow, wait: Partial<Omit<WaitRow, 'id' | 'project_id' | 'execution_id'>> & Pick<WaitRow, 'kind'>): WaitRow {
    const full: Omit<WaitRow, 'id'> = {
      project_id: row.project_id, execution_id: row.id, kind: wait.kind, due_ms: wait.due_ms ?? null, node_id: wait.node_id ?? null,
      node_execution_id: wait.node_execution_id ?? null, action_index: wait.action_index ?? null, detail: wait.detail ?? null,
    };
    return { ...full, id: this.#store.insertWait(full) };
  }

  /** A stored definition (valid: createWorkflow checked it) with its expressions parsed, cached by its ID. */
  #compile(definitionId: string): CompiledFlow {
    const cached = this.#compiled.get(definitionId);
    if (cached) return cached;
    const flow = compileFlow(JSON.parse(this.#store.definition(definitionId)) as JsonRecord);
    if (this.#compiled.size >= 256) this.#compiled.delete(this.#compiled.keys().next().value!);
    this.#compiled.set(definitionId, flow);
    return flow;
  }
}

function parseCursor(row: ExecutionRow): Cursor {
  return JSON.parse(row.cursor!) as Cursor;
}

export function compileFlow(definition: JsonRecord): CompiledFlow {
  const text = (value: JsonValue | undefined) => (typeof value === 'string' ? value : '');
  const path = (value: JsonValue | undefined) => (typeof value === 'string' && value.trim() !== '' && value.trim() !== '$' ? parseJsonPath(value.trim()) : undefined);
  const states = new Map<string, CompiledState>();
  for (const raw of (definition.states as JsonRecord[] | undefined) ?? []) {
    const filter = isPlainObject(raw.state_data_filter) ? (raw.state_data_filter as JsonRecord) : {};
    const inputFilter = path(filter.input);
    const outputFilter = path(filter.output);
    states.set(text(raw.id), {
      id: text(raw.id),
      name: text(raw.name),
      type: raw.type as CompiledState['type'],
      end: raw.end === true,
      transition: text(raw.transition),
      parallel: raw.action_mode === 'parallel',
      actions: ((raw.actions as JsonRecord[] | undefined) ?? []).map((action) => {
        const ref = (action.function_ref ?? {}) as JsonRecord;
        return { functionName: text(ref.ref_name), arguments: compileArguments(ref.arguments ?? {}) };
      }),
      onErrors: ((raw.on_errors as JsonRecord[] | undefined) ?? []).map((handler) => ({
        ...(typeof handler.error === 'string' && handler.error.trim() !== '' && { condition: parseCondition(handler.error) }),
        ...(text(handler.transition) !== '' && { transition: text(handler.transition) }),
        ...(text(handler.retry_ref) !== '' && { retryRef: text(handler.retry_ref) }),
      })),
      ...(inputFilter && { inputFilter }),
      ...(outputFilter && { outputFilter }),
      durationMs: typeof raw.duration === 'number' ? Math.round(raw.duration * 1000) : 0,
    });
  }
  const functions = new Map(((definition.functions as JsonRecord[] | null | undefined) ?? []).map((fn) => [text(fn.name), fn]));
  const retries = new Map(
    ((definition.retries as JsonRecord[] | null | undefined) ?? []).map((retry) => [
      text(retry.name),
      {
        delayMs: (typeof retry.delay === 'number' ? retry.delay : retryDefaults.delaySeconds) * 1000,
        maxAttempts: typeof retry.max_attempts === 'number' ? retry.max_attempts : retryDefaults.maxAttempts,
      },
    ]),
  );
  return { start: text(definition.start), states, functions, retries, constants: definition.constants ?? {} };
}

function compileArguments(value: JsonValue): CompiledArguments {
  if (typeof value === 'string') return { kind: 'value', value: parseArgument(value) };
  if (Array.isArray(value)) return { kind: 'array', items: value.map(compileArguments) };
  if (isPlainObject(value)) return { kind: 'object', entries: Object.entries(value as JsonRecord).map(([key, item]) => [key, compileArguments(item)]) };
  return { kind: 'json', value };
}

/** Arguments resolved against the state's input: a path that finds nothing and has no fallback leaves its key out (null in an array). */
function resolveArguments(compiled: CompiledArguments, input: unknown, constants: unknown): JsonValue | undefined {
  switch (compiled.kind) {
    case 'json':
      return compiled.value;
    case 'value':
      return resolveArgument(compiled.value, input, constants) as JsonValue | undefined;
    case 'array':
      return compiled.items.map((item) => resolveArguments(item, input, constants) ?? null);
    case 'object': {
      const out: JsonRecord = {};
      for (const [key, item] of compiled.entries) {
        const value = resolveArguments(item, input, constants);
        if (value !== undefined) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}

/** A state's input or output through its filter: what the path finds first, which must be a JSON object. */
function applyFilter(filter: JsonPath | undefined, value: JsonValue, side: 'input' | 'output'): { value: JsonValue } | { error: NodeError } {
  if (!filter) return { value };
  const found = first(filter, value) as JsonValue | undefined;
  if (found === undefined) {
    return { error: { errorCode: 'Emulator.ExpressionFailed', errorMessage: `state_data_filter.${side} ${JSON.stringify(filter.text)} finds nothing in the state's ${side}` } };
  }
  if (!isPlainObject(found)) {
    return { error: { errorCode: 'Emulator.ExpressionFailed', errorMessage: `state_data_filter.${side} ${JSON.stringify(filter.text)} finds ${describe(found)}: a state's ${side} must be a JSON object` } };
  }
  return { value: found };
}

/** What a user function's answer means for its action: its JSON object, or a failure. */
function outcomeProgress(name: string, outcome: Outcome): ActionProgress {
  if (!outcome.ok) return { status: 'error', error: { errorCode: outcome.errorCode, errorMessage: outcome.errorMessage } };
  if (!isPlainObject(outcome.value)) {
    return { status: 'error', error: { errorCode: 'Emulator.NotAnObject', errorMessage: `function ${name} answered ${describe(outcome.value)}: a function in a flow answers a JSON object` } };
  }
  return { status: 'done', output: outcome.value as JsonRecord };
}

function describeFunction(fn: UserFunction): string {
  return fn.kind === 'url' ? fn.url : `${fn.module}#${fn.handler}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value} (${JSON.stringify(value)?.slice(0, 40)})`;
}
