// executionHistory against a real HTTP server that serves scripted pages of a flow's execution records:
// one record at a time across pages, to `total`, through short pages, to an empty page, and no further
// page once the loop stops.
import { describe, expect, inject, it } from 'vitest';
import { createWorkflowClient, WorkflowApiError, WorkflowValidationError, type ExecutionHistoryInput } from '../../src/index.ts';
import { answerJson, useTestServer, type Handler } from '../helpers/http-server.ts';

const testServer = useTestServer();

const client = () => createWorkflowClient({ endpoint: testServer.current.url, projectId: 'p', auth: { token: 't' } });
const records = (count: number) => Array.from({ length: count }, (_, i) => ({ execution_id: `exec-${i}`, status: i % 3 === 0 ? 'retrying' : 'success', workflow_id: 'wf-1' }));

/**
 * Serves `all` by offset and limit, as the service does; `cut` shortens the page at an offset to that
 * many records, and `total` is what each page says (the length of `all` unless given; null for none).
 */
function pages(all: object[], { cut = {}, total = all.length }: { cut?: Record<number, number>; total?: number | null } = {}): Handler {
  return (request, response) => {
    const query = new URL(request.target, 'http://server').searchParams;
    const offset = Number(query.get('offset'));
    const limit = Number(query.get('limit'));
    const executions = all.slice(offset, offset + (cut[offset] ?? limit));
    answerJson(200, { executions, ...(total !== null && { total }), size: executions.length })(request, response, undefined as never);
  };
}

/** The offset and limit of each page request. */
const asked = () =>
  testServer.current.requests.map((r) => {
    const query = new URL(r.target, 'http://server').searchParams;
    return [Number(query.get('offset')), Number(query.get('limit'))];
  });

async function collect(input: ExecutionHistoryInput, options?: { signal?: AbortSignal }): Promise<unknown[]> {
  const seen: unknown[] = [];
  for await (const execution of client().executionHistory(input, options)) seen.push(execution);
  return seen;
}

describe('executionHistory', () => {
  it('iterates every record across pages, in order, and stops at total', async () => {
    const all = records(250);
    testServer.current.handle(pages(all));
    expect(await collect({ workflowId: 'wf-1' })).toEqual(all);
    expect(asked()).toEqual([
      [0, 100],
      [100, 100],
      [200, 100],
    ]);
    expect(testServer.current.requests[0]!.target).toBe('/v2/p/fgs/workflows/wf-1/executions-history?offset=0&limit=100');
  });

  it('asks for pageSize records at a time, with the time range as given', async () => {
    const all = records(5);
    testServer.current.handle(pages(all));
    expect(await collect({ workflowId: 'wf-1', pageSize: 2, startTime: '2026-11-20 00:00:00', endTime: '2026-11-21 00:00:00' })).toEqual(all);
    expect(asked()).toEqual([
      [0, 2],
      [2, 2],
      [4, 2],
    ]);
    for (const request of testServer.current.requests) expect(request.target).toContain('&start_time=2026-11-20%2000%3A00%3A00&end_time=2026-11-21%2000%3A00%3A00');
  });

  it('goes on after a page shorter than asked for, from where it ended', async () => {
    const all = records(7);
    testServer.current.handle(pages(all, { cut: { 0: 1, 1: 2 } }));
    expect(await collect({ workflowId: 'wf-1', pageSize: 3 })).toEqual(all);
    expect(asked()).toEqual([
      [0, 3],
      [1, 3],
      [3, 3],
      [6, 3],
    ]);
  });

  it('ends at an empty page, even before total', async () => {
    const all = records(4);
    testServer.current.handle(pages(all, { total: 10 }));
    expect(await collect({ workflowId: 'wf-1', pageSize: 2 })).toEqual(all);
    expect(asked()).toEqual([
      [0, 2],
      [2, 2],
      [4, 2],
    ]);
  });

  it('ends at an empty page when the pages give no total', async () => {
    const all = records(3);
    testServer.current.handle(pages(all, { total: null }));
    expect(await collect({ workflowId: 'wf-1', pageSize: 2 })).toEqual(all);
    expect(asked()).toEqual([
      [0, 2],
      [2, 2],
      [3, 2],
    ]);
  });

  it('yields nothing for a flow without executions: one request', async () => {
    testServer.current.handle(answerJson(200, { executions: [], total: 0, size: 0 }));
    expect(await collect({ workflowId: 'wf-1' })).toEqual([]);
    testServer.current.handle(answerJson(200, { total: 0 }));
    expect(await collect({ workflowId: 'wf-1' })).toEqual([]);
    expect(testServer.current.requests).toHaveLength(2);
  });

  it('yields each record exactly as sent, a status the contract does not list included', async () => {
    const odd = [{ execution_id: 'e', status: 'paused', extra_field: { Some_Key: 1 } }];
    testServer.current.handle(answerJson(200, { executions: odd, total: 1 }));
    expect(await collect({ workflowId: 'wf-1' })).toEqual(odd);
  });

  it('fetches no page ahead: breaking out of the loop stops it', async () => {
    testServer.current.handle(pages(records(1000)));
    const seen: string[] = [];
    for await (const execution of client().executionHistory({ workflowId: 'wf-1', pageSize: 10 })) {
      seen.push(execution.execution_id!);
      if (seen.length === 15) break;
    }
    expect(seen).toEqual(records(15).map((r) => r.execution_id));
    expect(asked()).toEqual([
      [0, 10],
      [10, 10],
    ]);
    // Nothing more is asked for afterwards either.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(testServer.current.requests).toHaveLength(2);
  });

  it('can be iterated by hand, one record at a time', async () => {
    testServer.current.handle(pages(records(3)));
    const history = client().executionHistory({ workflowId: 'wf-1', pageSize: 2 });
    expect(testServer.current.requests, 'nothing before the first next()').toHaveLength(0);
    expect((await history.next()).value).toEqual(records(1)[0]);
    expect(await history.return(undefined)).toEqual({ done: true, value: undefined });
    expect(testServer.current.requests).toHaveLength(1);
  });

  it.each([
    [{ pageSize: 101 }, /^pageSize must be at most 100 \(got 101\)$/],
    [{ pageSize: 0 }, /^pageSize must be at least 1 \(got 0\)$/],
    [{ pageSize: 2.5 }, /^pageSize must be a whole number \(got 2\.5\)$/],
    [{ pageSize: '10' }, /^pageSize must be a finite number, not a value of type string$/],
  ])('refuses %j on the first iteration, before sending', async (options, message) => {
    const error = await collect({ workflowId: 'wf-1', ...(options as object) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowValidationError);
    expect(error).toMatchObject({ field: 'pageSize' });
    expect((error as Error).message).toMatch(message);
    expect(testServer.current.requests).toHaveLength(0);
  });

  it('refuses a bad time range or flow ID before sending', async () => {
    await expect(collect({ workflowId: '' })).rejects.toMatchObject({ name: 'WorkflowValidationError', field: 'workflowId' });
    await expect(collect({ workflowId: 'w', startTime: 5 as never })).rejects.toMatchObject({ name: 'WorkflowValidationError', field: 'startTime' });
    expect(testServer.current.requests).toHaveLength(0);
  });

  it('rejects with the error of a page that fails, after the records before it', async () => {
    let served = 0;
    testServer.current.handle((request, response, socket) => {
      if (served++ === 0) return pages(records(10))(request, response, socket);
      answerJson(500, { error_code: 'FSS.0500', error_msg: 'Internal error.' })(request, response, socket);
    });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const execution of client().executionHistory({ workflowId: 'wf-1', pageSize: 5 })) seen.push(execution);
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(5);
    expect(error).toBeInstanceOf(WorkflowApiError);
    expect(error).toMatchObject({ status: 500 });
  });

  it("passes the call options to every page: the caller's abort ends it", async () => {
    testServer.current.handle(pages(records(30)));
    const controller = new AbortController();
    const reason = new Error('enough');
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const execution of client().executionHistory({ workflowId: 'wf-1', pageSize: 10 }, { signal: controller.signal })) {
        seen.push(execution);
        if (seen.length === 10) controller.abort(reason);
      }
    })().catch((e: unknown) => e);
    expect(error).toBe(reason);
    expect(seen).toHaveLength(10);
    expect(testServer.current.requests).toHaveLength(1);
  });

  it("pages through the mock's documented history", async () => {
    const mock = createWorkflowClient({ endpoint: inject('mockUrl'), projectId: '0a2b4c6d8e9f41a3b5c7d9e1f3a5b7c9', auth: { token: 'token-for-the-mock' } });
    const seen: string[] = [];
    for await (const execution of mock.executionHistory({ workflowId: '6f2d1b0c-8e3a-4b5d-9c7e-1a2b3c4d5e6f', pageSize: 2 })) {
      seen.push(execution.execution_id!);
      if (seen.length === 5) break;
    }
    // The mock answers its one documented page (two records, total 100) whatever the offset.
    const page = ['41c25eec-a1ba-4789-9851-eaead00cd6b9', '74a29a25-2d6d-4b50-a02e-63b7c5b8ab93'];
    expect(seen).toEqual([...page, ...page, page[0]]);
  });
});
