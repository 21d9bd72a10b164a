// Previous and next pages of a list paged with limit and offset. Without a total (listWorkflowExecutions
// has none), a full page means there may be more.
export function Pager({ label, offset, pageSize, shown, total, onOffset }: { label: string; offset: number; pageSize: number; shown: number; total?: number | undefined; onOffset: (offset: number) => void }) {
  const more = total === undefined ? shown === pageSize : offset + shown < total;
  if (offset === 0 && !more) return null;
  const range = shown === 0 ? 'none' : `${offset + 1} to ${offset + shown}`;
  return (
    <nav class="pager" aria-label={`${label} pages`}>
      <button type="button" class="button button-small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        Previous page
      </button>
      <span role="status">
        {label} {range}
        {total !== undefined && ` of ${total}`}
      </span>
      <button type="button" class="button button-small" disabled={!more} onClick={() => onOffset(offset + pageSize)}>
        Next page
      </button>
    </nav>
  );
}
