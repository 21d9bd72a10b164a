// An execution, node by node: the flow's graph with each state's status and attempts, a state's
// attempts (input, output, error) when it is opened, the callback a node waits for (its IDs, and a form
// that resumes it), stop and retry, the execution's input and output, and the function calls recorded.
// While the execution runs, the page reads it again every second; once it has ended, it stops.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { href, useConsole } from '../app.tsx';
import { toShownError, type Call, type ShownError, type Wait } from '../api.ts';
import { FlowGraph } from '../graph.tsx';
import type { RetryPolicy, State } from '../layout.ts';
import { StatePanel } from '../state-panel.tsx';
import { attemptsText, fromApi, progressOf, wordsOf, type Execution, type StateProgress } from '../status.ts';
import { StatusIcon } from '../icons.tsx';
import { Copyable, ErrorNotice, Json, parseObject, Section, StatusBadge, useAction, useTitle, utc } from '../widgets.tsx';

/** How often a running execution is read again. */
export const pollMs = 1_000;

interface Snapshot {
  execution: Execution;
  waits: Wait[];
  calls: Call[];
}

export function ExecutionPage({ projectId, workflowId, executionId }: { projectId: string; workflowId: string; executionId: string }) {
  const { api, admin, clockVersion, clockChanged } = useConsole();
  const client = api(projectId);
  const [flow, setFlow] = useState<Awaited<ReturnType<typeof client.showWorkFlow>> | undefined>();
  const [snapshot, setSnapshot] = useState<Snapshot | undefined>();
  const [error, setError] = useState<ShownError | undefined>();
  const [flowError, setFlowError] = useState<ShownError | undefined>();
  // Bumped by an action (stop, retry, callback) to read at once and follow again.
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<string | undefined>();
  // What the last read that worked said: a failed read says nothing about whether it still runs.
  const lastStatus = useRef<string | undefined>(undefined);
  const flowRead = useRef(false);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const read = async () => {
      if (!flowRead.current) {
        try {
          const value = await client.showWorkFlow({ workflowId });
          if (stopped) return;
          flowRead.current = true;
          setFlow(value);
          setFlowError(undefined);
        } catch (caught) {
          if (!stopped) setFlowError(toShownError(caught));
        }
      }
      try {
        const [execution, waits, calls] = await Promise.all([
          client.showWorkflowExecution({ workflowId, executionId, fullHistoryData: true }),
          admin.waits(projectId),
          admin.calls(projectId, executionId),
        ]);
        if (stopped) return;
        setSnapshot({ execution, waits: waits.filter((wait) => wait.execution_id === executionId), calls });
        setError(undefined);
        lastStatus.current = execution.status;
        failures = 0;
      } catch (caught) {
        if (stopped) return;
        setError(toShownError(caught));
        failures++;
      }
      // Followed while it runs (or nothing was read yet), and until the flow is read; after failed
      // reads, again later and later (1 s, 2 s, 4 s…, up to half a minute).
      const again = lastStatus.current === undefined || lastStatus.current === 'running' || !flowRead.current;
      if (again) timer = setTimeout(() => void read(), Math.min(pollMs * 2 ** Math.max(0, failures - 1), 30_000));
    };
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [client, admin, projectId, workflowId, executionId, version, clockVersion]);

  const execution = snapshot?.execution;
  const live = execution?.status === 'running';
  useTitle(`Execution ${executionId}${execution ? ` (${wordsOf(fromApi(execution.status))})` : ''}`);
  const progress = useMemo(() => (execution ? progressOf(execution, snapshot!.waits) : undefined), [snapshot]);
  const definition = flow?.definition;
  const name = definition?.name ?? workflowId;
  const state = definition?.states.find((candidate) => candidate.id === selected);
  const acted = () => {
    setVersion((value) => value + 1);
    clockChanged();
  };

  return (
    <>
      <nav aria-label="Breadcrumb" class="crumbs">
        <a href={href({ page: 'projects' })}>Projects</a> / <a href={href({ page: 'flows', projectId })}>{projectId}</a> /{' '}
        <a href={href({ page: 'flow', projectId, workflowId })}>{name}</a> / <span aria-current="page">execution</span>
      </nav>
      <h1>
        Execution <code class="id">{executionId}</code>
      </h1>
      <ErrorNotice error={error} title="Reading the execution" />
      <ErrorNotice error={flowError} title="Reading the flow" />
      {execution && (
        <>
          <div class="execution-head">
            <p class="summary" data-testid="execution-status">
              <StatusBadge status={fromApi(execution.status)} /> · began {utc(execution.begin_time)}
              {execution.end_time && ` · ended ${utc(execution.end_time)}`}
            </p>
            <p class="live" role="status" data-testid="live">
              {live ? `Live: read again every second while it runs${error ? ', and again after a failed read' : ''}.` : 'Ended: the page no longer reads it again.'}
            </p>
            {definition && <Actions projectId={projectId} workflowId={workflowId} execution={execution} express={definition.mode === 'EXPRESS'} onDone={acted} />}
          </div>
          <div class="split">
            <Section title="Graph" id="execution-graph">
              {definition ? (
                <FlowGraph definition={definition} label={`Graph of execution ${executionId} of flow ${name}`} progress={progress ?? new Map()} selected={selected} onSelect={(id) => setSelected(id === selected ? undefined : id)} />
              ) : (
                <p>Reading the flow…</p>
              )}
              {definition?.mode === 'EXPRESS' && <p class="help">Express flows keep no node history: the states show no status.</p>}
            </Section>
            <div class="side">
              {state ? (
                <NodeDetails projectId={projectId} workflowId={workflowId} state={state} retries={definition?.retries ?? []} progress={progress?.get(state.id)} onClose={() => setSelected(undefined)} onDone={acted} />
              ) : (
                <p class="help panel">Open a state in the graph, or in the table below, for its attempts, input, output and error.</p>
              )}
            </div>
          </div>
          {definition && <StatesTable states={definition.states} progress={progress!} onOpen={setSelected} />}
          <div class="pair">
            <Section title="Input" id="execution-input">
              <Json value={execution.input} label="Execution input" />
            </Section>
            <Section title="Output" id="execution-output">
              <Json value={execution.output} label="Execution output" />
            </Section>
          </div>
          <Calls calls={snapshot!.calls} />
        </>
      )}
    </>
  );
}

function Actions({ projectId, workflowId, execution, express, onDone }: { projectId: string; workflowId: string; execution: Execution; express: boolean; onDone: () => void }) {
  const { api } = useConsole();
  const { busy, error, run } = useAction();
  const executionId = execution.execution_id!;
  const act = (what: 'stop' | 'retry') =>
    run(async () => {
      if (what === 'stop') await api(projectId).stopWorkFlow({ workflowId, executionId });
      else await api(projectId).retryWorkFlow({ workflowId, executionId });
      onDone();
    });
  const running = execution.status === 'running';
  // The API stops only a running execution, and retries only a failed one of a standard flow.
  const retriable = execution.status === 'fail' && !express;
  return (
    <div class="actions">
      {running && (
        <button type="button" class="button button-danger" disabled={busy} onClick={() => void act('stop')}>
          Stop the execution
        </button>
      )}
      {retriable && (
        <button type="button" class="button" disabled={busy} onClick={() => void act('retry')}>
          Retry from the failed node
        </button>
      )}
      <ErrorNotice error={error} title="The action failed" />
    </div>
  );
}

function NodeDetails({ projectId, workflowId, state, retries, progress, onClose, onDone }: { projectId: string; workflowId: string; state: State; retries: RetryPolicy[]; progress: StateProgress | undefined; onClose: () => void; onDone: () => void }) {
  const attempts = progress?.attempts ?? [];
  const callback = progress?.waits.find((wait) => wait.kind === 'callback');
  return (
    <StatePanel state={state} retries={retries} onClose={onClose}>
      <p>
        <StatusBadge status={progress?.status ?? 'idle'} suffix={attempts.length > 0 ? attemptsText(attempts.length) : undefined} />
      </p>
      {progress?.waits
        .filter((wait) => wait.due !== undefined)
        .map((wait, i) => (
          <p key={i}>
            Waits ({wait.kind}) until <time>{utc(wait.due)}</time> on the virtual clock.
          </p>
        ))}
      {callback?.callback && <CallbackForm projectId={projectId} workflowId={workflowId} runId={callback.callback['X-Workflow-Run-Id']} stateId={callback.callback['X-Workflow-State-Id']} onDone={onDone} />}
      {attempts.length === 0 && <p>This state has not run in this execution.</p>}
      <ol class="attempts">
        {attempts.map((attempt, i) => (
          <li key={i}>
            <h3>
              Attempt {i + 1} <StatusBadge status={fromApi(attempt.status)} />
            </h3>
            <p class="muted">
              began {utc(attempt.begin_time)}
              {attempt.end_time !== undefined && ` · ended ${utc(attempt.end_time)}`}
              {attempt.request_id && ` · request ${attempt.request_id}`}
            </p>
            {attempt.error_message !== undefined && (
              <p class="attempt-error">
                <StatusIcon status="fail" /> Error: <code>{errorText(attempt.error_message)}</code>
              </p>
            )}
            <Json value={attempt.input} label={`Attempt ${i + 1} input`} />
            <Json value={attempt.output} label={`Attempt ${i + 1} output`} />
          </li>
        ))}
      </ol>
    </StatePanel>
  );
}

/**
 * A node's error as one line. The contract takes a string or an object (sources disagree); the
 * emulator gives `{ errorCode, errorMessage }`, what on_errors conditions read.
 */
function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  const { errorCode, errorMessage } = (error ?? {}) as { errorCode?: unknown; errorMessage?: unknown };
  if (errorCode !== undefined || errorMessage !== undefined) return `${String(errorCode ?? '')}: ${String(errorMessage ?? '')}`;
  return JSON.stringify(error);
}

function CallbackForm({ projectId, workflowId, runId, stateId, onDone }: { projectId: string; workflowId: string; runId: string; stateId: string; onDone: () => void }) {
  const { api } = useConsole();
  const [result, setResult] = useState<'success' | 'fail'>('success');
  const [output, setOutput] = useState('{}');
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const parsed = parseObject(output, 'output', '{"approved": true}');
  const reasonProblem = result === 'fail' && (reason.length < 1 || reason.length > 64) ? 'Give the error: 1 to 64 characters.' : undefined;
  const problem = parsed.problem ?? reasonProblem;
  const send = (event: Event) => {
    event.preventDefault();
    if (!parsed.value || reasonProblem) return;
    const output = parsed.value;
    void run(async () => {
      await api(projectId).createCallbackWorkflow({ workflowId, runId, stateId, result, output, ...(result === 'fail' && { error: reason }) });
      onDone();
    });
  };
  return (
    <div class="callback">
      <h3>Waits for a callback</h3>
      <p>Any client resumes it with <code>createCallbackWorkflow</code> and these two headers:</p>
      <dl class="facts">
        <dt>X-Workflow-Run-Id</dt>
        <dd>
          <Copyable text={runId} label="X-Workflow-Run-Id" />
        </dd>
        <dt>X-Workflow-State-Id</dt>
        <dd>
          <Copyable text={stateId} label="X-Workflow-State-Id" />
        </dd>
      </dl>
      <form onSubmit={send} class="stack" aria-label="Resume the node">
        <fieldset>
          <legend>Result</legend>
          <label class="choice">
            <input type="radio" name="callback-result" value="success" checked={result === 'success'} onChange={() => setResult('success')} /> success, with the output
          </label>
          <label class="choice">
            <input type="radio" name="callback-result" value="fail" checked={result === 'fail'} onChange={() => setResult('fail')} /> fail, with an error
          </label>
        </fieldset>
        <label for="callback-output">Output (JSON object)</label>
        <textarea id="callback-output" rows={4} value={output} onInput={(event) => setOutput(event.currentTarget.value)} spellcheck={false} aria-invalid={parsed.problem !== undefined} />
        {result === 'fail' && (
          <>
            <label for="callback-error">Error (1 to 64 characters)</label>
            <input id="callback-error" value={reason} maxLength={64} onInput={(event) => setReason(event.currentTarget.value)} aria-invalid={reasonProblem !== undefined} />
          </>
        )}
        <p class={problem ? 'field-problem' : 'visually-hidden'} aria-live="polite">
          {problem ?? 'Ready to send.'}
        </p>
        <button type="submit" class="button button-primary" disabled={busy || problem !== undefined}>
          Send the callback
        </button>
      </form>
      <ErrorNotice error={error} title="The callback failed" />
    </div>
  );
}

function StatesTable({ states, progress, onOpen }: { states: State[]; progress: Map<string, StateProgress>; onOpen: (id: string) => void }) {
  return (
    <Section title="States" id="states">
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">Each state's status in this execution</caption>
          <thead>
            <tr>
              <th scope="col">State</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
            </tr>
          </thead>
          <tbody>
            {states.map((state) => {
              const entry = progress.get(state.id);
              return (
                <tr key={state.id}>
                  <td>
                    <button type="button" class="link-button" onClick={() => onOpen(state.id)} aria-label={`Open state ${state.name || state.id}`}>
                      {state.name || state.id}
                    </button>
                  </td>
                  <td>{state.type}</td>
                  <td>
                    <StatusBadge status={entry?.status ?? 'idle'} />
                  </td>
                  <td>{entry?.attempts.length ?? 0}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function Calls({ calls }: { calls: Call[] }) {
  return (
    <Section title="Function calls" id="calls">
      {calls.length === 0 ? (
        <p>No function was called in this execution.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">The function calls of this execution, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">State</th>
                <th scope="col">Function</th>
                <th scope="col">Invocation</th>
                <th scope="col">Attempt</th>
                <th scope="col">At</th>
                <th scope="col">Call</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((call) => (
                <tr key={call.seq}>
                  <td>{call.seq}</td>
                  <td>{call.node_id}</td>
                  <td>
                    <code>{call.function}</code>
                  </td>
                  <td>{call.invocation}</td>
                  <td>{call.attempt}</td>
                  <td>{utc(call.at)}</td>
                  <td>
                    <details>
                      <summary>Input and answer</summary>
                      <Json value={call.input} label={`Call ${call.seq} input`} />
                      <Json value={call.answer} label={`Call ${call.seq} answer`} />
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
