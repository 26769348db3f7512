import { queryOptions } from '@tanstack/react-query';
import {
  type Connection,
  type ConnectionResponse,
  type ConnectRequest,
  connectionResponseSchema,
  connectionSchema,
} from '@upstock/cin7-contracts';
import type { ApiClient } from '../api/api-client.js';
import { cin7Keys } from '../api/query-keys.js';

export const connectionQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: cin7Keys.connection(),
    queryFn: (): Promise<ConnectionResponse> => api.request('GET', '/connection', connectionResponseSchema),
  });

export const connect = (api: ApiClient, input: ConnectRequest): Promise<Connection> =>
  api.request('POST', '/connection', connectionSchema, input);

export const disconnect = (api: ApiClient): Promise<void> => api.send('DELETE', '/connection');
