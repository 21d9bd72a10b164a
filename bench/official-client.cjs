// The official Node SDK's client for startWorkflowExecution, shared by the benchmarks.
const core = require('@huaweicloud/huaweicloud-sdk-core');
const fg = require('@huaweicloud/huaweicloud-sdk-functiongraph');

exports.createOfficialClient = function createOfficialClient(endpoint, { accessKey, secretKey, projectId }) {
  const credentials = new core.BasicCredentials().withAk(accessKey).withSk(secretKey).withProjectId(projectId);
  const client = fg.FunctionGraphClient.newBuilder().withCredential(credentials).withEndpoint(endpoint).build();
  return {
    startWorkflowExecution(workflowId, input) {
      const request = new fg.StartWorkflowExecutionRequest().withWorkflowId(workflowId).withBody(new fg.FlowExecuteBody().withInput(input));
      return client.startWorkflowExecution(request);
    },
  };
};
