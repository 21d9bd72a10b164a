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
export type { TokenAuth, WorkflowAuth } from './auth.js';
export {
  WorkflowApiError,
  WorkflowError,
  WorkflowNetworkError,
  WorkflowTimeoutError,
  WorkflowValidationError,
  type WorkflowApiErrorDetails,
} from './errors.js';
export { encodePathSegment } from './path.js';
export type { components, operations, paths } from '../generated/schema.js';
