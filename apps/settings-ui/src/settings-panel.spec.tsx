import { describe, expect, it } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import { BASE_URL, createFakeFetch } from '../test/fake-fetch.js';
import { SettingsPanel } from './settings-panel.js';

const connected = {
  status: 'connected',
  accountId: '1a2b3c4d-0000-4000-8000-00000000aaaa',
  apiKeyLast4: 'beef',
  company: 'Harbour Foods Ltd',
  baseCurrency: 'NZD',
  connectedAt: '2026-11-27T10:00:00.000Z',
  health: { lastSuccessfulCallAt: null, pausedUntil: null, lastError: null, webhooks: 'not_registered' },
};

describe('SettingsPanel (the federated entry)', () => {
  it('uses the host fetch and base URL, and shows only the connection while disconnected', async () => {
    const fake = createFakeFetch({ 'GET /connection': { body: { status: 'disconnected' } } });
    render(
      <SettingsPanel apiBaseUrl={`${BASE_URL}/`} fetch={fake.fetch} theme={{ accentColor: '#123456' }} />,
    );
    expect(await screen.findByText('Not connected')).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Cin7 Core sections' })).not.toBeInTheDocument();
    expect(fake.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /connection']);
    expect(screen.getByTestId('cin7-settings-panel')).toHaveStyle({ '--c7-accent': '#123456' });
  });

  it('shows every section once connected', async () => {
    const fake = createFakeFetch({ 'GET /connection': { body: connected } });
    render(<SettingsPanel apiBaseUrl={BASE_URL} fetch={fake.fetch} />);
    expect(await screen.findByRole('navigation', { name: 'Cin7 Core sections' })).toBeInTheDocument();
    for (const name of [
      'Connection',
      'Import customers & products',
      'Customers',
      'Prices',
      'Sales order settings',
      'Order activity',
    ]) {
      expect(screen.getByRole('region', { name })).toBeInTheDocument();
    }
  });
});
