import { queryOptions } from '@tanstack/react-query';
import { referenceResponseSchema, type Settings, settingsSchema } from '@upstock/cin7-contracts';
import type { ApiClient } from '../api/api-client.js';
import { cin7Keys } from '../api/query-keys.js';

export const settingsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: cin7Keys.settings(),
    queryFn: () => api.request('GET', '/settings', settingsSchema),
  });

/** Cin7's reference books (locations for the sale's location). */
export const referenceQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: [...cin7Keys.all, 'reference'] as const,
    queryFn: () => api.request('GET', '/reference', referenceResponseSchema),
    staleTime: 5 * 60_000,
  });

export const saveSettings = (api: ApiClient, settings: Settings): Promise<Settings> =>
  api.request('PUT', '/settings', settingsSchema, settings);
