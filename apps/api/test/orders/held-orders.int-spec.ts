import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { HeldOrders, OrderSync } from '@upstock/cin7-contracts';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  base,
  connectAndImport,
  createOrder,
  type LinkedCustomer,
  type LinkedProduct,
  linkedCustomers,
  linkedProducts,
  storedSales,
  waitSettled,
} from './order-push.helpers.js';

jest.setTimeout(60_000);

describe('held orders: approved while disconnected or refused, sent by the supplier once fixed', () => {
  let t: TestApp;
  let customer: LinkedCustomer;
  let products: LinkedProduct[];

  beforeAll(async () => {
    t = await createTestApp({
      sandbox: { seed: 'small', timeScale: 30 },
      timeScale: 30,
      schedulerTickMs: 300,
    });
    await connectAndImport(t, t.suppliers.kiwi);
    [customer] = (await linkedCustomers(t, t.suppliers.kiwi)).filter((c) => c.shipping_address);
    products = await linkedProducts(t, t.suppliers.kiwi);
  }, 120_000);
  afterAll(() => t?.close());

  const kiwi = () => t.suppliers.kiwi;
  const held = async (): Promise<HeldOrders> =>
    (await t.http.get(`${base}/orders/held`).set(t.as(kiwi())).expect(200)).body;
  const salesOf = async (orderId: string) =>
    (await storedSales(t, 0)).filter((s) => s.ExternalID === `upstock-order:${orderId}`);
  const order = (i: number) =>
    createOrder(t, kiwi(), {
      customerId: customer.upstock_customer_id,
      lines: [{ productId: (products[i] as LinkedProduct).upstock_product_id, quantity: 2 }],
    });

  it('holds an order approved while disconnected, sends nothing on reconnecting, and sends it once when asked', async () => {
    await t.http.delete(`${base}/connection`).set(t.as(kiwi())).expect(204);
    const first = await order(0);
    const second = await order(1);
    for (const o of [first, second]) {
      await t.http.post(`/host/orders/${o.id}/approve`).set(t.as(kiwi())).expect(201);
    }
    const recorded = await t.http.get(`${base}/orders/${first.id}/sync`).set(t.as(kiwi()));
    expect(recorded.body.sync.state).toBe('held');

    const listed = await held();
    expect(listed.held).toBe(2);
    expect(listed.items.map((i: OrderSync) => i.orderId).sort()).toEqual([first.id, second.id].sort());
    expect(listed.items[0]?.error).toMatch(/Approved while Cin7 was disconnected/);
    // Sending needs a connection first, in words.
    const early = await t.http.post(`${base}/orders/${first.id}/sync/send`).set(t.as(kiwi()));
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/Reconnect your Cin7 account first/);

    await t.connect(kiwi());
    // Several sweeper ticks later, nothing has gone on its own.
    await new Promise((r) => setTimeout(r, 2_000));
    expect((await held()).held).toBe(2);
    expect(await salesOf(first.id)).toHaveLength(0);

    const sent = await t.http.post(`${base}/orders/${first.id}/sync/send`).set(t.as(kiwi()));
    expect(sent.status).toBe(202);
    expect(sent.body.state).toBe('pending');
    // A second click, or a second tab, changes nothing.
    const twice = await t.http.post(`${base}/orders/${first.id}/sync/send`).set(t.as(kiwi()));
    expect(twice.status).toBe(409);
    const done = await waitSettled(t, kiwi(), first.id);
    expect(done.sync.state).toBe('pushed');
    expect(done.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['held', 'retried']));
    const sales = await salesOf(first.id);
    expect(sales).toHaveLength(1);
    expect(done.sync.cin7SaleNumber).toBe(sales[0]?.Order.SaleOrderNumber);

    // "Send all" sends the rest, each once, even when asked twice at the same time.
    const [a, b] = await Promise.all([
      t.http.post(`${base}/orders/held/send`).set(t.as(kiwi())),
      t.http.post(`${base}/orders/held/send`).set(t.as(kiwi())),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body.queued + b.body.queued).toBe(1);
    expect((await waitSettled(t, kiwi(), second.id)).sync.state).toBe('pushed');
    expect(await salesOf(second.id)).toHaveLength(1);
    expect((await held()).held).toBe(0);
    const sentAgain = await t.http.post(`${base}/orders/${second.id}/sync/send`).set(t.as(kiwi()));
    expect(sentAgain.status).toBe(409);
    expect(sentAgain.body.message).toMatch(/is already in Cin7 as SO-/);
  });

  it('lists a refused order with its reason, and sends it once the supplier has fixed it', async () => {
    const walkIn = await t.http
      .post('/host/customers')
      .set(t.as(kiwi()))
      .send({ name: 'Walk-in Buyer', currency: 'NZD' });
    const o = await createOrder(t, kiwi(), {
      customerId: walkIn.body.id,
      lines: [{ productId: (products[2] as LinkedProduct).upstock_product_id, quantity: 1 }],
    });
    await t.http.post(`/host/orders/${o.id}/approve`).set(t.as(kiwi())).expect(201);
    await waitSettled(t, kiwi(), o.id);
    const listed = await held();
    expect(listed.refused).toBe(1);
    expect(listed.items.find((i) => i.orderId === o.id)).toMatchObject({
      state: 'refused',
      error: expect.stringMatching(/"Walk-in Buyer" is not linked to a Cin7 customer/),
    });

    // Fixed: the Upstock customer is linked (the Cin7 customer's link moves to it, as the supplier confirmed).
    const linked = await t.http.put(`${base}/customers/${walkIn.body.id}/link`).set(t.as(kiwi())).send({
      cin7CustomerId: customer.cin7_customer_id,
      shippingAddressId: customer.shipping_address?.id,
      move: true,
    });
    expect(linked.status).toBe(200);
    expect((await t.http.post(`${base}/orders/${o.id}/sync/send`).set(t.as(kiwi()))).status).toBe(202);
    expect((await waitSettled(t, kiwi(), o.id)).sync.state).toBe('pushed');
    expect(await salesOf(o.id)).toHaveLength(1);
    expect((await held()).items.map((i) => i.orderId)).not.toContain(o.id);
  });

  it("keeps suppliers apart: another supplier's held list is its own and it cannot send this one's orders", async () => {
    const aussie = t.suppliers.aussie;
    const { body } = await t.http.get(`${base}/orders/held`).set(t.as(aussie)).expect(200);
    expect(body).toEqual({ items: [], held: 0, refused: 0 });
    const mine = (await t.http.get(`${base}/orders/pushes`).set(t.as(kiwi()))).body.items[0] as OrderSync;
    expect((await t.http.post(`${base}/orders/${mine.orderId}/sync/send`).set(t.as(aussie))).status).toBe(
      404,
    );
  });

  it('records nothing for a supplier that never connected Cin7', async () => {
    const aussie = t.suppliers.aussie;
    const res = await t.http
      .post('/host/customers')
      .set(t.as(aussie))
      .send({ name: 'Bondi', currency: 'AUD' });
    const [product] = await t.dataSource.query(
      `INSERT INTO host_product (supplier_id, sku, name, base_price) VALUES ($1, 'AU-1', 'Surf wax', 9) RETURNING id`,
      [aussie.id],
    );
    const o = await createOrder(t, aussie, {
      customerId: res.body.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    await t.http.post(`/host/orders/${o.id}/approve`).set(t.as(aussie)).expect(201);
    expect((await t.http.get(`${base}/orders/${o.id}/sync`).set(t.as(aussie))).status).toBe(404);
  });
});
