import type { QueryClient } from '@tanstack/react-query';
import type { ApiClient } from './api/api-client.js';
import {
  LINKED_PAGE,
  linkedCustomersQuery,
  UNMATCHED_PAGE,
  unmatchedCustomersQuery,
} from './customers/customers.queries.js';
import { jobListQuery } from './jobs/job.queries.js';
import { heldOrdersQuery, recentOrderSyncsQuery } from './orders/orders.queries.js';
import { priceStatusQuery } from './prices/prices.queries.js';
import { referenceQuery, settingsQuery } from './settings/settings.queries.js';
import { stockStatusQuery } from './stock/stock.queries.js';

/**
 * Starts the reads the connected sections make on their first render, alongside `GET /connection` rather than
 * after its answer: none of them needs the connection (each answers from Upstock's own tables, connected or not),
 * so waiting for it only stacked one round trip on top of the other. The sections then find their data in the
 * cache (same keys, fresh for the client's staleTime) and show their own loading/error states as before; a failed
 * read here is simply read again when its section mounts. Disconnected, the answers stay unused in the cache
 * until connecting refreshes them.
 */
export function prefetchConnectedSections(queryClient: QueryClient, api: ApiClient, pollMs: number): void {
  // In the order the sections show, top first (a browser runs six requests to one origin at a time).
  void queryClient.prefetchQuery(heldOrdersQuery(api));
  void queryClient.prefetchQuery(jobListQuery(api));
  void queryClient.prefetchQuery(linkedCustomersQuery(api, '', 0, LINKED_PAGE));
  void queryClient.prefetchQuery(unmatchedCustomersQuery(api, '', UNMATCHED_PAGE));
  void queryClient.prefetchQuery(priceStatusQuery(api));
  void queryClient.prefetchQuery(stockStatusQuery(api, pollMs));
  void queryClient.prefetchQuery(settingsQuery(api));
  void queryClient.prefetchQuery(referenceQuery(api));
  void queryClient.prefetchQuery(recentOrderSyncsQuery(api, pollMs));
}
