/** "Showing 26–50 of 2,000" with Previous / Next, for lists paged on the server. */
export function Pager({
  label,
  offset,
  limit,
  total,
  onOffset,
}: {
  label: string;
  offset: number;
  limit: number;
  total: number;
  onOffset: (offset: number) => void;
}) {
  if (total <= limit && offset === 0) return null;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="c7-actions c7-pager" aria-label={label}>
      <span className="c7-muted" aria-live="polite">
        Showing {total === 0 ? 0 : offset + 1}–{last} of {total.toLocaleString('en')}
      </span>
      <button
        type="button"
        className="c7-button"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - limit))}
      >
        Previous
      </button>
      <button
        type="button"
        className="c7-button"
        disabled={last >= total}
        onClick={() => onOffset(offset + limit)}
      >
        Next
      </button>
    </nav>
  );
}
