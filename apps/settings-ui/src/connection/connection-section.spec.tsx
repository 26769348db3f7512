import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { apiError } from '../../test/fake-fetch.js';
import { renderSection } from '../../test/render-panel.js';
import { ConnectionSection } from './connection-section.js';

const ACCOUNT = '1a2b3c4d-0000-4000-8000-00000000aaaa';
const KEY = '9f8e7d6c-0000-4000-8000-00000000beef';
const connected = {
  status: 'connected',
  accountId: ACCOUNT,
  apiKeyLast4: 'beef',
  company: 'Harbour Foods Ltd',
  baseCurrency: 'NZD',
  connectedAt: '2026-11-27T10:00:00.000Z',
  health: {
    lastSuccessfulCallAt: '2026-11-27T10:05:00.000Z',
    pausedUntil: null,
    lastError: null,
    webhooks: 'registered',
  },
};

describe('ConnectionSection', () => {
  it('says "Not connected" and shows the steps from Cin7 when nothing is connected', async () => {
    renderSection(<ConnectionSection />, { 'GET /connection': { body: { status: 'disconnected' } } });
    expect(await screen.findByText('Not connected')).toBeInTheDocument();
    expect(screen.getByText(/go to Integrations › API/)).toBeInTheDocument();
    expect(screen.getByRole('form', { name: 'Connect to Cin7 Core' })).toBeInTheDocument();
  });

  it('shows the connected company, base currency and the masked key', async () => {
    renderSection(<ConnectionSection />, { 'GET /connection': { body: connected } });
    expect(await screen.findByText('Connected')).toBeInTheDocument();
    expect(screen.getAllByText('Harbour Foods Ltd').length).toBeGreaterThan(0);
    expect(screen.getByText('NZD')).toBeInTheDocument();
    expect(screen.getByText('•••• beef')).toBeInTheDocument();
    expect(screen.queryByText(KEY)).not.toBeInTheDocument();
  });

  it('shows throttling and the last Cin7 error from health', async () => {
    renderSection(<ConnectionSection />, {
      'GET /connection': {
        body: {
          ...connected,
          status: 'paused',
          health: {
            ...connected.health,
            pausedUntil: '2026-11-27T10:10:00.000Z',
            lastError: 'Too many requests',
          },
        },
      },
    });
    expect(await screen.findByText('Paused')).toBeInTheDocument();
    expect(screen.getByText(/Cin7 asked us to slow down/)).toBeInTheDocument();
    expect(screen.getByText('Too many requests')).toBeInTheDocument();
  });

  it('explains a failed load and loads again on "Try again"', async () => {
    const { fake, user } = renderSection(<ConnectionSection />, { 'GET /connection': { status: 0 } });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /Could not load the connection. Could not reach/,
    );
    fake.on('GET /connection', { body: { status: 'disconnected' } });
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Not connected')).toBeInTheDocument();
  });

  it('checks the fields before sending and focuses the first one at fault', async () => {
    const { fake, user } = renderSection(<ConnectionSection />, {
      'GET /connection': { body: { status: 'disconnected' } },
    });
    await user.type(await screen.findByLabelText('API key'), 'not-a-guid');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    const accountId = screen.getByLabelText('Account ID');
    expect(accountId).toHaveAttribute('aria-invalid', 'true');
    expect(accountId).toHaveAccessibleDescription(/Account ID/);
    expect(accountId).toHaveFocus();
    expect(screen.getByLabelText('API key')).toHaveAccessibleDescription(/must be the GUID/);
    expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('shows the error Cin7 gave next to the field the API named', async () => {
    const { fake, user } = renderSection(<ConnectionSection />, {
      'GET /connection': { body: { status: 'disconnected' } },
      'POST /connection': apiError(400, 'Cin7 did not accept this API key.', 'apiKey'),
    });
    await user.type(await screen.findByLabelText('Account ID'), ACCOUNT);
    await user.type(screen.getByLabelText('API key'), KEY);
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    const apiKey = screen.getByLabelText('API key');
    expect(await screen.findByText('Cin7 did not accept this API key.')).toBeInTheDocument();
    expect(apiKey).toHaveAccessibleDescription('Cin7 did not accept this API key.');
    expect(apiKey).toHaveFocus();
    expect(fake.calls.find((c) => c.method === 'POST')?.body).toEqual({ accountId: ACCOUNT, apiKey: KEY });
  });

  it('shows an error without a field at the top of the form and focuses it', async () => {
    const { user } = renderSection(<ConnectionSection />, {
      'GET /connection': { body: { status: 'disconnected' } },
      'POST /connection': apiError(503, 'Cin7 Core is not answering right now. Try again in a few minutes.'),
    });
    await user.type(await screen.findByLabelText('Account ID'), ACCOUNT);
    await user.type(screen.getByLabelText('API key'), KEY);
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Cin7 Core is not answering right now.');
    expect(alert).toHaveFocus();
  });

  it('connects and then shows the company', async () => {
    const { user } = renderSection(<ConnectionSection />, {
      'GET /connection': { body: { status: 'disconnected' } },
      'POST /connection': { status: 201, body: connected },
    });
    await user.type(await screen.findByLabelText('Account ID'), ACCOUNT);
    await user.type(screen.getByLabelText('API key'), KEY);
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByText('Connected')).toBeInTheDocument();
    expect(screen.getByText('NZD')).toBeInTheDocument();
  });

  it('disconnects only after confirmation, and cancel keeps the connection', async () => {
    const { fake, user } = renderSection(<ConnectionSection />, {
      'GET /connection': { body: connected },
      'DELETE /connection': { status: 204 },
    });
    await user.click(await screen.findByRole('button', { name: 'Disconnect' }));
    const dialog = screen.getByRole('alertdialog', { name: /Disconnect from Harbour Foods Ltd/ });
    expect(within(dialog).getByRole('button', { name: 'Yes, disconnect' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Disconnect' })).toHaveFocus();
    expect(fake.calls.some((c) => c.method === 'DELETE')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    await user.click(screen.getByRole('button', { name: 'Yes, disconnect' }));
    expect(await screen.findByText('Not connected')).toBeInTheDocument();
    expect(fake.calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
  });
});
