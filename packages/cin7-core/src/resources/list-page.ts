import type { z } from 'zod';
import type { CallPriority } from '../http/call-budget.js';
import type { Cin7Transport, QueryParams } from '../http/transport.js';
import { type Cin7Page, clampLimit, type PageOptions, paginate, toPage } from '../pagination/paginate.js';

/** Cin7's default page size when Limit is left out (BP L98-104). */
export const CIN7_DEFAULT_LIMIT = 100;

export interface ListSpec<E, T> {
  path: string;
  envelope: z.ZodType<E>;
  /** Picks the rows and Total/Page out of the parsed envelope. */
  read: (envelope: E) => { Total: number | null; Page: number | null; items: T[] };
  priority?: CallPriority;
}

/** One page of a list endpoint: `Page`/`Limit` are always sent, so the page we get is the page we asked for. */
export async function fetchListPage<E, T>(
  transport: Cin7Transport,
  spec: ListSpec<E, T>,
  query: QueryParams,
  page: number,
  limit: number,
): Promise<Cin7Page<T>> {
  const envelope = await transport.request({
    method: 'GET',
    path: spec.path,
    query: { ...query, Page: page, Limit: limit },
    schema: spec.envelope,
    priority: spec.priority,
  });
  const { items, ...counts } = spec.read(envelope);
  return toPage(counts, items, page, limit);
}

export function listOnePage<E, T>(
  transport: Cin7Transport,
  spec: ListSpec<E, T>,
  q: QueryParams & { Page?: number; Limit?: number },
): Promise<Cin7Page<T>> {
  const { Page, Limit, ...rest } = q;
  return fetchListPage(transport, spec, rest, Math.max(1, Page ?? 1), clampLimit(Limit, CIN7_DEFAULT_LIMIT));
}

/** Every page at `Limit` (default 1000, Cin7's maximum), from `startPage` (or `Page`) on. */
export function listPages<E, T>(
  transport: Cin7Transport,
  spec: ListSpec<E, T>,
  q: QueryParams & { Page?: number; Limit?: number },
  opts: PageOptions = {},
): AsyncIterable<Cin7Page<T>> {
  const { Page, Limit, ...rest } = q;
  return paginate((page, limit) => fetchListPage(transport, spec, rest, page, limit), {
    limit: clampLimit(Limit, 1000),
    startPage: opts.startPage ?? Page ?? 1,
    ...(opts.onPageDone ? { onPageDone: opts.onPageDone } : {}),
  });
}

/** All rows of a (small) list, e.g. a reference book. */
export async function listAll<E, T>(
  transport: Cin7Transport,
  spec: ListSpec<E, T>,
  q: QueryParams & { Limit?: number } = {},
): Promise<T[]> {
  const rows: T[] = [];
  for await (const page of listPages(transport, spec, q)) rows.push(...page.items);
  return rows;
}
