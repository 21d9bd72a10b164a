export { createWorkflowClient } from './client.js';
export { validateFlowDefinition, type FlowDefinition, type FlowDefinitionProblem } from './flow-definition.js';
export type { Region, RequestOptions, WorkflowClient, WorkflowClientOptions, WorkflowOperations } from './client.js';
export type { OperationInput, OperationResult } from './operation.js';
export type { OperationId } from '../generated/operations.js';
export { finalStatuses, isFinalStatus, pendingCallbacks } from './wait.js';
export type { Execution, ExecutionStatus, FinalStatus, FinishedExecution, PendingCallback, WaitOptions } from './wait.js';
export type { ExecutionHistoryInput, ExecutionRecord, WorkflowsInput, WorkflowSummary } from './paging.js';
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
