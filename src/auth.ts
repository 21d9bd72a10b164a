// How a request is authenticated: an IAM token, or AK/SK signing. A fixed token is a default header;
// a token function and signing run as openapi-fetch middleware once the request is final, so they see
// the URL, headers and body that will be sent.
import type { Middleware } from 'openapi-fetch';
import { WorkflowValidationError } from './errors.js';
import { createRequestSigner, type SignerOptions } from './signer.js';
import { checkHeaderValue } from './validate.js';

/** An IAM token, or a function that returns the current one (called for every request, so a token can be refreshed). */
export interface TokenAuth {
  token: string | (() => string | Promise<string>);
}

/**
 * An access key and secret key (and a security token for temporary credentials): every request is
 * signed with SDK-HMAC-SHA256. `now` supplies the time when this machine's clock is off;
 * `unsignedPayload` signs `UNSIGNED-PAYLOAD` instead of the body's hash.
 */
export type AkSkAuth = SignerOptions;

export type WorkflowAuth = TokenAuth | AkSkAuth;

/** Headers to send on every request, or a middleware that authenticates each request. */
export type Authentication = { headers: Record<string, string> } | { middleware: Middleware };

export function authentication(auth: WorkflowAuth): Authentication {
  if (!auth || typeof auth !== 'object') throw new WorkflowValidationError('auth', 'is required: pass { token } or { accessKey, secretKey }');
  if ('token' in auth) {
    const { token } = auth;
    if (typeof token === 'string') {
      checkToken(token);
      // A plain header: openapi-fetch then runs no middleware at all, the cheapest path there is.
      return { headers: { 'X-Auth-Token': token } };
    }
    if (typeof token !== 'function') throw new WorkflowValidationError('auth.token', 'must be a string or a function that returns one');
    return {
      middleware: {
        async onRequest({ request }) {
          const value = await token();
          checkToken(value);
          request.headers.set('X-Auth-Token', value);
          return request;
        },
      },
    };
  }
  if ('accessKey' in auth || 'secretKey' in auth) {
    const sign = createRequestSigner(auth);
    return { middleware: {
      // Runs after the request is final, so the signature covers exactly what is sent. The project
      // of this call, not the client's default, goes into X-Project-Id.
      onRequest({ request, params }) {
        const projectId = (params as { path?: { project_id?: unknown } }).path?.project_id;
        return sign(request, typeof projectId === 'string' ? { projectId } : {});
      },
    } };
  }
  throw new WorkflowValidationError('auth', 'must be { token } or { accessKey, secretKey }');
}

// The messages never quote the token.
function checkToken(token: unknown): asserts token is string {
  if (typeof token !== 'string') throw new WorkflowValidationError('auth.token', 'must be a string');
  if (token.trim() === '') throw new WorkflowValidationError('auth.token', 'must not be empty');
  checkHeaderValue('auth.token', 'X-Auth-Token', token);
}
