import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_ACCOUNTS, type RunningSandbox, startSandbox } from '../src/index.js';
import { AU, apiFor, NZ } from './sandbox-test-kit.js';

type Row = Record<string, unknown>;

describe('sandbox: auth, envelopes and catalog', () => {
  let sandbox: RunningSandbox;
  let api: ReturnType<typeof apiFor>;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'demo', rateLimit: { enabled: false } });
    api = apiFor(sandbox);
  });
  afterAll(() => sandbox.close());

  it('exposes two fixed demo accounts with NZD and AUD base currencies', () => {
    expect(DEMO_ACCOUNTS.map((a) => a.currency)).toEqual(['NZD', 'AUD']);
    expect(sandbox.baseUrl).toBe(`${sandbox.url}/ExternalApi/v2/`);
  });

  it('refuses missing or wrong credentials with 403 and Cin7 body', async () => {
    const none = await fetch(`${sandbox.baseUrl}me`);
    expect(none.status).toBe(403);
    expect(await none.json()).toEqual([{ ErrorCode: 403, Exception: 'Incorrect credentials!' }]);
    const crossed = await apiFor(sandbox, { accountId: NZ.accountId, apiKey: AU.apiKey })('GET', 'me');
    expect(crossed.status).toBe(403);
  });

  it('answers /me per account', async () => {
    const nz = await api<Row>('GET', 'me');
    expect(nz.status).toBe(200);
    expect(nz.body).toMatchObject({ Company: NZ.company, Currency: 'NZD', TimeZone: 'Pacific/Auckland' });
    const au = await apiFor(sandbox, AU)<Row>('GET', 'me');
    expect(au.body).toMatchObject({ Company: AU.company, Currency: 'AUD' });
  });

  it('treats paths and query names case-insensitively', async () => {
    const a = await api<Row>('GET', 'Customer?name=Kiwi');
    const b = await fetch(`${sandbox.url}/externalapi/v2/CUSTOMER?NAME=Kiwi`, {
      headers: { 'api-auth-accountid': NZ.accountId, 'api-auth-applicationkey': NZ.apiKey },
    });
    expect(a.status).toBe(200);
    expect(await b.json()).toEqual(a.body);
    expect(a.body.Total).toBe(1);
  });

  it('pages with Total/Page envelopes and refuses Limit over 1000', async () => {
    const first = await api<{ Total: number; Page: number; Products: Row[] }>(
      'GET',
      'product?Page=1&Limit=5',
    );
    const second = await api<{ Total: number; Page: number; Products: Row[] }>(
      'GET',
      'product?page=2&limit=5',
    );
    expect(first.body.Products).toHaveLength(5);
    expect(second.body.Page).toBe(2);
    expect(second.body.Products[0]?.ID).not.toBe(first.body.Products[0]?.ID);
    expect(first.body.Total).toBe(11); // 12 seeded, one deprecated
    const tooBig = await api('GET', 'product?Limit=1001');
    expect(tooBig.status).toBe(400);
    expect(tooBig.body).toEqual([{ ErrorCode: 400, Exception: expect.any(String) }]);
    // The Blueprint's 1..1000 holds whatever Include* flags are asked for (BP L98-104, L5274): no other cap.
    expect((await api('GET', 'product?Limit=1001&IncludeAttachments=true')).status).toBe(400);
    expect((await api('GET', 'product?Limit=1000&IncludeAttachments=true')).status).toBe(200);
  });

  it('answers 404 for unknown endpoints and 405 for unsupported methods', async () => {
    expect((await api('GET', 'Products')).status).toBe(404);
    expect((await api('DELETE', 'me')).status).toBe(405);
  });

  it('filters customers by name prefix, contact name or exact email, and deprecation', async () => {
    const byContact = await api<{ CustomerList: Row[] }>('GET', 'customer?ContactFilter=Sam');
    expect(byContact.body.CustomerList.map((c) => c.Name)).toEqual(['Kiwi Outdoors Ltd']);
    const byEmail = await api<{ CustomerList: Row[] }>(
      'GET',
      'customer?ContactFilter=priya@harbourcafe.example',
    );
    expect(byEmail.body.CustomerList.map((c) => c.Name)).toEqual(['Harbour Cafe Group Ltd']);
    const partialEmail = await api<{ Total: number }>('GET', 'customer?ContactFilter=harbourcafe.example');
    expect(partialEmail.body.Total).toBe(0);
    const active = await api<{ Total: number }>('GET', 'customer');
    const all = await api<{ Total: number }>('GET', 'customer?IncludeDeprecated=true');
    expect(all.body.Total).toBe(active.body.Total + 1);
  });

  it('renders customers with addresses, contacts, tiers and optional product prices', async () => {
    const res = await api<{ CustomerList: Row[] }>('GET', 'customer?Name=Kiwi&IncludeProductPrices=true');
    const kiwi = res.body.CustomerList[0] as Row;
    expect(kiwi).toMatchObject({
      PriceTier: 'Wholesale',
      SalesRepresentative: 'Jane Rep',
      Currency: 'NZD',
      Status: 'Active',
    });
    expect((kiwi.Addresses as Row[]).filter((a) => a.Type === 'Shipping')).toHaveLength(2);
    expect((kiwi.Contacts as Row[]).find((c) => c.Default)?.Name).toBe('Sam Buyer');
    expect(kiwi.ProductPrices).toEqual(
      expect.arrayContaining([expect.objectContaining({ ProductSKU: 'TENT-2P', Price: 185 })]),
    );
    expect(String(kiwi.LastModifiedOn)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/);
  });

  it('renders products with ten tiers, PriceTiers by name, attachments served by the sandbox', async () => {
    const res = await api<{ Products: Row[] }>(
      'GET',
      'product?Sku=TENT-2P&IncludeAttachments=true&IncludeCustomPrices=true',
    );
    const tent = res.body.Products[0] as Row;
    expect(tent.PriceTier1).toBe(249);
    expect(tent.PriceTier10).toBeDefined();
    expect(tent.PriceTiers).toMatchObject({ Retail: 249, Wholesale: 199.2 });
    expect(tent.DiscountRule).toBe('Tent volume discount');
    expect(tent.Description).toContain('<p>');
    const attachments = tent.Attachments as Row[];
    const image = attachments.find((a) => a.IsDefault === true) as Row;
    expect(image.ContentType).toBe('image/png');
    const png = await fetch(String(image.DownloadUrl));
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect(tent.CustomPrices).toEqual(
      expect.arrayContaining([expect.objectContaining({ CustomerName: 'Kiwi Outdoors Ltd', Price: 185 })]),
    );
    const bare = await api<Row[]>('GET', `product/attachments?ProductID=${tent.ID}`);
    expect(bare.body.map((a) => a.IsDefault)).toEqual(['true', 'false']);
  });

  it('filters products by ModifiedSince and hides deprecated ones unless asked', async () => {
    const all = await api<{ Total: number }>('GET', 'product?IncludeDeprecated=true');
    expect(all.body.Total).toBe(12);
    const recent = await api<{ Total: number }>('GET', 'product?ModifiedSince=2025-01-06T21:05:00');
    expect(recent.body.Total).toBeLessThan(11);
    expect(recent.body.Total).toBeGreaterThan(0);
  });

  it('serves reference books with Cin7 list keys', async () => {
    const tiers = await api<{ PriceTiers: Row[] }>('GET', 'ref/priceTier');
    expect(tiers.body.PriceTiers).toHaveLength(10);
    expect(tiers.body.PriceTiers[0]).toEqual({ Code: 1, Name: 'Retail' });
    expect(Object.keys(tiers.body)).toEqual(['PriceTiers']);
    expect((await api<Row>('GET', 'ref/tax')).body).toHaveProperty('TaxRuleList');
    expect((await api<Row>('GET', 'ref/location')).body).toHaveProperty('LocationList');
    expect((await api<Row>('GET', 'ref/carrier')).body).toHaveProperty('CarrierList');
    expect((await api<Row>('GET', 'ref/paymentterm')).body).toHaveProperty('PaymentTermList');
    const discounts = await api<{ DiscountRules: Row[] }>('GET', 'reference/discount');
    expect(discounts.body.DiscountRules.map((d) => d.Type)).toEqual(['QuantityBased', 'Simple']);
    expect((await api<{ Deals: Row[] }>('GET', 'reference/deals')).body.Deals).toHaveLength(1);
    const contacts = await api<{ MeContactsList: Row[] }>('GET', 'me/contacts');
    expect(contacts.body.MeContactsList.filter((c) => c.Type === 'Sale').map((c) => c.Name)).toContain(
      'API Sales',
    );
  });

  it('keeps the two accounts apart', async () => {
    const au = apiFor(sandbox, AU);
    const nzTent = await api<{ Products: Row[] }>('GET', 'product?Sku=TENT-2P');
    const auLookup = await au<{ Total: number }>('GET', `product?ID=${nzTent.body.Products[0]?.ID}`);
    expect(auLookup.body.Total).toBe(0);
    const auTiers = await au<{ PriceTiers: Row[] }>('GET', 'ref/priceTier');
    expect(auTiers.body.PriceTiers[1]?.Name).toBe('Trade');
  });
});
