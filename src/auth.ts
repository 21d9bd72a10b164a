// How a request is authenticated: an IAM token, or AK/SK signing. The transport authenticates each
// request once it is final, just before it is sent, so a token function or the signature sees the
// URL, headers and body that go out, whatever middleware did before.
import { WorkflowCredentialError, WorkflowError, WorkflowValidationError } from './errors.js';
import { createHeaderSigner, type OutgoingRequest, type SignerOptions } from './signer.js';
import { checkHeaderValue, type HeaderOwner } from './validate.js';

/** An IAM token, or a function that returns the current one (called for every request, so a token can be refreshed). */
export interface TokenAuth {
  token: string | (() => string | Promise<string>);
  /** One credential only: a key pair beside a token is refused. */
  accessKey?: never;
  secretKey?: never;
  securityToken?: never;
}

/**
 * An access key and secret key (and a security token for temporary credentials): every request is
 * signed with SDK-HMAC-SHA256. `now` supplies the time when this machine's clock is off;
 * `unsignedPayload` signs `UNSIGNED-PAYLOAD` instead of the body's hash.
 */
export type AkSkAuth = SignerOptions & {
  /** One credential only: a token beside a key pair is refused. */
  token?: never;
};

export type WorkflowAuth = TokenAuth | AkSkAuth;

export interface Authentication {
  /** Sets the credential on a request about to be sent; `projectId` is the call's project. */
  authenticate(request: OutgoingRequest, projectId: string | undefined): void | Promise<void>;
  /** The headers authentication sets, which a caller cannot. */
  owner: HeaderOwner;
}

const credentialHeaders = new Set(['x-auth-token', 'authorization', 'x-security-token']);

/** Credential headers are refused whichever way the client authenticates: a forwarded one would speak for someone else. */
function credentialOwner(name: string): string | undefined {
  if (credentialHeaders.has(name)) return 'it carries a credential, which the client sets from auth';
  if (name.startsWith('x-sdk-')) return 'AK/SK signing sets the X-Sdk-* headers';
  return undefined;
}

export function authentication(auth: WorkflowAuth): Authentication {
  if (!auth || typeof auth !== 'object') throw new WorkflowValidationError('auth', 'is required: pass { token } or { accessKey, secretKey }');
  // A key left undefined is no key: a config spread with { token: undefined } is a key pair.
  const given = (name: string) => (auth as unknown as Record<string, unknown>)[name] !== undefined;
  const keys = ['accessKey', 'secretKey', 'securityToken'].filter(given);
  if (given('token') && keys.length > 0) {
    throw new WorkflowValidationError('auth', `has both a token (auth.token) and a key pair (auth.${keys.join(', auth.')}): give one of them, so that the client does not choose for you`);
  }
  if (given('token')) {
    const { token } = auth;
    if (typeof token === 'string') {
      checkToken(token);
      return { owner: credentialOwner, authenticate: ({ headers }) => headers.set('X-Auth-Token', token) };
    }
    if (typeof token !== 'function') throw new WorkflowValidationError('auth.token', 'must be a string or a function that returns one');
    return {
      owner: credentialOwner,
      async authenticate({ headers }) {
        const value = await credential('auth.token: the token function', async () => token());
        checkToken(value);
        headers.set('X-Auth-Token', value);
      },
    };
  }
  if (keys.length > 0) {
    const sign = createHeaderSigner(auth as AkSkAuth);
    return {
      // The signer sets X-Project-Id from the call's project, not from a header.
      owner: (name) => (name === 'x-project-id' ? 'AK/SK signing sets it from the call\'s projectId' : credentialOwner(name)),
      // Synchronous unless a large body is hashed on Web Crypto: most calls await nothing here.
      authenticate: (request, projectId) => credential('auth: signing the request', () => sign(request, projectId === undefined ? {} : { projectId })),
    };
  }
  throw new WorkflowValidationError('auth', 'must be { token } or { accessKey, secretKey }');
}

/**
 * Runs what produces the credential, at once or as a promise, as `produce` does; its failure means
 * nothing was sent.
 */
function credential<T>(what: string, produce: () => T | Promise<T>): T | Promise<T> {
  let produced: T | Promise<T>;
  try {
    produced = produce();
  } catch (error) {
    throw credentialError(what, error);
  }
  return produced instanceof Promise ? produced.catch((error: unknown) => Promise.reject(credentialError(what, error))) : produced;
}

/** The client's own errors as they are, anything else as a WorkflowCredentialError. The message never quotes the error, which may hold a secret. */
function credentialError(what: string, error: unknown): unknown {
  if (error instanceof WorkflowError) return error;
  return new WorkflowCredentialError(`${what} failed, so nothing was sent (the error is the cause)`, { cause: error });
}

// The messages never quote the token.
function checkToken(token: unknown): asserts token is string {
  if (typeof token !== 'string') throw new WorkflowValidationError('auth.token', 'must be a string');
  if (token.trim() === '') throw new WorkflowValidationError('auth.token', 'must not be empty');
  checkHeaderValue('auth.token', 'X-Auth-Token', token);
}
