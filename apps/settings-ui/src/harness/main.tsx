import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SettingsPanel } from '../settings-panel.js';
import { readHarnessParams } from './harness.config.js';

// Standalone development harness: the panel without a host. `?api=<module base URL>&token=<supplier token>`.
const { apiBaseUrl, token } = readHarnessParams(window.location.search);
const authedFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <main style={{ padding: '1rem', background: '#f7f8fb', minHeight: '100vh' }}>
      <SettingsPanel apiBaseUrl={apiBaseUrl} fetch={authedFetch} />
    </main>
  </StrictMode>,
);
