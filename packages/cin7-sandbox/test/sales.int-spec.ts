import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type RunningSandbox, startSandbox } from '../src/index.js';
import { AU, apiFor, withMoney } from './sandbox-test-kit.js';

type Row = Record<string, unknown>;

/** The sandbox's default saleList lag for new sales (simulated ms). */
const LISTING_LAG_MS = 5000;

describe('sandbox: sales', () => {
  let sandbox: RunningSandbox;
  let api: ReturnType<typeof apiFor>;
  let products: Record<string, Row>;
  let customers: Record<string, Row>;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'demo', rateLimit: { enabled: false } });
    api = apiFor(sandbox);
  });
  beforeEach(async () => {
    await sandbox.admin.reset('demo');
    const p = await api<{ Products: Row[] }>('GET', 'product?Limit=1000');
    products = Object.fromEntries(p.body.Products.map((x) => [String(x.SKU), x]));
    const c = await api<{ CustomerList: Row[] }>('GET', 'customer?Limit=1000');
    customers = Object.fromEntries(c.body.CustomerList.map((x) => [String(x.Name), x]));
  });
  afterAll(() => sandbox.close());

  const kiwiId = () => String(customers['Kiwi Outdoors Ltd']?.ID);
  const line = (sku: string, quantity: number, price: number, discount = 0) => ({
    ProductID: products[sku]?.ID,
    SKU: sku,
    Name: String(products[sku]?.Name),
    Quantity: quantity,
    Price: price,
    Discount: discount,
    TaxRule: 'GST on Income',
    Total: Math.round(quantity * price * (1 - discount / 100) * 10000) / 10000,
  });

  async function createSale(extra: Row = {}) {
    const res = await api<Row>('POST', 'sale', {
      CustomerID: kiwiId(),
      SkipQuote: true,
      Location: 'Main Warehouse',
      CustomerReference: 'PO-1',
      ...extra,
    });
    expect(res.status).toBe(200);
    return res.body;
  }

  it('creates a header as ESTIMATED with the order NOT AVAILABLE, defaults from the customer', async () => {
    const sale = await createSale();
    expect(sale).toMatchObject({
      Status: 'ESTIMATED',
      Type: 'Simple Sale',
      Customer: 'Kiwi Outdoors Ltd',
      PriceTier: 'Wholesale',
      TaxRule: 'GST on Income',
      SalesRepresentative: 'Jane Rep',
      Contact: 'Sam Buyer',
      BaseCurrency: 'NZD',
      CustomerCurrency: 'NZD',
      CombinedShippingStatus: 'NOT AVAILABLE',
    });
    expect((sale.Order as Row).Status).toBe('NOT AVAILABLE');
    expect((sale.ShippingAddress as Row).Line1).toBe('1 Queen St');
    expect(String(sale.SaleOrderDate)).toMatch(/T00:00:00$/);
  });

  it('keeps an explicit sales representative, and creates Advanced sales on request', async () => {
    const sale = await createSale({ SalesRepresentative: 'API Sales', SaleType: 'Advanced' });
    expect(sale).toMatchObject({ SalesRepresentative: 'API Sales', Type: 'Advanced Sale' });
  });

  it('moves DRAFT → ORDERING and AUTHORISED → ORDERED, then refuses a second order POST', async () => {
    const sale = await createSale();
    const draft = await api<Row>(
      'POST',
      'sale/order',
      withMoney({
        SaleID: sale.ID,
        Status: 'DRAFT',
        Lines: [line('TENT-2P', 2, 199, 10)],
      }),
    );
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ Status: 'DRAFT', TotalBeforeTax: 358.2 });
    expect((await api<Row>('GET', `sale?ID=${sale.ID}`)).body.Status).toBe('ORDERING');
    const auth = await api<Row>(
      'PUT',
      'sale/order',
      withMoney({
        SaleID: sale.ID,
        Status: 'AUTHORISED',
        Lines: [line('TENT-2P', 2, 199, 10)],
        AdditionalCharges: [
          { Description: 'Freight', Quantity: 1, Price: 12, Total: 12, TaxRule: 'GST on Income' },
        ],
      }),
    );
    expect(auth.body).toMatchObject({
      Status: 'AUTHORISED',
      TotalBeforeTax: 370.2,
      Tax: 55.53,
      Total: 425.73,
    });
    const got = await api<Row>('GET', `sale?ID=${sale.ID}`);
    expect(got.body).toMatchObject({
      Status: 'ORDERED',
      CombinedPickingStatus: 'NOT PICKED',
      CombinedShippingStatus: 'NOT SHIPPED',
    });
    const again = await api('POST', 'sale/order', withMoney({ SaleID: sale.ID, Status: 'DRAFT', Lines: [] }));
    expect(again.status).toBe(400);
  });

  it('backorders silently when quantity exceeds stock, and then ignores AutoPickPackShipMode', async () => {
    const sale = await createSale();
    await api(
      'POST',
      'sale/order',
      withMoney({
        SaleID: sale.ID,
        Status: 'AUTHORISED',
        AutoPickPackShipMode: 'AUTOPICKPACKSHIP',
        Lines: [line('BAG-ALPINE', 5, 389)],
      }),
    );
    const got = (await api<Row>('GET', `sale?ID=${sale.ID}`)).body;
    expect(got.Status).toBe('BACKORDERED');
    expect(got.CombinedShippingStatus).toBe('NOT SHIPPED');
    expect(((got.Order as Row).Lines as Row[])[0]).toMatchObject({ BackorderQuantity: 2, Backorder: true });
  });

  it('applies AutoPickPackShipMode to simple sales only', async () => {
    const simple = await createSale();
    await api(
      'POST',
      'sale/order',
      withMoney({
        SaleID: simple.ID,
        Status: 'AUTHORISED',
        AutoPickPackShipMode: 'AUTOPICKPACKSHIP',
        Lines: [line('STOVE-MINI', 1, 59.95)],
      }),
    );
    expect((await api<Row>('GET', `sale?ID=${simple.ID}`)).body).toMatchObject({
      Status: 'SHIPPED',
      CombinedPickingStatus: 'PICKED',
      CombinedPackingStatus: 'PACKED',
      CombinedShippingStatus: 'SHIPPED',
      FulFilmentStatus: 'FULFILLED',
    });
    const pickOnly = await createSale();
    await api(
      'POST',
      'sale/order',
      withMoney({
        SaleID: pickOnly.ID,
        Status: 'AUTHORISED',
        AutoPickPackShipMode: 'AUTOPICK',
        Lines: [line('STOVE-MINI', 1, 59.95)],
      }),
    );
    expect((await api<Row>('GET', `sale?ID=${pickOnly.ID}`)).body.Status).toBe('PICKED');
    const advanced = await createSale({ SaleType: 'Advanced' });
    await api(
      'POST',
      'sale/order',
      withMoney({
        SaleID: advanced.ID,
        Status: 'AUTHORISED',
        AutoPickPackShipMode: 'AUTOPICKPACKSHIP',
        Lines: [line('STOVE-MINI', 1, 59.95)],
      }),
    );
    expect((await api<Row>('GET', `sale?ID=${advanced.ID}`)).body).toMatchObject({
      Status: 'ORDERED',
      CombinedPickingStatus: 'NOT PICKED',
    });
    const draft = await createSale();
    await api(
      'POST',
      'sale/order',
      withMoney({
        SaleID: draft.ID,
        Status: 'DRAFT',
        AutoPickPackShipMode: 'AUTOPICKPACKSHIP',
        Lines: [line('STOVE-MINI', 1, 59.95)],
      }),
    );
    expect((await api<Row>('GET', `sale?ID=${draft.ID}`)).body.Status).toBe('ORDERING');
  });

  it('picks, packs and ships through the fulfilment endpoints with TaskID (or the SaleID of a simple sale)', async () => {
    const sale = await createSale({ Carrier: 'NZ Post' });
    await api(
      'POST',
      'sale/order',
      withMoney({
        SaleID: sale.ID,
        Status: 'AUTHORISED',
        Lines: [line('LAMP-HEAD', 3, 64)],
      }),
    );
    const got = (await api<Row>('GET', `sale?ID=${sale.ID}`)).body;
    const taskId = String((got.Fulfilments as Row[])[0]?.TaskID);
    expect((await api('POST', 'sale/fulfilment/pack', { TaskID: taskId, Status: 'AUTHORISED' })).status).toBe(
      400,
    );
    expect(
      (await api<Row>('POST', 'sale/fulfilment/pick', { TaskID: sale.ID, AutoPickMode: 'AUTOPICK' })).body
        .Status,
    ).toBe('AUTHORISED');
    expect(
      (await api<Row>('POST', 'sale/fulfilment/pack', { TaskID: taskId, Status: 'AUTHORISED' })).body.Status,
    ).toBe('AUTHORISED');
    const shipped = await api<Row>('POST', 'sale/fulfilment/ship', {
      TaskID: taskId,
      Status: 'AUTHORISED',
      Lines: [
        {
          ShipmentDate: '2025-06-04T00:00:00',
          Carrier: 'NZ Post',
          Box: 'Box 1',
          TrackingNumber: 'NZ123',
          IsShipped: true,
        },
      ],
    });
    expect(shipped.status).toBe(200);
    const after = (await api<Row>('GET', `sale?ID=${sale.ID}`)).body;
    expect(after).toMatchObject({
      Status: 'SHIPPED',
      CombinedShippingStatus: 'SHIPPED',
      CombinedTrackingNumbers: 'NZ123',
    });
    const retrack = await api('PUT', 'sale/fulfilment/ship', {
      TaskID: taskId,
      AddTrackingNumbers: true,
      Status: 'AUTHORISED',
      Lines: [{ ShipmentDate: '2025-06-04', Box: 'Box 1', TrackingNumber: 'NZ999', Carrier: 'NZ Post' }],
    });
    expect(retrack.status).toBe(200);
    expect((await api<Row>('GET', `sale?ID=${sale.ID}`)).body.CombinedTrackingNumbers).toBe('NZ999');
  });

  it('voids with DELETE /sale?Void=true and bumps Updated on every change', async () => {
    const sale = await createSale();
    await sandbox.admin.advanceTime(LISTING_LAG_MS);
    const before = (
      await api<{ SaleList: Row[] }>('GET', `saleList?Search=${(sale.Order as Row).SaleOrderNumber}`)
    ).body.SaleList[0];
    await sandbox.admin.advanceTime(1000);
    const voided = await api<Row>('DELETE', `sale?ID=${sale.ID}&Void=true`);
    expect(voided.body.Status).toBe('VOIDED');
    const after = (
      await api<{ SaleList: Row[] }>(
        'GET',
        `saleList?ExternalID=&Search=${(sale.Order as Row).SaleOrderNumber}`,
      )
    ).body.SaleList[0];
    expect(Date.parse(String(after?.Updated))).toBeGreaterThan(Date.parse(String(before?.Updated)));
    expect(
      (await api('POST', 'sale/order', withMoney({ SaleID: sale.ID, Status: 'DRAFT', Lines: [] }))).status,
    ).toBe(400);
  });

  it('validates like Cin7 with 400 error bodies', async () => {
    const expect400 = async (path: string, body: unknown, text: RegExp) => {
      const res = await api<Row[]>('POST', path, body);
      expect(res.status).toBe(400);
      expect(res.body[0]).toEqual({ ErrorCode: 400, Exception: expect.stringMatching(text) });
    };
    await expect400('sale', { Customer: 'Nobody Ltd', Location: 'Main Warehouse' }, /Customer/);
    await expect400('sale', { CustomerID: kiwiId() }, /Location/);
    await expect400('sale', { CustomerID: kiwiId(), Location: 'Moon Base' }, /Location/);
    await expect400('sale', { CustomerID: kiwiId(), Location: 'Main Warehouse', TaxRule: 'VAT' }, /Tax rule/);
    const pacific = String(customers['Pacific Retail Co Pty Ltd']?.ID);
    await expect400('sale', { CustomerID: pacific, Location: 'Main Warehouse' }, /CurrencyRate/);
    const foreign = await createSale({ CustomerID: pacific, CurrencyRate: '1.08123' });
    expect(foreign).toMatchObject({ CustomerCurrency: 'AUD', CurrencyRate: 1.08123 });
    const sale = await createSale();
    await expect400(
      'sale/order',
      withMoney({ SaleID: sale.ID, Status: 'DRAFT', Lines: [{ ...line('TENT-2P', 2, 199), Total: 400 }] }),
      /Total/,
    );
    await expect400(
      'sale/order',
      withMoney({
        SaleID: sale.ID,
        Status: 'DRAFT',
        Lines: [{ ...line('TENT-2P', 1, 1), ProductID: '00000000-0000-0000-0000-000000000001' }],
      }),
      /not found/,
    );
    const within = await api(
      'POST',
      'sale/order',
      withMoney({
        SaleID: sale.ID,
        Status: 'DRAFT',
        Lines: [{ ...line('TENT-2P', 3, 33.33), Total: 100 }],
      }),
    );
    expect(within.status).toBe(200);
    await sandbox.admin.setConfig({ validateLineTotals: false });
    const lax = await api(
      'POST',
      'sale/order',
      withMoney({
        SaleID: sale.ID,
        Status: 'DRAFT',
        Lines: [{ ...line('TENT-2P', 2, 199), Total: 400 }],
      }),
    );
    expect(lax.status).toBe(200);
    await sandbox.admin.setConfig({ validateLineTotals: true });
  });

  it('lists sales with saleList filters and rows, and can shuffle their order', async () => {
    const a = await createSale({ ExternalID: 'ext-a', CustomerReference: 'PO-A' });
    await sandbox.admin.advanceTime(5000);
    const b = await createSale({ ExternalID: 'ext-b', CustomerReference: 'PO-B' });
    await sandbox.admin.advanceTime(LISTING_LAG_MS);
    const byExt = await api<{ Total: number; SaleList: Row[] }>('GET', 'saleList?ExternalID=ext-b');
    expect(byExt.body.SaleList.map((r) => r.SaleID)).toEqual([b.ID]);
    const row = byExt.body.SaleList[0] as Row;
    expect(Object.keys(row)).toEqual(
      expect.arrayContaining([
        'SaleID',
        'OrderNumber',
        'Status',
        'Updated',
        'OrderStatus',
        'CombinedPickingStatus',
        'CombinedTrackingNumbers',
        'ExternalID',
      ]),
    );
    expect(String(row.Updated)).toMatch(/Z$/);
    const since = (
      await api<{ SaleList: Row[] }>('GET', `saleList?UpdatedSince=${(a as Row).LastModifiedOn}`)
    ).body.SaleList;
    expect(since.map((r) => r.SaleID)).toEqual([b.ID]); // exclusive bound by default
    await sandbox.admin.setConfig({ saleListSinceInclusive: true });
    expect(
      (await api<{ Total: number }>('GET', `saleList?UpdatedSince=${(a as Row).LastModifiedOn}`)).body.Total,
    ).toBe(2);
    expect((await api<{ Total: number }>('GET', 'saleList?Search=po-a')).body.Total).toBe(1);
    await sandbox.admin.setConfig({ saleListShuffle: true, saleListSinceInclusive: false });
    for (let i = 0; i < 10; i++) await createSale();
    // Listed only once the lag has passed: without this, only a and b were listed (two rows, a one-in-16 chance that
    // five shuffles all came back in one order).
    await sandbox.admin.advanceTime(LISTING_LAG_MS);
    const lists: string[][] = [];
    for (let i = 0; i < 5; i++) {
      const list = await api<{ SaleList: Row[] }>('GET', 'saleList');
      lists.push(list.body.SaleList.map((r) => String(r.SaleID)));
    }
    for (const list of lists) expect([...list].sort()).toEqual([...(lists[0] as string[])].sort());
    expect(lists[0]).toHaveLength(12);
    expect(new Set(lists.map((l) => l.join())).size).toBeGreaterThan(1);
    await sandbox.admin.setConfig({ saleListShuffle: false });
  });

  it('gives sales identical Updated stamps when the clock is frozen (ties)', async () => {
    await sandbox.admin.setConfig({ timeScale: 0 });
    const a = await createSale();
    const b = await createSale();
    expect(a.LastModifiedOn).toBe(b.LastModifiedOn);
    await sandbox.admin.setConfig({ timeScale: 1 });
  });

  it('lets the admin API ship, edit lines (drift) and report sales field by field', async () => {
    const sale = await createSale({ Carrier: 'NZ Post' });
    await api(
      'POST',
      'sale/order',
      withMoney({
        SaleID: sale.ID,
        Status: 'AUTHORISED',
        Lines: [line('TENT-2P', 2, 199)],
      }),
    );
    const edited = await sandbox.admin.editSaleLines(0, String(sale.ID), [{ sku: 'TENT-2P', price: 150 }]);
    expect((edited.Order as Row).TotalBeforeTax).toBe(300);
    const partial = await sandbox.admin.shipSale(0, String(sale.ID), {
      trackingNumber: 'TRK1',
      partial: true,
    });
    expect(partial.CombinedShippingStatus).toBe('PARTIALLY SHIPPED');
    const listed = await sandbox.admin.listSales(0);
    expect(listed.map((s) => s.ID)).toEqual([sale.ID]);
    expect(await sandbox.admin.listSales(1)).toEqual([]);
  });

  it('keeps sales per account', async () => {
    const sale = await createSale();
    const au = apiFor(sandbox, AU);
    expect((await au('GET', `sale?ID=${sale.ID}`)).status).toBe(400);
    expect((await au<{ Total: number }>('GET', 'saleList')).body.Total).toBe(0);
    const metrics = await sandbox.admin.metrics();
    expect(metrics.salesByAccount[AU.accountId]).toBe(0);
  });
});
