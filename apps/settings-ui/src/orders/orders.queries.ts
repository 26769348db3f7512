import { queryOptions } from '@tanstack/react-query';
import {
  heldOrdersSchema,
  type OrderSync,
  type OrderSyncList,
  orderSyncDetailSchema,
  orderSyncListSchema,
  orderSyncSchema,
  type SendHeldResult,
  sendHeldResultSchema,
} from '@upstock/cin7-contracts';
import type { ApiClient } from '../api/api-client.js';
import { cin7Keys } from '../api/query-keys.js';

const inFlight = (list: OrderSyncList | undefined) =>
  list?.items.some((o) => o.state === 'pending' || o.state === 'pushing') ?? false;

export const recentOrderSyncsQuery = (api: ApiClient, pollMs: number, limit = 20) =>
  queryOptions({
    queryKey: [...cin7Keys.orders(), 'recent', limit] as const,
    queryFn: () => api.request('GET', `/orders/sync?limit=${limit}`, orderSyncListSchema),
    refetchInterval: (query) => (inFlight(query.state.data) ? pollMs * 2 : false),
  });

export const orderSyncDetailQuery = (api: ApiClient, orderId: string) =>
  queryOptions({
    queryKey: cin7Keys.orderSync(orderId),
    queryFn: () => api.request('GET', `/orders/${encodeURIComponent(orderId)}/sync`, orderSyncDetailSchema),
  });

export const retryOrderSync = (api: ApiClient, orderId: string): Promise<OrderSync> =>
  api.request('POST', `/orders/${encodeURIComponent(orderId)}/sync/retry`, orderSyncSchema);

/** Orders waiting for the supplier (held while disconnected, or refused), re-read after a reconnect. */
export const heldOrdersQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: [...cin7Keys.orders(), 'held'] as const,
    queryFn: () => api.request('GET', '/orders/held', heldOrdersSchema),
  });

export const sendOrderToCin7 = (api: ApiClient, orderId: string): Promise<OrderSync> =>
  api.request('POST', `/orders/${encodeURIComponent(orderId)}/sync/send`, orderSyncSchema);

export const sendHeldOrders = (api: ApiClient): Promise<SendHeldResult> =>
  api.request('POST', '/orders/held/send', sendHeldResultSchema);
