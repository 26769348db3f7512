import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_ACCOUNTS, type RunningSandbox, SEED_SIZES, startSandbox } from '@upstock/cin7-sandbox';
import { Cin7AuthError, Cin7Client, type Cin7Customer, unlimitedBudget } from '../../src/index.js';
import { memoryLogger } from './support/stub-server.js';

// The client against the real sandbox over HTTP: every read resource, parsed by the client's own schemas.

const [NZ, AU] = DEMO_ACCOUNTS;

describe('client against the sandbox: me, customers, products, reference', () => {
  let sandbox: RunningSandbox;
  let client: Cin7Client;
  const logger = memoryLogger();

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 'small', rateLimit: { enabled: false } });
    client = new Cin7Client({ ...NZ, baseUrl: sandbox.baseUrl, budget: unlimitedBudget, logger });
  });
  afterAll(() => sandbox.close());

  it('reads /me and company contacts', async () => {
    const me = await client.me.get();
    // Dates "Formatted in Tenant date format" (BP L3997-3998) are read as text: a tenant showing 31/03/2024 connects.
    expect(me).toMatchObject({ Company: NZ.company, Currency: 'NZD', OpeningBalanceDate: '31/03/2024' });
    const contacts = await client.me.contacts();
    expect(contacts.length).toBeGreaterThan(0);
    expect(contacts.every((c) => typeof c.Name === 'string')).toBe(true);
  });

  it('keeps the two accounts apart, and refuses crossed credentials with Cin7AuthError', async () => {
    const au = new Cin7Client({ ...AU, baseUrl: sandbox.baseUrl, budget: unlimitedBudget });
    await expect(au.me.get()).resolves.toMatchObject({ Company: AU.company, Currency: 'AUD' });
    const crossed = new Cin7Client({
      accountId: NZ.accountId,
      apiKey: AU.apiKey,
      baseUrl: sandbox.baseUrl,
      budget: unlimitedBudget,
    });
    const err = await crossed.me.get().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Cin7AuthError);
    expect((err as Cin7AuthError).status).toBe(403);
    expect((err as Cin7AuthError).cin7Message).toBe('Incorrect credentials!');
  });

  it('pages every customer with addresses, contacts and product prices', async () => {
    const customers: Cin7Customer[] = [];
    for await (const page of client.customers.pages({ IncludeProductPrices: true, Limit: 7 })) {
      expect(page.limit).toBe(7);
      customers.push(...page.items);
    }
    const first = await client.customers.list({ Limit: 1 });
    expect(customers).toHaveLength(first.total);
    expect(new Set(customers.map((c) => c.ID)).size).toBe(customers.length);
    const withAddress = customers.find((c) => c.Addresses.length > 0);
    expect(withAddress?.Addresses[0]).toEqual(
      expect.objectContaining({ Type: expect.any(String), DefaultForType: expect.any(Boolean) }),
    );
    for (const c of customers) {
      expect(c.ID).toBe(c.ID.toLowerCase());
      expect(c.LastModifiedOn).toBeInstanceOf(Date);
    }
  });

  it('gets a customer by ID (any case) and answers null for an unknown one', async () => {
    const { items } = await client.customers.list({ Limit: 1 });
    const known = items[0];
    if (known === undefined) throw new Error('seed has no customers');
    await expect(client.customers.get(known.ID.toUpperCase())).resolves.toMatchObject({ ID: known.ID });
    await expect(client.customers.get('00000000-0000-4000-8000-00000000dead')).resolves.toBeNull();
  });

  it('searches customers by name prefix and by contact email', async () => {
    const { items } = await client.customers.list({ Limit: 5 });
    const withEmail = items.find((c) => c.Contacts.some((k) => k.Email));
    const customer = withEmail ?? items[0];
    if (customer === undefined) throw new Error('seed has no customers');
    const byName = await client.customers.search(customer.Name.slice(0, 4));
    expect(byName.map((c) => c.ID)).toContain(customer.ID);
    expect(
      byName.every((c) => c.Name.toLowerCase().startsWith(customer.Name.slice(0, 4).toLowerCase())),
    ).toBe(true);
    const email = customer.Contacts.find((k) => k.Email)?.Email;
    if (email) {
      const byEmail = await client.customers.search(email);
      expect(byEmail.map((c) => c.ID)).toContain(customer.ID);
    }
  });

  it('pages products with attachments and custom prices, and filters by SKU and ModifiedSince', async () => {
    let count = 0;
    let withAttachment = 0;
    let total = 0;
    for await (const page of client.products.pages({
      IncludeAttachments: true,
      IncludeCustomPrices: true,
      IncludeDeprecated: true,
      Limit: 20,
    })) {
      total = page.total;
      count += page.items.length;
      for (const p of page.items) {
        if (p.Attachments.length > 0) withAttachment++;
        expect(typeof p.SKU).toBe('string');
        expect(p.PriceTier1 === null || typeof p.PriceTier1 === 'number').toBe(true);
      }
    }
    expect(count).toBe(total);
    expect(count).toBe(SEED_SIZES.small.products);
    expect(client.callCounts()['GET product']).toBe(Math.ceil(SEED_SIZES.small.products / 20));
    expect(withAttachment).toBeGreaterThan(0);

    const sample = (await client.products.list({ Limit: 3, IncludeAttachments: true })).items[2];
    if (sample === undefined) throw new Error('seed has no products');
    const bySku = await client.products.list({ Sku: sample.SKU });
    expect(bySku.items.map((p) => p.ID)).toContain(sample.ID);
    await expect(client.products.get(sample.ID, { IncludeAttachments: true })).resolves.toMatchObject({
      SKU: sample.SKU,
    });
    const future = await client.products.list({ ModifiedSince: new Date(Date.now() + 365 * 86_400_000) });
    expect(future.items).toHaveLength(0);
  });

  it('reads every reference book', async () => {
    const tiers = await client.reference.priceTiers();
    expect(tiers.map((t) => t.Code)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const [taxRules, locations, carriers, terms, discounts, deals] = await Promise.all([
      client.reference.taxRules(),
      client.reference.locations(),
      client.reference.carriers(),
      client.reference.paymentTerms(),
      client.reference.discountRules(),
      client.reference.deals(),
    ]);
    expect(taxRules.length).toBeGreaterThan(0);
    expect(locations.some((l) => l.IsDefault)).toBe(true);
    expect(carriers.every((c) => c.Description.length > 0)).toBe(true);
    expect(terms.length).toBeGreaterThan(0);
    expect(Array.isArray(discounts)).toBe(true);
    expect(Array.isArray(deals)).toBe(true);
    expect(logger.text().toLowerCase()).not.toContain(NZ.apiKey.toLowerCase());
  });
});
