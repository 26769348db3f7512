import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { OrderPreview } from '@upstock/cin7-contracts';
import { DEFAULT_SETTINGS } from '@upstock/cin7-contracts';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  approve,
  base,
  cin7Date,
  connectAndImport,
  createOrder,
  type LinkedCustomer,
  type LinkedProduct,
  linkedCustomers,
  linkedProducts,
  putSettings,
  storedSaleSchema,
  storedSales,
  waitSettled,
} from './order-push.helpers.js';

// Pushes run in background workers (pg-boss polls every 0.5 s); a test waits for a few of them.
jest.setTimeout(30_000);

describe('order push: approved orders become Cin7 sales as the settings say', () => {
  let t: TestApp;
  let customers: LinkedCustomer[];
  let products: LinkedProduct[];
  let withRep: LinkedCustomer;
  let withoutRep: LinkedCustomer;

  beforeAll(async () => {
    // Time runs 30x faster in the sandbox and the API alike: Cin7's 60-calls-a-minute window is 2 s here, so
    // imports, price syncs and pushes share a real budget without the test waiting real minutes.
    t = await createTestApp({
      sandbox: { seed: 'small', timeScale: 30 },
      timeScale: 30,
      schedulerTickMs: 500,
    });
    await connectAndImport(t, t.suppliers.kiwi);
    await connectAndImport(t, t.suppliers.aussie);
    customers = await linkedCustomers(t, t.suppliers.kiwi);
    products = await linkedProducts(t, t.suppliers.kiwi);
    const rep = customers.find((c) => c.sales_representative && c.shipping_address && c.billing_address);
    const noRep = customers.find((c) => !c.sales_representative && c.shipping_address);
    if (!rep || !noRep) throw new Error('the small seed should have customers with and without a sales rep');
    withRep = rep;
    withoutRep = noRep;
  });
  afterAll(() => t?.close());

  const kiwi = () => t.suppliers.kiwi;
  const sale = async (saleId: string) => storedSaleSchema.parse(await t.sandbox.admin.getSale(0, saleId));
  const product = (i: number) => products[i] as LinkedProduct;

  async function pushed(orderId: string) {
    const detail = await waitSettled(t, kiwi(), orderId);
    expect(detail.sync).toMatchObject({ state: 'pushed', error: null });
    return { detail, sale: await sale(detail.sync.cin7SaleId as string) };
  }

  it('maps every row of the help article onto the sale, and previews exactly what it then sends', async () => {
    await putSettings(t, kiwi(), { ...DEFAULT_SETTINGS });
    const order = await createOrder(
      t,
      kiwi(),
      {
        customerId: withRep.upstock_customer_id,
        reference: 'PO-7781',
        deliveryDate: '2026-12-24',
        freight: 12.5,
        comment: 'Leave at reception',
        lines: [
          { productId: product(0).upstock_product_id, quantity: 2 },
          { productId: product(1).upstock_product_id, quantity: 1 },
        ],
      },
      { comments: ['A second comment stays in Upstock'], tracking: 'NZ123456789' },
    );
    // Cin7's defaults (location, tax rule) are read in the background after connecting; the preview waits for them.
    const preview = await t.waitFor(
      async () => {
        const res = await t.http.get(`${base}/orders/${order.id}/preview`).set(t.as(kiwi())).expect(200);
        return res.body.refusal === null ? (res.body as OrderPreview) : null;
      },
      { what: 'a preview with Cin7 defaults' },
    );
    expect(preview.refusal).toBeNull();
    expect(preview.sent).toBeNull();
    const callsBefore = (await t.sandbox.admin.metrics()).callsByEndpoint['POST sale'] ?? 0;
    expect(callsBefore).toBe(0); // previews never call Cin7

    await approve(t, kiwi(), order.id);
    const { detail, sale: s } = await pushed(order.id);
    const host = (await t.http.get(`/host/orders/${order.id}`).set(t.as(kiwi()))).body;
    const lines = host.lines as { productId: string; unitPrice: number; quantity: number }[];

    // Header, row by row.
    expect(s.CustomerID).toBe(withRep.cin7_customer_id);
    expect(s.Customer).toBe(withRep.cin7_name);
    expect(s.CustomerReference).toBe('PO-7781');
    expect(s.ShippingNotes).toBe('Leave at reception');
    expect(s.SaleOrderDate).toBe(cin7Date(order.orderDate));
    expect(s.ShipBy).toBe(cin7Date('2026-12-24'));
    expect(s.Note).toBe(`Upstock order ${order.number}\nTracking number: NZ123456789`);
    expect(s.SalesRepresentative).toBe(withRep.sales_representative);
    expect(s.BillingAddress).toMatchObject({
      Line1: withRep.billing_address?.line1,
      City: withRep.billing_address?.city ?? '',
      Country: withRep.billing_address?.country,
    });
    expect(s.ShippingAddress).toMatchObject({
      Line1: withRep.shipping_address?.line1,
      City: withRep.shipping_address?.city ?? '',
      Postcode: withRep.shipping_address?.postcode ?? '',
      Country: withRep.shipping_address?.country,
    });
    expect(s.Location).toBe('Main Warehouse'); // Cin7's default location
    expect(s.ExternalID).toBe(`upstock-order:${order.id}`);
    expect(s.SkipQuote).toBe(true);
    expect(s.Type).toBe('Simple Sale');
    // Lines at the Upstock prices, quantities as approved; freight as an additional charge.
    expect(s.Order.Status).toBe('DRAFT');
    expect(s.Order.Lines).toEqual(
      [0, 1].map((i) =>
        expect.objectContaining({
          ProductID: product(i).cin7_product_id,
          SKU: product(i).sku,
          Quantity: lines[i]?.quantity,
          Price: lines[i]?.unitPrice,
          Discount: 0,
          TaxRule: withRep.tax_rule ?? 'GST on Income',
        }),
      ),
    );
    expect(s.Order.AdditionalCharges).toEqual([
      expect.objectContaining({ Description: 'Freight', Quantity: 1, Price: 12.5, Total: 12.5 }),
    ]);
    // The push shows the sale number, its timeline the steps.
    expect(detail.sync.cin7SaleNumber).toBe(s.Order.SaleOrderNumber);
    expect(detail.sync.orderNumber).toBe(order.number);
    // Upstock prices are tax exclusive in this tenant: Cin7's total before tax is the order's, and the push shows
    // the sale's total with tax, which Cin7 computed exactly as sent.
    expect(s.Order.TotalBeforeTax).toBeCloseTo(order.total, 2);
    expect(s.Order.Tax).toBeGreaterThan(0);
    expect(detail.sync.total).toBeCloseTo(s.Order.Total, 4);
    expect(detail.timeline.map((e) => e.type)).toEqual(['approved', 'header-created', 'lines-saved']);
    expect(detail.timeline.at(-1)?.cin7SaleNumber).toBe(s.Order.SaleOrderNumber);

    // Preview = sent: what the preview showed is what the push stored and Cin7 holds.
    const after = (await t.http.get(`${base}/orders/${order.id}/preview`).set(t.as(kiwi())))
      .body as OrderPreview;
    expect(after.sent).toEqual({ header: preview.header, order: preview.order });
    const metrics = await t.sandbox.admin.metrics();
    expect(metrics.callsByEndpoint['POST sale']).toBe(1);
    expect(metrics.callsByEndpoint['POST sale/order']).toBe(1);
  });

  it('uses the order number without a reference, API Sales without a rep, a link as tracking URL, the delivery date in the notes', async () => {
    await putSettings(t, kiwi(), { ...DEFAULT_SETTINGS, shipByMode: 'IN_SHIPPING_NOTES' });
    const order = await createOrder(
      t,
      kiwi(),
      {
        customerId: withoutRep.upstock_customer_id,
        deliveryDate: '2026-12-20',
        lines: [{ productId: product(2).upstock_product_id, quantity: 3 }],
      },
      { tracking: 'https://track.example/NZ42' },
    );
    await approve(t, kiwi(), order.id);
    const { sale: s } = await pushed(order.id);
    expect(s.CustomerReference).toBe(order.number);
    expect(s.SalesRepresentative).toBe('API Sales');
    expect(s.ShipBy).toBeNull();
    expect(s.ShippingNotes).toBe('Delivery date: 2026-12-20');
    expect(s.Note).toBe(`Upstock order ${order.number}\nTracking URL: https://track.example/NZ42`);
    expect(s.Order.AdditionalCharges).toEqual([]);
  });

  it('takes the tax rule from the product, else the customer, else Cin7’s default', async () => {
    await putSettings(t, kiwi(), { ...DEFAULT_SETTINGS });
    const customer = customers[2] as LinkedCustomer;
    await t.dataSource.query(
      `UPDATE cin7_product_link SET sale_tax_rule = 'GST Free Income' WHERE supplier_id = $1 AND upstock_product_id = $2`,
      [kiwi().id, product(3).upstock_product_id],
    );
    await t.dataSource.query(
      `UPDATE cin7_customer_link SET tax_rule = NULL WHERE supplier_id = $1 AND upstock_customer_id = $2`,
      [kiwi().id, customer.upstock_customer_id],
    );
    const order = await createOrder(t, kiwi(), {
      customerId: customer.upstock_customer_id,
      freight: 5,
      lines: [
        { productId: product(3).upstock_product_id, quantity: 1 },
        { productId: product(4).upstock_product_id, quantity: 1 },
      ],
    });
    await approve(t, kiwi(), order.id);
    const { sale: s } = await pushed(order.id);
    expect(s.Order.Lines.map((l) => l.TaxRule)).toEqual(['GST Free Income', 'GST on Income']);
    expect(s.Order.AdditionalCharges.map((c) => c.TaxRule)).toEqual(['GST on Income']);

    await t.dataSource.query(
      `UPDATE cin7_customer_link SET tax_rule = 'GST Free Income' WHERE supplier_id = $1 AND upstock_customer_id = $2`,
      [kiwi().id, customer.upstock_customer_id],
    );
    const second = await createOrder(t, kiwi(), {
      customerId: customer.upstock_customer_id,
      lines: [{ productId: product(4).upstock_product_id, quantity: 1 }],
    });
    await approve(t, kiwi(), second.id);
    expect((await pushed(second.id)).sale.Order.Lines.map((l) => l.TaxRule)).toEqual(['GST Free Income']);
  });

  it.each([
    { saleStatus: 'DRAFT', saleType: 'SIMPLE', fulfilmentSteps: 'NONE', type: 'Simple Sale', steps: null },
    {
      saleStatus: 'AUTHORISED',
      saleType: 'SIMPLE',
      fulfilmentSteps: 'NONE',
      type: 'Simple Sale',
      steps: ['NOT AVAILABLE', 'NOT AVAILABLE', 'NOT AVAILABLE'],
    },
    {
      saleStatus: 'AUTHORISED',
      saleType: 'SIMPLE',
      fulfilmentSteps: 'PICK',
      type: 'Simple Sale',
      steps: ['AUTHORISED', 'NOT AVAILABLE', 'NOT AVAILABLE'],
    },
    {
      saleStatus: 'AUTHORISED',
      saleType: 'SIMPLE',
      fulfilmentSteps: 'PICK_PACK',
      type: 'Simple Sale',
      steps: ['AUTHORISED', 'AUTHORISED', 'NOT AVAILABLE'],
    },
    {
      saleStatus: 'AUTHORISED',
      saleType: 'SIMPLE',
      fulfilmentSteps: 'PICK_PACK_SHIP',
      type: 'Simple Sale',
      steps: ['AUTHORISED', 'AUTHORISED', 'AUTHORISED'],
    },
    {
      saleStatus: 'DRAFT',
      saleType: 'ADVANCED',
      fulfilmentSteps: 'NONE',
      type: 'Advanced Sale',
      steps: null,
    },
    {
      saleStatus: 'AUTHORISED',
      saleType: 'ADVANCED',
      fulfilmentSteps: 'NONE',
      type: 'Advanced Sale',
      steps: null,
    },
  ] as const)(
    'status $saleStatus, type $saleType, steps $fulfilmentSteps, at the configured location',
    async (c) => {
      await putSettings(t, kiwi(), {
        ...DEFAULT_SETTINGS,
        saleStatus: c.saleStatus,
        saleType: c.saleType,
        fulfilmentSteps: c.fulfilmentSteps,
        location: 'Showroom',
        freightServiceName: 'freight', // Cin7's own spelling of the service product is what the sale carries
      });
      const order = await createOrder(t, kiwi(), {
        customerId: withRep.upstock_customer_id,
        freight: 7,
        lines: [{ productId: product(5).upstock_product_id, quantity: 1 }],
      });
      await approve(t, kiwi(), order.id);
      const { sale: s, detail } = await pushed(order.id);
      expect(s.Type).toBe(c.type);
      expect(s.Order.Status).toBe(c.saleStatus);
      expect(s.Location).toBe('Showroom');
      expect(s.Order.AdditionalCharges.map((a) => a.Description)).toEqual(['Freight']);
      expect(detail.timeline.at(-1)?.type).toBe(c.saleStatus === 'AUTHORISED' ? 'authorised' : 'lines-saved');
      if (c.steps) {
        const f = s.Fulfilments?.[0];
        expect([
          f?.Pick.Status ?? 'NOT AVAILABLE',
          f?.Pack.Status ?? 'NOT AVAILABLE',
          f?.Ship.Status ?? 'NOT AVAILABLE',
        ]).toEqual(c.steps);
      }
    },
  );

  describe('refusals, before any call to Cin7', () => {
    const salesCalls = async () => {
      const m = (await t.sandbox.admin.metrics()).callsByEndpoint;
      return (m['POST sale'] ?? 0) + (m['POST sale/order'] ?? 0);
    };

    async function refused(orderId: string) {
      const detail = await waitSettled(t, kiwi(), orderId);
      expect(detail.sync.state).toBe('refused');
      return detail.sync.error;
    }

    it('refuses another currency in the article’s words, and tells the supplier', async () => {
      await putSettings(t, kiwi(), { ...DEFAULT_SETTINGS });
      const before = await salesCalls();
      const res = await t.http
        .post('/host/customers')
        .set(t.as(kiwi()))
        .send({ name: 'Sydney Buyer', currency: 'AUD' });
      const order = await createOrder(t, kiwi(), {
        customerId: res.body.id,
        lines: [{ productId: product(0).upstock_product_id, quantity: 1 }],
      });
      await approve(t, kiwi(), order.id);
      expect(await refused(order.id)).toBe(
        'Upstock can only create Cin7 sales in your Cin7 base currency, NZD; this order is in AUD',
      );
      expect(await salesCalls()).toBe(before);
      const notes = (await t.http.get('/host/notifications').set(t.as(kiwi()))).body as {
        orderId: string;
        kind: string;
      }[];
      expect(notes).toEqual(
        expect.arrayContaining([expect.objectContaining({ orderId: order.id, kind: 'push-failed' })]),
      );
      const preview = (await t.http.get(`${base}/orders/${order.id}/preview`).set(t.as(kiwi())))
        .body as OrderPreview;
      expect(preview.refusal).toBe(
        'Upstock can only create Cin7 sales in your Cin7 base currency, NZD; this order is in AUD',
      );
    });

    it('refuses an unlinked customer', async () => {
      const before = await salesCalls();
      const res = await t.http
        .post('/host/customers')
        .set(t.as(kiwi()))
        .send({ name: 'Walk-in Buyer', currency: 'NZD' });
      const order = await createOrder(t, kiwi(), {
        customerId: res.body.id,
        lines: [{ productId: product(0).upstock_product_id, quantity: 1 }],
      });
      await approve(t, kiwi(), order.id);
      expect(await refused(order.id)).toBe(
        '"Walk-in Buyer" is not linked to a Cin7 customer: link this customer to a Cin7 customer first',
      );
      expect(await salesCalls()).toBe(before);
    });

    it('refuses an unlinked product, then sends the order when retried after linking it', async () => {
      const p = product(6);
      await t.dataSource.query(
        `DELETE FROM cin7_product_link WHERE supplier_id = $1 AND upstock_product_id = $2`,
        [kiwi().id, p.upstock_product_id],
      );
      const before = await salesCalls();
      const order = await createOrder(t, kiwi(), {
        customerId: withRep.upstock_customer_id,
        lines: [{ productId: p.upstock_product_id, quantity: 1 }],
      });
      await approve(t, kiwi(), order.id);
      expect(await refused(order.id)).toContain(`${p.sku}`);
      expect(await salesCalls()).toBe(before);
      await t.dataSource.query(
        `INSERT INTO cin7_product_link (supplier_id, upstock_product_id, cin7_product_id, sku, name, sale_tax_rule)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [kiwi().id, p.upstock_product_id, p.cin7_product_id, p.sku, p.name, p.sale_tax_rule],
      );
      await t.http.post(`${base}/orders/${order.id}/sync/retry`).set(t.as(kiwi())).expect(202);
      const detail = await waitSettled(t, kiwi(), order.id);
      expect(detail.sync.state).toBe('pushed');
      expect(detail.timeline.map((e) => e.type)).toEqual([
        'approved',
        'refused',
        'retried',
        'header-created',
        'lines-saved',
      ]);
      await t.http.post(`${base}/orders/${order.id}/sync/retry`).set(t.as(kiwi())).expect(409);
    });

    it('refuses a location Cin7 does not have', async () => {
      await putSettings(t, kiwi(), { ...DEFAULT_SETTINGS, location: 'Old Shed' });
      const before = await salesCalls();
      const order = await createOrder(t, kiwi(), {
        customerId: withRep.upstock_customer_id,
        lines: [{ productId: product(0).upstock_product_id, quantity: 1 }],
      });
      await approve(t, kiwi(), order.id);
      expect(await refused(order.id)).toContain('"Old Shed"');
      expect(await salesCalls()).toBe(before);
      await putSettings(t, kiwi(), { ...DEFAULT_SETTINGS });
    });
  });

  it('refuses an unknown tax rule before writing anything, and sends the order once it is fixed', async () => {
    await putSettings(t, kiwi(), { ...DEFAULT_SETTINGS });
    const p = product(7);
    await t.dataSource.query(
      `UPDATE cin7_product_link SET sale_tax_rule = 'Ghost Tax' WHERE supplier_id = $1 AND upstock_product_id = $2`,
      [kiwi().id, p.upstock_product_id],
    );
    const order = await createOrder(t, kiwi(), {
      customerId: withRep.upstock_customer_id,
      lines: [{ productId: p.upstock_product_id, quantity: 1 }],
    });
    await approve(t, kiwi(), order.id);
    const refused = await waitSettled(t, kiwi(), order.id);
    expect(refused.sync).toMatchObject({ state: 'refused', cin7SaleId: null });
    expect(refused.sync.error).toContain('"Ghost Tax"');
    const ours = async () =>
      (await storedSales(t, 0)).filter((x) => x.ExternalID === `upstock-order:${order.id}`);
    expect(await ours()).toHaveLength(0);

    await t.dataSource.query(
      `UPDATE cin7_product_link SET sale_tax_rule = NULL WHERE supplier_id = $1 AND upstock_product_id = $2`,
      [kiwi().id, p.upstock_product_id],
    );
    await t.http.post(`${base}/orders/${order.id}/sync/retry`).set(t.as(kiwi())).expect(202);
    expect((await waitSettled(t, kiwi(), order.id)).sync.state).toBe('pushed');
    expect(await ours()).toHaveLength(1);
  });

  it('shows Cin7’s validation message in Cin7’s words, and completes the same sale on retry', async () => {
    await putSettings(t, kiwi(), { ...DEFAULT_SETTINGS });
    const p = product(7);
    const ghost = '00000000-0000-4000-8000-00000000dead';
    await t.dataSource.query(
      `UPDATE cin7_product_link SET cin7_product_id = $3 WHERE supplier_id = $1 AND upstock_product_id = $2`,
      [kiwi().id, p.upstock_product_id, ghost],
    );
    const order = await createOrder(t, kiwi(), {
      customerId: withRep.upstock_customer_id,
      lines: [{ productId: p.upstock_product_id, quantity: 1 }],
    });
    await approve(t, kiwi(), order.id);
    const failed = await waitSettled(t, kiwi(), order.id);
    expect(failed.sync).toMatchObject({ state: 'failed', error: `Cin7 said: Product ${ghost} not found.` });
    const notes = (await t.http.get('/host/notifications').set(t.as(kiwi()))).body as {
      orderId: string;
      message: string;
    }[];
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ orderId: order.id, message: `Cin7 said: Product ${ghost} not found.` }),
      ]),
    );
    const saleId = failed.sync.cin7SaleId as string;
    expect(saleId).toBeTruthy(); // the header exists; only its lines were refused

    await t.dataSource.query(
      `UPDATE cin7_product_link SET cin7_product_id = $3 WHERE supplier_id = $1 AND upstock_product_id = $2`,
      [kiwi().id, p.upstock_product_id, p.cin7_product_id],
    );
    await t.http.post(`${base}/orders/${order.id}/sync/retry`).set(t.as(kiwi())).expect(202);
    const done = await waitSettled(t, kiwi(), order.id);
    expect(done.sync.state).toBe('pushed');
    expect(done.sync.cin7SaleId).toBe(saleId);
    const stored = (await storedSales(t, 0)).filter((x) => x.ExternalID === `upstock-order:${order.id}`);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.Order.Lines).toHaveLength(1);
  });

  it('survives every write answer being lost: one complete sale, found by its external id', async () => {
    await putSettings(t, kiwi(), { ...DEFAULT_SETTINGS, saleStatus: 'AUTHORISED' });
    await t.sandbox.admin.setFaults({ dropResponseAfterWriteRate: 1 });
    try {
      const order = await createOrder(t, kiwi(), {
        customerId: withRep.upstock_customer_id,
        lines: [{ productId: product(8).upstock_product_id, quantity: 1 }],
      });
      await approve(t, kiwi(), order.id);
      const { sale: s, detail } = await pushed(order.id);
      expect(s.Order.Status).toBe('AUTHORISED');
      expect(detail.timeline.map((e) => e.type)).toEqual([
        'approved',
        'outcome-unknown',
        'sale-found',
        'outcome-unknown',
        'lines-saved',
      ]);
      const stored = (await storedSales(t, 0)).filter((x) => x.ExternalID === `upstock-order:${order.id}`);
      expect(stored).toHaveLength(1);
    } finally {
      await t.sandbox.admin.clearFaults();
    }
  });

  it('records an approval once, however often it is reported', async () => {
    await putSettings(t, kiwi(), { ...DEFAULT_SETTINGS });
    const order = await createOrder(t, kiwi(), {
      customerId: withRep.upstock_customer_id,
      lines: [{ productId: product(9).upstock_product_id, quantity: 1 }],
    });
    await approve(t, kiwi(), order.id);
    await t.http.post(`${base}/orders/${order.id}/approved`).set(t.asHost(kiwi())).expect(202);
    await pushed(order.id);
    await t.http.post(`${base}/orders/${order.id}/approved`).set(t.asHost(kiwi())).expect(202);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM cin7_order_push WHERE supplier_id = $1 AND upstock_order_id = $2`,
      [kiwi().id, order.id],
    );
    expect(n).toBe(1);
    const stored = (await storedSales(t, 0)).filter((x) => x.ExternalID === `upstock-order:${order.id}`);
    expect(stored).toHaveLength(1);
  });

  it('takes approvals only from the host’s service, and only for orders the host approved', async () => {
    await putSettings(t, kiwi(), { ...DEFAULT_SETTINGS });
    const order = await createOrder(t, kiwi(), {
      customerId: withRep.upstock_customer_id,
      lines: [{ productId: product(11).upstock_product_id, quantity: 1 }],
    });
    const route = `${base}/orders/${order.id}/approved`;
    const pushes = async () =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM cin7_order_push WHERE supplier_id = $1 AND upstock_order_id = $2`,
          [kiwi().id, order.id],
        )
      )[0].n;
    // A supplier's own token is not the host's service, nor is a wrong secret.
    await t.http.post(route).set(t.as(kiwi())).expect(401);
    await t.http
      .post(route)
      .set({ ...t.asHost(kiwi()), 'X-Host-Secret': 'guessed' })
      .expect(401);
    // The host's service, but the order is still a draft in the host: refused, nothing recorded or sent.
    const draft = await t.http.post(route).set(t.asHost(kiwi())).expect(409);
    expect(draft.body.message).toContain('draft');
    expect(await pushes()).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect((await storedSales(t, 0)).filter((x) => x.ExternalID === `upstock-order:${order.id}`)).toEqual([]);
    // Once the host approves it, the same call records the push.
    await approve(t, kiwi(), order.id);
    expect(await pushes()).toBe(1);
  });

  it('keeps an approval through a disconnect and sends it once the supplier reconnects', async () => {
    await putSettings(t, kiwi(), { ...DEFAULT_SETTINGS });
    const order = await createOrder(t, kiwi(), {
      customerId: withRep.upstock_customer_id,
      lines: [{ productId: product(10).upstock_product_id, quantity: 1 }],
    });
    await t.http.post(`/host/orders/${order.id}/approve`).set(t.as(kiwi())).expect(201);
    await t.http.delete(`${base}/connection`).set(t.as(kiwi())).expect(204);
    await t.connect(kiwi());
    const { detail } = await pushed(order.id);
    const stored = (await storedSales(t, 0)).filter((x) => x.ExternalID === `upstock-order:${order.id}`);
    expect(stored).toHaveLength(1);
    expect(detail.sync.cin7SaleNumber).toBe(stored[0]?.Order.SaleOrderNumber);
  });

  it('keeps suppliers apart: another supplier’s order ids are 404, lists hold only the caller’s pushes', async () => {
    const list = await t.http.get(`${base}/orders/pushes`).set(t.as(kiwi())).expect(200);
    const some = list.body.items[0];
    expect(some).toBeTruthy();
    const aussie = t.suppliers.aussie;
    await t.http.get(`${base}/orders/${some.orderId}/sync`).set(t.as(aussie)).expect(404);
    await t.http.get(`${base}/orders/${some.orderId}/preview`).set(t.as(aussie)).expect(404);
    await t.http.post(`${base}/orders/${some.orderId}/sync/retry`).set(t.as(aussie)).expect(404);
    await t.http.post(`${base}/orders/${some.orderId}/approved`).set(t.asHost(aussie)).expect(404);
    expect((await t.http.get(`${base}/orders/sync`).set(t.as(aussie)).expect(200)).body.items).toEqual([]);
    const pushedOnly = await t.http.get(`${base}/orders/sync?state=refused`).set(t.as(kiwi())).expect(200);
    expect(pushedOnly.body.items.length).toBeGreaterThan(0);
    expect(pushedOnly.body.items.every((i: { state: string }) => i.state === 'refused')).toBe(true);
    await t.http.get(`${base}/orders/sync?state=bogus`).set(t.as(kiwi())).expect(400);
    await t.http.get(`${base}/orders/sync`).expect(401);
  });
});
