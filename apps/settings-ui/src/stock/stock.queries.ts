import { queryOptions } from '@tanstack/react-query';
import {
  type Job,
  jobSchema,
  type StockSettings,
  stockSettingsSchema,
  stockStatusSchema,
} from '@upstock/cin7-contracts';
import type { ApiClient } from '../api/api-client.js';
import { cin7Keys } from '../api/query-keys.js';

/** Query key of the Stock section (under the panel's root key, so a reconnect refreshes it). */
export const stockKey = () => [...cin7Keys.all, 'stock'] as const;

const PASS_RUNNING = new Set(['queued', 'running', 'paused']);

/** The status, polled every `pollMs` while a pass runs (its counts move). */
export const stockStatusQuery = (api: ApiClient, pollMs: number) =>
  queryOptions({
    queryKey: stockKey(),
    queryFn: () => api.request('GET', '/stock', stockStatusSchema),
    refetchInterval: (query) => {
      const state = query.state.data?.lastPass?.state;
      return state && PASS_RUNNING.has(state) ? pollMs : false;
    },
  });

export const saveStockSettings = (api: ApiClient, settings: StockSettings): Promise<StockSettings> =>
  api.request('PUT', '/stock/settings', stockSettingsSchema, settings);

/** `POST /stock/sync` answers 202 with the pass (the one already queued or running, if any). */
export const startStockPass = (api: ApiClient): Promise<Job> => api.request('POST', '/stock/sync', jobSchema);
