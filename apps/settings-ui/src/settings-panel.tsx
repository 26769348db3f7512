import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  SETTINGS_PANEL_MOUNT_CONTRACT,
  type SettingsPanelProps,
  type SettingsPanelRemote,
} from '@upstock/cin7-contracts';
import { type CSSProperties, type MouseEvent, useEffect, useMemo, useState } from 'react';
import { createApiClient } from './api/api-client.js';
import { PanelApiProvider, usePanelApi, usePollMs } from './api/panel-api.context.js';
import { prefetchConnectedSections } from './connected-sections.queries.js';
import { connectionQuery } from './connection/connection.queries.js';
import { ConnectionSection } from './connection/connection-section.js';
import { CustomersSection } from './customers/customers-section.js';
import { ImportSection } from './imports/import-section.js';
import { HeldOrdersSection } from './orders/held-orders-section.js';
import { OrderActivitySection } from './orders/order-activity-section.js';
import { PricesSection } from './prices/prices-section.js';
import { SettingsSection } from './settings/settings-section.js';
import { StockSection } from './stock/stock-section.js';
import { PANEL_CSS } from './ui/panel.styles.js';

/** The mount contract this remote implements (checked by the host before it renders the panel). */
export const mountContract = SETTINGS_PANEL_MOUNT_CONTRACT;

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
  const api = usePanelApi();
  const queryClient = useQueryClient();
  const pollMs = usePollMs();
  // After the Connection section's own effect has asked for the connection (children's effects run first).
  useEffect(() => prefetchConnectedSections(queryClient, api, pollMs), [queryClient, api, pollMs]);
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
      <ConnectedSections />
    </div>
  );
}

const SECTIONS = [
  ['c7-import-title', 'Import'],
  ['c7-customers-title', 'Customers'],
  ['c7-prices-title', 'Prices'],
  ['c7-stock-title', 'Stock'],
  ['c7-settings-title', 'Sales order settings'],
  ['c7-orders-title', 'Order activity'],
] as const;

/** In-panel jumps without touching the host's URL (the host may route on the hash). */
function jumpTo(event: MouseEvent<HTMLAnchorElement>, headingId: string) {
  const heading = document.getElementById(headingId);
  if (!heading) return;
  event.preventDefault();
  heading.setAttribute('tabindex', '-1');
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}

/** Everything else needs a connection: shown once the Connection section says "connected" (or "paused"). */
function ConnectedSections() {
  const api = usePanelApi();
  const connection = useQuery(connectionQuery(api));
  if (!connection.data || connection.data.status === 'disconnected') return null;
  return (
    <>
      <nav className="c7-nav" aria-label="Cin7 Core sections">
        {SECTIONS.map(([headingId, label]) => (
          <a key={headingId} href={`#${headingId}`} onClick={(event) => jumpTo(event, headingId)}>
            {label}
          </a>
        ))}
      </nav>
      <HeldOrdersSection />
      <ImportSection />
      <CustomersSection />
      <PricesSection />
      <StockSection />
      <SettingsSection />
      <OrderActivitySection />
    </>
  );
}

// The module this file is, as the host sees it: the shell's types check the same interface.
({ SettingsPanel, mountContract }) satisfies SettingsPanelRemote<typeof SettingsPanel>;
