// The emulator for a test file: started in this process behind its gateway on an ephemeral port, as
// `npm run mock` runs it, and stopped after the file. Each test takes a project of its own, so tests
// never see each other's flows. After the file, every answer the emulator gave to a contract operation
// must have passed Prism's check against the contract (GET /_emulator/info).
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import { startMock, type MockOptions, type RunningMock } from '../../emulator/src/mock.ts';
import { createWorkflowClient, type FlowDefinition, type WorkflowClient } from '../../src/index.ts';

export interface EmulatorHandle {
  readonly url: string;
  readonly mock: RunningMock;
  /** A fresh project ID (32 hexadecimal digits). */
  project(): string;
  /** A client of a project (a fresh one by default). */
  client(projectId?: string): WorkflowClient & { projectId: string };
  /** A call to the emulator's own endpoints; resolves with status and parsed body. */
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export function useEmulator(options: Omit<MockOptions, 'port'> = {}): EmulatorHandle {
  let mock: RunningMock | undefined;
  beforeAll(async () => {
    mock = await startMock({ port: 0, logLevel: 'silent', timeScale: 0, ...options });
  });
  afterAll(async () => {
    if (!mock) return;
    const { body } = await handle.admin('GET', '/_emulator/info');
    await mock.stop();
    // A tally for the record, when asked: EMULATOR_ANSWER_TALLY=file appends "checked violations" per test file.
    if (process.env.EMULATOR_ANSWER_TALLY) appendFileSync(process.env.EMULATOR_ANSWER_TALLY, `${body.answers.checked} ${body.answers.violations}\n`);
    expect(body.answers, 'every answer the emulator gave is valid under the contract').toMatchObject({ violations: 0 });
  });
  const handle: EmulatorHandle = {
    get url() {
      return mock!.url;
    },
    get mock() {
      return mock!;
    },
    project: () => randomUUID().replaceAll('-', ''),
    client(projectId = handle.project()) {
      const client = createWorkflowClient({ endpoint: mock!.url, projectId, auth: { token: 'emulator-test' } });
      return Object.assign(client, { projectId });
    },
    async admin(method, path, body) {
      const response = await fetch(`${mock!.url}${path}`, {
        method,
        ...(body !== undefined && { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
  };
  return handle;
}

/** A function's URN in a project, for a flow's `functions`. */
export const functionUrn = (name: string) => `urn:fss:cn-north-4:0a2b4c6d8e9f41a3b5c7d9e1f3a5b7c9:function:default:${name}:latest`;

type StateSpec = Record<string, unknown> & { id: string };

/**
 * A flow of these states, in this order (each goes on to the next unless it ends the flow), with a
 * function for every function an action names.
 */
export function flowOf(name: string, states: StateSpec[], extra: Partial<FlowDefinition> & Record<string, unknown> = {}): FlowDefinition {
  const functions = new Set<string>();
  const full = states.map((state, i) => {
    for (const action of (state.actions as Array<{ function_ref: { ref_name: string } }> | undefined) ?? []) functions.add(action.function_ref.ref_name);
    const last = i === states.length - 1;
    const ends = state.type === 'End' || last;
    return { name: state.id, end: ends, transition: ends ? '' : states[i + 1]!.id, actions: [], ...state };
  });
  return {
    name,
    start: states[0]!.id,
    functions: [...functions].map((fn) => ({ name: fn, operation: functionUrn(fn) })),
    constants: {},
    retries: [],
    states: full,
    ...extra,
  } as FlowDefinition;
}

/** An Operation state whose one action calls `fn` with these arguments. */
export function operation(id: string, fn: string, args: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): StateSpec {
  return { id, type: 'Operation', actions: [{ function_ref: { ref_name: fn, arguments: args } }], ...extra };
}
