// A call made by a Node.js process of its own, as a user's code makes it: the installed package by name
// (its Node.js entry, on node:http) or the same client on Node's fetch. Its argument is one JSON object:
//   transport   "node" (the package's default in Node.js) or "fetch" (`fetch: globalThis.fetch`)
//   endpoint    the base URL; maxResponseBytes, warmUp (a workflow ID to call first) optional
//   sharedSignal  a number of calls to make at once on one AbortSignal, aborted once they are out
// It prints one line of JSON: how the call ended, and how much the process's peak memory grew over it;
// with sharedSignal, how the calls ended and which warnings the process emitted.
import { createWorkflowClient } from 'functiongraph-workflow-api';

const config = JSON.parse(process.argv[2]);
const client = createWorkflowClient({
  endpoint: config.endpoint,
  projectId: 'p',
  auth: { token: 't' },
  timeoutMs: 20_000,
  ...(config.maxResponseBytes && { maxResponseBytes: config.maxResponseBytes }),
  ...(config.transport === 'fetch' && { fetch: globalThis.fetch }),
});
const call = (workflowId) => client.startWorkflowExecution({ workflowId, input: {} });

if (config.sharedSignal) {
  const warnings = [];
  process.on('warning', (warning) => warnings.push(warning.name));
  const controller = new AbortController();
  const calls = Array.from({ length: config.sharedSignal }, () => client.startWorkflowExecution({ workflowId: 'w', input: {} }, { signal: controller.signal }).catch((error) => error));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const reason = new Error('enough');
  controller.abort(reason);
  const aborted = (await Promise.all(calls)).filter((error) => error === reason).length;
  await new Promise((resolve) => setTimeout(resolve, 50));
  console.log(JSON.stringify({ aborted, warnings }));
  process.exit(0);
}
// A first call warms the process, so that the peak measured is the call's own.
if (config.warmUp) await call(config.warmUp);
const peakBefore = process.resourceUsage().maxRSS;
const outcome = await call('w').then(
  (result) => ({ resolved: result }),
  (error) => ({ rejected: { name: error.name, message: error.message, sent: error.sent, truncated: error.truncated, code: error.cause?.cause?.code ?? error.cause?.code } }),
);
console.log(JSON.stringify({ ...outcome, peakGrowthKiB: process.resourceUsage().maxRSS - peakBefore }));
