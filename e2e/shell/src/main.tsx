import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, routeOf } from './app.js';
import { loadSettingsPanel } from './federation.js';
import './shell.css';
import { demoSuppliersQuery } from './suppliers.js';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});
// Asked for before React's first render rather than from its effects: the sign-in, and on the settings page the
// panel's code, which loads while the supplier is signed in rather than after (as a host preloads a route's code).
// A failed panel load is shown, and retried, by RemotePanel's own load.
void queryClient.prefetchQuery(demoSuppliersQuery);
if (routeOf(window.location.hash).page === 'settings') loadSettingsPanel().catch(() => {});
const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
