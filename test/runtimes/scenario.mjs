// One scenario for every runtime the client's guide names. Plain JavaScript that Node.js, Deno and Bun run as a
// file and a browser loads from a page. It imports the installed package by name, as a user's code
// does, makes its calls against the test server (test/runtimes/api-server.ts), and prints one line of
// JSON: the runtime, and what each call returned or threw. runtimes.test.ts checks that line and what
// the server received.
//
// Its input is one JSON object (see ScenarioConfig in runtimes.test.ts): the first command-line
// argument, or the page's `config` query parameter.
import { createWorkflowClient, WorkflowApiError, WorkflowError, WorkflowNetworkError, WorkflowTimeoutError } from 'functiongraph-workflow-api';

const config = JSON.parse(globalThis.Deno?.args[0] ?? globalThis.process?.argv[2] ?? new URL(globalThis.location.href).searchParams.get('config'));
const { endpoint, unexposedEndpoint, projectId, workflows, input, workflowUrns } = config;

const tokenClient = createWorkflowClient({ endpoint, projectId, auth: { token: config.token } });
const signingClient = createWorkflowClient({ endpoint, projectId, auth: config.aksk });

const report = { runtime: runtime(), steps: {} };

report.steps.token = await outcome(() => tokenClient.startWorkflowExecution({ workflowId: workflows.token, input }));
report.steps.signed = await outcome(() => signingClient.startWorkflowExecution({ workflowId: workflows.signed, input }));
report.steps.apiError = await outcome(() => tokenClient.startWorkflowExecution({ workflowId: workflows.missing, input }));
report.steps.timeout = await outcome(() => tokenClient.startWorkflowExecution({ workflowId: workflows.timeout, input }, { timeoutMs: config.timeoutMs }));
report.steps.abort = await abortInFlight();
// The same server, but X-Request-Id is not exposed to other origins: a browser cannot read it there.
report.steps.unexposed = await outcome(() => createWorkflowClient({ endpoint: unexposedEndpoint, projectId, auth: { token: config.token } }).startWorkflowExecution({ workflowId: workflows.token, input }));
// A DELETE with a JSON body, signed (so the body's hash is checked too): through the runtime's default
// transport, and through its global fetch (in Node.js, undici rather than node:http).
report.steps.deleted = await outcome(() => signingClient.batchDeleteWorkflows({ workflow_urns: workflowUrns }));
report.steps.deletedThroughFetch = await outcome(() =>
  createWorkflowClient({ endpoint, projectId, auth: config.aksk, fetch: globalThis.fetch }).batchDeleteWorkflows({ workflow_urns: workflowUrns }),
);

console.log(JSON.stringify(report));

/** Aborts a call once the server has it (the server never answers it), with a reason of our own. */
async function abortInFlight() {
  const controller = new AbortController();
  const reason = new Error('the caller gave up');
  const settled = outcome(() => tokenClient.startWorkflowExecution({ workflowId: workflows.abort, input }, { signal: controller.signal, timeoutMs: 0 }), reason);
  while (!(await (await fetch(config.arrivedUrl)).json())) await new Promise((resolve) => setTimeout(resolve, 20));
  controller.abort(reason);
  return settled;
}

/** What a call returned, or what it threw, as plain data. */
async function outcome(call, reason) {
  try {
    return { resolved: await call() };
  } catch (error) {
    const classes = { WorkflowError, WorkflowApiError, WorkflowNetworkError, WorkflowTimeoutError };
    return {
      rejected: {
        name: error?.name,
        message: error?.message,
        instanceOf: Object.keys(classes).filter((name) => error instanceof classes[name]),
        ...(error instanceof WorkflowApiError && { status: error.status, code: error.code, requestId: error.requestId }),
        ...(error instanceof WorkflowTimeoutError && { timeoutMs: error.timeoutMs }),
        ...(reason && { isTheAbortReason: error === reason }),
      },
    };
  }
}

function runtime() {
  if (globalThis.Deno) return `Deno ${globalThis.Deno.version.deno}`;
  if (globalThis.Bun) return `Bun ${globalThis.Bun.version}`;
  if (globalThis.process?.release?.name === 'node') return `Node.js ${globalThis.process.version}`;
  return globalThis.navigator.userAgent;
}
