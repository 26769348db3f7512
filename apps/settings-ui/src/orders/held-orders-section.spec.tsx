import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { apiError } from '../../test/fake-fetch.js';
import { renderSection } from '../../test/render-panel.js';
import { HeldOrdersSection } from './held-orders-section.js';

const order = (id: string, state: 'held' | 'refused', error: string) => ({
  orderId: id,
  orderNumber: `UP-${id}`,
  customerName: 'Kiwi Outdoors',
  total: 120,
  currency: 'NZD',
  state,
  cin7SaleId: null,
  cin7SaleNumber: null,
  error,
  refusalCode: null,
  totalsMismatch: null,
  tracking: null,
  attempts: 0,
  approvedAt: '2026-12-05T10:00:00.000Z',
  updatedAt: '2026-12-05T10:00:00.000Z',
});
const HELD =
  'Approved while Cin7 was disconnected. Nothing was sent: send it to Cin7 once you have reconnected.';

describe('HeldOrdersSection', () => {
  it('shows nothing when no order waits', async () => {
    const { fake } = renderSection(<HeldOrdersSection />, {
      'GET /orders/held': { body: { items: [], held: 0, refused: 0 } },
    });
    await screen.findByText((_, el) => el?.tagName === 'DIV' && fake.calls.length > 0);
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
  });

  it('offers the orders approved while disconnected, with why, and sends them all when asked', async () => {
    const { fake, user } = renderSection(<HeldOrdersSection />, {
      'GET /orders/held': {
        body: {
          items: [
            order('1', 'held', HELD),
            order('2', 'refused', '"Walk-in" is not linked to a Cin7 customer'),
          ],
          held: 1,
          refused: 1,
        },
      },
      'POST /orders/held/send': { status: 202, body: { queued: 1 } },
    });
    expect(await screen.findByText(/1 order was approved while Cin7 was disconnected/)).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Orders not sent to Cin7' });
    expect(within(list).getByText(HELD)).toBeInTheDocument();
    expect(within(list).getByText(/"Walk-in" is not linked/)).toBeInTheDocument();
    expect(fake.calls.some((c) => c.method === 'POST')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Send it to Cin7' }));
    expect(await screen.findByRole('status')).toHaveTextContent('1 order is on the way to Cin7.');
  });

  it('sends one order, and says why in words when it cannot', async () => {
    const { user } = renderSection(<HeldOrdersSection />, {
      'GET /orders/held': { body: { items: [order('1', 'held', HELD)], held: 1, refused: 0 } },
      'POST /orders/1/sync/send': apiError(
        409,
        'Reconnect your Cin7 account first: orders are sent once Cin7 is connected.',
      ),
    });
    await user.click(await screen.findByRole('button', { name: 'Send to Cin7 order UP-1' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Reconnect your Cin7 account first');
  });
});
