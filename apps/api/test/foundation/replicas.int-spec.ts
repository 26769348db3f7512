import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import {
  connectAndImport,
  createOrder,
  linkedCustomers,
  linkedProducts,
} from '../orders/order-push.helpers.js';
import { type ApiInstance, createTestApp, type TestApp } from '../support/test-app.js';

// Issue 3's two-replica proof, without injected faults: two API instances on one database share one connection's
// budget. Cin7's limit is real (the sandbox enforces 60 a minute); time runs 20x faster (a minute in 3 s). The delay
// between counting a call and Cin7 receiving it scales too (100 ms on a busy machine is 2 simulated seconds), so the
// budget's window margin is widened to match.
const TIME_SCALE = 20;
const MARGIN_MS = 4_000;
const ORDERS = 90;

describe('two API replicas on one database', () => {
  let t: TestApp;
  let second: ApiInstance;

  beforeAll(async () => {
    t = await createTestApp({
      sandbox: { seed: 'small', timeScale: TIME_SCALE },
      timeScale: TIME_SCALE,
      callWindowMarginMs: MARGIN_MS,
    });
    second = await t.startInstance();
    await connectAndImport(t, t.suppliers.kiwi);
  }, 60_000);
  afterAll(() => t?.close());

  it('does each unit of work once and never sends more than 60 Cin7 calls in a minute', async () => {
    const kiwi = t.suppliers.kiwi;
    const customers = await linkedCustomers(t, kiwi);
    const products = await linkedProducts(t, kiwi);
    const orderIds: string[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const customer = customers[i % customers.length];
      const order = await createOrder(t, kiwi, {
        customerId: customer?.upstock_customer_id as string,
        lines: [
          { productId: products[i % products.length]?.upstock_product_id as string, quantity: 1 + (i % 3) },
        ],
      });
      orderIds.push(order.id);
    }
    await t.sandbox.admin.resetMetrics();

    // Approvals land on both replicas; both run workers.
    await Promise.all(
      orderIds.map((id, i) =>
        request((i % 2 ? second : t.instances[0])?.app.getHttpServer())
          .post(`/host/orders/${id}/approve`)
          .set(t.as(kiwi))
          .expect(201),
      ),
    );

    const pushed = await t.waitFor(
      async () => {
        const [row] = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM cin7_order_push WHERE supplier_id = $1 AND cin7_sale_id IS NOT NULL AND state = 'pushed'`,
          [kiwi.id],
        );
        return row.n === ORDERS ? row.n : undefined;
      },
      { timeoutMs: 60_000, what: `${ORDERS} pushed orders` },
    );
    expect(pushed).toBe(ORDERS);

    const metrics = await t.sandbox.admin.metrics();
    const sales = await t.sandbox.admin.listSales(kiwi.account.accountId);
    expect(sales.filter((s) => String(s.ExternalID).startsWith('upstock-order:'))).toHaveLength(ORDERS);
    expect(metrics.duplicateExternalIds).toBe(0);
    expect(metrics.throttled).toBe(0);
    expect(metrics.maxCallsInAnyMinute).toBeLessThanOrEqual(60);
    // Each order's header and lines were sent exactly once: two calls per order, nothing repeated.
    expect(metrics.callsByEndpoint['POST sale']).toBe(ORDERS);
    expect(metrics.callsByEndpoint['POST sale/order']).toBe(ORDERS);
    // Cin7's defaults (location, tax rule) are read once for the burst, not once per worker.
    expect(metrics.callsByEndpoint['GET me'] ?? 0).toBeLessThanOrEqual(1);
  }, 120_000);
});
