// Cold start: import this client from its portable entry (…/fetch: the global fetch, portable digests),
// make one signed call, report peak memory.
import { createWorkflowClient } from 'functiongraph-workflow-api/fetch';

const client = createWorkflowClient({ endpoint: process.argv[2], projectId: 'p', auth: { accessKey: 'HPUAEXAMPLEACCESSKEY', secretKey: 'sk-example' } });
await client.startWorkflowExecution({ workflowId: 'wf', input: { orderId: 42 } });
console.log(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
