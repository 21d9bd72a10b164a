// The flow-management methods against a real HTTP server on loopback: what goes on the wire for a
// definition (every field, those no source documents included, and nothing of the options), the
// DELETE with its body, the URN as one path segment, and `workflows()` across listWorkflow's pages.
import { describe, expect, it } from 'vitest';
import { createWorkflowClient, WorkflowApiError, WorkflowValidationError, type FlowDefinition, type WorkflowsInput } from '../../src/index.ts';
import { createWorkflowClient as createNodeClient } from '../../node/index.ts';
import { loadBundle, type JsonObject } from '../helpers/contract.ts';
import { answerJson, useTestServer, type Handler } from '../helpers/http-server.ts';

const testServer = useTestServer();
const examples = (loadBundle('openapi.json').components as JsonObject).examples as Record<string, { value: unknown }>;
const created = examples.WorkflowCreated!.value;
const orderFlow = () => structuredClone(examples.OrderFlowDefinition!.value) as FlowDefinition;

/** Both transports a Node.js user may have: the portable one on Node's fetch, and the Node.js entry's node:http. */
const clients = [
  ['fetch', createWorkflowClient],
  ['node:http', createNodeClient],
] as const;

describe.each(clients)('flow management through %s', (_name, create) => {
  const client = () => create({ endpoint: testServer.current.url, projectId: 'p', auth: { accessKey: 'AK', secretKey: 'SK' } });

  it('createWorkflow sends the definition as it was given, fields no source documents included, and resolves with the 201 body', async () => {
    testServer.current.handle(answerJson(201, created, { 'X-Request-Id': 'req-1' }));
    const definition = orderFlow() as FlowDefinition & Record<string, unknown>;
    definition.console_layout = { zoom: 1.5 };
    (definition.states[0] as Record<string, unknown>).branches = [{ when: '$.a > 1', to: 'ship' }];
    const result = await client().createWorkflow(definition);
    expect(result).toEqual({ ...(created as object), request_id: 'req-1' });
    const [request] = testServer.current.requests;
    expect([request!.method, request!.target]).toEqual(['POST', '/v2/p/fgs/workflows']);
    expect(request!.body).toBe(JSON.stringify(definition));
  });

  it('updateWorkFlow writes back what showWorkFlow read, unknown fields and all, with no option in the body', async () => {
    const stored = { ...orderFlow(), console_graph: { nodes: [{ id: 'n1', category: 'callback' }] } };
    testServer.current.handle((request, response) =>
      request.method === 'GET'
        ? answerJson(200, { ...(examples.WorkflowFound!.value as object), definition: stored })(request, response, undefined as never)
        : answerJson(200, examples.WorkflowUpdated!.value)(request, response, undefined as never),
    );
    const { definition } = await client().showWorkFlow({ workflowId: 'wf/1' });
    await client().updateWorkFlow({ workflowId: 'wf/1', projectId: 'other', ...definition!, description: 'changed' });
    const [, put] = testServer.current.requests;
    expect([put!.method, put!.target]).toEqual(['PUT', '/v2/other/fgs/workflows/wf%2F1']);
    expect(JSON.parse(put!.body)).toEqual({ ...stored, description: 'changed' });
  });

  it('an option misspelt, or another method\'s, is refused rather than sent in the open body', async () => {
    const definition = orderFlow();
    await expect(client().createWorkflow({ ...definition, projectID: 'q' } as never)).rejects.toThrow(new WorkflowValidationError('projectID', 'is not an option: did you mean projectId?'));
    await expect(client().createWorkflow({ ...definition, workflowId: 'wf-1' } as never)).rejects.toThrow(new WorkflowValidationError('workflowId', 'is not an option of this method, and no field of a flow definition'));
    await expect(client().updateWorkFlow({ ...definition, workflowId: 'wf-1', workflowid: 'wf-2' } as never)).rejects.toThrow(new WorkflowValidationError('workflowid', 'is not an option: did you mean workflowId?'));
    expect(testServer.current.requests).toEqual([]);
  });

  it('an own "__proto__" key of a definition is sent as a field, and cannot hide a missing one', async () => {
    testServer.current.handle(answerJson(201, created));
    const parsed = JSON.parse(`{"__proto__":{"name":"inherited"},${JSON.stringify(orderFlow()).slice(1)}`) as FlowDefinition;
    await client().createWorkflow(parsed);
    expect(testServer.current.requests[0]!.body).toBe(JSON.stringify(parsed));
    expect(testServer.current.requests[0]!.body.startsWith('{"__proto__":{"name":"inherited"},"name":"order-flow",')).toBe(true);
    const { name: _name, ...nameless } = orderFlow();
    const hiding = JSON.parse(`{"__proto__":{"name":"inherited"},${JSON.stringify(nameless).slice(1)}`) as FlowDefinition;
    await expect(client().createWorkflow(hiding)).rejects.toThrow(new WorkflowValidationError('name', 'is required'));
  });

  it('a definition is checked as every body is, before anything is sent', async () => {
    const definition = orderFlow();
    const noStates = { ...definition, states: [] };
    await expect(client().createWorkflow(noStates)).rejects.toThrow(new WorkflowValidationError('states', 'must have at least 1 items (got 0)'));
    const unserializable = { ...definition, constants: { when: new Map() } } as unknown as FlowDefinition;
    await expect(client().createWorkflow(unserializable)).rejects.toThrow(/^constants cannot be serialized as JSON: "when" is a Map/);
    expect(testServer.current.requests).toEqual([]);
  });

  it('batchDeleteWorkflows sends a DELETE with its JSON body, signed over it, and returns a partial failure as data', async () => {
    const answer = examples.FlowsPartlyDeleted!.value;
    testServer.current.handle(answerJson(200, answer));
    const urns = ['urn:fss:cn-north-4:p:workflow:default:order-flow:latest', 'urn:fss:cn-north-4:p:workflow:default:old-flow:latest'];
    const result = await client().batchDeleteWorkflows({ workflow_urns: urns });
    expect(result.fail).toEqual((answer as { fail: unknown }).fail);
    const [request] = testServer.current.requests;
    expect([request!.method, request!.target, request!.body]).toEqual(['DELETE', '/v2/p/fgs/workflows', JSON.stringify({ workflow_urns: urns })]);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['content-length']).toBe(String(Buffer.byteLength(request!.body)));
    expect(request!.headers.authorization).toMatch(/SignedHeaders=content-type;host;x-project-id;x-sdk-date, /);
  });

  it('showWorkFlowMetric puts the URN in one path segment, its ":" as they are', async () => {
    testServer.current.handle(answerJson(200, examples.FlowMetrics!.value));
    await client().showWorkFlowMetric({ workflowUrn: 'urn:fss:cn-north-4:p:workflow:default:a b/c:latest', period: '5', startTime: '1795161600000', endTime: '1795165200000' });
    expect(testServer.current.requests[0]!.target).toBe('/v2/p/fgs/workflow-statistic/urn:fss:cn-north-4:p:workflow:default:a%20b%2Fc:latest?period=5&start_time=1795161600000&end_time=1795165200000');
  });

  it('showTenantMetric refuses a period or time that is not digits, and a metric type no source names', async () => {
    await expect(client().showTenantMetric({ period: '5m' })).rejects.toThrow(WorkflowValidationError);
    await expect(client().showTenantMetric({ startTime: '2026-11-20' })).rejects.toThrow(/^startTime must match/);
    await expect(client().showTenantMetric({ metricType: 'latency' as never })).rejects.toThrow(/^metricType must be one of "totalCount"/);
    expect(testServer.current.requests).toEqual([]);
  });
});

describe('inputs as a caller writes them', () => {
  it('an interface as an execution\'s input, and optional options given as undefined, which are not sent', async () => {
    testServer.current.handle(answerJson(200, { execution_id: 'e-1' }));
    interface Order {
      id: number;
      note: string;
    }
    const order: Order = { id: 42, note: 'Grüße' };
    const client = createWorkflowClient({ endpoint: testServer.current.url, projectId: 'p', auth: { token: 't' } });
    await client.startWorkflowExecution({ workflowId: 'w', input: order, runId: undefined, createTime: undefined, mergeFnParameters: undefined, headers: undefined, projectId: undefined });
    const [request] = testServer.current.requests;
    expect(request!.target).toBe('/v2/p/fgs/workflows/w/executions');
    expect(request!.body).toBe(JSON.stringify({ input: order }));
    expect(Object.keys(request!.headers).filter((name) => name.startsWith('x-workflowrun') || name === 'x-create-time')).toEqual([]);
  });
});

describe('workflows(): the project\'s flows across listWorkflow\'s pages', () => {
  const client = () => createWorkflowClient({ endpoint: testServer.current.url, projectId: 'p', auth: { token: 't' } });
  const flows = (count: number) => Array.from({ length: count }, (_, i) => ({ ...(created as object), id: `flow-${i}`, name: `flow-${i}` }));

  /** Serves `all` by offset and limit, as the service does, a limit over 200 read as 200; `cut` shortens the page at an offset. */
  function pages(all: object[], { cut = {}, total = all.length }: { cut?: Record<number, number>; total?: number | null } = {}): Handler {
    return (request, response) => {
      const query = new URL(request.target, 'http://server').searchParams;
      const offset = Number(query.get('offset'));
      const limit = Math.min(Number(query.get('limit')), 200);
      const workflows = all.slice(offset, offset + (cut[offset] ?? limit));
      answerJson(200, { workflows, ...(total !== null && { total }), size: workflows.length })(request, response, undefined as never);
    };
  }
  const asked = () => testServer.current.requests.map((r) => new URL(r.target, 'http://server').search);
  async function collect(input?: WorkflowsInput): Promise<unknown[]> {
    const seen: unknown[] = [];
    for await (const flow of client().workflows(input)) seen.push(flow);
    return seen;
  }

  // The query's parameters come in the contract's order: name, limit, offset, enterprise project, mode.
  it('yields every flow, in order, 200 a page by default, and stops at total', async () => {
    const all = flows(450);
    testServer.current.handle(pages(all));
    expect(await collect()).toEqual(all);
    expect(asked()).toEqual(['?limit=200&offset=0', '?limit=200&offset=200', '?limit=200&offset=400']);
  });

  it('passes the name, mode and enterprise project filters on every page, and pageSize as the limit', async () => {
    const all = flows(3);
    testServer.current.handle(pages(all));
    expect(await collect({ workflowName: 'order flow', mode: 'EXPRESS', enterpriseProject: '0', pageSize: 2 })).toEqual(all);
    expect(asked()).toEqual(['?workflow_name=order%20flow&limit=2&offset=0&enterprise_project=0&mode=EXPRESS', '?workflow_name=order%20flow&limit=2&offset=2&enterprise_project=0&mode=EXPRESS']);
  });

  it('goes on after a short page, and ends at an empty one', async () => {
    const all = flows(5);
    testServer.current.handle(pages(all, { cut: { 0: 1 }, total: 9 }));
    expect(await collect({ pageSize: 3 })).toEqual(all);
    expect(asked()).toEqual(['?limit=3&offset=0', '?limit=3&offset=1', '?limit=3&offset=4', '?limit=3&offset=5']);
  });

  it('fetches nothing ahead: breaking out stops it', async () => {
    testServer.current.handle(pages(flows(500)));
    for await (const flow of client().workflows({ pageSize: 10 })) if ((flow as { id: string }).id === 'flow-3') break;
    expect(asked()).toEqual(['?limit=10&offset=0']);
  });

  it('refuses a page size outside 1 to 200, offset and limit, before any request', async () => {
    for (const pageSize of [0, 201, 1.5]) await expect(collect({ pageSize })).rejects.toThrow(WorkflowValidationError);
    await expect(collect({ offset: 5 } as never)).rejects.toThrow(new WorkflowValidationError('offset', 'is not an option here: the pages are fetched in turn; give pageSize'));
    await expect(collect({ mode: 'FAST' } as never)).rejects.toThrow(/^mode must be one of "NORMAL", "EXPRESS"/);
    expect(testServer.current.requests).toEqual([]);
  });

  it('an error answer ends the iteration with it', async () => {
    testServer.current.handle(answerJson(500, { error_code: 'FGS.0500', error_msg: 'Internal Error.' }));
    await expect(collect()).rejects.toBeInstanceOf(WorkflowApiError);
  });
});
