import { describe, expect, it } from '@jest/globals';
import { screen } from '@testing-library/react';
import { apiError } from '../../test/fake-fetch.js';
import { makeJob, sequence } from '../../test/fixtures.js';
import { renderSection } from '../../test/render-panel.js';
import { PricesSection } from './prices-section.js';

const status = {
  lastSyncAt: '2026-11-27T09:00:00.000Z',
  nextSyncAt: '2026-11-27T10:00:00.000Z',
  running: null,
  lastRun: null,
  priceLists: [
    { name: 'Tier 1', source: 'tier', isBase: true, entries: 120, customers: 0 },
    { name: 'Wholesale', source: 'tier', isBase: false, entries: 118, customers: 14 },
  ],
  unsupported: [
    { feature: 'volume-discounts', count: 3, examples: ['Buy 10 save 5%'] },
    { feature: 'deals', count: 1, examples: [] },
  ],
};

describe('PricesSection', () => {
  it('shows the price lists, the base tier and the Cin7 features not applied', async () => {
    renderSection(<PricesSection />, { 'GET /prices/status': { body: status } });
    expect(await screen.findByText('Wholesale')).toBeInTheDocument();
    expect(screen.getByText('(base price)')).toBeInTheDocument();
    expect(screen.getByText('Volume-based discounts')).toBeInTheDocument();
    expect(screen.getByText(/3 found \(e.g. Buy 10 save 5%\)/)).toBeInTheDocument();
    expect(screen.getByText('Deals and coupons')).toBeInTheDocument();
  });

  it('lists what the last sync changed', async () => {
    const { user } = renderSection(<PricesSection />, {
      'GET /prices/status': {
        body: {
          ...status,
          lastChanges: {
            basePrices: { added: 0, changed: 2, removed: 0 },
            lists: [
              { name: 'Wholesale', created: false, renamedFrom: 'Tier 2', added: 1, changed: 0, removed: 0 },
            ],
            customersReassigned: 3,
            customerPricesReplaced: 0,
            orderingBlocked: 1,
            orderingUnblocked: 0,
          },
        },
      },
    });
    await user.click(await screen.findByText('What the last sync changed'));
    expect(screen.getByText('Base prices (Tier 1): 0 added, 2 changed, 0 removed.')).toBeInTheDocument();
    expect(
      screen.getByText('Wholesale (renamed from Tier 2): 1 added, 0 changed, 0 removed.'),
    ).toBeInTheDocument();
    expect(screen.getByText('3 customers moved to another price list.')).toBeInTheDocument();
    expect(screen.getByText(/1 customer can no longer order through Cin7/)).toBeInTheDocument();
  });

  it('before the first sync, claims nothing: no lists yet, discounts checked at the first sync', async () => {
    renderSection(<PricesSection />, {
      'GET /prices/status': { body: { ...status, priceLists: [], unsupported: [], lastSyncAt: null } },
    });
    expect(await screen.findByText(/No price lists yet/)).toBeInTheDocument();
    expect(screen.getByText(/Checked at the first sync/)).toBeInTheDocument();
    expect(screen.queryByText(/every Cin7 price is reflected/)).not.toBeInTheDocument();
    expect(screen.getByText('never')).toBeInTheDocument();
  });

  it('after a sync that wrote nothing, says why there are no lists and what to do', async () => {
    renderSection(<PricesSection />, {
      'GET /prices/status': { body: { ...status, priceLists: [], unsupported: [] } },
    });
    expect(
      await screen.findByText(/the last sync found no linked products or customers/),
    ).toBeInTheDocument();
    expect(screen.getByText(/every Cin7 price is reflected/)).toBeInTheDocument();
    expect(screen.queryByText(/No price lists yet/)).not.toBeInTheDocument();
  });

  it('syncs on demand with progress, then refreshes the status', async () => {
    const { fake, user } = renderSection(<PricesSection />, {
      'GET /prices/status': { body: status },
      'POST /prices/sync': {
        status: 202,
        body: makeJob({ id: 'ps-1', kind: 'price-sync', state: 'queued' }),
      },
      'GET /jobs/ps-1': sequence(
        makeJob({
          id: 'ps-1',
          kind: 'price-sync',
          state: 'running',
          progress: { pagesDone: 1, pagesTotal: 2, created: 0, updated: 40, skipped: 0 },
        }),
        makeJob({
          id: 'ps-1',
          kind: 'price-sync',
          state: 'succeeded',
          progress: { pagesDone: 2, pagesTotal: 2, created: 0, updated: 80, skipped: 0 },
          finishedAt: '2026-11-27T09:30:00.000Z',
        }),
      ),
    });
    await user.click(await screen.findByRole('button', { name: 'Sync Cin7 prices' }));
    expect(await screen.findByRole('progressbar', { name: 'Price sync progress' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Syncing prices…' })).toBeDisabled();
    expect(await screen.findByText(/Price sync finished/)).toBeInTheDocument();
    // A price sync creates no items: its changes are listed instead of import-style counts.
    expect(screen.queryByText(/created, .* updated, .* skipped/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Sync Cin7 prices' })).toBeEnabled();
    expect(
      fake.calls.filter((c) => c.method === 'GET' && c.path === '/prices/status').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('explains a sync that cannot start and a status that cannot load', async () => {
    const { user } = renderSection(<PricesSection />, {
      'GET /prices/status': { body: status },
      'POST /prices/sync': apiError(409, 'Connect to Cin7 Core first.'),
    });
    await user.click(await screen.findByRole('button', { name: 'Sync Cin7 prices' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not start the price sync. Connect to Cin7 Core first.',
    );
  });

  it('says so when the status cannot be loaded', async () => {
    renderSection(<PricesSection />, {
      'GET /prices/status': apiError(502, 'Could not reach Cin7: timeout'),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the price sync status. Could not reach Cin7',
    );
  });
});
