import { createContext, type ReactNode, useContext } from 'react';
import type { ApiClient } from './api-client.js';

const PanelApiContext = createContext<ApiClient | null>(null);

export function PanelApiProvider({ api, children }: { api: ApiClient; children: ReactNode }) {
  return <PanelApiContext value={api}>{children}</PanelApiContext>;
}

/** The API client of the mounted panel (built from the host's `apiBaseUrl` and `fetch`). */
export function usePanelApi(): ApiClient {
  const api = useContext(PanelApiContext);
  if (!api) throw new Error('usePanelApi must be used inside <SettingsPanel> (no PanelApiProvider found).');
  return api;
}
