import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { SettingsPanelProps } from '@upstock/cin7-contracts';
import { type CSSProperties, useMemo, useState } from 'react';
import { createApiClient } from './api/api-client.js';
import { PanelApiProvider } from './api/panel-api.context.js';
import { ConnectionSection } from './connection/connection-section.js';
import { PANEL_CSS } from './ui/panel.styles.js';

/** A fresh QueryClient for one mounted panel; tests pass their own (`retry: false`). */
export function createPanelQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 10_000 },
      mutations: { retry: false },
    },
  });
}

/**
 * The federated entry (`cin7Settings/SettingsPanel`). The host gives the module's base URL and an authenticated
 * fetch; the panel keeps its own QueryClient so its cache (one supplier's data) never mixes with the host's, and a
 * host switching supplier remounts it (`key`).
 */
export function SettingsPanel({ apiBaseUrl, fetch: hostFetch, theme }: SettingsPanelProps) {
  const [queryClient] = useState(createPanelQueryClient);
  const api = useMemo(
    () => createApiClient(apiBaseUrl, hostFetch ?? globalThis.fetch.bind(globalThis)),
    [apiBaseUrl, hostFetch],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <PanelApiProvider api={api}>
        <PanelLayout theme={theme} />
      </PanelApiProvider>
    </QueryClientProvider>
  );
}

export function PanelLayout({ theme }: { theme?: SettingsPanelProps['theme'] }) {
  const style = {
    ...(theme?.accentColor ? { '--c7-accent': theme.accentColor } : {}),
    ...(theme?.fontFamily ? { '--c7-font': theme.fontFamily } : {}),
  } as CSSProperties;
  return (
    <div className="c7-panel" style={style} data-testid="cin7-settings-panel">
      <style>{PANEL_CSS}</style>
      <h1>Cin7 Core</h1>
      <p className="c7-intro">
        Approved Upstock orders become sales orders in Cin7 Core, and shipments in Cin7 mark them shipped
        here.
      </p>
      <ConnectionSection />
    </div>
  );
}
