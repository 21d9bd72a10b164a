// Huawei's official Node SDK (@huaweicloud/huaweicloud-sdk-functiongraph, a devDependency) signing against the
// strict mock: the gateway accepts what the official signer signs on both operations, and the SDK reads
// the gateway's refusals as it reads the cloud's (error code, message, request ID).
import { createRequire } from 'node:module';
import { describe, expect, inject, it } from 'vitest';
import { gatewayErrors } from '../../emulator/src/gateway/gateway-errors.ts';
import { strictCredentials } from '../helpers/mock-credentials.ts';
import { contractOperations, exampleRequest, requestIdPattern } from '../helpers/requests.ts';

const require = createRequire(import.meta.url);
const core = require('@huaweicloud/huaweicloud-sdk-core') as typeof import('@huaweicloud/huaweicloud-sdk-core');
const fg = require('@huaweicloud/huaweicloud-sdk-functiongraph') as typeof import('@huaweicloud/huaweicloud-sdk-functiongraph');

type OfficialClient = InstanceType<typeof fg.FunctionGraphClient>;

interface OfficialError {
  httpStatusCode: number;
  errorCode: string;
  errorMsg: string;
  requestId: string;
}

const example = (operationId: string) => exampleRequest(contractOperations.find((op) => op.operationId === operationId)!);

function officialClient(secretKey: string = strictCredentials.secretKey): OfficialClient {
  const projectId = example('startWorkflowExecution').path.project_id!;
  const credentials = new core.BasicCredentials().withAk(strictCredentials.accessKey).withSk(secretKey).withProjectId(projectId);
  return fg.FunctionGraphClient.newBuilder().withCredential(credentials).withEndpoint(inject('strictMockUrl')).build();
}

/** The two operations as the official SDK models them, filled from the contract's examples. */
const calls = {
  startWorkflowExecution: (client: OfficialClient) => {
    const { path, headers, body } = example('startWorkflowExecution');
    const request = new fg.StartWorkflowExecutionRequest()
      .withWorkflowId(path.workflow_id!)
      .withXWorkflowRunID(headers['X-WorkflowRun-ID']!)
      .withBody(new fg.FlowExecuteBody().withInput(body.input as object));
    return client.startWorkflowExecution(request);
  },
  createCallbackWorkflow: (client: OfficialClient) => {
    const { path, headers, body } = example('createCallbackWorkflow');
    const request = new fg.CreateCallbackWorkflowRequest()
      .withWorkflowId(path.workflow_id!)
      .withXWorkflowRunId(headers['X-Workflow-Run-Id']!)
      .withXWorkflowStateId(headers['X-Workflow-State-Id']!)
      .withBody(new fg.CallbackWorkflowRequestBody().withResult(String(body.result)).withOutput(body.output as object));
    return client.createCallbackWorkflow(request);
  },
};

describe('the official Node SDK against the strict mock', () => {
  it.each(Object.keys(calls) as Array<keyof typeof calls>)('%s: signed by the official SDK, accepted', async (operation) => {
    const result = await calls[operation](officialClient());
    expect(result.httpStatusCode).toBe(200);
    // The SDK resolves with the JSON body as a plain object, not as its model class.
    expect((result as unknown as { execution_id?: string }).execution_id).toMatch(/^48aff955-/);
  });

  it('a wrong secret key: the SDK reports the gateway\'s code, message and request ID', async () => {
    const error = (await calls.startWorkflowExecution(officialClient('not-the-secret')).then(
      () => new Error('expected a refusal'),
      (e: unknown) => e,
    )) as OfficialError;
    expect([error.httpStatusCode, error.errorCode, error.errorMsg]).toEqual([401, 'APIGW.0301', gatewayErrors.signatureInvalid.message]);
    expect(error.requestId).toMatch(requestIdPattern);
  });
});
