// The Request this client would send for a call, captured instead of sent: what signing tests compare.
import { createWorkflowClient, type AkSkAuth, type WorkflowClient } from '../../src/index.ts';

export async function signedByClient(endpoint: string, auth: AkSkAuth, call: (client: WorkflowClient) => Promise<unknown>): Promise<Request> {
  let sent: Request | undefined;
  const capture = async (request: Request) => {
    sent = request;
    return new Response('{"execution_id":"x"}', { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  await call(createWorkflowClient({ endpoint, auth, fetch: capture }));
  if (!sent) throw new Error('the call sent no request');
  return sent;
}
