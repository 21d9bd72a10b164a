export { createWorkflowClient } from './client.js';
export type {
  CreateCallbackWorkflowInput,
  CreateCallbackWorkflowResult,
  Region,
  RequestOptions,
  StartWorkflowExecutionInput,
  StartWorkflowExecutionResult,
  WorkflowClient,
  WorkflowClientOptions,
  WorkflowExecutionResult,
} from './client.js';
export type { AkSkAuth, TokenAuth, WorkflowAuth } from './auth.js';
export {
  canonicalQuery,
  canonicalUri,
  computeSignature,
  createRequestSigner,
  createSigningKey,
  importKey,
  sdkDate,
  signRequest,
  signingAlgorithm,
  type AkSkCredentials,
  type RequestSigner,
  type SignableRequest,
  type SignOptions,
  type SignerOptions,
  type SigningKey,
} from './signer.js';
export {
  WorkflowApiError,
  WorkflowCredentialError,
  WorkflowError,
  WorkflowNetworkError,
  WorkflowTimeoutError,
  WorkflowValidationError,
  type WorkflowApiErrorDetails,
} from './errors.js';
export { encodePathSegment } from './path.js';
export type { components, operations, paths } from '../generated/schema.js';
