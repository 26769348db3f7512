import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { apiError } from '../../test/fake-fetch.js';
import { renderSection } from '../../test/render-panel.js';
import { CustomersSection } from './customers-section.js';

const CIN7_ID = '6d0a8f52-1b1e-4c1e-9d53-5b0f4f9e0a11';
const address = (id: string, line1: string) => ({
  id,
  line1,
  line2: null,
  city: 'Auckland',
  state: null,
  postcode: '1010',
  country: 'New Zealand',
});
const unmatched = {
  items: [
    { id: 'u-1', name: 'Kiwi Outdoors', email: 'sam@kiwi.example', currency: 'NZD' },
    { id: 'u-2', name: 'Harbour Deli', email: null, currency: 'NZD' },
  ],
  total: 2,
  limit: 25,
  offset: 0,
};
const kiwiInCin7 = {
  id: CIN7_ID,
  name: 'Kiwi Outdoors Ltd',
  currency: 'NZD',
  email: 'sam@kiwi.example',
  priceTier: 'Wholesale',
  billingAddress: null,
  shippingAddresses: [address('a-1', '1 Queen St'), address('a-2', '20 Wharf Rd')],
  linkedUpstockCustomerId: null,
};
const link = {
  upstockCustomerId: 'u-1',
  cin7CustomerId: CIN7_ID,
  cin7Name: 'Kiwi Outdoors Ltd',
  currency: 'NZD',
  shippingAddressId: 'a-2',
  shippingAddress: address('a-2', '20 Wharf Rd'),
  billingAddress: null,
  priceTier: 'Wholesale',
  discount: 0,
  salesRepresentative: null,
  orderingBlockedReason: null,
  updatedAt: '2026-11-27T10:00:00.000Z',
};

const noneLinked = {
  'GET /customers/linked': { body: { items: [], total: 0, limit: 25, offset: 0 } },
};
const linkedPage = (items: unknown[], total = items.length) => ({
  'GET /customers/linked': { body: { items, total, limit: 25, offset: 0 } },
});
const none = { body: { items: [], total: 0, limit: 25, offset: 0 } };

async function openMatcherAndSearch(user: ReturnType<typeof renderSection>['user']) {
  await user.click(await screen.findByRole('button', { name: 'Match Kiwi Outdoors' }));
  await user.click(screen.getByRole('button', { name: 'Search Cin7' }));
  await user.click(await screen.findByRole('radio', { name: /Kiwi Outdoors Ltd/ }));
}

describe('CustomersSection', () => {
  it('lists the unmatched Upstock customers', async () => {
    renderSection(<CustomersSection />, { ...noneLinked, 'GET /customers/unmatched': { body: unmatched } });
    const list = await screen.findByRole('list', { name: 'Unmatched customers' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByText('2 unmatched customers.')).toBeInTheDocument();
  });

  it('says when every customer is linked', async () => {
    renderSection(<CustomersSection />, {
      ...linkedPage([{ ...link, upstockName: 'Kiwi Outdoors' }]),
      'GET /customers/unmatched': { body: { items: [], total: 0, limit: 25, offset: 0 } },
    });
    expect(await screen.findByText('Every Upstock customer is linked to Cin7.')).toBeInTheDocument();
  });

  it('searches Cin7 and asks for a shipping address when the customer has several', async () => {
    const { fake, user } = renderSection(<CustomersSection />, {
      ...noneLinked,
      'GET /customers/unmatched': { body: unmatched },
      'GET /customers/search': { body: { items: [kiwiInCin7] } },
      'PUT /customers/u-1/link': { body: link },
    });
    await openMatcherAndSearch(user);
    expect(fake.calls.some((c) => c.path === '/customers/search?q=Kiwi+Outdoors')).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Link to Kiwi Outdoors Ltd' }));
    expect(screen.getByText(/has several shipping addresses in Cin7: choose one/)).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /1 Queen St/ })).toHaveFocus();
    expect(fake.calls.some((c) => c.method === 'PUT')).toBe(false);

    await user.click(screen.getByRole('radio', { name: /20 Wharf Rd/ }));
    await user.click(screen.getByRole('button', { name: 'Link to Kiwi Outdoors Ltd' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Kiwi Outdoors is linked to Kiwi Outdoors Ltd in Cin7 (ships to 20 Wharf Rd, Auckland, 1010, New Zealand).',
    );
    expect(fake.calls.find((c) => c.method === 'PUT')?.body).toEqual({
      cin7CustomerId: CIN7_ID,
      shippingAddressId: 'a-2',
    });
  });

  it('shows the address choices a 400 names, next to the addresses', async () => {
    const single = { ...kiwiInCin7, shippingAddresses: [address('a-1', '1 Queen St')] };
    const { user } = renderSection(<CustomersSection />, {
      ...noneLinked,
      'GET /customers/unmatched': { body: unmatched },
      'GET /customers/search': { body: { items: [single] } },
      'PUT /customers/u-1/link': {
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message: 'Kiwi Outdoors Ltd has 2 shipping addresses in Cin7: choose one.',
          field: 'shippingAddressId',
          details: { shippingAddresses: [address('a-1', '1 Queen St'), address('a-3', '5 Dock Lane')] },
        },
      },
    });
    await openMatcherAndSearch(user);
    await user.click(screen.getByRole('button', { name: 'Link to Kiwi Outdoors Ltd' }));
    expect(
      await screen.findByText('Kiwi Outdoors Ltd has 2 shipping addresses in Cin7: choose one.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /5 Dock Lane/ })).toBeInTheDocument();
  });

  it('says when Cin7 has no match, and when the search fails', async () => {
    const { fake, user } = renderSection(<CustomersSection />, {
      ...noneLinked,
      'GET /customers/unmatched': { body: unmatched },
      'GET /customers/search': { body: { items: [] } },
    });
    await user.click(await screen.findByRole('button', { name: 'Match Kiwi Outdoors' }));
    await user.click(screen.getByRole('button', { name: 'Search Cin7' }));
    expect(await screen.findByText(/No Cin7 customer matches “Kiwi Outdoors”/)).toBeInTheDocument();

    fake.on(
      'GET /customers/search',
      apiError(503, 'Cin7 is limiting calls right now (60 a minute). Try again in a minute.'),
    );
    const box = screen.getByRole('searchbox', { name: 'Search Cin7 customers for Kiwi Outdoors' });
    await user.clear(box);
    await user.type(box, 'sam@kiwi.example');
    await user.click(screen.getByRole('button', { name: 'Search Cin7' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Cin7 is limiting calls right now');
  });

  it('says so when customers cannot be loaded', async () => {
    renderSection(<CustomersSection />, { ...noneLinked, 'GET /customers/unmatched': { status: 0 } });
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load your customers.');
  });

  it('says there are no customers at all, rather than "every customer is linked", before any import', async () => {
    renderSection(<CustomersSection />, { ...noneLinked, 'GET /customers/unmatched': none });
    expect(await screen.findByText(/You have no Upstock customers yet/)).toBeInTheDocument();
    expect(screen.getByText(/No customer is linked to Cin7 yet/)).toBeInTheDocument();
    expect(screen.queryByText('Every Upstock customer is linked to Cin7.')).not.toBeInTheDocument();
  });

  it('lists linked customers with where they ship, pages on the server, and unlinks after a confirmation', async () => {
    const row = { ...link, upstockName: 'Kiwi Outdoors' };
    const { fake, user } = renderSection(<CustomersSection />, {
      ...linkedPage([row], 60),
      'GET /customers/unmatched': none,
      'DELETE /customers/u-1/link': { status: 204 },
    });
    const list = await screen.findByRole('list', { name: 'Linked customers' });
    expect(within(list).getByText('Kiwi Outdoors', { selector: 'strong' })).toBeInTheDocument();
    expect(within(list).getByText('Ships to 20 Wharf Rd, Auckland, 1010, New Zealand')).toBeInTheDocument();
    expect(screen.getByText('Showing 1–25 of 60')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(fake.calls.some((c) => c.path === '/customers/linked?limit=25&offset=25')).toBe(true);

    await user.click(await screen.findByRole('button', { name: 'Unlink Kiwi Outdoors' }));
    expect(fake.calls.some((c) => c.method === 'DELETE')).toBe(false);
    const confirm = screen.getByRole('group', { name: 'Unlink Kiwi Outdoors' });
    expect(confirm).toHaveTextContent('Its orders cannot be sent to Cin7 until it is linked again');
    await user.click(within(confirm).getByRole('button', { name: 'Unlink Kiwi Outdoors' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Kiwi Outdoors is no longer linked to Kiwi Outdoors Ltd.',
    );
    expect(fake.calls.some((c) => c.method === 'DELETE' && c.path === '/customers/u-1/link')).toBe(true);
  });

  it('changes the shipping address of a linked customer from the choices Cin7 holds today', async () => {
    const row = { ...link, upstockName: 'Kiwi Outdoors' };
    const { fake, user } = renderSection(<CustomersSection />, {
      ...linkedPage([row]),
      'GET /customers/unmatched': none,
      'GET /customers/u-1/link/addresses': {
        body: { current: 'a-2', items: [address('a-1', '1 Queen St'), address('a-2', '20 Wharf Rd')] },
      },
      'PUT /customers/u-1/link': {
        body: { ...link, shippingAddressId: 'a-1', shippingAddress: address('a-1', '1 Queen St') },
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Change address for Kiwi Outdoors' }));
    expect(await screen.findByRole('radio', { name: /20 Wharf Rd/ })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Use this address' })).toBeDisabled();
    await user.click(screen.getByRole('radio', { name: /1 Queen St/ }));
    await user.click(screen.getByRole('button', { name: 'Use this address' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      "Kiwi Outdoors's orders now ship to 1 Queen St, Auckland, 1010, New Zealand.",
    );
    expect(fake.calls.find((c) => c.method === 'PUT')?.body).toEqual({
      cin7CustomerId: CIN7_ID,
      shippingAddressId: 'a-1',
    });
  });

  it('offers to move a link the Cin7 customer holds elsewhere, and moves it when confirmed', async () => {
    const single = {
      ...kiwiInCin7,
      shippingAddresses: [address('a-1', '1 Queen St')],
      linkedUpstockCustomerId: 'u-9',
    };
    const { fake, user } = renderSection(<CustomersSection />, {
      ...noneLinked,
      'GET /customers/unmatched': { body: unmatched },
      'GET /customers/search': { body: { items: [single] } },
      'PUT /customers/u-1/link': (call) =>
        (call.body as { move?: boolean }).move
          ? { body: link }
          : {
              status: 409,
              body: {
                statusCode: 409,
                error: 'Linked Elsewhere',
                message:
                  'Cin7 customer "Kiwi Outdoors Ltd" is linked to "Kiwi Old Branch". Move the link to "Kiwi Outdoors"? "Kiwi Old Branch" will no longer be linked.',
                field: 'cin7CustomerId',
                details: {
                  linkedUpstockCustomerId: 'u-9',
                  linkedUpstockCustomerName: 'Kiwi Old Branch',
                  cin7Name: 'Kiwi Outdoors Ltd',
                },
              },
            },
    });
    await openMatcherAndSearch(user);
    expect(screen.getByRole('radio', { name: /linked to another Upstock customer/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Link to Kiwi Outdoors Ltd' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'is linked to "Kiwi Old Branch". Move the link',
    );
    expect(screen.getByRole('button', { name: 'Keep it with Kiwi Old Branch' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Move the link to Kiwi Outdoors' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Kiwi Old Branch is no longer linked.');
    expect(fake.calls.filter((c) => c.method === 'PUT').map((c) => c.body)).toEqual([
      { cin7CustomerId: CIN7_ID, shippingAddressId: 'a-1' },
      { cin7CustomerId: CIN7_ID, shippingAddressId: 'a-1', move: true },
    ]);
  });
});
