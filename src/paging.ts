// Listings one item at a time across their pages, as stripe-node's auto-pagination does:
// `for await (const execution of client.executionHistory(...))`, `for await (const flow of client.workflows())`.
// The pages are offsets into the listing. A page shorter than asked for is not the end (the service
// may cut one short); the end is `total` reached, or an empty page. Nothing is fetched ahead: breaking
// out of the loop stops the fetching.
import { operationTable } from '../generated/operations.js';
import { WorkflowValidationError } from './errors.js';
import type { OperationInput, OperationResult } from './operation.js';
import { checkValue, isPlainObject, type Constraint } from './validate.js';

type HistoryPageInput = OperationInput<'showWorkflowExecutionForPage'>;
type HistoryPage = OperationResult<'showWorkflowExecutionForPage'>;
type FlowPageInput = OperationInput<'listWorkflow'>;
type FlowPage = OperationResult<'listWorkflow'>;

/** One execution record, as the service sent it. */
export type ExecutionRecord = NonNullable<HistoryPage['executions']>[number];

/** Which records: the page request's options, but `pageSize` instead of `offset` and `limit`. */
export type ExecutionHistoryInput = Omit<HistoryPageInput, 'offset' | 'limit'> & {
  /** Records per request (`limit`), 1 to 100. Default 100, the most a page holds. */
  pageSize?: number;
};

/** One flow of the listing, without its definition (`showWorkFlow` has it), as the service sent it. */
export type WorkflowSummary = NonNullable<FlowPage['workflows']>[number];

/** Which flows: `listWorkflow`'s options, but `pageSize` instead of `offset` and `limit`. */
export type WorkflowsInput = Omit<FlowPageInput, 'offset' | 'limit'> & {
  /** Flows per request (`limit`), 1 to 200. Default 200, the most a page holds. */
  pageSize?: number;
};

const historyLimit = operationTable.showWorkflowExecutionForPage.parameters.query.limit;
/** listWorkflow reads a larger limit as 200, so a larger page size would look like a short page on every request. */
const flowLimit = { ...operationTable.listWorkflow.parameters.query.limit, maximum: 200 };

export function executionHistory(fetchPage: (input: HistoryPageInput) => Promise<HistoryPage>, input: ExecutionHistoryInput): AsyncGenerator<ExecutionRecord, void, undefined> {
  return offsetPages(input, historyLimit.maximum, historyLimit, async (filter, offset, limit) => {
    const { executions, total } = await fetchPage({ ...filter, offset, limit } as HistoryPageInput);
    return { items: executions, total };
  });
}

export function workflows(fetchPage: (input: FlowPageInput) => Promise<FlowPage>, input: WorkflowsInput): AsyncGenerator<WorkflowSummary, void, undefined> {
  return offsetPages(input, flowLimit.maximum, flowLimit, async (filter, offset, limit) => {
    const { workflows: items, total } = await fetchPage({ ...filter, offset, limit } as FlowPageInput);
    return { items, total };
  });
}

interface OffsetPage<Item> {
  items: readonly Item[] | undefined;
  total: number | undefined;
}

async function* offsetPages<Item>(
  input: unknown,
  defaultPageSize: number,
  limit: Constraint,
  fetchPage: (filter: Record<string, unknown>, offset: number, limit: number) => Promise<OffsetPage<Item>>,
): AsyncGenerator<Item, void, undefined> {
  if (input === undefined) input = {};
  if (!isPlainObject(input)) throw new WorkflowValidationError('input', 'must be an object');
  const { pageSize = defaultPageSize, offset: _offset, limit: _limit, ...filter } = input;
  if (_offset !== undefined || _limit !== undefined) throw new WorkflowValidationError(_offset !== undefined ? 'offset' : 'limit', 'is not an option here: the pages are fetched in turn; give pageSize');
  checkValue('pageSize', pageSize, limit);
  for (let offset = 0; ; ) {
    const { items = [], total } = await fetchPage(filter, offset, pageSize as number);
    if (items.length === 0) return;
    yield* items;
    offset += items.length;
    if (total !== undefined && offset >= total) return;
  }
}
