import { describe, expect, it } from '@jest/globals';
import { screen } from '@testing-library/react';
import { apiError } from '../../test/fake-fetch.js';
import { makeJob } from '../../test/fixtures.js';
import { renderSection } from '../../test/render-panel.js';
import { StockSection } from './stock-section.js';

const off = {
  settings: { enabled: false, locations: [], display: 'QUANTITY' },
  effectiveLocations: ['Main Warehouse'],
  lastPass: null,
  nextPassAt: null,
  webhooks: { applied: 0, hinted: 0, lastAt: null },
};

const on = {
  ...off,
  settings: { enabled: true, locations: ['Main Warehouse', 'Nowhere'], display: 'QUANTITY' },
  effectiveLocations: ['Main Warehouse', 'Nowhere'],
  nextPassAt: '2026-12-05T11:00:00.000Z',
  lastPass: {
    runId: 'run-1',
    state: 'succeeded',
    startedAt: '2026-12-05T10:00:00.000Z',
    finishedAt: '2026-12-05T10:00:05.000Z',
    rowsRead: 15840,
    productsUpdated: 9120,
    skipped: 2,
    skippedItems: [
      { cin7Id: 'Nowhere', label: 'Nowhere', reason: 'No such location in Cin7: nothing is summed from it' },
      {
        cin7Id: 'p-1',
        label: 'SKU-00010',
        reason: 'Not linked to an Upstock product (import products to link it)',
      },
    ],
    error: null,
  },
  webhooks: { applied: 41, hinted: 3, lastAt: '2026-12-05T10:30:00.000Z' },
};

describe('StockSection', () => {
  it('is off by default and turns on with the chosen locations and display', async () => {
    const { fake, user } = renderSection(<StockSection />, {
      'GET /stock': { body: off },
      'PUT /stock/settings': (call) => {
        // The status read after saving says what was saved.
        fake.on('GET /stock', { body: { ...off, settings: call.body } });
        return { body: call.body };
      },
    });
    const toggle = await screen.findByRole('checkbox', { name: 'Show Cin7 stock to buyers' });
    expect(toggle).not.toBeChecked();
    expect(screen.queryByText('Rows read')).toBeNull();
    expect(screen.getByPlaceholderText('Sale location (Main Warehouse)')).toBeInTheDocument();
    await user.click(toggle);
    await user.type(
      screen.getByRole('textbox', { name: 'Cin7 locations to count' }),
      'Main Warehouse, Showroom',
    );
    await user.click(screen.getByRole('radio', { name: 'Only in stock or out of stock' }));
    await user.click(screen.getByRole('button', { name: 'Save stock settings' }));
    expect(await screen.findByText('Stock settings saved.')).toBeInTheDocument();
    // The refreshed status shows the pass facts, and the notice stays.
    expect(await screen.findByText('Rows read')).toBeInTheDocument();
    expect(screen.getByText('Stock settings saved.')).toBeInTheDocument();
    expect(fake.calls.find((c) => c.method === 'PUT')?.body).toEqual({
      enabled: true,
      locations: ['Main Warehouse', 'Showroom'],
      display: 'IN_STOCK_ONLY',
    });
  });

  it("offers Cin7's locations as checkboxes when they are known, keeping a chosen one Cin7 no longer has", async () => {
    const { fake, user } = renderSection(<StockSection />, {
      'GET /stock': { body: { ...off, settings: { ...off.settings, locations: ['Old Depot'] } } },
      'GET /reference': {
        body: {
          locations: [
            { id: 'l1', name: 'Main Warehouse', isDefault: true },
            { id: 'l2', name: 'Showroom', isDefault: false },
          ],
          priceTiers: [],
          taxRules: [],
          carriers: [],
          serviceProducts: [],
          defaultSaleTaxRule: null,
          pricesIncludeTax: null,
          refreshedAt: '2026-12-05T10:00:00.000Z',
        },
      },
      'PUT /stock/settings': (call) => ({ body: call.body }),
    });
    const showroom = await screen.findByRole('checkbox', { name: 'Showroom' });
    expect(screen.getByRole('checkbox', { name: 'Old Depot (not in Cin7)' })).toBeChecked();
    await user.click(showroom);
    await user.click(screen.getByRole('checkbox', { name: 'Old Depot (not in Cin7)' }));
    await user.click(screen.getByRole('button', { name: 'Save stock settings' }));
    await screen.findByText('Stock settings saved.');
    expect(fake.calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ locations: ['Showroom'] });
  });

  it('shows the last and next pass, rows read, products updated and what was skipped with the reason', async () => {
    const { user } = renderSection(<StockSection />, { 'GET /stock': { body: on } });
    expect(await screen.findByText('15840')).toBeInTheDocument();
    expect(screen.getByText('9120')).toBeInTheDocument();
    expect(screen.getByText('41 applied, 3 read again')).toBeInTheDocument();
    expect(screen.getByText(/^finished /)).toBeInTheDocument();
    await user.click(screen.getByText('2 skipped'));
    expect(screen.getByText(/No such location in Cin7/)).toBeInTheDocument();
    expect(screen.getByText('SKU-00010')).toBeInTheDocument();
    expect(screen.getByText(/Not linked to an Upstock product/)).toBeInTheDocument();
  });

  it('starts a pass on demand and explains a refusal', async () => {
    const { fake, user } = renderSection(<StockSection />, {
      'GET /stock': { body: on },
      'POST /stock/sync': {
        status: 202,
        body: makeJob({ id: 'run-2', kind: 'stock-sync', state: 'queued' }),
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Sync stock now' }));
    await screen.findByRole('button', { name: 'Sync stock now' });
    expect(fake.calls.some((c) => c.method === 'POST' && c.path === '/stock/sync')).toBe(true);

    fake.on('POST /stock/sync', apiError(409, 'Turn stock sync on before syncing stock'));
    await user.click(screen.getByRole('button', { name: 'Sync stock now' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not start a stock pass. Turn stock sync on',
    );
  });

  it('says so when the status cannot be loaded', async () => {
    renderSection(<StockSection />, { 'GET /stock': apiError(502, 'Database away') });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the stock sync status. Database away',
    );
  });
});
