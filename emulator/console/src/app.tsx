// The console's frame: how it signed in, the virtual clock, and the page the address names.
//
//   #/                                          the projects
//   #/projects/{project}                        its flows
//   #/projects/{project}/flows/{flow}           a flow: its graph, its executions, a start form
//   #/projects/{project}/flows/{flow}/executions/{execution}
//                                               an execution, node by node
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useErrorBoundary, useMemo, useState } from 'preact/hooks';
import type { WorkflowAuth, WorkflowClient } from '../../../src/index.ts';
import { createAdminClient, createApiClient, type AdminClient, type Session } from './api.ts';
import { ClockBar } from './clock.tsx';
import { ExecutionPage } from './pages/execution.tsx';
import { FlowPage } from './pages/flow.tsx';
import { FlowsPage } from './pages/flows.tsx';
import { ProjectsPage } from './pages/projects.tsx';

export interface ConsoleContext {
  session: Session;
  admin: AdminClient;
  /** The API client of a project. */
  api: (projectId: string) => WorkflowClient;
  /** Tells the clock bar to read the clock again (after an action that may have moved it). */
  clockChanged: () => void;
  clockVersion: number;
}

const Context = createContext<ConsoleContext | undefined>(undefined);

export function useConsole(): ConsoleContext {
  return useContext(Context)!;
}

export type Route =
  | { page: 'projects' }
  | { page: 'flows'; projectId: string }
  | { page: 'flow'; projectId: string; workflowId: string }
  | { page: 'execution'; projectId: string; workflowId: string; executionId: string }
  | { page: 'unknown'; hash: string };

export function parseRoute(hash: string): Route {
  let parts: string[];
  try {
    parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    // A "%" that starts no escape: an address no page of the console made.
    return { page: 'unknown', hash };
  }
  if (parts.length === 0) return { page: 'projects' };
  if (parts[0] === 'projects' && parts.length === 2) return { page: 'flows', projectId: parts[1]! };
  if (parts[0] === 'projects' && parts[2] === 'flows' && parts.length === 4) return { page: 'flow', projectId: parts[1]!, workflowId: parts[3]! };
  if (parts[0] === 'projects' && parts[2] === 'flows' && parts[4] === 'executions' && parts.length === 6) {
    return { page: 'execution', projectId: parts[1]!, workflowId: parts[3]!, executionId: parts[5]! };
  }
  return { page: 'unknown', hash };
}

/** The address of a page. */
export function href(route: Exclude<Route, { page: 'unknown' }>): string {
  const e = encodeURIComponent;
  switch (route.page) {
    case 'projects':
      return '#/';
    case 'flows':
      return `#/projects/${e(route.projectId)}`;
    case 'flow':
      return `#/projects/${e(route.projectId)}/flows/${e(route.workflowId)}`;
    case 'execution':
      return `#/projects/${e(route.projectId)}/flows/${e(route.workflowId)}/executions/${e(route.executionId)}`;
  }
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

export function App({ session, auth, onSignOut }: { session: Session; auth: WorkflowAuth; onSignOut?: () => void }) {
  const route = useRoute();
  const [clockVersion, setClockVersion] = useState(0);
  const context = useMemo<ConsoleContext>(() => {
    const clients = new Map<string, WorkflowClient>();
    return {
      session,
      admin: createAdminClient(location.origin),
      api: (projectId) => {
        let client = clients.get(projectId);
        if (!client) clients.set(projectId, (client = createApiClient(location.origin, auth, projectId)));
        return client;
      },
      clockChanged: () => setClockVersion((version) => version + 1),
      clockVersion: 0,
    };
  }, [session, auth]);
  const value = useMemo(() => ({ ...context, clockVersion }), [context, clockVersion]);

  // A new page takes the focus, so that keyboard and screen-reader users start at its top; each page
  // names itself in the title (useTitle).
  useEffect(() => {
    const main = document.getElementById('main');
    main?.focus({ preventScroll: true });
  }, [route.page, 'projectId' in route ? route.projectId : '', 'workflowId' in route ? route.workflowId : '', 'executionId' in route ? route.executionId : '']);

  return (
    <Context.Provider value={value}>
      <a class="skip-link" href="#main" onClick={(event) => { event.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to the page
      </a>
      <header class="top">
        <div class="brand">
          <a href="#/">FunctionGraph flows emulator</a> <span class="version">console · {session.version}</span>
        </div>
        <SignedIn session={session} onSignOut={onSignOut} />
        <ClockBar />
      </header>
      <main id="main" tabIndex={-1}>
        <Boundary key={location.hash}>
          <Page route={route} />
        </Boundary>
      </main>
    </Context.Provider>
  );
}

/** What a page that failed to draw shows instead of nothing: the error, and a way back. */
function Boundary({ children }: { children: ComponentChildren }) {
  const [error, reset] = useErrorBoundary();
  if (!error) return <>{children}</>;
  return (
    <div class="notice notice-error" role="alert">
      <strong>The page failed to draw: </strong>
      <code class="error-code">{(error as Error).name ?? 'Error'}</code> <span class="error-message">{(error as Error).message ?? String(error)}</span>{' '}
      <button type="button" class="button button-small" onClick={reset}>
        Try again
      </button>{' '}
      <a href="#/">See the projects</a>
    </div>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'projects':
      return <ProjectsPage />;
    case 'flows':
      return <FlowsPage projectId={route.projectId} />;
    case 'flow':
      return <FlowPage projectId={route.projectId} workflowId={route.workflowId} />;
    case 'execution':
      return <ExecutionPage projectId={route.projectId} workflowId={route.workflowId} executionId={route.executionId} />;
    default:
      return (
        <div class="notice notice-error" role="alert">
          <strong>No such page:</strong> <code>{route.hash}</code>. <a href="#/">See the projects</a>.
        </div>
      );
  }
}

/** How the console signs its calls, said on screen. */
function SignedIn({ session, onSignOut }: { session: Session; onSignOut: (() => void) | undefined }) {
  const auth = session.auth;
  const text = !session.strict
    ? 'Lenient mode: the gateway takes any token, and the console sends one.'
    : auth?.kind === 'aksk'
      ? `Strict mode: signed in with the emulator's access key ${auth.accessKey}; every call is signed with AK/SK.`
      : auth?.kind === 'token'
        ? 'Strict mode: signed in with the token the emulator was started with (X-Auth-Token).'
        : 'Strict mode: signed in with the credentials you gave.';
  return (
    <p class={`signed-in${session.strict ? ' signed-in-strict' : ''}`} role="status">
      {text}
      {onSignOut && (
        <>
          {' '}
          <button type="button" class="button button-small" onClick={onSignOut}>
            Sign in again
          </button>
        </>
      )}
    </p>
  );
}
