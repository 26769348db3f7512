import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { QueryRunner } from 'typeorm';
import { WEBHOOK_SECRET_HEADER } from '../../src/module/shipments/webhooks/webhook-secret.js';
import { createTestApp, type TestApp, type TestSupplier } from '../support/test-app.js';
import { type PushedOrder, PushedOrders } from './pushed-orders.fixture.js';

const base = '/integrations/cin7-core';
/** The API's call budget refills in two real seconds. */
const TIME_SCALE = 30;

/**
 * Webhook events of one sale are coalesced into one Cin7 read while they wait, and an event that arrives while its
 * sale is being read is never lost (it reads again after). Workers are held at a known point with a Postgres lock on
 * cin7_shipment_state, so the order of events and reads is deterministic whatever the machine's load.
 */
describe('shipment webhook events', () => {
  let t: TestApp;
  let kiwi: TestSupplier;
  let orders: PushedOrders;
  let connectionId: string;
  let secret: string;

  beforeAll(async () => {
    t = await createTestApp({
      sandbox: { seed: 'small', rateLimit: { enabled: false }, timeScale: TIME_SCALE },
      timeScale: TIME_SCALE,
    });
    ({ kiwi } = t.suppliers);
    await t.connect(kiwi);
    await t.waitFor(
      async () =>
        (await t.http.get(`${base}/connection`).set(t.as(kiwi))).body.health?.webhooks === 'registered',
      { what: 'webhooks registered' },
    );
    [{ id: connectionId }] = await t.dataSource.query(
      `SELECT id FROM cin7_connection WHERE supplier_id = $1`,
      [kiwi.id],
    );
    orders = await new PushedOrders(t, kiwi).init();
    const hooks = await orders.client.webhooks.list();
    secret = hooks[0]?.ExternalHeaders.find((h) => h.Key === WEBHOOK_SECRET_HEADER)?.Value ?? '';
    // Events come from the test alone, at the moments it chooses.
    await t.sandbox.admin.setConfig({ webhooks: { enabled: false } });
  }, 120_000);
  afterAll(() => t?.close());

  const saleReads = async (): Promise<number> =>
    (await t.sandbox.admin.metrics()).callsByEndpoint['GET sale'] ?? 0;
  const deliver = async (o: PushedOrder, eventType: string) => {
    const payload =
      eventType === 'Sale/ShipmentAuthorised'
        ? { SaleTaskID: o.saleId, OrderNumber: o.saleNumber, EventType: eventType }
        : { SaleID: o.saleId, SaleOrderNumber: o.saleNumber, EventType: eventType };
    const res = await t.http
      .post(`${base}/webhooks/cin7/${connectionId}`)
      .set(WEBHOOK_SECRET_HEADER, secret)
      .send(payload);
    expect(res.status).toBe(200);
  };
  const idle = async () => {
    const [row] = await t.dataSource.query(
      `SELECT count(*) AS n FROM cin7_queue.job WHERE name = 'cin7-shipment-event' AND state IN ('created', 'active', 'retry')`,
    );
    return Number(row.n) === 0;
  };
  const hostOrder = async (o: PushedOrder): Promise<{ status: string; tracking: string | null }> =>
    (await t.http.get(`/host/orders/${o.orderId}`).set(t.as(kiwi))).body;
  const timeline = async (o: PushedOrder): Promise<{ step: string }[]> =>
    t.dataSource.query(
      `SELECT e.step FROM cin7_order_push_event e JOIN cin7_order_push p ON p.id = e.push_id
        WHERE p.upstock_order_id = $1 ORDER BY e.id`,
      [o.orderId],
    );
  /** Runs `hold` inside a transaction holding `lockSql`; workers that touch the locked rows wait for its end. */
  const whileLocked = async (lockSql: string, params: unknown[], hold: () => Promise<void>) => {
    const runner: QueryRunner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(lockSql, params);
      await hold();
    } finally {
      await runner.commitTransaction();
      await runner.release();
    }
  };

  it('reads a sale once for its two events of one shipment', async () => {
    const o = await orders.create([{ sku: orders.skus[0] ?? '', quantity: 1 }]);
    await t.sandbox.admin.shipSale(0, o.saleId, { trackingNumber: 'ONCE-1' });
    const before = await saleReads();
    // Both events arrive before any read of the sale starts (the event job waits on the state table).
    await whileLocked(`LOCK TABLE cin7_shipment_state IN ACCESS EXCLUSIVE MODE`, [], async () => {
      await deliver(o, 'Sale/ShipmentAuthorised');
      await deliver(o, 'Sale/ShipmentTrackingNumberChanged');
    });
    await t.waitFor(async () => (await hostOrder(o)).status === 'shipped' && (await idle()), {
      what: 'shipped, events handled',
    });
    expect(await saleReads()).toBe(before + 1);
    expect((await hostOrder(o)).tracking).toContain('ONCE-1');
  });

  it('reads again for an event that arrives while its sale is being read, and a replayed event changes nothing', async () => {
    const o = await orders.create([{ sku: orders.skus[1] ?? '', quantity: 1 }]);
    // A first event makes the sale's state row exist (not shipped yet).
    await deliver(o, 'Sale/ShipmentTrackingNumberChanged');
    await t.waitFor(idle, { what: 'first event handled' });
    await t.sandbox.admin.shipSale(0, o.saleId, { trackingNumber: 'FIRST-1' });
    const before = await saleReads();
    // The first read happens, then its reconcile waits on the sale's row; meanwhile the tracking changes and
    // Cin7 tells us.
    await whileLocked(
      `SELECT 1 FROM cin7_shipment_state WHERE sale_id = $1 FOR UPDATE`,
      [o.saleId],
      async () => {
        await deliver(o, 'Sale/ShipmentAuthorised');
        await t.waitFor(async () => (await saleReads()) === before + 1, { what: 'the first read' });
        await t.sandbox.admin.shipSale(0, o.saleId, { trackingNumber: 'SECOND-2' });
        await deliver(o, 'Sale/ShipmentTrackingNumberChanged');
      },
    );
    await t.waitFor(async () => (await hostOrder(o)).tracking?.includes('SECOND-2') && (await idle()), {
      what: 'the second tracking number',
      timeoutMs: 30_000,
    });
    expect(await saleReads()).toBe(before + 2);

    // Delivered again (Cin7 retries; events may come out of order): one more read, nothing applied twice.
    const steps = await timeline(o);
    await deliver(o, 'Sale/ShipmentAuthorised');
    await t.waitFor(async () => (await saleReads()) === before + 3 && (await idle()), {
      what: 'replay handled',
    });
    expect(await timeline(o)).toEqual(steps);
    expect((await hostOrder(o)).tracking).toContain('SECOND-2');
  });
});
