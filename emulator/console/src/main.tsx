// The console starts here: it asks the emulator how to sign its calls (/_console/session), then shows
// the page the address names. A strict emulator hands its own credentials to a page on its machine; a
// page opened from elsewhere is told why not, and asks for them.
import { render } from 'preact';
import { useState } from 'preact/hooks';
import type { WorkflowAuth } from '../../../src/index.ts';
import { authOf, readSession, toShownError, type Session } from './api.ts';
import { App } from './app.tsx';
import { ErrorNotice } from './widgets.tsx';

function SignIn({ session, onAuth }: { session: Session; onAuth: (auth: WorkflowAuth) => void }) {
  const [kind, setKind] = useState<'token' | 'aksk'>('token');
  const [token, setToken] = useState('');
  const [accessKey, setAccessKey] = useState('');
  const [secretKey, setSecretKey] = useState('');
  const [securityToken, setSecurityToken] = useState('');
  const ready = kind === 'token' ? token !== '' : accessKey !== '' && secretKey !== '';
  return (
    <main id="main" class="sign-in">
      <h1>Sign in to the emulator</h1>
      <p role="status">The emulator is in strict mode and did not hand this page its credentials: {session.reason}.</p>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) onAuth(kind === 'token' ? { token } : { accessKey, secretKey, ...(securityToken && { securityToken }) });
        }}
      >
        <fieldset>
          <legend>Credentials the emulator was started with</legend>
          <label class="choice">
            <input type="radio" name="kind" checked={kind === 'token'} onChange={() => setKind('token')} /> a token (--token)
          </label>
          <label class="choice">
            <input type="radio" name="kind" checked={kind === 'aksk'} onChange={() => setKind('aksk')} /> an access key pair (--access-key, --secret-key)
          </label>
        </fieldset>
        {kind === 'token' ? (
          <>
            <label for="sign-in-token">Token</label>
            <input id="sign-in-token" type="password" autocomplete="off" value={token} onInput={(event) => setToken(event.currentTarget.value)} />
          </>
        ) : (
          <>
            <label for="sign-in-ak">Access key</label>
            <input id="sign-in-ak" autocomplete="off" value={accessKey} onInput={(event) => setAccessKey(event.currentTarget.value)} />
            <label for="sign-in-sk">Secret key</label>
            <input id="sign-in-sk" type="password" autocomplete="off" value={secretKey} onInput={(event) => setSecretKey(event.currentTarget.value)} />
            <label for="sign-in-st">Security token, for temporary credentials (--security-token)</label>
            <input id="sign-in-st" type="password" autocomplete="off" value={securityToken} onInput={(event) => setSecurityToken(event.currentTarget.value)} />
          </>
        )}
        <button type="submit" class="button button-primary" disabled={!ready}>
          Sign in
        </button>
        <p class="help">They stay in this page's memory and are sent only to this emulator.</p>
      </form>
    </main>
  );
}

function Root({ session }: { session: Session }) {
  const [auth, setAuth] = useState<WorkflowAuth | undefined>(() => (session.auth ? authOf(session.auth) : undefined));
  if (!auth) return <SignIn session={session} onAuth={setAuth} />;
  // Credentials typed in can be wrong: the page then offers the form again.
  return <App session={session} auth={auth} {...(!session.auth && { onSignOut: () => setAuth(undefined) })} />;
}

const root = document.getElementById('app')!;
// The loading line goes: render() adds to what is there.
root.textContent = '';
// The key comes in the address the emulator printed. It stays for this tab's reloads, and leaves the
// address bar, so that a copied address does not carry it.
const given = new URLSearchParams(location.search).get('key');
if (given) {
  sessionStorage.setItem('console-key', given);
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
}
readSession(sessionStorage.getItem('console-key')).then(
  (session) => render(<Root session={session} />, root),
  (error: unknown) =>
    render(
      <main id="main">
        <h1>The console cannot start</h1>
        <ErrorNotice error={toShownError(error)} title="Reading the console's session" />
      </main>,
      root,
    ),
);
