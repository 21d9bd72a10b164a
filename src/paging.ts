// A flow's execution records, one at a time across showWorkflowExecutionForPage's pages, as
// stripe-node's auto-pagination does: `for await (const execution of client.executionHistory(...))`.
// The pages are offsets into the records. A page shorter than asked for is not the end (the service
// may cut one short); the end is `total` reached, or an empty page. Nothing is fetched ahead: breaking
// out of the loop stops the fetching.
import { operationTable } from '../generated/operations.js';
import { WorkflowValidationError } from './errors.js';
import type { OperationInput, OperationResult } from './operation.js';
import { checkValue, isPlainObject } from './validate.js';

type PageInput = OperationInput<'showWorkflowExecutionForPage'>;
type Page = OperationResult<'showWorkflowExecutionForPage'>;

/** One execution record, as the service sent it. */
export type ExecutionRecord = NonNullable<Page['executions']>[number];

/** Which records: the page request's options, but `pageSize` instead of `offset` and `limit`. */
export type ExecutionHistoryInput = Omit<PageInput, 'offset' | 'limit'> & {
  /** Records per request (`limit`), 1 to 100. Default 100, the most a page holds. */
  pageSize?: number;
};

const limit = operationTable.showWorkflowExecutionForPage.parameters.query.limit;

export async function* executionHistory(fetchPage: (input: PageInput) => Promise<Page>, input: ExecutionHistoryInput): AsyncGenerator<ExecutionRecord, void, undefined> {
  if (!isPlainObject(input)) throw new WorkflowValidationError('input', 'must be an object');
  const { pageSize = limit.maximum, ...filter } = input;
  checkValue('pageSize', pageSize, limit);
  for (let offset = 0; ; ) {
    const { executions = [], total } = await fetchPage({ ...filter, offset, limit: pageSize } as PageInput);
    if (executions.length === 0) return;
    yield* executions;
    offset += executions.length;
    if (total !== undefined && offset >= total) return;
  }
}
