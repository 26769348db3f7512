import { describe, expect, it } from '@jest/globals';
import { render, screen, waitFor } from '@testing-library/react';
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
    expect(screen.queryByRole('region', { name: 'Customers' })).not.toBeInTheDocument();
    expect(fake.calls[0]).toEqual({ method: 'GET', path: '/connection', body: undefined });
    expect(screen.getByTestId('cin7-settings-panel')).toHaveStyle({ '--c7-accent': '#123456' });
  });

  it("asks for the sections' data alongside the connection, not after its answer, and reads each once", async () => {
    const fake = createFakeFetch({
      'GET /connection': { body: connected },
      'GET /jobs': { body: { items: [] } },
      'GET /customers/linked': { body: { items: [], total: 0, limit: 25, offset: 0 } },
      'GET /customers/unmatched': { body: { items: [], total: 0, limit: 25, offset: 0 } },
    });
    // The connection's answer is held back until the sections' reads have gone out.
    let answerConnection = () => {};
    const connectionHeld = new Promise<void>((resolve) => {
      answerConnection = resolve;
    });
    const hostFetch: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/connection')) await connectionHeld;
      return fake.fetch(input, init);
    };
    render(<SettingsPanel apiBaseUrl={BASE_URL} fetch={hostFetch} />);
    const sent = () => fake.calls.map((c) => `${c.method} ${c.path}`);
    await waitFor(() =>
      expect(sent()).toEqual(
        expect.arrayContaining([
          'GET /orders/held',
          'GET /jobs',
          'GET /customers/linked?limit=25&offset=0',
          'GET /customers/unmatched?limit=25',
          'GET /prices/status',
          'GET /stock',
          'GET /settings',
          'GET /reference',
          'GET /orders/sync?limit=20',
        ]),
      ),
    );
    expect(sent()).not.toContain('GET /connection');
    expect(screen.getByText('Checking the connection to Cin7 Core…')).toBeInTheDocument();

    answerConnection();
    expect(await screen.findByRole('navigation', { name: 'Cin7 Core sections' })).toBeInTheDocument();
    expect(
      await screen.findByText('You have no Upstock customers yet.', { exact: false }),
    ).toBeInTheDocument();
    // The sections used what was already read (answered reads are not asked again on mount).
    const count = (call: string) => sent().filter((c) => c === call).length;
    expect(count('GET /jobs')).toBe(1);
    expect(count('GET /customers/linked?limit=25&offset=0')).toBe(1);
    expect(count('GET /customers/unmatched?limit=25')).toBe(1);
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
