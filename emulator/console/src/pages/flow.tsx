// A flow: its definition drawn as a graph, a state's details when it is opened, a form that starts an
// execution (with an input and a scenarios test case), and its executions with filters and pages.
import { useState } from 'preact/hooks';
import { href, useConsole } from '../app.tsx';
import { FlowGraph } from '../graph.tsx';
import { StatePanel } from '../state-panel.tsx';
import { fromApi } from '../status.ts';
import { ErrorNotice, Json, parseObject, Section, StatusBadge, useAction, useLoad, useTitle, utc } from '../widgets.tsx';
import { Pager } from './pager.tsx';

const pageSize = 20;
const statuses = ['running', 'success', 'fail', 'timeout', 'cancel'] as const;

export function FlowPage({ projectId, workflowId }: { projectId: string; workflowId: string }) {
  const { api, admin } = useConsole();
  const flow = useLoad(() => api(projectId).showWorkFlow({ workflowId }), [projectId, workflowId]);
  const info = useLoad(() => admin.info(), [admin]);
  const [selected, setSelected] = useState<string | undefined>();
  const definition = flow.data?.definition;
  const state = definition?.states.find((candidate) => candidate.id === selected);
  const name = definition?.name ?? workflowId;
  useTitle(`Flow ${name}`);
  return (
    <>
      <nav aria-label="Breadcrumb" class="crumbs">
        <a href={href({ page: 'projects' })}>Projects</a> / <a href={href({ page: 'flows', projectId })}>{projectId}</a> / <span aria-current="page">{name}</span>
      </nav>
      <h1>
        Flow <span class="name">{name}</span>
      </h1>
      <ErrorNotice error={flow.error} title="Reading the flow" />
      {definition && (
        <>
          <p class="summary">
            {definition.mode === 'EXPRESS' ? 'Express flow' : 'Standard flow'} · {definition.states.length} state{definition.states.length === 1 ? '' : 's'} · starts at <code>{definition.start}</code>
            {definition.description && ` · ${definition.description}`}
          </p>
          <div class="split">
            <Section title="Graph" id="flow-graph">
              <p class="help">Each state is a button: open it for its actions, arguments and error handling.</p>
              <FlowGraph definition={definition} label={`Graph of flow ${name}`} selected={selected} onSelect={(id) => setSelected(id === selected ? undefined : id)} />
            </Section>
            <div class="side">
              {state ? <StatePanel state={state} retries={definition.retries ?? []} onClose={() => setSelected(undefined)} /> : null}
              <StartForm projectId={projectId} workflowId={workflowId} testCases={info.data?.scenarios.test_cases[definition.name] ?? []} />
            </div>
          </div>
          <Executions projectId={projectId} workflowId={workflowId} />
          <Section title="Definition" id="definition">
            <Json value={definition} label="Definition (JSON)" />
          </Section>
        </>
      )}
    </>
  );
}

function StartForm({ projectId, workflowId, testCases }: { projectId: string; workflowId: string; testCases: string[] }) {
  const { api } = useConsole();
  const [input, setInput] = useState('{}');
  const [testCase, setTestCase] = useState('');
  const { busy, error, run } = useAction();
  const { value: parsed, problem: inputProblem } = parseObject(input, 'input', '{"orderId": 42}');
  const start = (event: Event) => {
    event.preventDefault();
    if (!parsed) return;
    void run(async () => {
      const headers: Record<string, string> = testCase ? { 'X-Emulator-Test-Case': testCase } : {};
      const { execution_id } = await api(projectId).startWorkflowExecution({ workflowId, input: parsed }, { headers });
      location.hash = href({ page: 'execution', projectId, workflowId, executionId: execution_id! });
    });
  };
  return (
    <section class="panel" aria-labelledby="start-title">
      <h2 id="start-title">Start an execution</h2>
      <form onSubmit={start} class="stack">
        <label for="start-input">Input (JSON object)</label>
        <textarea id="start-input" rows={5} value={input} onInput={(event) => setInput(event.currentTarget.value)} aria-invalid={inputProblem !== undefined} aria-describedby="start-input-problem" spellcheck={false} />
        <p id="start-input-problem" class={inputProblem ? 'field-problem' : 'visually-hidden'} aria-live="polite">
          {inputProblem ?? 'The input is a JSON object.'}
        </p>
        <label for="start-test-case">Test case</label>
        <select id="start-test-case" value={testCase} onChange={(event) => setTestCase(event.currentTarget.value)} aria-describedby="start-test-case-help">
          <option value="">{testCases.includes('Default') ? 'Default (no header)' : 'None (no header)'}</option>
          {testCases.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <p id="start-test-case-help" class="help">
          {testCases.length > 0 ? 'Sent as X-Emulator-Test-Case: the scenarios file scripts what each function answers.' : 'The scenarios file has no test cases for this flow.'}
        </p>
        <button type="submit" class="button button-primary" disabled={busy || inputProblem !== undefined}>
          Start
        </button>
      </form>
      <ErrorNotice error={error} title="Starting the execution" />
    </section>
  );
}

/** A datetime-local value (read as UTC) in the API's `YYYY-MM-DD hh:mm:ss`. */
function apiTime(local: string): string | undefined {
  if (!local) return undefined;
  const [date, time = '00:00:00'] = local.split('T');
  return `${date} ${time.length === 5 ? `${time}:00` : time.slice(0, 8)}`;
}

function Executions({ projectId, workflowId }: { projectId: string; workflowId: string }) {
  const { api, clockVersion } = useConsole();
  const [status, setStatus] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [offset, setOffset] = useState(0);
  const startTime = apiTime(from);
  const endTime = apiTime(to);
  const executions = useLoad(
    () =>
      api(projectId).listWorkflowExecutions({
        workflowId,
        limit: pageSize,
        offset,
        ...(status && { status: status as (typeof statuses)[number] }),
        ...(startTime && { startTime }),
        ...(endTime && { endTime }),
      }),
    [projectId, workflowId, status, startTime, endTime, offset, clockVersion],
  );
  const rows = executions.data?.executions ?? [];
  const filter = (set: (value: string) => void) => (event: Event) => {
    set((event.currentTarget as HTMLInputElement).value);
    setOffset(0);
  };
  return (
    <Section title="Executions" id="executions">
      <form class="filters" onSubmit={(event) => event.preventDefault()} aria-label="Filter the executions">
        <div class="field">
          <label for="filter-status">Status</label>
          <select id="filter-status" value={status} onChange={filter(setStatus)}>
            <option value="">Any</option>
            {statuses.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-from">Started from (UTC)</label>
          <input id="filter-from" type="datetime-local" step="1" value={from} onChange={filter(setFrom)} />
        </div>
        <div class="field">
          <label for="filter-to">Started until (UTC)</label>
          <input id="filter-to" type="datetime-local" step="1" value={to} onChange={filter(setTo)} />
        </div>
        <button type="button" class="button button-small" onClick={() => void executions.reload()}>
          Refresh
        </button>
      </form>
      <p class="help">
        Without times, the API lists the last three days of the virtual clock; with one, the three days from or until it.
      </p>
      <ErrorNotice error={executions.error} title="Listing the executions" />
      {executions.data && rows.length === 0 && <p>No execution matches.</p>}
      {rows.length > 0 && (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">Executions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Execution</th>
                <th scope="col">Status</th>
                <th scope="col">Began</th>
                <th scope="col">Ended</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((execution) => (
                <tr key={execution.execution_id}>
                  <td>
                    <a href={href({ page: 'execution', projectId, workflowId, executionId: execution.execution_id! })}>
                      <code class="id">{execution.execution_id}</code>
                    </a>
                  </td>
                  <td>
                    <StatusBadge status={fromApi(execution.status)} />
                  </td>
                  <td>{utc(execution.begin_time)}</td>
                  <td>{utc(execution.end_time)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager label="Executions" offset={offset} pageSize={pageSize} shown={rows.length} onOffset={setOffset} />
    </Section>
  );
}
