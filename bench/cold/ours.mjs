// Cold start: import this client by its name, as Node.js resolves it (the Node.js entry, from the built
// package), make one signed call, report peak memory.
import { createWorkflowClient } from 'functiongraph-workflow-api';

const client = createWorkflowClient({ endpoint: process.argv[2], projectId: 'p', auth: { accessKey: 'HPUAEXAMPLEACCESSKEY', secretKey: 'sk-example' } });
await client.startWorkflowExecution({ workflowId: 'wf', input: { orderId: 42 } });
console.log(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
