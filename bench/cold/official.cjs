// Cold start: load the official SDK, make one signed call, report peak memory.
const { createOfficialClient } = require('../official-client.cjs');

createOfficialClient(process.argv[2], { accessKey: 'HPUAEXAMPLEACCESSKEY', secretKey: 'sk-example', projectId: 'p' })
  .startWorkflowExecution('wf', { orderId: 42 })
  .then(() => console.log(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })));
