// Run as `node --expose-gc runtimes.child.mjs <compiled src/index.js>`; prints one JSON line.
//
// Plain JavaScript on purpose: it runs on every supported Node, Node 20 included, against the
// compiled client, to prove what depends on the runtime's fetch:
//   - time limits and aborts survive garbage collection: each scenario starts a call to a server that
//     never answers, forces collections while the call is in flight, then lets its time limit pass or
//     aborts it (through the global fetch, a fetch function and the Node.js entry's fetch), and reports how the call ended and whether the server saw its connection closed (the
//     abort reached fetch);
//   - a redirect, as this runtime's fetch returns it with redirect: 'manual', is refused, and nothing
//     reaches the other origin;
//   - an answer over maxResponseBytes is cut off, and its connection closed.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const { createWorkflowClient, signRequest } = await import(process.argv[2]);
// The Node.js entry, built beside it.
const { createWorkflowClient: createNodeClient } = await import(new URL('../node/index.js', pathToFileURL(process.argv[2])).href);
if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');

const accessKey = 'HPUAEXAMPLEACCESSKEY';
const secretKey = 'sk-7Gq9ZpW2xR5vT8nB3mK6jL1hF4dS0aQe';
/** How long to wait for a call to settle or a connection to close before calling it stuck. */
const patience = 8_000;

let onConnection = () => {};
const server = createServer((request, response) => {
  // /late/… answers after 1.5 s, /now/… at once; anything else never answers.
  const answer = () => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end('{"execution_id":"answered"}');
  };
  if (request.url.includes('/late/')) setTimeout(answer, 1_500);
  else if (request.url.includes('/now/')) answer();
});
server.on('connection', (socket) => onConnection({ closed: new Promise((resolve) => socket.on('close', () => resolve('closed'))) }));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${server.address().port}`;

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
const within = (promise) => Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve('stuck'), patience).unref())]);
const outcome = (promise) => promise.then(
  (value) => ({ settled: 'resolved', value: value?.execution_id ?? String(value) }),
  (error) => ({ settled: error?.name ?? String(error), sent: error?.sent, status: error?.status, message: String(error?.message ?? error) }),
);

/** Starts `call`, waits for its connection, collects garbage a few times, runs `stop`, and reports. */
async function scenario(call, stop = () => {}) {
  const connected = new Promise((resolve) => { onConnection = resolve; });
  const settled = outcome(call());
  const connection = await within(connected);
  if (connection === 'stuck') {
    const result = await within(settled);
    return { ...(typeof result === 'string' ? { settled: result } : result), connection: 'never made' };
  }
  for (let i = 0; i < 4; i++) {
    await tick();
    globalThis.gc();
  }
  stop();
  const result = await within(settled);
  return { ...(typeof result === 'string' ? { settled: result } : result), connection: await within(connection.closed) };
}

const aksk = { accessKey, secretKey, securityToken: 'st-temporary' };
const client = (auth, extra = {}) => createWorkflowClient({ endpoint, projectId: 'p', auth, ...extra });
const input = { workflowId: 'silent', input: { n: 1 } };
const results = {};

results.akskTimeout = await scenario(() => client(aksk, { timeoutMs: 1_000 }).startWorkflowExecution(input));

let controller = new AbortController();
results.akskSignal = await scenario(() => client(aksk, { timeoutMs: 0 }).startWorkflowExecution(input, { signal: controller.signal }), () => controller.abort(new Error('caller aborted')));

controller = new AbortController();
results.tokenFunctionSignal = await scenario(() => client({ token: async () => 'token' }, { timeoutMs: 0 }).startWorkflowExecution(input, { signal: controller.signal }), () => controller.abort(new Error('caller aborted')));

results.customFetchTimeout = await scenario(() => client(aksk, { timeoutMs: 1_000, fetch: (request) => fetch(request) }).startWorkflowExecution(input));

results.rawTimeout = await scenario(() => client(aksk, { timeoutMs: 1_000 }).raw.POST('/v2/{project_id}/fgs/workflows/{workflow_id}/executions', {
  params: { path: { project_id: 'p', workflow_id: 'silent' } },
  body: { input: {} },
}));

// signRequest signs the caller's own Request, so fetch follows the caller's signal; the caller keeps
// the Request while it is sent (Node's fetch follows a Request's signal only while something holds it).
controller = new AbortController();
const request = new Request(`${endpoint}/v2/p/fgs/workflows/silent/executions`, { method: 'POST', body: '{"input":{}}', signal: controller.signal });
let signed;
results.signRequest = await scenario(async () => {
  signed = await signRequest(request, { ...aksk, projectId: 'p' });
  return fetch(signed);
}, () => controller.abort(new Error('caller aborted')));
results.signRequest.sameRequest = signed === request;

// signRequest from a URL and init builds the Request with the caller's signal, as fetch(url, init) would;
// the caller keeps the Request it gets while it is sent.
controller = new AbortController();
let built;
results.signRequestFromInit = await scenario(async () => {
  built = await signRequest(`${endpoint}/v2/p/fgs/workflows/silent/executions`, { method: 'POST', body: '{"input":{}}', signal: controller.signal }, { ...aksk, projectId: 'p' });
  return fetch(built);
}, () => controller.abort(new Error('caller aborted')));

// Many calls at once, half answered after the limit, with collections along the way: none of the late
// ones may succeed.
async function concurrentScenario(many) {
  onConnection = () => {};
  const calls = Array.from({ length: 100 }, (_, i) => outcome(many.startWorkflowExecution({ workflowId: i % 2 ? 'late' : 'now', input: {} })));
  const collecting = setInterval(() => globalThis.gc(), 50);
  const settledAll = await Promise.all(calls);
  clearInterval(collecting);
  return {
    lateSucceeded: settledAll.filter((r, i) => i % 2 && r.settled === 'resolved').length,
    lateTimedOut: settledAll.filter((r, i) => i % 2 && r.settled === 'WorkflowTimeoutError').length,
  };
}
results.concurrent = await concurrentScenario(client(aksk, { timeoutMs: 500 }));

// The Node.js entry's fetch, on node:http: the same limits, with the same collections.
const nodeClient = (auth, extra = {}) => createNodeClient({ endpoint, projectId: 'p', auth, ...extra });
results.nodeFetchTimeout = await scenario(() => nodeClient(aksk, { timeoutMs: 1_000 }).startWorkflowExecution(input));
controller = new AbortController();
results.nodeFetchSignal = await scenario(() => nodeClient(aksk, { timeoutMs: 0 }).startWorkflowExecution(input, { signal: controller.signal }), () => controller.abort(new Error('caller aborted')));
results.nodeFetchConcurrent = await concurrentScenario(nodeClient(aksk, { timeoutMs: 500 }));

// A redirect to another origin, with every credential header there is.
let elsewhereRequests = 0;
const elsewhere = createServer((_request, response) => {
  elsewhereRequests++;
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end('{"execution_id":"from-elsewhere"}');
});
await new Promise((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
const redirecting = createServer((_request, response) => {
  response.writeHead(307, { Location: `http://127.0.0.1:${elsewhere.address().port}/x` });
  response.end();
});
await new Promise((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
const redirected = createWorkflowClient({ endpoint: `http://127.0.0.1:${redirecting.address().port}`, projectId: 'p', auth: aksk });
const redirect = await outcome(redirected.startWorkflowExecution(input));
const rawRedirect = await outcome(redirected.raw.POST('/v2/{project_id}/fgs/workflows/{workflow_id}/executions', { params: { path: { project_id: 'p', workflow_id: 'w' } }, body: { input: {} } }));
results.redirect = { method: redirect.settled, raw: rawRedirect.settled, status: redirect.status, elsewhereRequests };

// 64 MiB of answer, of which the client reads 1 MiB.
let written = 0;
let flooded;
const floodClosed = new Promise((resolve) => (flooded = resolve));
const flooding = createServer((_request, response) => {
  response.writeHead(502, { 'Content-Type': 'text/html' });
  const chunk = Buffer.alloc(64 * 1024, 'a');
  response.socket.on('close', () => flooded(written));
  const pump = () => {
    while (written < 64 * 1024 * 1024 && !response.socket.destroyed) {
      written += chunk.length;
      if (!response.write(chunk)) return void response.once('drain', pump);
    }
    response.end();
  };
  pump();
});
await new Promise((resolve) => flooding.listen(0, '127.0.0.1', resolve));
const limited = createWorkflowClient({ endpoint: `http://127.0.0.1:${flooding.address().port}`, projectId: 'p', auth: { token: 't' }, maxResponseBytes: 1024 * 1024 });
const flood = await limited.startWorkflowExecution(input).catch((error) => error);
results.answerLimit = { settled: flood.name, truncated: flood.truncated, bodyLength: flood.body?.length, written: await within(floodClosed) };

for (const each of [server, elsewhere, redirecting, flooding]) {
  each.closeAllConnections();
  each.close();
}
console.log(JSON.stringify({ node: process.version, results }));
