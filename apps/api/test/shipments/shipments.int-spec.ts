import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { QueryRunner } from 'typeorm';
import { SaleReconciler } from '../../src/module/shipments/sync/sale-reconciler.service.js';
import { ShipmentPoll } from '../../src/module/shipments/sync/shipment-poll.service.js';
import { ShipmentScheduler } from '../../src/module/shipments/sync/shipment-scheduler.service.js';
import { WebhookRegistrations } from '../../src/module/shipments/webhooks/webhook-registrations.service.js';
import { WEBHOOK_SECRET_HEADER } from '../../src/module/shipments/webhooks/webhook-secret.js';
import { scaledClock } from '../../src/module/work/clock.js';
import { createTestApp, type TestApp, type TestSupplier } from '../support/test-app.js';
import { type PushedOrder, PushedOrders } from './pushed-orders.fixture.js';

const base = '/integrations/cin7-core';
/**
 * Sandbox and API clocks run this much faster than real time, so the API's 60-calls-a-minute budget (which this
 * file would otherwise exhaust) refills in two real seconds.
 */
const TIME_SCALE = 30;

interface HostOrderView {
  status: string;
  tracking: string | null;
  carrier: string | null;
  totalsMismatch: string | null;
}

describe('shipments come back from Cin7', () => {
  let t: TestApp;
  let kiwi: TestSupplier;
  let aussie: TestSupplier;
  let orders: PushedOrders;
  let connectionId: string;

  beforeAll(async () => {
    t = await createTestApp({
      sandbox: { seed: 'small', rateLimit: { enabled: false }, timeScale: TIME_SCALE },
      timeScale: TIME_SCALE,
    });
    ({ kiwi, aussie } = t.suppliers);
    await t.connect(kiwi);
    await t.connect(aussie);
    for (const s of [kiwi, aussie]) {
      await t.waitFor(async () => (await connection(s)).health?.webhooks === 'registered', {
        what: 'webhooks registered',
      });
    }
    [{ id: connectionId }] = await t.dataSource.query(
      `SELECT id FROM cin7_connection WHERE supplier_id = $1`,
      [kiwi.id],
    );
    orders = await new PushedOrders(t, kiwi).init();
  }, 120_000);
  afterAll(() => t?.close());

  const connection = async (s: TestSupplier) => (await t.http.get(`${base}/connection`).set(t.as(s))).body;
  const hostOrder = async (o: PushedOrder): Promise<HostOrderView> =>
    (await t.http.get(`/host/orders/${o.orderId}`).set(t.as(kiwi))).body;
  const waitShipped = (o: PushedOrder) =>
    t.waitFor(
      async () => {
        const view = await hostOrder(o);
        return view.status === 'shipped' ? view : undefined;
      },
      { what: `order ${o.orderNumber} shipped` },
    );
  const timeline = async (o: PushedOrder): Promise<{ step: string; message: string }[]> =>
    t.dataSource.query(
      `SELECT e.step, e.message FROM cin7_order_push_event e JOIN cin7_order_push p ON p.id = e.push_id
        WHERE p.upstock_order_id = $1 ORDER BY e.id`,
      [o.orderId],
    );
  const notifications = async (
    orderId: string,
  ): Promise<{ kind: string; title: string; message: string }[]> =>
    (await t.http.get('/host/notifications').set(t.as(kiwi))).body.filter(
      (n: { orderId: string }) => n.orderId === orderId,
    );
  const secret = async (): Promise<string> => {
    const hooks = await orders.client.webhooks.list();
    const value = hooks[0]?.ExternalHeaders.find((h) => h.Key === WEBHOOK_SECRET_HEADER)?.Value;
    if (!value) throw new Error('no secret header registered');
    return value;
  };
  const deliver = (payload: object, key: string | null, id = connectionId) => {
    const req = t.http.post(`${base}/webhooks/cin7/${id}`);
    return (key === null ? req : req.set(WEBHOOK_SECRET_HEADER, key)).send(payload);
  };
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
  const pollNow = async () => {
    // A poll asked for while an earlier one is still queued is that same job, which may have listed Cin7 before
    // this test's change. Ask once it has finished.
    await t.waitFor(idle, { what: 'earlier polls done' });
    const res = await t.http.post(`${base}/shipments/poll`).set(t.as(kiwi));
    expect(res.status).toBe(202);
  };
  const jobsOf = async (queue: string): Promise<number> =>
    Number(
      (await t.dataSource.query(`SELECT count(*) AS n FROM cin7_queue.job WHERE name = $1`, [queue]))[0].n,
    );

  it('registers both shipment webhooks at the connection URL with the secret header, never storing it in clear', async () => {
    const hooks = await orders.client.webhooks.list();
    expect(hooks.map((h) => h.Type).sort()).toEqual([
      'Sale/ShipmentAuthorised',
      'Sale/ShipmentTrackingNumberChanged',
    ]);
    for (const hook of hooks) {
      expect(hook.IsActive).toBe(true);
      expect(hook.ExternalURL).toBe(`${t.url}${base}/webhooks/cin7/${connectionId}`);
    }
    const value = await secret();
    expect(value.length).toBeGreaterThanOrEqual(32);
    const [row] = await t.dataSource.query(
      `SELECT webhook_secret_encrypted FROM cin7_connection WHERE id = $1`,
      [connectionId],
    );
    expect(row.webhook_secret_encrypted).not.toContain(value);
  });

  it('marks the order shipped with the tracking link and carrier, by webhook', async () => {
    const o = await orders.create([{ sku: orders.skus[0] ?? '', quantity: 2 }]);
    await t.sandbox.admin.shipSale(0, o.saleId, {
      trackingUrl: 'https://track.example/parcel/77',
      carrier: 'NZ Post',
    });
    const view = await waitShipped(o);
    expect(view.tracking).toBe('https://track.example/parcel/77');
    expect(view.carrier).toBe('NZ Post');
    // The timeline event is written just after the host is told.
    const events = await t.waitFor(
      async () => {
        const rows = await timeline(o);
        return rows.length > 0 ? rows : undefined;
      },
      { what: 'the shipped event on the timeline' },
    );
    expect(events.map((e) => e.step)).toEqual(['shipped']);
    expect(events[0]?.message).toContain('tracking link https://track.example/parcel/77');
    const [push] = await t.dataSource.query(`SELECT state FROM cin7_order_push WHERE upstock_order_id = $1`, [
      o.orderId,
    ]);
    expect(push.state).toBe('shipped');
  });

  it('passes a tracking number on, by webhook', async () => {
    const o = await orders.create([{ sku: orders.skus[1] ?? '', quantity: 1 }]);
    await t.sandbox.admin.shipSale(0, o.saleId, { trackingNumber: 'NZ123456789', carrier: 'NZ Post' });
    const view = await waitShipped(o);
    // The reference host keeps one tracking field (the link when Cin7 has one); the number reaches the port.
    expect(view.tracking).toContain('NZ123456789');
    // The timeline event is written just after the host is told.
    const [event] = await t.waitFor(
      async () => {
        const rows = await timeline(o);
        return rows.length > 0 ? rows : undefined;
      },
      { what: 'the shipped event on the timeline' },
    );
    expect(event?.message).toContain('tracking number NZ123456789');
  });

  it('refuses a forged, unsigned or misaddressed webhook with 401 and does nothing', async () => {
    const o = await orders.create([{ sku: orders.skus[0] ?? '', quantity: 1 }]);
    const payload = { SaleTaskID: o.saleId.toUpperCase(), EventType: 'Sale/ShipmentAuthorised' };
    const before = await jobsOf('cin7-shipment-event');
    const right = await secret();
    const [aussieConnection] = await t.dataSource.query(
      `SELECT id FROM cin7_connection WHERE supplier_id = $1`,
      [aussie.id],
    );
    for (const res of [
      await deliver(payload, 'forged-secret'),
      await deliver(payload, null),
      await deliver(payload, `${right}x`),
      await deliver(payload, right, aussieConnection.id),
      await deliver(payload, right, '00000000-0000-0000-0000-000000000000'),
      await deliver(payload, right, 'not-a-uuid'),
    ]) {
      expect(res.status).toBe(401);
    }
    expect(await jobsOf('cin7-shipment-event')).toBe(before);
    expect((await hostOrder(o)).status).toBe('approved');
  });

  it('changes nothing twice for replayed, duplicated and out-of-order events', async () => {
    const o = await orders.create([{ sku: orders.skus[0] ?? '', quantity: 3 }]);
    const key = await secret();
    const authorised = {
      SaleTaskID: o.saleId.toUpperCase(),
      OrderNumber: o.saleNumber,
      EventType: 'Sale/ShipmentAuthorised',
    };
    await t.sandbox.admin.shipSale(0, o.saleId, { trackingNumber: 'FIRST-1', carrier: 'NZ Post' });
    await waitShipped(o);
    // Cin7 changes the tracking afterwards; then old events arrive again, in the wrong order, several times.
    await t.sandbox.admin.shipSale(0, o.saleId, { trackingNumber: 'SECOND-2', carrier: 'NZ Post' });
    await t.waitFor(async () => (await hostOrder(o)).tracking?.includes('SECOND-2'), {
      what: 'tracking changed',
    });
    for (let i = 0; i < 3; i++) {
      expect((await deliver(authorised, key)).status).toBe(200);
      expect(
        (
          await deliver(
            {
              SaleID: o.saleId,
              Shipments: [{ TrackingNumber: 'FIRST-1' }],
              EventType: 'Sale/ShipmentTrackingNumberChanged',
            },
            key,
          )
        ).status,
      ).toBe(200);
    }
    await pollNow();
    await t.waitFor(async () => (await jobsOf('cin7-shipment-event')) > 0 && (await idle()), {
      what: 'events processed',
    });
    expect((await timeline(o)).map((e) => e.step)).toEqual(['shipped', 'tracking-changed']);
    expect((await hostOrder(o)).tracking).toContain('SECOND-2');
  });

  const idle = async () => {
    const [row] = await t.dataSource.query(
      `SELECT count(*) AS n FROM cin7_queue.job WHERE name IN ('cin7-shipment-event', 'cin7-shipment-poll')
        AND state IN ('created', 'active', 'retry')`,
    );
    return Number(row.n) === 0;
  };

  it('ignores a fetch that finishes after a newer one was applied', async () => {
    const o = await orders.create([{ sku: orders.skus[1] ?? '', quantity: 1 }]);
    await t.sandbox.admin.setConfig({ webhooks: { enabled: false } });
    try {
      await t.sandbox.admin.shipSale(0, o.saleId, { trackingNumber: 'OLD-1' });
      const older = await orders.client.sales.get(o.saleId);
      await t.sandbox.admin.advanceTime(60_000);
      await t.sandbox.admin.shipSale(0, o.saleId, { trackingNumber: 'NEW-2' });
      const newer = await orders.client.sales.get(o.saleId);
      if (!older || !newer) throw new Error('sale not found');
      const reconciler = t.app.get(SaleReconciler);
      const pushed = {
        orderId: o.orderId,
        saleId: o.saleId,
        saleNumber: o.saleNumber,
        complete: true,
        sentAt: null,
      };
      expect(await reconciler.apply(kiwi.id, pushed, newer, new Date())).toEqual(['shipped']);
      expect(await reconciler.apply(kiwi.id, pushed, older, new Date())).toEqual(['stale']);
      expect(await reconciler.apply(kiwi.id, pushed, newer, new Date())).toEqual([]);
      expect((await hostOrder(o)).tracking).toContain('NEW-2');
      expect((await timeline(o)).map((e) => e.step)).toEqual(['shipped']);
    } finally {
      await t.sandbox.admin.setConfig({ webhooks: { enabled: true } });
    }
  });

  it('costs nothing for sales that are not ours, and finds ours by order number when Cin7 names a task', async () => {
    const key = await secret();
    const customer = (await orders.client.customers.list({ Limit: 1 })).items[0];
    const location = (await orders.client.reference.locations())[0]?.Name ?? '';
    const foreign = await orders.client.sales.create({
      CustomerID: customer?.ID,
      SkipQuote: true,
      Location: location,
    });
    await t.waitFor(idle, { what: 'quiet queue' });
    const gets = async () => (await t.sandbox.admin.metrics()).callsByEndpoint['GET sale'] ?? 0;
    const before = await gets();
    expect(
      (await deliver({ SaleTaskID: foreign.ID, EventType: 'Sale/ShipmentAuthorised' }, key)).status,
    ).toBe(200);
    await t.waitFor(idle, { what: 'event handled' });
    expect(await gets()).toBe(before);

    const o = await orders.create([{ sku: orders.skus[0] ?? '', quantity: 1 }]);
    // The task's event starts a poll, which finds the sale only once Cin7 lists it.
    await orders.listed(o);
    await t.sandbox.admin.setConfig({ webhooks: { enabled: false } });
    try {
      await t.sandbox.admin.shipSale(0, o.saleId, { trackingNumber: 'TASK-1' });
      const task = '11111111-2222-3333-4444-555555555555';
      const res = await deliver(
        { SaleTaskID: task.toUpperCase(), OrderNumber: o.saleNumber, EventType: 'Sale/ShipmentAuthorised' },
        key,
      );
      expect(res.status).toBe(200);
      await waitShipped(o);
    } finally {
      await t.sandbox.admin.setConfig({ webhooks: { enabled: true } });
    }
  });

  it('marks the order shipped by polling when webhooks are off', async () => {
    await t.sandbox.admin.setConfig({ webhooks: { enabled: false } });
    try {
      const o = await orders.create([{ sku: orders.skus[2] ?? '', quantity: 1 }]);
      await t.sandbox.admin.shipSale(0, o.saleId, {
        trackingUrl: 'https://track.example/poll/1',
        carrier: 'Courier',
      });
      await orders.listed(o);
      await pollNow();
      const view = await waitShipped(o);
      expect(view.tracking).toBe('https://track.example/poll/1');
      // The host hears of the shipment before the cycle ends and records its poll time: wait for the cycle.
      await t.waitFor(idle, { what: 'poll done' });
      const status = (await t.http.get(`${base}/shipments`).set(t.as(kiwi))).body;
      expect(status).toMatchObject({ webhooks: 'registered', pollIntervalMinutes: 10 });
      expect(status.lastPollAt).not.toBeNull();
    } finally {
      await t.sandbox.admin.setConfig({ webhooks: { enabled: true } });
    }
  });

  it("checks again when the supplier asks while a poll is running: a sale shipped after that poll's listing is found", async () => {
    await t.sandbox.admin.setConfig({ webhooks: { enabled: false } });
    try {
      const o = await orders.create([{ sku: orders.skus[1] ?? '', quantity: 1 }]);
      await orders.listed(o);
      // A poll has seen it unshipped: the next one lists it but has no reason to read it.
      await pollNow();
      await t.waitFor(idle, { what: 'the poll that saw it unshipped' });
      const listings = async () => (await t.sandbox.admin.metrics()).callsByEndpoint['GET saleList'] ?? 0;
      const checkNow = async () =>
        expect((await t.http.post(`${base}/shipments/poll`).set(t.as(kiwi))).status).toBe(202);
      // A poll lists Cin7, then waits (the lock on its schedule row) before it ends: it is running.
      await whileLocked(
        'SELECT 1 FROM cin7_shipment_schedule WHERE supplier_id = $1 FOR UPDATE',
        [kiwi.id],
        async () => {
          const before = await listings();
          await checkNow();
          await t.waitFor(async () => (await listings()) > before, { what: 'the running poll listed Cin7' });
          // Shipped after that listing; the supplier clicks "check now".
          await t.sandbox.admin.shipSale(0, o.saleId, {
            trackingUrl: 'https://track.example/check-now/1',
            carrier: 'Courier',
          });
          await checkNow();
        },
      );
      expect((await waitShipped(o)).tracking).toBe('https://track.example/check-now/1');
    } finally {
      await t.sandbox.admin.setConfig({ webhooks: { enabled: true } });
    }
  });

  it('flags an order whose sale was edited in Cin7 and tells the supplier the difference, once', async () => {
    const sku = orders.skus[0] ?? '';
    const o = await orders.create([{ sku, quantity: 2 }], 10);
    await t.sandbox.admin.advanceTime(5 * 60_000);
    await t.sandbox.admin.editSaleLines(0, o.saleId, [{ sku, quantity: 5 }]);
    await pollNow();
    const view = await t.waitFor(
      async () => {
        const v = await hostOrder(o);
        return v.totalsMismatch ? v : undefined;
      },
      { what: 'totals mismatch flagged' },
    );
    expect(view.totalsMismatch).toContain(`${sku}: quantity 2 → 5`);
    // The flag is written just before the heads-up (two writes): under load the test can read between them.
    const sent = await t.waitFor(
      async () => {
        const found = await notifications(o.orderId);
        return found.length ? found : undefined;
      },
      { what: 'the heads-up' },
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: 'order-totals-mismatch' });
    expect(sent[0]?.message).toContain('Upstock');
    // The same drift seen again (another poll, then the shipment) is not news.
    await pollNow();
    await t.sandbox.admin.shipSale(0, o.saleId, { trackingNumber: 'DRIFT-1' });
    await waitShipped(o);
    expect(await notifications(o.orderId)).toHaveLength(1);
    // The host marks the order shipped before the push's timeline records it (two writes): wait for both.
    const steps = await t.waitFor(
      async () => {
        const all = (await timeline(o)).map((e) => e.step);
        return all.includes('shipped') ? all : undefined;
      },
      { what: 'the shipped step on the timeline' },
    );
    expect(steps).toEqual(['totals-mismatch', 'shipped']);
  });

  it('shows a partial shipment on the timeline without marking the order shipped', async () => {
    const o = await orders.create([
      { sku: orders.skus[0] ?? '', quantity: 1 },
      { sku: orders.skus[1] ?? '', quantity: 1 },
    ]);
    await t.sandbox.admin.shipSale(0, o.saleId, { trackingNumber: 'PART-1', partial: true });
    await orders.listed(o);
    await pollNow();
    await t.waitFor(async () => (await timeline(o)).some((e) => e.step === 'partially-shipped'), {
      what: 'partial',
    });
    expect((await hostOrder(o)).status).toBe('approved');
  });

  it('shows a voided sale on the timeline and notifies the supplier, once', async () => {
    const o = await orders.create([{ sku: orders.skus[1] ?? '', quantity: 1 }]);
    await t.sandbox.admin.voidSale(0, o.saleId);
    await orders.listed(o);
    await pollNow();
    await t.waitFor(async () => (await notifications(o.orderId)).length > 0, { what: 'void notified' });
    await pollNow();
    await t.waitFor(idle, { what: 'poll done' });
    expect((await notifications(o.orderId)).map((n) => n.kind)).toEqual(['sale-voided']);
    expect((await timeline(o)).map((e) => e.step)).toEqual(['voided']);
  });

  it('loses nothing with shuffled saleList pages and tied timestamps, and skips unchanged sales', async () => {
    await t.sandbox.admin.setConfig({ webhooks: { enabled: false }, saleListShuffle: true, timeScale: 0 });
    const poll = t.app.get(ShipmentPoll);
    try {
      const made: PushedOrder[] = [];
      for (let i = 0; i < 6; i++)
        made.push(await orders.create([{ sku: orders.skus[i % 3] ?? '', quantity: 1 }]));
      await t.sandbox.admin.advanceTime(5_000); // past saleList's lag for new sales; the clock stays frozen
      await poll.cycle(kiwi.id, { pageLimit: 2 });
      const shipped = made.slice(0, 4);
      for (const o of shipped)
        await t.sandbox.admin.shipSale(0, o.saleId, { trackingNumber: `TIE-${o.orderNumber}` });
      for (let cycle = 0; cycle < 3; cycle++) await poll.cycle(kiwi.id, { pageLimit: 2 });
      for (const o of shipped) expect((await hostOrder(o)).status).toBe('shipped');
      for (const o of made.slice(4)) expect((await hostOrder(o)).status).toBe('approved');
      for (const o of shipped) expect((await timeline(o)).map((e) => e.step)).toEqual(['shipped']);
      const again = await poll.cycle(kiwi.id);
      expect(again).toMatchObject({ fetched: 0, calls: 1, complete: true });
    } finally {
      await t.sandbox.admin.setConfig({
        webhooks: { enabled: true },
        saleListShuffle: false,
        timeScale: TIME_SCALE,
      });
    }
  }, 30_000);

  it('re-registers a missing or deactivated webhook on the periodic check', async () => {
    const hooks = await orders.client.webhooks.list();
    const [first] = hooks;
    if (!first) throw new Error('no hooks');
    await orders.client.webhooks.delete(first.ID);
    const result = await t.app.get(WebhookRegistrations).sync(kiwi.id, 'check');
    expect(result).toEqual({ state: 'registered', created: 1, deleted: 0 });
    expect((await orders.client.webhooks.list()).map((h) => h.Type).sort()).toEqual([
      'Sale/ShipmentAuthorised',
      'Sale/ShipmentTrackingNumberChanged',
    ]);
    // Cin7 deactivates a webhook after its retries fail (reference §6): the check replaces it.
    const [second] = await orders.client.webhooks.list();
    const put = await fetch(`${t.sandbox.baseUrl}webhooks`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        'api-auth-accountid': kiwi.account.accountId,
        'api-auth-applicationkey': kiwi.account.apiKey,
      },
      body: JSON.stringify({ ID: second?.ID, IsActive: false }),
    });
    expect(put.status).toBe(200);
    expect(await t.app.get(WebhookRegistrations).sync(kiwi.id, 'check')).toEqual({
      state: 'registered',
      created: 1,
      deleted: 1,
    });
    expect((await orders.client.webhooks.list()).every((h) => h.IsActive)).toBe(true);
    // Nothing to repair: no call but the list.
    expect(await t.app.get(WebhookRegistrations).sync(kiwi.id, 'check')).toEqual({
      state: 'registered',
      created: 0,
      deleted: 0,
    });
  });

  it('shows webhooks as missing when Cin7 refuses them (5 of a type already), and recovers', async () => {
    const registrations = t.app.get(WebhookRegistrations);
    const ours = await orders.client.webhooks.list();
    for (const hook of ours) await orders.client.webhooks.delete(hook.ID);
    const foreign = [];
    for (let i = 0; i < 5; i++) {
      foreign.push(
        await orders.client.webhooks.create({
          Type: 'Sale/ShipmentAuthorised',
          ExternalURL: `https://other.example/${i}`,
        }),
      );
    }
    expect((await registrations.sync(kiwi.id, 'check')).state).toBe('missing');
    expect((await connection(kiwi)).health.webhooks).toBe('missing');
    expect((await t.http.get(`${base}/shipments`).set(t.as(kiwi))).body.webhooks).toBe('missing');
    // Other integrations' webhooks are never touched.
    expect(
      (await orders.client.webhooks.list()).filter((h) =>
        h.ExternalURL?.startsWith('https://other.example/'),
      ),
    ).toHaveLength(5);
    for (const hook of foreign) await orders.client.webhooks.delete(hook.ID);
    expect((await registrations.sync(kiwi.id, 'check')).state).toBe('registered');
    expect((await connection(kiwi)).health.webhooks).toBe('registered');
  });

  it('enqueues each due poll once however many replicas tick', async () => {
    const scheduler = t.app.get(ShipmentScheduler);
    await t.dataSource.query(
      `UPDATE cin7_shipment_schedule SET next_poll_at = now() - interval '1 minute' WHERE supplier_id = $1`,
      [aussie.id],
    );
    const claims = await Promise.all([
      scheduler.fanOut(aussie.id),
      scheduler.fanOut(aussie.id),
      scheduler.fanOut(aussie.id),
    ]);
    expect(claims.filter((c) => c.polls.includes(aussie.id))).toHaveLength(1);
  });

  it('moves the next poll at once when the supplier shortens the poll interval', async () => {
    const scheduler = t.app.get(ShipmentScheduler);
    // Polled a moment ago at the default interval: the next poll is ten minutes out (on the module's clock).
    const clock = scaledClock(t.config.timeScale, t.config.timeOrigin);
    await t.dataSource.query(`UPDATE cin7_shipment_schedule SET next_poll_at = $2 WHERE supplier_id = $1`, [
      aussie.id,
      new Date(clock.now() + 10 * 60_000),
    ]);
    expect((await scheduler.fanOut(aussie.id)).polls).toEqual([]);
    const current = (await t.http.get(`${base}/settings`).set(t.as(aussie))).body;
    await t.http
      .put(`${base}/settings`)
      .set(t.as(aussie))
      .send({ ...current, shipmentPollIntervalMinutes: 1 })
      .expect(200);
    // The next tick polls now, then every minute.
    expect((await scheduler.fanOut(aussie.id)).polls).toEqual([aussie.id]);
    const [row] = await t.dataSource.query(
      `SELECT next_poll_at FROM cin7_shipment_schedule WHERE supplier_id = $1`,
      [aussie.id],
    );
    expect(new Date(row.next_poll_at).getTime() - clock.now()).toBeLessThanOrEqual(60_000);
  });

  it('keeps suppliers apart: status and poll are per supplier, and need a supplier', async () => {
    expect((await t.http.get(`${base}/shipments`)).status).toBe(401);
    expect((await t.http.post(`${base}/shipments/poll`)).status).toBe(401);
    const mine = (await t.http.get(`${base}/shipments`).set(t.as(aussie))).body;
    expect(mine.webhooks).toBe('registered');
    const aussieHooks = await new PushedOrders(t, aussie).client.webhooks.list();
    expect(aussieHooks.every((h) => !h.ExternalURL?.includes(connectionId))).toBe(true);
  });

  let oldKey: string;
  it('refuses webhooks of a disconnected supplier, and removes its webhooks from Cin7, then the retired key', async () => {
    oldKey = await secret();
    expect(await orders.client.webhooks.list()).toHaveLength(2);
    expect((await t.http.delete(`${base}/connection`).set(t.as(kiwi))).status).toBe(204);
    expect((await deliver({ SaleID: '00000000-0000-0000-0000-000000000001' }, oldKey)).status).toBe(401);
    expect((await t.http.get(`${base}/shipments`).set(t.as(kiwi))).status).toBe(404);
    await t.waitFor(async () => (await orders.client.webhooks.list()).length === 0, {
      what: 'webhooks removed',
    });
    await t.waitFor(
      async () => (await t.dataSource.query('SELECT 1 FROM cin7_retired_credentials')).length === 0,
      { what: 'retired credentials forgotten' },
    );
  });

  it('replaces the webhooks on reconnect: the new secret works, the old one is refused', async () => {
    await t.connect(kiwi);
    await t.waitFor(
      async () => {
        const hooks = await orders.client.webhooks.list();
        const keys = hooks.map((h) => h.ExternalHeaders.find((x) => x.Key === WEBHOOK_SECRET_HEADER)?.Value);
        return (
          hooks.length === 2 &&
          keys.every((k) => k && k !== oldKey) &&
          (await connection(kiwi)).health?.webhooks === 'registered'
        );
      },
      { what: 'webhooks replaced' },
    );
    expect((await deliver({ SaleID: '00000000-0000-0000-0000-000000000001' }, oldKey ?? '')).status).toBe(
      401,
    );
    expect((await deliver({ SaleID: '00000000-0000-0000-0000-000000000001' }, await secret())).status).toBe(
      200,
    );
  });
});
