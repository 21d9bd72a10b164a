// What the console calls, and nothing else: the contract's operations through the project's own client
// (signed as any client signs them), and the emulator's documented endpoints (openapi/emulator.yaml)
// through openapi-fetch with their generated types. Both go through the emulator's gateway, so the page
// can do nothing that a client cannot.
import createClient from 'openapi-fetch';
import { createWorkflowClient, WorkflowApiError, WorkflowError, type WorkflowAuth, type WorkflowClient } from '../../../src/index.ts';
import type { components, paths } from '../../src/generated/admin-api.ts';

export type AdminSchemas = components['schemas'];
export type Clock = AdminSchemas['Clock'];
export type Wait = AdminSchemas['WaitList']['waits'][number];
export type Call = AdminSchemas['CallList']['calls'][number];
export type EmulatorInfo = AdminSchemas['EmulatorInfo'];

/** What /_console/session answers (emulator/src/gateway/console-site.ts). */
export interface Session {
  strict: boolean;
  version: string;
  auth: { kind: 'token'; token: string } | { kind: 'aksk'; accessKey: string; secretKey: string; securityToken?: string } | null;
  reason?: string;
}

/** An error as the page shows it: the API's code and message, never a blank page. */
export interface ShownError {
  code: string;
  message: string;
  requestId?: string | undefined;
}

/** How long a call to the emulator's own endpoints may take: a request that never ends must not stall the page. */
const adminTimeoutMs = 30_000;

/** How to sign the calls; `key` is the one in the address the emulator printed, which a strict emulator asks for. */
export async function readSession(key: string | null): Promise<Session> {
  const response = await fetch(key ? `./session?key=${encodeURIComponent(key)}` : './session', { headers: { Accept: 'application/json' }, cache: 'no-store', signal: AbortSignal.timeout(adminTimeoutMs) });
  if (!response.ok) throw new Error(`the emulator answered ${response.status} for the console's session`);
  return (await response.json()) as Session;
}

export function authOf(session: Session['auth'] & object): WorkflowAuth {
  return session.kind === 'token'
    ? { token: session.token }
    : { accessKey: session.accessKey, secretKey: session.secretKey, ...(session.securityToken !== undefined && { securityToken: session.securityToken }) };
}

/** The most calls /_emulator/projects/{project_id}/calls answers at once. */
const callsPage = 1000;

/** The emulator's own endpoints. They need no credentials; the gateway still gives each answer an ID. */
export type AdminClient = ReturnType<typeof createAdminClient>;

export function createAdminClient(origin: string) {
  const raw = createClient<paths>({ baseUrl: origin, fetch: (request) => fetch(new Request(request, { signal: AbortSignal.any([request.signal, AbortSignal.timeout(adminTimeoutMs)]) })) });
  /** The answer's data, or a thrown ShownError with the emulator's error_code and error_msg. */
  const unwrap = async <T,>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> => {
    const { data, error, response } = await call;
    if (error !== undefined || data === undefined) {
      const body = (error ?? {}) as { error_code?: string; error_msg?: string };
      throw shownError({ code: body.error_code ?? `HTTP ${response.status}`, message: body.error_msg ?? response.statusText, requestId: response.headers.get('X-Request-Id') ?? undefined });
    }
    return data;
  };
  return {
    info: () => unwrap(raw.GET('/_emulator/info')),
    clock: () => unwrap(raw.GET('/_emulator/clock')),
    advance: (seconds: number) => unwrap(raw.POST('/_emulator/clock/advance', { body: { seconds } })),
    projects: () => unwrap(raw.GET('/_emulator/projects')),
    waits: async (projectId: string) => (await unwrap(raw.GET('/_emulator/projects/{project_id}/waits', { params: { path: { project_id: projectId } } }))).waits,
    /** Every call of an execution, across the endpoint's pages. */
    calls: async (projectId: string, executionId: string) => {
      const calls: Call[] = [];
      for (;;) {
        const page = await unwrap(raw.GET('/_emulator/projects/{project_id}/calls', { params: { path: { project_id: projectId }, query: { execution_id: executionId, after: calls.at(-1)?.seq ?? 0, limit: callsPage } } }));
        calls.push(...page.calls);
        if (page.calls.length < callsPage) return calls;
      }
    },
  };
}

export function createApiClient(origin: string, auth: WorkflowAuth, projectId: string): WorkflowClient {
  return createWorkflowClient({ endpoint: origin, projectId, auth, timeoutMs: 30_000 });
}

const shownErrors = new WeakSet<object>();

function shownError(error: ShownError): ShownError & Error {
  const thrown = Object.assign(new Error(`${error.code}: ${error.message}`), error);
  shownErrors.add(thrown);
  return thrown;
}

/** Any error a call threw, as the page shows it. */
export function toShownError(error: unknown): ShownError {
  if (typeof error === 'object' && error !== null && shownErrors.has(error)) {
    const { code, message, requestId } = error as ShownError;
    return { code, message, requestId };
  }
  if (error instanceof WorkflowApiError) {
    const body = error.data as { error_code?: string; error_msg?: string } | undefined;
    return { code: error.code ?? body?.error_code ?? `HTTP ${error.status}`, message: body?.error_msg ?? error.message, requestId: error.requestId };
  }
  if (error instanceof WorkflowError) return { code: error.name, message: error.message };
  if (error instanceof Error) return { code: error.name, message: error.message };
  return { code: 'Error', message: String(error) };
}
