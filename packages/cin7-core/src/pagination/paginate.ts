/** One page of a Cin7 list, normalised: Cin7 never echoes the limit and sometimes leaves Total out. */
export interface Cin7Page<T> {
  /** All matching rows, as Cin7 counts them (estimated from what was seen when Cin7 leaves it out). */
  total: number;
  page: number;
  limit: number;
  items: T[];
}

/** Cin7's largest page (BP L98-104). */
export const CIN7_MAX_LIMIT = 1000;

export interface PaginateOptions {
  /** Rows per page, 1-1000. */
  limit: number;
  /**
   * First page to read (1-based), to resume an import: checkpoint `page.page` at the end of the `for await`
   * body (the page is then fully processed) and resume with `startPage: checkpoint + 1`. Default 1.
   */
  startPage?: number;
  /**
   * Called once a page has been processed: when the consumer asks for the next page (its `for await` body for this
   * page has finished) or leaves the loop normally. The place for a checkpoint; not called for a page whose body
   * threw, so a crash never checkpoints a page that was not written.
   */
  onPageDone?: (page: Cin7Page<unknown>) => Promise<void> | void;
}

/** What callers of a resource's `pages()` may set: where to start, and what to do when a page is done. */
export type PageOptions = Pick<PaginateOptions, 'startPage' | 'onPageDone'>;

export function clampLimit(limit: number | undefined, fallback: number): number {
  const value = Math.floor(limit ?? fallback);
  return Math.min(CIN7_MAX_LIMIT, Math.max(1, Number.isFinite(value) ? value : fallback));
}

/**
 * Pages of a Cin7 list, one request per page. Stops after page ceil(Total/Limit) or on a short page (whichever
 * comes first, so a list that shrinks or a missing Total still ends), as HV pagination.md advises.
 */
export async function* paginate<T>(
  fetchPage: (page: number, limit: number) => Promise<Cin7Page<T>>,
  opts: PaginateOptions,
): AsyncGenerator<Cin7Page<T>, void, undefined> {
  const limit = clampLimit(opts.limit, CIN7_MAX_LIMIT);
  const first = Math.max(1, Math.floor(opts.startPage ?? 1));
  for (let page = first; ; page++) {
    const result = await fetchPage(page, limit);
    // An empty page after the first only confirms the end; the first is yielded so callers see the Total.
    if (result.items.length > 0 || page === first) {
      yield result;
      // Resumed: the consumer is done with this page.
      await opts.onPageDone?.(result);
    }
    const lastPage = Math.ceil(result.total / limit);
    if (result.items.length < limit || page >= lastPage) return;
  }
}

/** Builds a normalised page from Cin7's envelope fields. */
export function toPage<T>(
  envelope: { Total: number | null; Page: number | null },
  items: T[],
  page: number,
  limit: number,
): Cin7Page<T> {
  const seen = (page - 1) * limit + items.length;
  // Without Total, assume one more page exists whenever this one is full.
  const total = envelope.Total ?? (items.length === limit ? seen + 1 : seen);
  // The page we asked for, not the one Cin7 echoes: it is what a checkpoint must record.
  return { total, page, limit, items };
}
