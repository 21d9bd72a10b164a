// The server the scenario calls: a real HTTP server on a loopback port that authenticates every call as
// the API gateway does (the token, or the AK/SK signature recomputed by the independent verifier) and
// answers by flow ID: success, FunctionGraph's 404, or no answer at all. For a browser on another
// origin it answers CORS as a gateway configured for that origin would, exposing X-Request-Id, except
// under /unexposed, where it leaves X-Request-Id unexposed.
import { verifyReceived, type Verdict } from '../helpers/verifying-server.ts';
import { startServer, type ReceivedRequest, type TestServer } from '../helpers/http-server.ts';

export interface Fixture {
  projectId: string;
  token: string;
  aksk: { accessKey: string; secretKey: string; securityToken: string };
  /** The flow ID of each behaviour. */
  workflows: { token: string; signed: string; missing: string; timeout: string; abort: string };
}


export interface ApiServer extends TestServer {
  /** Every signature check, in order. */
  verdicts: Verdict[];
  /** Lets a page on this origin call the server (CORS). */
  allowOrigin(origin: string): void;
  /** The calls of one flow (POSTs to its executions), in order. */
  callsOf(workflowId: string): ReceivedRequest[];
  /** The CORS preflights received. */
  preflights(): ReceivedRequest[];
  /** A URL that answers `true` once a call of the flow has arrived. */
  arrivedUrl(workflowId: string): string;
  /** The batchDeleteWorkflows calls: a DELETE with a JSON body, which some HTTP stacks drop. */
  deletes(): ReceivedRequest[];
}

export const unexposedPrefix = '/unexposed';
const executions = /^(?:\/unexposed)?\/v2\/([^/]+)\/fgs\/workflows\/([^/]+)\/executions$/;
const flows = /^\/v2\/([^/]+)\/fgs\/workflows$/;
const allowedHeaders = ['Content-Type', 'X-Auth-Token', 'Authorization', 'X-Sdk-Date', 'X-Project-Id', 'X-Security-Token', 'X-Sdk-Content-Sha256'];

export async function startApiServer(fixture: Fixture): Promise<ApiServer> {
  const verdicts: Verdict[] = [];
  let allowedOrigin: string | undefined;
  const workflowOf = (request: ReceivedRequest) => {
    const match = request.method === 'POST' ? executions.exec(request.target) : null;
    if (!match) return undefined;
    try {
      return decodeURIComponent(match[2]!);
    } catch {
      return match[2];
    }
  };

  const server = await startServer((request, response) => {
    const cors: Record<string, string> = {};
    if (allowedOrigin && request.headers.origin === allowedOrigin) {
      cors['Access-Control-Allow-Origin'] = allowedOrigin;
      cors.Vary = 'Origin';
      if (!request.target.startsWith(`${unexposedPrefix}/`)) cors['Access-Control-Expose-Headers'] = 'X-Request-Id';
    }
    const answer = (status: number, body: unknown, requestId?: string) => {
      response.writeHead(status, { 'Content-Type': 'application/json', ...(requestId && { 'X-Request-Id': requestId }), ...cors });
      response.end(JSON.stringify(body));
    };

    if (request.method === 'OPTIONS') {
      response.writeHead(204, { ...cors, 'Access-Control-Allow-Methods': 'GET, POST, DELETE', 'Access-Control-Allow-Headers': allowedHeaders.join(', '), 'Access-Control-Max-Age': '0' });
      response.end();
      return;
    }
    const url = new URL(request.target, 'http://server');
    if (request.method === 'GET' && url.pathname === '/arrived') {
      answer(200, server.requests.some((seen) => workflowOf(seen) === url.searchParams.get('workflow')));
      return;
    }
    const deletion = request.method === 'DELETE' ? flows.exec(request.target) : null;
    if (deletion && deletion[1] === fixture.projectId) {
      const problem = authenticate(request, fixture, verdicts);
      if (problem) return answer(401, { error_code: 'APIGW.0301', error_msg: `Incorrect IAM authentication information: ${problem}` }, 'req-unauthenticated');
      // The URNs the body names, or a 400 naming what arrived instead: an empty or dropped body says so.
      let urns: unknown;
      try {
        urns = (JSON.parse(request.body) as { workflow_urns?: unknown }).workflow_urns;
      } catch {
        urns = undefined;
      }
      if (!Array.isArray(urns)) return answer(400, { error_code: 'FGS.3002', error_msg: `Invalid parameters: the body was ${JSON.stringify(request.body)}` }, 'req-bad-delete');
      return answer(200, { success: urns, fail: [] }, 'req-deleted');
    }
    const match = request.method === 'POST' ? executions.exec(request.target) : null;
    if (!match || match[1] !== fixture.projectId) {
      answer(404, { error_code: 'APIGW.0101', error_msg: 'The API does not exist or has not been published in the environment.' });
      return;
    }
    const problem = authenticate(request, fixture, verdicts);
    if (problem) {
      answer(401, { error_code: 'APIGW.0301', error_msg: `Incorrect IAM authentication information: ${problem}` }, 'req-unauthenticated');
      return;
    }
    respond(workflowOf(request)!, fixture, answer);
  });

  return Object.assign(server, {
    verdicts,
    allowOrigin(origin: string) {
      allowedOrigin = origin;
    },
    callsOf: (workflowId: string) => server.requests.filter((request) => workflowOf(request) === workflowId),
    preflights: () => server.requests.filter((request) => request.method === 'OPTIONS'),
    arrivedUrl: (workflowId: string) => `${server.url}/arrived?workflow=${encodeURIComponent(workflowId)}`,
    deletes: () => server.requests.filter((request) => request.method === 'DELETE'),
  });
}

/** Why the gateway would refuse the call, or undefined when it is authenticated. */
function authenticate(request: ReceivedRequest, fixture: Fixture, verdicts: Verdict[]): string | undefined {
  if (request.headers.authorization !== undefined) {
    const verdict = verifyReceived(request, { [fixture.aksk.accessKey]: fixture.aksk.secretKey }, new Date());
    verdicts.push(verdict.ok ? 'valid' : verdict.failure);
    return verdict.ok ? undefined : `verify aksk signature fail: ${verdict.failure}`;
  }
  return request.headers['x-auth-token'] === fixture.token ? undefined : 'the token is missing or wrong';
}

function respond(workflowId: string, { workflows }: Fixture, answer: (status: number, body: unknown, requestId?: string) => void): void {
  switch (workflowId) {
    case workflows.token:
      return answer(200, { execution_id: 'exec-token' }, 'req-token');
    case workflows.signed:
      return answer(200, { execution_id: 'exec-signed' }, 'req-signed');
    case workflows.timeout:
    case workflows.abort:
      // No answer: the client's time limit or the caller's signal must end the call.
      return;
    case workflows.missing:
    default:
      // FunctionGraph's not-found, its request ID only in the header: a browser reads it only when exposed.
      return answer(404, { error_code: 'FGS.5002', error_msg: 'Function flow not found.' }, 'req-missing');
  }
}
