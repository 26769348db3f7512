import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { createApiClient } from '../src/api/api-client.js';
import { PanelApiProvider } from '../src/api/panel-api.context.js';
import { BASE_URL, createFakeFetch, type FakeAnswer } from './fake-fetch.js';

/** Renders a panel section the way SettingsPanel mounts it, with a fresh QueryClient (no retries) and a fake fetch. */
export function renderSection(ui: ReactElement, routes: Record<string, FakeAnswer> = {}) {
  const fake = createFakeFetch(routes);
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: { retry: false, gcTime: Number.POSITIVE_INFINITY },
      mutations: { retry: false },
    },
  });
  const user = userEvent.setup();
  const result = render(
    <QueryClientProvider client={queryClient}>
      <PanelApiProvider api={createApiClient(BASE_URL, fake.fetch)} pollMs={5}>
        {ui}
      </PanelApiProvider>
    </QueryClientProvider>,
  );
  return { ...result, fake, queryClient, user };
}
