// The gateway routes by whatever the bundled contract holds, so that new operations need no change in
// mock/: a contract with more paths and methods, written here, is routed as the gateway must route it.
import { describe, expect, it } from 'vitest';
import { contractRoutes, documentedExample, matchRoute } from '../../emulator/src/gateway/routes.ts';
import type { JsonObject } from '../helpers/contract.ts';
import { doc } from '../helpers/answers.ts';

const contract: JsonObject = {
  paths: {
    '/v2/{project_id}/fgs/workflows/{workflow_id}/executions': { post: { operationId: 'start' }, get: { operationId: 'list' } },
    '/v2/{project_id}/fgs/workflows/{workflow_id}/executions/{execution_id}': { $ref: '#/components/pathItems/Show' },
    '/v2/{project_id}/fgs/workflows/{workflow_id}/executions/latest': { get: { operationId: 'latest' } },
  },
  components: { pathItems: { Show: { get: { operationId: 'show' }, delete: { operationId: 'stop' } } } },
};
const routes = contractRoutes(contract);
const route = (method: string, path: string) => {
  const match = matchRoute(routes, method, path);
  return 'route' in match ? String(match.route.operation.operationId) : match.unknown;
};

describe('routes from the contract', () => {
  it('finds every operation, $ref path items included', () => {
    expect(routes.map((r) => `${r.method} ${String(r.operation.operationId)}`).sort()).toEqual(['DELETE stop', 'GET latest', 'GET list', 'GET show', 'POST start']);
  });

  it('matches a parameter to any one segment, percent-encoded or empty', () => {
    expect(route('POST', '/v2/p/fgs/workflows/a%2Fb/executions')).toBe('start');
    expect(route('GET', '/v2/p/fgs/workflows/w/executions')).toBe('list');
    expect(route('GET', '/v2/p/fgs/workflows/w/executions/e-1')).toBe('show');
    expect(route('POST', '/v2//fgs/workflows/w/executions')).toBe('start');
  });

  it('prefers a literal segment to a parameter', () => {
    expect(route('GET', '/v2/p/fgs/workflows/w/executions/latest')).toBe('latest');
    expect(route('DELETE', '/v2/p/fgs/workflows/w/executions/latest')).toBe('stop');
  });

  it('tells an unknown path from a known path with another method', () => {
    expect(route('GET', '/v2/p/fgs/workflows/w')).toBe('path');
    expect(route('GET', '/v2/p/fgs/workflows/w/executions/e-1/more')).toBe('path');
    expect(route('PUT', '/v2/p/fgs/workflows/w/executions')).toBe('method');
  });

  it("takes an operation's first documented example for a status, or nothing", () => {
    const start = (doc.paths as JsonObject)['/v2/{project_id}/fgs/workflows/{workflow_id}/executions'] as JsonObject;
    expect(documentedExample(doc, start.post as JsonObject, 400)).toMatchObject({ error_code: 'FGS.3002' });
    expect(documentedExample(doc, start.post as JsonObject, 418)).toBeUndefined();
  });
});
