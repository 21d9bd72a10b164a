export { createWorkflowClient } from './client.js';
export type { Region, RequestOptions, WorkflowClient, WorkflowClientOptions, WorkflowOperations } from './client.js';
export type { OperationInput, OperationResult } from './operation.js';
export type { OperationId } from '../generated/operations.js';
export type { WaitOptions } from './wait.js';
export type { ExecutionHistoryInput, ExecutionRecord } from './history.js';
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
  WorkflowWaitTimeoutError,
  type WorkflowApiErrorDetails,
} from './errors.js';
export { encodePathSegment } from './path.js';
export type { components, operations, paths } from '../generated/schema.js';
