import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { apiError } from '../../test/fake-fetch.js';
import { makeOrderSync } from '../../test/fixtures.js';
import { renderSection } from '../../test/render-panel.js';
import { OrderActivitySection } from './order-activity-section.js';

const failed = makeOrderSync({
  orderId: 'ord-2',
  orderNumber: 'UP-1002',
  state: 'failed',
  cin7SaleId: null,
  cin7SaleNumber: null,
  error: "Product 'SKU-404' not found",
});

describe('OrderActivitySection', () => {
  it('lists recent pushes with their state, and Cin7’s message for a failed one', async () => {
    renderSection(<OrderActivitySection />, {
      'GET /orders/sync': { body: { items: [makeOrderSync({ tracking: 'NZ123' }), failed] } },
    });
    const list = await screen.findByRole('list', { name: 'Recent orders' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByText('In Cin7')).toBeInTheDocument();
    expect(screen.getByText(/Cin7 SO-00412 · tracking NZ123/)).toBeInTheDocument();
    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(screen.getByText("Product 'SKU-404' not found")).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /^Retry/ })).toHaveLength(1);
  });

  it('retries a failed push and refreshes the list', async () => {
    const { fake, user } = renderSection(<OrderActivitySection />, {
      'GET /orders/sync': { body: { items: [failed] } },
      'POST /orders/ord-2/sync/retry': { status: 202, body: { ...failed, state: 'pending', error: null } },
    });
    const retry = await screen.findByRole('button', { name: 'Retry order UP-1002' });
    fake.on('GET /orders/sync', { body: { items: [{ ...failed, state: 'pushed', error: null }] } });
    await user.click(retry);
    expect(await screen.findByText('In Cin7')).toBeInTheDocument();
    expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('explains a retry that is refused', async () => {
    const { user } = renderSection(<OrderActivitySection />, {
      'GET /orders/sync': { body: { items: [failed] } },
      'POST /orders/ord-2/sync/retry': apiError(409, 'This order is already in Cin7.'),
    });
    await user.click(await screen.findByRole('button', { name: 'Retry order UP-1002' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not retry. This order is already in Cin7.',
    );
  });

  it('shows an order’s timeline on demand', async () => {
    const { user } = renderSection(<OrderActivitySection />, {
      'GET /orders/sync': { body: { items: [makeOrderSync()] } },
      'GET /orders/ord-1/sync': {
        body: {
          sync: makeOrderSync(),
          timeline: [
            { at: '2026-11-27T09:00:00.000Z', type: 'approved', message: 'Approved in Upstock' },
            {
              at: '2026-11-27T09:00:05.000Z',
              type: 'header-created',
              message: 'Sale SO-00412 created in Cin7',
            },
          ],
        },
      },
    });
    const toggle = await screen.findByRole('button', { name: 'Show timeline of order UP-1001' });
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    expect(within(timeline).getByText(/Sale SO-00412 created in Cin7/)).toBeInTheDocument();
  });

  it('shows the drift flag and a refusal reason', async () => {
    renderSection(<OrderActivitySection />, {
      'GET /orders/sync': {
        body: {
          items: [
            makeOrderSync({ totalsMismatch: 'Cin7 total 130.00, Upstock total 123.45.' }),
            makeOrderSync({
              orderId: 'ord-3',
              orderNumber: 'UP-1003',
              state: 'refused',
              error: 'Order currency AUD is not the Cin7 base currency (NZD).',
            }),
          ],
        },
      },
    });
    expect(await screen.findByText(/Totals no longer match Cin7: Cin7 total 130.00/)).toBeInTheDocument();
    expect(screen.getByText('Not sent')).toBeInTheDocument();
    expect(screen.getByText('Order currency AUD is not the Cin7 base currency (NZD).')).toBeInTheDocument();
  });

  it('has plain words for no activity and for a failed load', async () => {
    const { unmount } = renderSection(<OrderActivitySection />, {
      'GET /orders/sync': { body: { items: [] } },
    });
    expect(await screen.findByText(/No orders sent yet/)).toBeInTheDocument();
    unmount();
    renderSection(<OrderActivitySection />, {
      'GET /orders/sync': apiError(500, 'Something went wrong on our side.'),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load order activity.');
  });
});
