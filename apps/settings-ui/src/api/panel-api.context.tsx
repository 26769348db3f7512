import { createContext, type ReactNode, useContext } from 'react';
import type { ApiClient } from './api-client.js';

/** How often running work (imports, price syncs, order pushes) is polled, in ms. Tests shorten it. */
export const DEFAULT_POLL_MS = 1000;

const PanelApiContext = createContext<ApiClient | null>(null);
const PollContext = createContext<number>(DEFAULT_POLL_MS);

export function PanelApiProvider({
  api,
  pollMs = DEFAULT_POLL_MS,
  children,
}: {
  api: ApiClient;
  pollMs?: number;
  children: ReactNode;
}) {
  return (
    <PanelApiContext value={api}>
      <PollContext value={pollMs}>{children}</PollContext>
    </PanelApiContext>
  );
}

/** The API client of the mounted panel (built from the host's `apiBaseUrl` and `fetch`). */
export function usePanelApi(): ApiClient {
  const api = useContext(PanelApiContext);
  if (!api) throw new Error('usePanelApi must be used inside <SettingsPanel> (no PanelApiProvider found).');
  return api;
}

export function usePollMs(): number {
  return useContext(PollContext);
}
