// What the emulator (./invoker.ts) and a function's instance (./host.ts) say to each other over IPC.

/** What the emulator tells an instance about one invocation. */
export interface InvokeMessage {
  type: 'invoke';
  id: number;
  module: string;
  handler: string;
  event: unknown;
  context: ContextFacts;
}

/** What the runtime's context answers with. */
export interface ContextFacts {
  requestId: string;
  functionName: string;
  version: string;
  package: string;
  projectId: string;
  alias: string;
  timeoutMs: number;
  memoryMb: number;
  userData: Record<string, string>;
  workflowId: string;
  workflowRunId: string;
  workflowStateId: string;
}

export type AnswerMessage =
  | { type: 'answer'; id: number; json: string }
  | { type: 'failed'; id: number; reason: 'threw' | 'not-json' | 'not-found'; code?: string | number; name?: string; message: string };

/** The longest answer FunctionGraph returns from a synchronous invocation: 6 MB. */
export const largestAnswer = 6 * 1024 * 1024;
