import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningSandbox, SEED_SIZES, startSandbox } from '../src/index.js';
import { AU, apiFor } from './sandbox-test-kit.js';

type Row = Record<string, unknown>;

describe('sandbox: seeds', () => {
  let sandbox: RunningSandbox;
  let api: ReturnType<typeof apiFor>;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'small', rateLimit: { enabled: false } });
    api = apiFor(sandbox);
  });
  afterAll(() => sandbox.close());

  const totals = async (client = api) => ({
    products: (await client<{ Total: number }>('GET', 'product?IncludeDeprecated=true&Limit=1')).body.Total,
    customers: (await client<{ Total: number }>('GET', 'customer?IncludeDeprecated=true&Limit=1')).body.Total,
  });

  it.each(['small', 'medium', 'large'] as const)(
    'seeds %s with the documented volume in the first account',
    async (seed) => {
      await sandbox.admin.reset(seed);
      expect(await totals()).toEqual(SEED_SIZES[seed]);
      expect(await totals(apiFor(sandbox, AU))).toEqual(SEED_SIZES.small);
    },
  );

  it('pages through the large seed at 1000 a page', async () => {
    await sandbox.admin.reset('large');
    const last = await api<{ Products: Row[]; Page: number }>(
      'GET',
      'product?IncludeDeprecated=true&Limit=1000&Page=10',
    );
    expect(last.body.Products).toHaveLength(1000);
    const beyond = await api<{ Products: Row[] }>('GET', 'product?IncludeDeprecated=true&Limit=1000&Page=11');
    expect(beyond.body.Products).toHaveLength(0);
  });

  it('generates the same data on every start', async () => {
    await sandbox.admin.reset('small');
    const other = await startSandbox({ seed: 'small', rateLimit: { enabled: false } });
    try {
      const path = 'product?IncludeDeprecated=true&Limit=1000&IncludeCustomPrices=true';
      const a = await api('GET', path);
      const b = await apiFor(other)('GET', path);
      expect(b.body).toEqual(a.body);
      const c = await api('GET', 'customer?Limit=1000');
      expect((await apiFor(other)('GET', 'customer?Limit=1000')).body).toEqual(c.body);
    } finally {
      await other.close();
    }
  });

  it('generates varied customers: several shipping addresses, foreign currencies, deprecated ones', async () => {
    await sandbox.admin.reset('medium');
    const all = (await api<{ CustomerList: Row[] }>('GET', 'customer?IncludeDeprecated=true&Limit=500')).body
      .CustomerList;
    expect(all.some((c) => (c.Addresses as Row[]).filter((a) => a.Type === 'Shipping').length >= 2)).toBe(
      true,
    );
    expect(all.some((c) => c.Currency !== 'NZD')).toBe(true);
    expect(all.some((c) => c.Status === 'Deprecated')).toBe(true);
    expect(all.some((c) => c.SalesRepresentative === '')).toBe(true);
  });

  it('adds a customer through the admin API, listed by the API with its addresses and contact', async () => {
    await sandbox.admin.reset('small');
    const before = (await totals()).customers;
    const added = await sandbox.admin.addCustomer(0, {
      name: 'Bench Extra 0001 Ltd',
      email: 'buyer@extra0001.example',
      city: 'Nelson',
    });
    expect((await totals()).customers).toBe(before + 1);
    const found = (
      await api<{ CustomerList: Row[] }>('GET', `customer?Name=${encodeURIComponent('Bench Extra 0001')}`)
    ).body.CustomerList;
    expect(found).toEqual([
      expect.objectContaining({
        ID: added.ID,
        Name: 'Bench Extra 0001 Ltd',
        Status: 'Active',
        Currency: 'NZD',
        Addresses: expect.arrayContaining([
          expect.objectContaining({ Type: 'Shipping', City: 'Nelson', DefaultForType: true }),
        ]),
        Contacts: [expect.objectContaining({ Email: 'buyer@extra0001.example' })],
      }),
    ]);
    const refused = await fetch(`${sandbox.url}/admin/accounts/0/customers`, {
      method: 'POST',
      body: JSON.stringify({ email: 'nameless@example.com' }),
    });
    expect(refused.status).toBe(400);
  });

  it('keeps reference books in the empty seed', async () => {
    await sandbox.admin.reset('empty');
    expect(await totals()).toEqual({ products: 0, customers: 0 });
    expect((await api<{ PriceTiers: Row[] }>('GET', 'ref/priceTier')).body.PriceTiers).toHaveLength(10);
  });
});
