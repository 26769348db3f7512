import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type RunningSandbox, STOCK_WEBHOOK_TYPE, startSandbox } from '../src/index.js';
import { apiFor, eventually, withMoney } from './sandbox-test-kit.js';

type Row = Record<string, unknown>;
type Page = { Total: number; Page: number; ProductAvailabilityList: Row[] };

describe('sandbox: stock (ref/productavailability, Stock/AvailableStockLevelChanged)', () => {
  let sandbox: RunningSandbox;
  let api: ReturnType<typeof apiFor>;
  let receiver: Server;
  let receiverUrl: string;
  let received: unknown[] = [];
  let products: Record<string, Row>;
  let kiwi: Row;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => {
        text += c.toString();
      });
      req.on('end', () => {
        received.push(JSON.parse(text));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    sandbox = await startSandbox({ seed: 'demo', timeScale: 0, rateLimit: { enabled: false } });
    api = apiFor(sandbox);
    const p = await api<{ Products: Row[] }>('GET', 'product?Limit=1000');
    products = Object.fromEntries(p.body.Products.map((x) => [String(x.SKU), x]));
    kiwi = (await api<{ CustomerList: Row[] }>('GET', 'customer?Name=Kiwi')).body.CustomerList[0] as Row;
  });
  beforeEach(async () => {
    await sandbox.admin.reset();
    received = [];
  });
  afterAll(async () => {
    await sandbox.close();
    await new Promise((r) => receiver.close(r));
  });

  const availability = async (query: string) =>
    (await api<Page>('GET', `ref/productavailability?${query}`)).body;
  const sumAvailable = (rows: Row[]) => rows.reduce((s, r) => s + Number(r.Available), 0);

  async function authorise(sku: string, quantity: number, location = 'Main Warehouse'): Promise<Row> {
    const sale = (
      await api<Row>('POST', 'sale', { CustomerID: kiwi.ID, SkipQuote: true, Location: location })
    ).body;
    const product = products[sku] as Row;
    const res = await api(
      'POST',
      'sale/order',
      withMoney({
        SaleID: sale.ID,
        Status: 'AUTHORISED',
        Lines: [
          {
            ProductID: product.ID,
            Name: product.Name,
            Quantity: quantity,
            Price: 10,
            Total: quantity * 10,
            TaxRule: 'GST on Income',
          },
        ],
      }),
    );
    expect(res.status).toBe(200);
    return sale;
  }

  it('lists rows per location, bin and batch in Cin7 shape, paged and filtered', async () => {
    const all = await availability('Limit=1000');
    expect(all.Page).toBe(1);
    expect(all.Total).toBe(all.ProductAvailabilityList.length);
    expect(all.ProductAvailabilityList[0]).toEqual(
      expect.objectContaining({
        ID: expect.any(String),
        SKU: expect.any(String),
        Location: expect.any(String),
        Bin: null,
        Batch: null,
        OnHand: expect.any(Number),
        Allocated: 0,
        Available: expect.any(Number),
        OnOrder: expect.any(Number),
        StockOnHand: expect.any(Number),
        InTransit: 0,
      }),
    );
    const rows = all.ProductAvailabilityList;
    expect(rows.some((r) => r.Bin === 'Bin A')).toBe(true);
    expect(rows.some((r) => typeof r.Batch === 'string' && String(r.ExpiryDate).endsWith('T00:00:00'))).toBe(
      true,
    );
    expect(new Set(rows.map((r) => r.Location))).toEqual(new Set(['Main Warehouse', 'Showroom']));
    // Services are not stock: no rows.
    expect(rows.some((r) => r.SKU === 'FREIGHT')).toBe(false);

    const paged = await availability('Limit=2&Page=2');
    expect(paged).toMatchObject({ Total: all.Total, Page: 2 });
    expect(paged.ProductAvailabilityList).toEqual(rows.slice(2, 4));
    expect((await api('GET', 'ref/productavailability?Limit=1001')).status).toBe(400);

    const showroom = await availability('Location=showroom&Limit=1000');
    expect(showroom.ProductAvailabilityList.every((r) => r.Location === 'Showroom')).toBe(true);
    expect(showroom.Total).toBe(rows.filter((r) => r.Location === 'Showroom').length);
    const bySku = await availability('Sku=TENT-4P');
    expect(bySku.ProductAvailabilityList.map((r) => [r.Location, r.Bin])).toEqual([
      ['Main Warehouse', 'Bin A'],
      ['Main Warehouse', 'Bin B'],
      ['Showroom', null],
    ]);
    const byId = await availability(`ID=${String(products['TENT-4P']?.ID)}`);
    expect(byId.ProductAvailabilityList).toEqual(bySku.ProductAvailabilityList);
    const byCategory = await availability('Category=Clothing&Limit=1000');
    expect(byCategory.ProductAvailabilityList.map((r) => r.SKU)).toEqual(
      expect.arrayContaining(['JKT-RAIN-M', 'JKT-RAIN-L']),
    );
    expect(byCategory.ProductAvailabilityList.every((r) => String(r.SKU).startsWith('JKT-'))).toBe(true);
  });

  it('allocates on authorise in the sale location, takes stock out on shipping, releases on void', async () => {
    const before = (await availability('Sku=TENT-4P&Location=Main Warehouse')).ProductAvailabilityList;
    const onHand = before.reduce((s, r) => s + Number(r.OnHand), 0);
    const showroomBefore = sumAvailable(
      (await availability('Sku=TENT-4P&Location=Showroom')).ProductAvailabilityList,
    );
    const sale = await authorise('TENT-4P', 3);
    const allocated = (await availability('Sku=TENT-4P&Location=Main Warehouse')).ProductAvailabilityList;
    expect(sumAvailable(allocated)).toBe(onHand - 3);
    expect(allocated.reduce((s, r) => s + Number(r.Allocated), 0)).toBe(3);
    expect(allocated.reduce((s, r) => s + Number(r.OnHand), 0)).toBe(onHand);
    // Another location's stock is not touched.
    expect(sumAvailable((await availability('Sku=TENT-4P&Location=Showroom')).ProductAvailabilityList)).toBe(
      showroomBefore,
    );

    await sandbox.admin.shipSale(0, String(sale.ID), { trackingNumber: 'T1' });
    const shipped = (await availability('Sku=TENT-4P&Location=Main Warehouse')).ProductAvailabilityList;
    expect(shipped.reduce((s, r) => s + Number(r.OnHand), 0)).toBe(onHand - 3);
    expect(shipped.reduce((s, r) => s + Number(r.Allocated), 0)).toBe(0);
    expect(sumAvailable(shipped)).toBe(onHand - 3);

    const other = await authorise('TENT-4P', 2);
    await sandbox.admin.voidSale(0, String(other.ID));
    expect(
      sumAvailable((await availability('Sku=TENT-4P&Location=Main Warehouse')).ProductAvailabilityList),
    ).toBe(onHand - 3);
  });

  it('backorders what the sale location does not have, and purchases raise on order and on hand', async () => {
    // BAG-ALPINE has 3 in Main Warehouse.
    const sale = await authorise('BAG-ALPINE', 5);
    const got = (await api<Row>('GET', `sale?ID=${String(sale.ID)}`)).body;
    expect(((got.Order as Row).Lines as Row[])[0]).toMatchObject({ BackorderQuantity: 2 });
    expect(
      sumAvailable((await availability('Sku=BAG-ALPINE&Location=Main Warehouse')).ProductAvailabilityList),
    ).toBe(0);

    const ordered = await sandbox.admin.orderStock(0, {
      sku: 'JKT-RAIN-L',
      quantity: 12,
      nextDeliveryDate: '2027-01-12',
    });
    expect(ordered).toMatchObject({ OnOrder: 12, NextDeliveryDate: '2027-01-12T00:00:00', Available: 0 });
    const arrived = await sandbox.admin.receiveStock(0, { sku: 'JKT-RAIN-L', quantity: 12 });
    expect(arrived).toMatchObject({ OnHand: 12, Available: 12, OnOrder: 0, NextDeliveryDate: null });
    await expect(sandbox.admin.receiveStock(0, { sku: 'FREIGHT', quantity: 1 })).rejects.toThrow(/service/);
    await expect(sandbox.admin.receiveStock(0, { sku: 'JKT-RAIN-L', quantity: -1 })).rejects.toThrow(
      /positive/,
    );
  });

  it('sends the product rows as a bare array with MaxRows, cut at the configured cap', async () => {
    await api('POST', 'webhooks', {
      Type: STOCK_WEBHOOK_TYPE,
      ExternalURL: receiverUrl,
      ExternalAuthorizationType: 'noauth',
    });
    await authorise('TENT-4P', 1);
    // Cin7 delivers a minute after the event (BP L27929-27930): the frozen clock is moved on.
    await sandbox.admin.advanceTime(60_000);
    const first = await eventually(async () => received[0] as Row[] | undefined, 'a stock delivery');
    expect(Array.isArray(first)).toBe(true);
    const rows = (await availability('Sku=TENT-4P')).ProductAvailabilityList;
    expect(first).toHaveLength(rows.length);
    expect(first[0]).toMatchObject({
      ID: products['TENT-4P']?.ID,
      SKU: 'TENT-4P',
      Category: 'Camping',
      MaxRows: rows.length,
    });
    expect(first[0]).not.toHaveProperty('NextDeliveryDate');
    expect(first.map((r) => r.Available)).toEqual(rows.map((r) => r.Available));

    await sandbox.admin.setConfig({ stockWebhookRowCap: 1 });
    await authorise('TENT-4P', 1);
    await sandbox.admin.advanceTime(60_000);
    const cut = await eventually(async () => received[1] as Row[] | undefined, 'a cut delivery');
    expect(cut).toHaveLength(1);
    expect(cut[0]).toMatchObject({ MaxRows: rows.length });
  });
});
