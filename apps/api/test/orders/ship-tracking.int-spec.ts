import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DEFAULT_SETTINGS } from '@upstock/cin7-contracts';
import { Cin7Client, unlimitedBudget } from '@upstock/cin7-core';
import {
  ORDER_PUSH_LEDGER,
  type OrderPushLedger,
} from '../../src/module/shipments/sync/order-push-ledger.js';
import { SaleReconciler } from '../../src/module/shipments/sync/sale-reconciler.service.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  approve,
  connectAndImport,
  createOrder,
  type LinkedCustomer,
  type LinkedProduct,
  linkedCustomers,
  linkedProducts,
  putSettings,
  waitSettled,
} from './order-push.helpers.js';

jest.setTimeout(60_000);

type Row = Record<string, unknown>;
interface ShipLine {
  Boxes: string;
  TrackingNumber: string;
  TrackingURL: string;
  IsShipped: boolean;
}

/** Simple + Authorised + pick, pack and ship: Cin7 ships the sale when the order is authorised. */
const SHIPPING = {
  ...DEFAULT_SETTINGS,
  saleType: 'SIMPLE',
  saleStatus: 'AUTHORISED',
  fulfilmentSteps: 'PICK_PACK_SHIP',
};

/**
 * Issue 12: tracking typed in Upstock at approval goes on the ship line where the creation mode ships the sale;
 * elsewhere the documented Note carries it.
 */
describe('order push: tracking on the ship line', () => {
  let t: TestApp;
  let customer: LinkedCustomer;
  let product: LinkedProduct;
  /** When set, the answer to the next `PUT sale/fulfilment/ship` is lost after Cin7 applied it. */
  let loseNextShipAnswer = false;
  /** When set, the next `PUT sale/fulfilment/ship` waits until the test releases it. */
  let holdNextShip: { reached: boolean; released: Promise<void> } | null = null;
  const losingFetch: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const shipWrite = init?.method === 'PUT' && /\/sale\/fulfilment\/ship/i.test(url);
    if (holdNextShip && shipWrite) {
      const hold = holdNextShip;
      holdNextShip = null;
      hold.reached = true;
      await hold.released;
    }
    const res = await fetch(input, init);
    if (loseNextShipAnswer && shipWrite) {
      loseNextShipAnswer = false;
      await res.arrayBuffer();
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      });
    }
    return res;
  };

  beforeAll(async () => {
    t = await createTestApp({
      sandbox: { seed: 'small', timeScale: 30 },
      timeScale: 30,
      schedulerTickMs: 500,
      fetch: losingFetch,
    });
    await connectAndImport(t, t.suppliers.kiwi);
    customer = (await linkedCustomers(t, t.suppliers.kiwi)).find((c) => c.shipping_address) as LinkedCustomer;
    product = (await linkedProducts(t, t.suppliers.kiwi))[0] as LinkedProduct;
  });
  afterAll(() => t?.close());

  const kiwi = () => t.suppliers.kiwi;
  const calls = async () => (await t.sandbox.admin.metrics()).callsByEndpoint;

  async function push(tracking: string) {
    const order = await createOrder(
      t,
      kiwi(),
      {
        customerId: customer.upstock_customer_id,
        lines: [{ productId: product.upstock_product_id, quantity: 1 }],
      },
      { tracking },
    );
    await approve(t, kiwi(), order.id);
    const detail = await waitSettled(t, kiwi(), order.id);
    expect(detail.sync).toMatchObject({ state: 'pushed', error: null });
    const sale = (await t.sandbox.admin.getSale(0, detail.sync.cin7SaleId as string)) as Row;
    const fulfilments = (sale.Fulfilments ?? []) as { Ship: { Status: string; Lines: ShipLine[] } }[];
    return { order, detail, sale, ship: fulfilments[0]?.Ship };
  }

  it('puts the tracking number on the ship line when the creation mode ships the sale: two more calls', async () => {
    await putSettings(t, kiwi(), SHIPPING);
    const before = await calls();
    const { order, detail, sale, ship } = await push('NZP777');
    expect(ship?.Status).toBe('AUTHORISED');
    expect(ship?.Lines).toEqual([expect.objectContaining({ TrackingNumber: 'NZP777', IsShipped: true })]);
    // The Note keeps it too: the record of what Upstock sent.
    expect(sale.Note).toBe(`Upstock order ${order.number}\nTracking number: NZP777`);
    expect(detail.timeline.map((e) => e.type)).toEqual([
      'approved',
      'header-created',
      'authorised',
      'tracking-set',
    ]);
    const after = await calls();
    const delta = (k: string) => (after[k] ?? 0) - (before[k] ?? 0);
    expect(delta('POST sale')).toBe(1);
    expect(delta('POST sale/order')).toBe(1);
    expect(delta('PUT sale/fulfilment/ship')).toBe(1);
    expect(delta('GET sale')).toBeGreaterThanOrEqual(1);

    // Cin7's shipment comes back as one shipped event with that number: not a change of tracking, not drift.
    const view = await t.waitFor(
      async () => {
        const res = (await t.http.get(`/host/orders/${order.id}`).set(t.as(kiwi()))).body;
        return res.status === 'shipped' ? res : undefined;
      },
      { what: 'the order shipped in Upstock', timeoutMs: 30_000 },
    );
    expect(String(view.tracking)).toContain('NZP777');
    const steps: { step: string }[] = await t.waitFor(
      async () => {
        const rows: { step: string }[] = await t.dataSource.query(
          `SELECT e.step FROM cin7_order_push_event e JOIN cin7_order_push p ON p.id = e.push_id
            WHERE p.upstock_order_id = $1 ORDER BY e.id`,
          [order.id],
        );
        return rows.some((r) => r.step === 'shipped') ? rows : undefined;
      },
      { what: 'the shipped event' },
    );
    const shipmentSteps = steps
      .map((s) => s.step)
      .filter((s) => !['approved', 'header-created', 'authorised', 'tracking-set'].includes(s));
    expect(shipmentSteps).toEqual(['shipped']);
  });

  it('leaves a link on the Note: the ship line TrackingURL is read-only (BP L30684)', async () => {
    await putSettings(t, kiwi(), SHIPPING);
    const before = (await calls())['PUT sale/fulfilment/ship'] ?? 0;
    const { order, sale, ship } = await push('https://track.example/NZ42');
    expect(sale.Note).toBe(`Upstock order ${order.number}\nTracking URL: https://track.example/NZ42`);
    expect(ship?.Lines.every((l) => l.TrackingNumber === '')).toBe(true);
    expect((await calls())['PUT sale/fulfilment/ship'] ?? 0).toBe(before);
  });

  it('keeps the Note alone in the modes that do not ship (draft, authorised with pick and pack)', async () => {
    for (const settings of [DEFAULT_SETTINGS, { ...SHIPPING, fulfilmentSteps: 'PICK_PACK' }]) {
      await putSettings(t, kiwi(), settings);
      const before = await calls();
      const { order, sale, ship } = await push('NZP888');
      expect(sale.Note).toBe(`Upstock order ${order.number}\nTracking number: NZP888`);
      expect(ship?.Status ?? 'NOT AVAILABLE').toBe('NOT AVAILABLE');
      const after = await calls();
      expect(after['PUT sale/fulfilment/ship'] ?? 0).toBe(before['PUT sale/fulfilment/ship'] ?? 0);
      expect(after['POST sale/order']).toBe((before['POST sale/order'] ?? 0) + 1);
    }
  });

  it('after a lost answer to the tracking write, reads the shipment and writes nothing twice', async () => {
    await putSettings(t, kiwi(), SHIPPING);
    const before = (await calls())['PUT sale/fulfilment/ship'] ?? 0;
    loseNextShipAnswer = true;
    const { detail, ship } = await push('NZP999');
    expect(loseNextShipAnswer).toBe(false); // the answer was lost
    expect(ship?.Lines).toEqual([expect.objectContaining({ TrackingNumber: 'NZP999' })]);
    expect((await calls())['PUT sale/fulfilment/ship']).toBe(before + 1);
    const types = detail.timeline.map((e) => e.type);
    expect(types).toContain('outcome-unknown');
    expect(detail.timeline.at(-1)).toMatchObject({
      type: 'tracking-set',
      message: expect.stringMatching(/already holds tracking number NZP999.*nothing sent again/),
    });
  });

  it('records a shipment read before the tracking write lands once, with that tracking, not as a later change', async () => {
    await putSettings(t, kiwi(), SHIPPING);
    await t.sandbox.admin.setConfig({ webhooks: { enabled: false } });
    let release = () => {};
    const hold = { reached: false, released: new Promise<void>((r) => (release = r)) };
    holdNextShip = hold;
    try {
      const order = await createOrder(
        t,
        kiwi(),
        {
          customerId: customer.upstock_customer_id,
          lines: [{ productId: product.upstock_product_id, quantity: 1 }],
        },
        { tracking: 'NZP321' },
      );
      await approve(t, kiwi(), order.id);
      await t.waitFor(async () => hold.reached || undefined, { what: 'the tracking write on its way' });
      const [{ cin7_sale_id: saleId }] = await t.dataSource.query(
        'SELECT cin7_sale_id FROM cin7_order_push WHERE upstock_order_id = $1',
        [order.id],
      );
      const client = new Cin7Client({
        accountId: kiwi().account.accountId,
        apiKey: kiwi().account.apiKey,
        baseUrl: t.sandbox.baseUrl,
        budget: unlimitedBudget,
      });
      const ledger = t.app.get<OrderPushLedger>(ORDER_PUSH_LEDGER, { strict: false });
      const reconciler = t.app.get(SaleReconciler, { strict: false });
      const [pending] = await ledger.findBySaleIds(kiwi().id, [saleId]);
      expect(pending?.pendingShipTracking).toBe('NZP321');
      // Cin7 shipped the sale at authorisation; the number is not on it yet.
      const early = await client.sales.get(saleId);
      if (!early || !pending) throw new Error('sale or push not found');
      expect(early.CombinedShippingStatus).toBe('SHIPPED');
      expect(await reconciler.apply(kiwi().id, pending, early, new Date())).toEqual(['awaiting-tracking']);
      // Not recorded as shipped yet, so the next poll fetches the sale again whatever else happens to it.
      const [state] = await t.dataSource.query(
        'SELECT shipping_status, shipped_key FROM cin7_shipment_state WHERE supplier_id = $1 AND sale_id = $2',
        [kiwi().id, saleId],
      );
      expect(state).toEqual({ shipping_status: null, shipped_key: null });

      release();
      await waitSettled(t, kiwi(), order.id);
      const [done] = await ledger.findBySaleIds(kiwi().id, [saleId]);
      expect(done?.pendingShipTracking).toBeNull();
      const late = await client.sales.get(saleId);
      if (!late || !done) throw new Error('sale or push not found');
      await reconciler.apply(kiwi().id, done, late, new Date());
      const rows: { step: string; message: string }[] = await t.dataSource.query(
        `SELECT e.step, e.message FROM cin7_order_push_event e JOIN cin7_order_push p ON p.id = e.push_id
          WHERE p.upstock_order_id = $1 AND e.step IN ('shipped', 'tracking-changed', 'totals-mismatch') ORDER BY e.id`,
        [order.id],
      );
      expect(rows.map((r) => r.step)).toEqual(['shipped']);
      expect(rows[0]?.message).toContain('NZP321');
    } finally {
      // Also when an expectation failed: the held write must not keep the push (and the app's shutdown) waiting.
      release();
      await t.sandbox.admin.setConfig({ webhooks: { enabled: true } });
    }
  });
});
