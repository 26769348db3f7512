import { queryOptions } from '@tanstack/react-query';
import { type Job, jobSchema, priceStatusSchema } from '@upstock/cin7-contracts';
import type { ApiClient } from '../api/api-client.js';
import { cin7Keys } from '../api/query-keys.js';

export const priceStatusQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: cin7Keys.prices(),
    queryFn: () => api.request('GET', '/prices/status', priceStatusSchema),
  });

/** `POST /prices/sync` answers 202 with the sync job (the running one if a sync is already going). */
export const startPriceSync = (api: ApiClient): Promise<Job> =>
  api.request('POST', '/prices/sync', jobSchema);
