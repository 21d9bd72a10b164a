// How a request is authenticated. Authentication runs as the last openapi-fetch middleware before the
// request leaves, so it sees the final URL, headers and body.
import type { Middleware } from 'openapi-fetch';
import { WorkflowValidationError } from './errors.js';
import { checkHeaderValue } from './validate.js';

/** An IAM token, or a function that returns the current one (called for every request, so a token can be refreshed). */
export interface TokenAuth {
  token: string | (() => string | Promise<string>);
}

export type WorkflowAuth = TokenAuth;

export function authMiddleware(auth: WorkflowAuth): Middleware {
  if (!auth || typeof auth !== 'object') throw new WorkflowValidationError('auth', 'is required: pass { token }');
  if ('token' in auth) {
    const { token } = auth;
    if (typeof token === 'string') checkToken(token);
    else if (typeof token !== 'function') throw new WorkflowValidationError('auth.token', 'must be a string or a function that returns one');
    return {
      async onRequest({ request }) {
        const value = typeof token === 'function' ? await token() : token;
        checkToken(value);
        request.headers.set('X-Auth-Token', value);
        return request;
      },
    };
  }
  throw new WorkflowValidationError('auth', 'must be { token }');
}

// The messages never quote the token.
function checkToken(token: unknown): asserts token is string {
  if (typeof token !== 'string') throw new WorkflowValidationError('auth.token', 'must be a string');
  if (token.trim() === '') throw new WorkflowValidationError('auth.token', 'must not be empty');
  checkHeaderValue('auth.token', 'X-Auth-Token', token);
}
