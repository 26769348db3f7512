import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DEMO_ACCOUNTS, type RunningSandbox, startSandbox, withMoney } from '@upstock/cin7-sandbox';
import {
  Cin7Client,
  Cin7ConnectionError,
  type Cin7Customer,
  type Cin7Product,
  type Cin7SaleLineInput,
  Cin7TimeoutError,
  Cin7ValidationError,
  isUncertainWriteOutcome,
  unlimitedBudget,
} from '../../src/index.js';

// The order-push path against the sandbox over HTTP: header, lines and freight, fulfilment, listing, void, and the
// uncertain write outcomes the push must survive (response lost after the write, timeout).

const [NZ, AU] = DEMO_ACCOUNTS;

describe('client against the sandbox: sales and webhooks', () => {
  let sandbox: RunningSandbox;
  let client: Cin7Client;
  let customer: Cin7Customer;
  let products: Cin7Product[];
  let location: string;
  let taxRule: string;
  let external = 0;

  const line = (p: Cin7Product, quantity: number): Cin7SaleLineInput => {
    const price = p.PriceTier1 ?? 10;
    return {
      ProductID: p.ID,
      SKU: p.SKU,
      Name: p.Name,
      Quantity: quantity,
      Price: price,
      Discount: 0,
      Tax: 0,
      TaxRule: taxRule,
      Total: Math.round(quantity * price * 10_000) / 10_000,
    };
  };

  const newHeader = () => ({
    CustomerID: customer.ID,
    Location: location,
    SkipQuote: true,
    ExternalID: `upstock-order-${++external}`,
    CustomerReference: `PO-${external}`,
    SaleOrderDate: '2025-06-20',
    ShipBy: '2025-07-01',
    ShippingNotes: 'Leave at reception',
  });

  beforeAll(async () => {
    sandbox = await startSandbox({
      port: 0,
      seed: 'small',
      rateLimit: { enabled: false },
      webhooks: { enabled: false },
    });
    client = new Cin7Client({ ...NZ, baseUrl: sandbox.baseUrl, budget: unlimitedBudget, timeoutMs: 2_000 });
    const customers = await client.customers.list({ Limit: 50 });
    const found = customers.items.find((c) => c.Currency === 'NZD');
    if (found === undefined) throw new Error('seed has no NZD customer');
    customer = found;
    products = (await client.products.list({ Limit: 3 })).items.filter((p) => p.Type !== 'Service');
    const locations = await client.reference.locations();
    location = (locations.find((l) => l.IsDefault) ?? locations[0])?.Name ?? 'Main Warehouse';
    taxRule = customer.TaxRule ?? (await client.reference.taxRules())[0]?.Name ?? '';
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.admin.clearFaults().then(() => undefined));

  it('creates a sale, saves lines and freight, picks, packs and ships it with tracking', async () => {
    const header = newHeader();
    const created = await client.sales.create(header);
    expect(created.ID).toBe(created.ID.toLowerCase());
    expect(created).toMatchObject({
      ExternalID: header.ExternalID,
      CustomerID: customer.ID,
      ShipBy: '2025-07-01',
    });
    expect(created.SaleOrderDate).toBe('2025-06-20');

    const [p1, p2] = products;
    if (p1 === undefined || p2 === undefined) throw new Error('seed has too few stock products');
    const order = await client.sales.saveOrder(
      withMoney({
        SaleID: created.ID,
        Status: 'AUTHORISED' as const,
        Lines: [line(p1, 2), line(p2, 1)],
        AdditionalCharges: [
          {
            Description: 'Freight',
            Price: 12.5,
            Quantity: 1,
            Discount: 0,
            Tax: 0,
            TaxRule: taxRule,
            Total: 12.5,
          },
        ],
      }),
    );
    expect(order.Status).toBe('AUTHORISED');
    expect(order.Lines).toHaveLength(2);
    expect(order.AdditionalCharges[0]?.Total).toBe(12.5);
    expect(order.Total).toBeGreaterThan(12.5);

    const sale = await client.sales.get(created.ID.toUpperCase());
    const taskId = sale?.Fulfilments[0]?.TaskID;
    if (sale === null || taskId === undefined) throw new Error('authorised sale has no fulfilment task');
    expect(sale.Order?.SaleOrderNumber).toMatch(/\S/);
    expect(sale.LastModifiedOn).toBeInstanceOf(Date);

    const picked = await client.sales.pick({ TaskID: taskId, AutoPickMode: 'AUTOPICK' });
    expect(picked.Status).toBe('AUTHORISED');
    const packed = await client.sales.pack({
      TaskID: taskId,
      Status: 'AUTHORISED',
      Lines: picked.Lines.map((l) => ({
        ProductID: l.ProductID ?? undefined,
        SKU: l.SKU ?? undefined,
        Name: l.Name ?? undefined,
        Location: l.Location ?? undefined,
        Quantity: l.Quantity ?? 0,
        Box: 'Box 1',
      })),
    });
    expect(packed.Status).toBe('AUTHORISED');
    const shipped = await client.sales.ship({
      TaskID: taskId,
      Status: 'AUTHORISED',
      Lines: [
        {
          ShipmentDate: '2025-06-21',
          Carrier: 'NZ Post',
          Box: 'Box 1',
          TrackingNumber: 'NZ123456789',
          IsShipped: true,
        },
      ],
    });
    expect(shipped.Status).toBe('AUTHORISED');
    expect(shipped.Lines[0]).toMatchObject({ TrackingNumber: 'NZ123456789', ShipmentDate: '2025-06-21' });

    const after = await client.sales.get(created.ID);
    expect(after?.CombinedShippingStatus).toBe('SHIPPED');
    expect(after?.Fulfilments[0]?.Ship?.Lines[0]?.TrackingNumber).toBe('NZ123456789');
  });

  it('lists sales by UpdatedSince, Search and ExternalID, over several pages', async () => {
    const since = new Date(Date.now() - 60_000);
    const headers = [newHeader(), newHeader(), newHeader()];
    for (const h of headers) await client.sales.create(h);
    await sandbox.admin.advanceTime(5_000); // saleList lists new sales only after a lag (the sandbox's 5 s)
    const rows = [];
    for await (const page of client.sales.pages({ UpdatedSince: since, Limit: 2 })) rows.push(...page.items);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(
      rows.every((r) => r.Updated instanceof Date && r.Updated >= new Date(since.getTime() - 1_000)),
    ).toBe(true);

    const target = headers[1];
    if (target === undefined) throw new Error('unreachable');
    const found = await client.sales.findByExternalId(target.ExternalID);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      ExternalID: target.ExternalID,
      CustomerReference: target.CustomerReference,
    });
    const bySearch = await client.sales.list({ Search: target.CustomerReference });
    expect(bySearch.items.map((r) => r.SaleID)).toContain(found[0]?.SaleID);
    await expect(client.sales.findByExternalId('never-pushed')).resolves.toEqual([]);
  });

  it('refuses an unknown customer with Cin7ValidationError and reads an unknown sale as null', async () => {
    const err = await client.sales
      .create({ ...newHeader(), CustomerID: '00000000-0000-4000-8000-00000000beef' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Cin7ValidationError);
    expect((err as Cin7ValidationError).status).toBe(400);
    expect((err as Cin7ValidationError).cin7Message).toMatch(/\S/);
    expect(isUncertainWriteOutcome(err)).toBe(false);
    await expect(client.sales.get('00000000-0000-4000-8000-00000000beef')).resolves.toBeNull();
  });

  it('keeps tenants apart: another account cannot see the sale', async () => {
    const created = await client.sales.create(newHeader());
    const au = new Cin7Client({ ...AU, baseUrl: sandbox.baseUrl, budget: unlimitedBudget });
    await expect(au.sales.get(created.ID)).resolves.toBeNull();
  });

  it('voids a sale', async () => {
    const created = await client.sales.create(newHeader());
    const voided = await client.sales.void(created.ID);
    expect(voided.Status).toBe('VOIDED');
  });

  it('a write whose response is lost is not retried; the sale is found by ExternalID, exactly once', async () => {
    const header = newHeader();
    await sandbox.admin.setFaults({ dropResponseAfterWriteRate: 1 });
    const before = client.callCounts()['POST sale'] ?? 0;
    const err = await client.sales.create(header).catch((e: unknown) => e);
    await sandbox.admin.clearFaults();
    expect(err).toBeInstanceOf(Cin7ConnectionError);
    expect(isUncertainWriteOutcome(err)).toBe(true);
    expect(client.callCounts()['POST sale']).toBe(before + 1);
    // Not listed yet (the listing lag), then listed exactly once.
    await expect(client.sales.findByExternalId(header.ExternalID)).resolves.toHaveLength(0);
    await sandbox.admin.advanceTime(5_000);
    await expect(client.sales.findByExternalId(header.ExternalID)).resolves.toHaveLength(1);
    expect((await sandbox.admin.metrics()).duplicateExternalIds).toBe(0);
  });

  it('a write that times out is not retried and is an uncertain outcome', async () => {
    const impatient = new Cin7Client({
      ...NZ,
      baseUrl: sandbox.baseUrl,
      budget: unlimitedBudget,
      timeoutMs: 100,
    });
    await sandbox.admin.setFaults({ timeoutRate: 1 });
    const err = await impatient.sales.create(newHeader()).catch((e: unknown) => e);
    await sandbox.admin.clearFaults();
    expect(err).toBeInstanceOf(Cin7TimeoutError);
    expect(isUncertainWriteOutcome(err)).toBe(true);
    expect(impatient.callCounts()).toEqual({ 'POST sale': 1 });
  });

  it('registers, lists and deletes webhooks', async () => {
    const created = await client.webhooks.create({
      Type: 'Sale/ShipmentAuthorised',
      ExternalURL: 'http://127.0.0.1:9/hooks/cin7',
      IsActive: true,
      ExternalAuthorizationType: 'noauth',
      ExternalHeaders: [{ Key: 'x-upstock-secret', Value: 'per-connection-secret' }],
    });
    expect(created).toMatchObject({
      Type: 'Sale/ShipmentAuthorised',
      ExternalURL: 'http://127.0.0.1:9/hooks/cin7',
    });
    expect((await client.webhooks.list()).map((w) => w.ID)).toContain(created.ID);
    await client.webhooks.delete(created.ID);
    expect((await client.webhooks.list()).map((w) => w.ID)).not.toContain(created.ID);
  });
});
