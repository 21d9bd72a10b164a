// The emulator's own endpoints, under /_emulator/, outside the contract's paths (described in
// openapi/emulator.yaml): the clock, what each running execution waits on, the recorded function
// calls, the projects and a project's reset, and what the emulator runs with.
import type { EngineAnswer, EngineRequest } from '../gateway/prism-engine.ts';
import { isoSeconds } from './api.ts';
import type { VirtualClock } from './clock.ts';
import type { Runner } from './runner.ts';
import type { Scenarios } from './scenarios.ts';
import type { Store } from './store.ts';

export const adminPrefix = '/_emulator/';
const mostCalls = 1000;

export interface AdminOptions {
  store: Store;
  clock: VirtualClock;
  runner: Runner;
  scenarios: Scenarios;
  /** What the emulator's answers to contract operations came to, checked against the contract. */
  answers: () => { checked: number; violations: number };
  version: string;
}

export function createAdmin({ store, clock, runner, scenarios, answers, version }: AdminOptions): (request: EngineRequest) => Promise<EngineAnswer> {
  const clockState = () => {
    const next = clock.nextDueMs();
    return { now: new Date(clock.now()).toISOString(), now_ms: clock.now(), time_scale: clock.timeScale, skipped_ms: clock.offsetMs, next_due_ms: next ?? null };
  };

  const route = (method: string, path: string, query: URLSearchParams, body: unknown): [number, unknown] => {
    if (path === 'clock' && method === 'GET') return [200, clockState()];
    if (path === 'clock/advance' && method === 'POST') {
      const seconds = (body as { seconds?: unknown } | null)?.seconds;
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || seconds > 10 * 365 * 86_400) {
        return refused(400, 'seconds: give the seconds to move the clock forward, a number from 0 to 315360000, in a JSON body such as {"seconds": 60}');
      }
      clock.advance(Math.round(seconds * 1000));
      store.setMeta('clock_offset_ms', String(clock.offsetMs));
      return [200, clockState()];
    }
    if (path === 'info' && method === 'GET') {
      return [200, { version, storage: store.persistent ? { kind: 'file', path: store.location } : { kind: 'memory' }, scenarios: scenarios.describe(), answers: answers(), clock: clockState() }];
    }
    if (path === 'projects' && method === 'GET') return [200, { projects: store.projects() }];
    const project = /^projects\/([^/]+)(?:\/(waits|calls))?$/.exec(path);
    if (project) {
      const projectId = decodeURIComponent(project[1]!);
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(projectId)) return refused(400, 'project_id: 1 to 64 letters, digits, "-" or "_"');
      const what = project[2];
      if (what === undefined && method === 'DELETE') {
        const removed = store.resetProject(projectId);
        runner.forget();
        return [200, { project_id: projectId, ...removed }];
      }
      if (what === 'waits' && method === 'GET') return [200, { waits: waitsOf(projectId) }];
      if (what === 'calls' && method === 'GET') {
        const after = query.get('after') ?? '0';
        const limit = query.get('limit') ?? String(mostCalls);
        if (!/^\d{1,15}$/.test(after)) return refused(400, 'after: the seq of the last call read, a whole number from 0');
        if (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > mostCalls) return refused(400, `limit: a whole number from 1 to ${mostCalls}`);
        const filter = {
          ...(query.get('execution_id') && { executionId: query.get('execution_id')! }),
          ...(query.get('function') && { functionName: query.get('function')! }),
        };
        const calls = store.calls(projectId, filter, Number(after), Number(limit)).map((call) => ({
          seq: call.seq,
          execution_id: call.execution_id,
          workflow_id: call.workflow_id,
          node_id: call.node_id,
          node_execution_id: call.node_execution_id,
          function: call.function_name,
          invocation: call.invocation,
          attempt: call.attempt,
          input: JSON.parse(call.input),
          headers: JSON.parse(call.headers),
          answer: JSON.parse(call.answer),
          at: isoMillis(call.at_ms),
        }));
        return [200, { calls }];
      }
      return refused(405, `${method} is not allowed on ${adminPrefix}${path}`);
    }
    if (['clock', 'clock/advance', 'info', 'projects'].includes(path)) return refused(405, `${method} is not allowed on ${adminPrefix}${path}`);
    return refused(404, `${adminPrefix}${path} is not an endpoint of the emulator: see openapi/emulator.yaml`);
  };

  const waitsOf = (projectId: string) =>
    store.waitsOfProject(projectId).map((wait) => {
      const execution = store.execution(projectId, wait.execution_id);
      return {
        execution_id: wait.execution_id,
        workflow_id: execution?.workflow_id ?? '',
        kind: wait.kind,
        node_id: wait.node_id,
        ...(wait.due_ms !== null && { due_ms: wait.due_ms, due: isoMillis(wait.due_ms) }),
        ...(wait.kind === 'callback' && { callback: { 'X-Workflow-Run-Id': wait.execution_id, 'X-Workflow-State-Id': wait.node_execution_id } }),
        ...(wait.action_index !== null && { action_index: wait.action_index }),
        since: isoSeconds(execution?.updated_ms ?? 0),
      };
    });

  return async (request) => {
    const { pathname, searchParams } = new URL(request.target, 'http://emulator');
    let body: unknown = null;
    if (request.body.length > 0) {
      try {
        body = JSON.parse(request.body.toString('utf8'));
      } catch (error) {
        return answer(...refused(400, `the body is not JSON: ${(error as Error).message}`));
      }
    }
    return answer(...route(request.method, pathname.slice(adminPrefix.length).replace(/\/$/, ''), searchParams, body));
  };
}

function refused(status: number, message: string): [number, unknown] {
  return [status, { error_code: `Emulator.${status}`, error_msg: message, request_id: 'set-by-the-gateway' }];
}

function answer(status: number, body: unknown): EngineAnswer {
  return { status, headers: [['Content-Type', 'application/json'], ['Cache-Control', 'no-store']], body };
}

function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}
