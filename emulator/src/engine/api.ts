// The contract's operations, answered from the store: one handler per operationId. A request reaches a
// handler only after Prism has validated it against the contract, so a handler checks only what the
// schema cannot say (a flow that cannot run, an ID that does not exist, a state that forbids the call).
import { randomUUID } from 'node:crypto';
import { validateFlowDefinition } from '../../../src/flow-definition.ts';
import { isPlainObject } from '../../../src/validate.ts';
import type { VirtualClock } from './clock.ts';
import { RefusedError, type Runner } from './runner.ts';
import type { Scenarios } from './scenarios.ts';
import type { ExecutionRow, FlowRow, JsonRecord, JsonValue, Store } from './store.ts';

export interface ApiRequest {
  operationId: string;
  path: Record<string, string>;
  query: URLSearchParams;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  body: unknown;
}

export interface ApiAnswer {
  status: number;
  body?: unknown;
}

export interface ApiOptions {
  store: Store;
  runner: Runner;
  clock: VirtualClock;
  scenarios: Scenarios;
  /** The region in the URNs the emulator makes. */
  region: string;
}

/** The header that picks a scenarios file's test case for an execution. */
export const testCaseHeader = 'x-emulator-test-case';
/** Without X-Get-Workflow-Full-History-Data, a node's input or output longer than this (as JSON) is cut. */
export const historyPreviewChars = 1024;
const threeDaysMs = 3 * 24 * 60 * 60 * 1000;
const createdBy = 'emulator';
const mostMetricPoints = 10_000;

type Handler = (request: ApiRequest) => ApiAnswer | Promise<ApiAnswer>;

export function createApi({ store, runner, clock, scenarios, region }: ApiOptions): (request: ApiRequest) => Promise<ApiAnswer> {
  const project = (request: ApiRequest) => request.path.project_id!;

  const noSuchFlow = (request: ApiRequest) => new ApiError(404, 'FGS.5002', `Function flow not found: this project has no flow ${request.path.workflow_id}`);

  const flowOf = (request: ApiRequest): FlowRow => store.flow(project(request), request.path.workflow_id!) ?? throwError(noSuchFlow(request));

  /** The flow a call about its executions names, without its definition. */
  const flowHeadOf = (request: ApiRequest) => store.flowHead(project(request), request.path.workflow_id!) ?? throwError(noSuchFlow(request));

  const executionOf = (request: ApiRequest): ExecutionRow => {
    const flow = flowHeadOf(request);
    const row = store.execution(project(request), request.path.execution_id!);
    if (!row || row.workflow_id !== flow.id) throw new ApiError(404, 'FSS.0404', `Flow ${flow.id} has no execution ${request.path.execution_id}`);
    return row;
  };

  const checkDefinition = (body: unknown) => {
    const problems = validateFlowDefinition(body);
    if (problems.length > 0) throw new ApiError(400, 'FGS.3002', `The flow definition cannot run: ${problems.map(({ path, message }) => `${path || '/'} ${message}`).join('; ')}`, { problems });
  };

  const simpleInfo = (flow: FlowRow) => {
    const definition = JSON.parse(flow.definition) as JsonRecord;
    return {
      id: flow.id,
      workflow_urn: flow.urn,
      name: flow.name,
      description: typeof definition.description === 'string' ? definition.description : '',
      created_time: isoSeconds(flow.created_ms),
      updated_time: isoSeconds(flow.updated_ms),
      created_by: createdBy,
      enable_stream_response: definition.enable_stream_response === true,
    };
  };

  const start = (request: ApiRequest, flow: FlowRow) => {
    const body = request.body as { input: JsonValue; headers?: JsonValue };
    const requested = request.headers[testCaseHeader];
    const picked = scenarios.testCaseFor(flow.name, requested);
    if ('error' in picked) throw new ApiError(400, 'FGS.3002', picked.error);
    const runId = request.headers['x-workflowrun-id'];
    if (runId !== undefined && runId !== '' && store.execution(project(request), runId)) throw new ApiError(400, 'FGS.3002', `X-WorkflowRun-ID: this project already has an execution ${runId}`);
    return runner.start({
      project_id: project(request),
      id: runId || randomUUID(),
      workflow_id: flow.id,
      workflow_urn: flow.urn,
      flow_name: flow.name,
      mode: flow.mode,
      input: JSON.stringify(body.input),
      headers: JSON.stringify(isPlainObject(body.headers) ? body.headers : {}),
      test_case: picked.testCase ?? null,
      merge_parameters: request.headers['x-workflowrun-mergefnparameters'] === 'true' ? 1 : 0,
    }, flow.definition);
  };

  const handlers: Record<string, Handler> = {
    createWorkflow(request) {
      checkDefinition(request.body);
      const definition = request.body as JsonRecord;
      const name = definition.name as string;
      const existing = store.flowByName(project(request), name);
      if (existing) throw new ApiError(400, 'FGS.3002', `This project already has a flow named ${name} (${existing.id}): flow names are unique in a project`);
      const now = clock.now();
      const flow: FlowRow = {
        project_id: project(request),
        id: randomUUID(),
        name,
        urn: `urn:fss:${region}:${project(request)}:workflow:default:${name}:latest`,
        mode: definition.mode === 'EXPRESS' ? 'EXPRESS' : 'NORMAL',
        enterprise_project_id: typeof definition.enterprise_project_id === 'string' ? definition.enterprise_project_id : null,
        definition: JSON.stringify(definition),
        created_ms: now,
        updated_ms: now,
      };
      store.transaction(() => store.insertFlow(flow));
      return { status: 201, body: simpleInfo(flow) };
    },

    listWorkflow(request) {
      const limit = Math.min(integer(request.query, 'limit') ?? 200, 200);
      const offset = Math.max(integer(request.query, 'offset') ?? 0, 0);
      const { total, rows } = store.flows(
        project(request),
        { ...optional('name', request.query.get('workflow_name')), ...optional('mode', request.query.get('mode')), ...optional('enterpriseProject', request.query.get('enterprise_project')) },
        offset,
        limit,
      );
      return { status: 200, body: { total, size: rows.length, workflows: rows.map(simpleInfo) } };
    },

    showWorkFlow(request) {
      const flow = flowOf(request);
      return {
        status: 200,
        body: { id: flow.id, workflow_urn: flow.urn, created_time: isoSeconds(flow.created_ms), updated_time: isoSeconds(flow.updated_ms), created_by: createdBy, definition: JSON.parse(flow.definition) },
      };
    },

    updateWorkFlow(request) {
      const flow = flowOf(request);
      checkDefinition(request.body);
      const definition = request.body as JsonRecord;
      if (definition.name !== flow.name) {
        throw new ApiError(400, 'FGS.3002', `name: a flow keeps its name (${flow.name}), which its URN holds; create a flow of the new name instead`);
      }
      const updated: FlowRow = {
        ...flow,
        mode: definition.mode === 'EXPRESS' ? 'EXPRESS' : 'NORMAL',
        enterprise_project_id: typeof definition.enterprise_project_id === 'string' ? definition.enterprise_project_id : null,
        definition: JSON.stringify(definition),
        updated_ms: clock.now(),
      };
      store.transaction(() => store.updateFlow(updated));
      return { status: 200, body: simpleInfo(updated) };
    },

    batchDeleteWorkflows(request) {
      const urns = (request.body as { workflow_urns: string[] }).workflow_urns;
      const success: string[] = [];
      const fail: Array<{ workflow_urn: string; error_detail: string }> = [];
      store.transaction(() => {
        for (const urn of urns) {
          const flow = store.flowByUrn(project(request), urn);
          if (!flow) {
            if (!fail.some((each) => each.workflow_urn === urn)) fail.push({ workflow_urn: urn, error_detail: 'No flow with this URN in the project.' });
            continue;
          }
          store.deleteFlow(project(request), flow.id);
          success.push(urn);
        }
      });
      return { status: 200, body: { success, fail } };
    },

    showTenantMetric: (request) => ({ status: 200, body: metrics(request, undefined) }),

    showWorkFlowMetric(request) {
      const flow = store.flowByUrn(project(request), request.path.workflow_urn!);
      if (!flow) throw new ApiError(400, 'FGS.3002', `workflow_urn: this project has no flow ${request.path.workflow_urn}`);
      return { status: 200, body: metrics(request, flow.id) };
    },

    startWorkflowExecution(request) {
      const row = start(request, flowOf(request));
      return { status: 200, body: { execution_id: row.id } };
    },

    async startSyncWorkflowExecution(request) {
      const flow = flowOf(request);
      if (flow.mode !== 'EXPRESS') throw new ApiError(400, 'FGS.3002', `Flow ${flow.name} is a standard (NORMAL) flow: only EXPRESS flows run synchronously; start it with startWorkflowExecution`);
      const started = start(request, flow);
      const row = await runner.finished(started.project_id, started.id);
      const error = row.error ? (JSON.parse(row.error) as { node_id: string; error_message: string; begin_ms: number; end_ms: number }) : undefined;
      // The answer's status has no `cancel`: a stopped execution answers as failed, saying why.
      const status = row.status === 'success' ? 'success' : row.status === 'timeout' ? 'timeout' : 'fail';
      const errors =
        row.status === 'cancel' ? [{ node_id: JSON.parse(row.cursor!).state as string, error_message: 'The execution was stopped (stopWorkFlow).', begin_time: isoSeconds(row.begin_ms), end_time: isoSeconds(row.end_ms!) }]
        : error && status === 'fail' ? [{ node_id: error.node_id, error_message: error.error_message.slice(0, 2048), begin_time: isoSeconds(error.begin_ms), end_time: isoSeconds(error.end_ms) }]
        : [];
      return {
        status: 200,
        body: {
          execution_id: row.id,
          status,
          output: status === 'success' ? JSON.parse(row.output ?? '{}') : {},
          errors,
          begin_time: isoSeconds(row.begin_ms),
          end_time: isoSeconds(row.end_ms!),
        },
      };
    },

    showWorkflowExecution(request) {
      const row = executionOf(request);
      const full = request.headers['x-get-workflow-full-history-data'] === 'true';
      // Express flows keep no node history (facts: "history not persisted").
      const nodes = row.mode === 'EXPRESS' ? [] : store.nodes(row.project_id, row.id);
      return {
        status: 200,
        body: {
          ...brief(row),
          headers: JSON.parse(row.headers),
          input: JSON.parse(row.input),
          output: row.output === null ? {} : JSON.parse(row.output),
          node_execution_details: nodes.map((node) => ({
            node_id: node.node_id,
            node_name: node.node_name,
            execution_id: node.node_execution_id,
            executions: (JSON.parse(node.attempts) as JsonRecord[]).map((attempt) => ({
              status: attempt.status,
              input: full ? attempt.input : preview(attempt.input),
              output: attempt.output === undefined ? {} : full ? attempt.output : preview(attempt.output),
              begin_time: attempt.begin_time,
              ...(attempt.end_time !== undefined && { end_time: attempt.end_time }),
              ...(attempt.error_message !== undefined && { error_message: attempt.error_message }),
              request_id: attempt.request_id,
            })),
          })),
        },
      };
    },

    listWorkflowExecutions(request) {
      flowHeadOf(request);
      const limit = Math.min(integer(request.query, 'limit') ?? 200, 200);
      const offset = Math.max(integer(request.query, 'offset') ?? 0, 0);
      const { rows } = store.executions(project(request), request.path.workflow_id!, { ...window(request), ...optional('status', request.query.get('status')) }, offset, limit);
      return { status: 200, body: { executions: rows.map(brief) } };
    },

    showWorkflowExecutionForPage(request) {
      flowHeadOf(request);
      const limit = integer(request.query, 'limit')!;
      const offset = integer(request.query, 'offset')!;
      const { total, rows } = store.executions(project(request), request.path.workflow_id!, window(request), offset, limit);
      return { status: 200, body: { executions: rows.map(brief), total, size: rows.length } };
    },

    retryWorkFlow(request) {
      const row = executionOf(request);
      runner.retryExecution(row.project_id, row.id);
      return { status: 200 };
    },

    stopWorkFlow(request) {
      const row = executionOf(request);
      runner.stopExecution(row.project_id, row.id);
      return { status: 200 };
    },

    createCallbackWorkflow(request) {
      const flow = flowHeadOf(request);
      const runId = request.headers['x-workflow-run-id']!;
      const stateId = request.headers['x-workflow-state-id']!;
      const body = request.body as { result: 'success' | 'fail'; output?: JsonValue; error?: string };
      const row = store.execution(project(request), runId);
      if (!row || row.workflow_id !== flow.id) throw new ApiError(404, 'FSS.0404', `X-Workflow-Run-Id: flow ${flow.id} has no execution ${runId}`);
      runner.callback(project(request), flow.id, runId, stateId, body.result, body.output ?? {}, body.error);
      return { status: 200, body: { execution_id: runId } };
    },
  };

  /** The time window of a list: start_time and end_time, three days either way of the one given, the last three days by default. */
  const window = (request: ApiRequest) => {
    const from = time(request.query, 'start_time');
    const to = time(request.query, 'end_time');
    if (from !== undefined && to !== undefined) return { fromMs: from, toMs: to };
    if (from !== undefined) return { fromMs: from, toMs: from + threeDaysMs };
    if (to !== undefined) return { fromMs: to - threeDaysMs, toMs: to };
    const now = clock.now();
    return { fromMs: now - threeDaysMs, toMs: now };
  };

  /** The series of a project's (or a flow's) executions, one point per period from start_time to end_time (the last hour by default). */
  const metrics = (request: ApiRequest, workflowId: string | undefined) => {
    const periodMs = Number(request.query.get('period') ?? '5') * 60_000;
    const end = request.query.has('end_time') ? Number(request.query.get('end_time')) : clock.now();
    const begin = request.query.has('start_time') ? Number(request.query.get('start_time')) : end - 60 * 60_000;
    if (end <= begin) throw new ApiError(400, 'FGS.3002', 'end_time must be after start_time');
    const points = Math.ceil((end - begin) / periodMs);
    if (points > mostMetricPoints) throw new ApiError(400, 'FGS.3002', `period: ${points} points from start_time to end_time are more than ${mostMetricPoints}; give a longer period or a shorter time range`);
    const rows = store.executionTimes(project(request), workflowId, begin, end);
    const series = { count: [] as Point[], duration: [] as Point[], fail_count: [] as Point[], running_count: [] as Point[] };
    for (let i = 0; i < points; i++) {
      const from = begin + i * periodMs;
      const to = Math.min(from + periodMs, end);
      const begun = rows.filter((row) => row.begin_ms >= from && row.begin_ms < to);
      const finished = begun.filter((row) => row.end_ms !== null);
      series.count.push({ timestamp: from, value: begun.length });
      series.fail_count.push({ timestamp: from, value: begun.filter((row) => row.status === 'fail' || row.status === 'timeout').length });
      series.duration.push({ timestamp: from, value: finished.length === 0 ? 0 : finished.reduce((sum, row) => sum + (row.end_ms! - row.begin_ms), 0) / finished.length });
      series.running_count.push({ timestamp: from, value: rows.filter((row) => row.begin_ms < to && (row.end_ms === null || row.end_ms >= to)).length });
    }
    const wanted = metricSeries[request.query.get('metric_type') ?? ''];
    if (wanted === undefined) return series;
    return wanted === null ? {} : { [wanted]: series[wanted] };
  };

  return async (request) => {
    const handler = handlers[request.operationId];
    if (!handler) return errorAnswer(new ApiError(500, 'FGS.0500', `the emulator has no handler for ${request.operationId}`));
    try {
      return await handler(request);
    } catch (error) {
      if (error instanceof ApiError) return errorAnswer(error);
      if (error instanceof RefusedError) return errorAnswer(new ApiError(error.status, error.status === 404 ? 'FSS.0404' : 'FGS.3002', error.message));
      throw error;
    }
  };
}

type Point = { timestamp: number; value: number };

/** metric_type to the series it selects (both sets of names); null: a metric no series carries. */
const metricSeries: Record<string, 'count' | 'fail_count' | 'duration' | 'running_count' | null> = {
  totalCount: 'count', workflowFlowTotalCount: 'count',
  errorCount: 'fail_count', workflowFlowErrorCount: 'fail_count',
  averageDuration: 'duration', workflowFlowAverageDuration: 'duration',
  running: 'running_count', workflowFlowRunningCount: 'running_count',
  rejectCount: null, workflowFlowRejectCount: null,
};

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly extra: JsonRecord | undefined;

  constructor(status: number, code: string, message: string, extra?: { problems: unknown }) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra as JsonRecord | undefined;
  }
}

function throwError(error: Error): never {
  throw error;
}

function errorAnswer(error: ApiError): ApiAnswer {
  const message = error.message.length > 512 ? `${error.message.slice(0, 510)}…` : error.message;
  // request_id is the gateway's to fill in, with the answer's X-Request-Id.
  return { status: error.status, body: { error_code: error.code, error_msg: message, request_id: 'set-by-the-gateway', ...error.extra } };
}

function brief(row: ExecutionRow) {
  return {
    workflow_id: row.workflow_id,
    workflow_urn: row.workflow_urn,
    execution_id: row.id,
    status: row.status,
    begin_time: isoSeconds(row.begin_ms),
    ...(row.end_ms !== null && { end_time: isoSeconds(row.end_ms) }),
    last_update_time: isoSeconds(row.updated_ms),
    created_by: createdBy,
  };
}

/** A node's input or output as shown without the full-history header: whole when short, else cut, saying so. */
function preview(value: unknown): unknown {
  const text = JSON.stringify(value ?? {});
  if (text.length <= historyPreviewChars) return value;
  return { truncated: true, length: text.length, preview: text.slice(0, historyPreviewChars) };
}

/** `yyyy-MM-ddTHH:mm:ssZ`, as the service writes execution times. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function integer(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  return raw === null || raw === '' ? undefined : Number(raw);
}

/** A list's time bound: `YYYY-MM-DD hh:mm:ss` in UTC as documented (ISO 8601 with a Z is taken too). */
function time(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?Z?$/.exec(raw);
  const ms = match ? Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!) : NaN;
  if (!match || Number.isNaN(ms) || isoSeconds(ms).slice(0, 19) !== `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}`) {
    throw new ApiError(400, 'FGS.3002', `${name}: ${JSON.stringify(raw)} is not a time written YYYY-MM-DD hh:mm:ss (UTC), such as 2022-10-11 01:00:11`);
  }
  return ms;
}

function optional<K extends string>(key: K, value: string | null): Partial<Record<K, string>> {
  return value === null || value === '' ? {} : ({ [key]: value } as Record<K, string>);
}
