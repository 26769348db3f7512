import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { apiError } from '../../test/fake-fetch.js';
import { makeJob, sequence } from '../../test/fixtures.js';
import { renderSection } from '../../test/render-panel.js';
import { ImportSection } from './import-section.js';

const customersCard = () => screen.getByRole('heading', { name: 'Customers' }).parentElement as HTMLElement;

describe('ImportSection', () => {
  it('offers both imports when nothing was imported yet', async () => {
    renderSection(<ImportSection />, { 'GET /jobs': { body: { items: [] } } });
    expect(await screen.findByRole('button', { name: 'Import customers' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Import products' })).toBeEnabled();
    expect(screen.getAllByText('Not imported yet.')).toHaveLength(2);
  });

  it('starts an import, shows live progress, then the summary with every skip reason', async () => {
    const running = makeJob({
      id: 'imp-1',
      state: 'running',
      progress: { pagesDone: 1, pagesTotal: 3, created: 900, updated: 0, skipped: 2 },
    });
    const done = makeJob({
      id: 'imp-1',
      state: 'succeeded',
      progress: { pagesDone: 3, pagesTotal: 3, created: 2500, updated: 10, skipped: 2 },
      skippedItems: [
        { cin7Id: 'c-9', label: 'Old Mate Ltd', reason: 'Deprecated in Cin7' },
        {
          cin7Id: 'c-10',
          label: 'Euro Buyer GmbH',
          reason: 'Currency EUR is not the Cin7 base currency (NZD)',
        },
      ],
      finishedAt: '2026-11-27T10:02:00.000Z',
    });
    const { fake, user } = renderSection(<ImportSection />, {
      'GET /jobs': { body: { items: [] } },
      'POST /imports': { status: 202, body: makeJob({ id: 'imp-1', state: 'queued' }) },
      'GET /jobs/imp-1': sequence(running, done),
    });
    await user.click(await screen.findByRole('button', { name: 'Import customers' }));
    expect(await within(customersCard()).findByText(/Page 1 of 3/)).toBeInTheDocument();
    expect(
      within(customersCard()).getByRole('progressbar', { name: 'Customer import progress' }),
    ).toBeInTheDocument();
    expect(within(customersCard()).getByRole('button', { name: 'Importing customers…' })).toBeDisabled();

    expect(await within(customersCard()).findByText(/Customer import finished/)).toBeInTheDocument();
    expect(within(customersCard()).getByText(/2500 created, 10 updated, 2 skipped/)).toBeInTheDocument();
    expect(screen.getByText('Deprecated in Cin7')).toBeInTheDocument();
    expect(screen.getByText('Currency EUR is not the Cin7 base currency (NZD)')).toBeInTheDocument();
    expect(fake.calls.find((c) => c.method === 'POST')?.body).toEqual({ kind: 'customers' });
  });

  it('shows the last import of each kind from the job list', async () => {
    renderSection(<ImportSection />, {
      'GET /jobs': {
        body: {
          items: [
            makeJob({
              id: 'p-1',
              kind: 'import-products',
              state: 'failed',
              error: 'Cin7 rejected the API key',
              finishedAt: '2026-11-27T09:00:00.000Z',
            }),
          ],
        },
      },
      'GET /jobs/p-1': {
        body: makeJob({
          id: 'p-1',
          kind: 'import-products',
          state: 'failed',
          error: 'Cin7 rejected the API key',
        }),
      },
    });
    expect(await screen.findByText('Product import failed: Cin7 rejected the API key')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import products again' })).toBeEnabled();
  });

  it('explains when an import cannot start', async () => {
    const { user } = renderSection(<ImportSection />, {
      'GET /jobs': { body: { items: [] } },
      'POST /imports': apiError(409, 'Connect to Cin7 Core first.'),
    });
    await user.click(await screen.findByRole('button', { name: 'Import products' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not start the import. Connect to Cin7 Core first.',
    );
  });

  it('says so when recent imports cannot be loaded', async () => {
    renderSection(<ImportSection />, { 'GET /jobs': apiError(500, 'Something went wrong on our side.') });
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load recent imports.');
  });
});
