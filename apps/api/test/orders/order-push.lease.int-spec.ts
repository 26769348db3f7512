import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { LISTING_GRACE_MS } from '../../src/module/orders/sale-push.engine.js';
import { budgetKeyOf } from '../../src/module/work/call-budget.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  approve,
  connectAndImport,
  createOrder,
  linkedCustomers,
  linkedProducts,
  storedSales,
} from './order-push.helpers.js';
import { type Replica, startReplica } from './support/replica.js';

// A replica frozen (SIGSTOP) while its push waits for the call budget, past its lease: another replica takes the
// push over and creates the sale. When the frozen one wakes, it must not send its own sale.
// The replica that takes over finds the header marked as sent but no sale listed: it may only create the sale once
// Cin7's listing lag is ruled out (LISTING_GRACE_MS after the header was marked), so the takeover takes over 2 min.
jest.setTimeout(LISTING_GRACE_MS + 180_000);

const FAST_TAKEOVER = { JOB_HEARTBEAT_SECONDS: '10', JOB_MAINTENANCE_INTERVAL_SECONDS: '2' };

describe('an order push whose worker is paused past its lease', () => {
  let t: TestApp;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    t = await createTestApp({ sandbox: { seed: 'small' }, schedulerTickMs: 1_000, workersEnabled: false });
    replicas.push(await startReplica(t, FAST_TAKEOVER));
    await connectAndImport(t, t.suppliers.kiwi);
  });
  afterAll(async () => {
    for (const r of replicas) r.resume();
    await Promise.all(replicas.map((r) => r.kill()));
    await t?.close();
  });

  it('checks the lease right before the write, so only the worker that took over creates the sale', async () => {
    const kiwi = t.suppliers.kiwi;
    const [customer] = (await linkedCustomers(t, kiwi)).filter((c) => c.currency === kiwi.account.currency);
    const [product] = await linkedProducts(t, kiwi);
    const order = await createOrder(t, kiwi, {
      customerId: customer?.upstock_customer_id as string,
      lines: [{ productId: product?.upstock_product_id as string, quantity: 2 }],
      reference: 'PO-LEASE',
    });
    // Cin7's minute is spent (as by a burst of other pushes): the push will wait about 7 s for a slot.
    const [connection] = await t.dataSource.query(`SELECT id FROM cin7_connection WHERE supplier_id = $1`, [
      kiwi.id,
    ]);
    await t.dataSource.query(
      `INSERT INTO cin7_call_log (connection_id, budget_key, called_at, answered_at, priority)
       SELECT $1, $2, now() - interval '55 seconds', now() - interval '54 seconds', 'push' FROM generate_series(1, 60)`,
      [connection.id, budgetKeyOf(kiwi.account.accountId, kiwi.account.apiKey)],
    );
    await approve(t, kiwi, order.id);

    // The first replica marks the header as being sent, then waits for the budget: freeze it there.
    const first = replicas[0] as Replica;
    const push = await t.waitFor(
      async () =>
        (
          await t.dataSource.query(
            `SELECT id, external_id FROM cin7_order_push WHERE upstock_order_id = $1 AND header_sent_at IS NOT NULL`,
            [order.id],
          )
        )[0],
      { intervalMs: 20, what: 'the header to be marked as sent' },
    );
    first.pause();
    expect(await salesOf(push.external_id)).toHaveLength(0);

    // Another replica takes the push over once the frozen one's lease and job heartbeat lapse, looks the sale up
    // until the listing grace has passed (the header may have reached Cin7), then pushes the sale.
    replicas.push(await startReplica(t, FAST_TAKEOVER));
    await t.waitFor(
      async () =>
        (await t.dataSource.query(`SELECT state FROM cin7_order_push WHERE id = $1`, [push.id]))[0]?.state ===
        'pushed',
      { timeoutMs: LISTING_GRACE_MS + 90_000, intervalMs: 250, what: 'the push to be taken over and pushed' },
    );
    expect(await salesOf(push.external_id)).toHaveLength(1);

    // The frozen replica wakes with its budget slot due: it finds the lease gone and sends nothing.
    first.resume();
    await new Promise((r) => setTimeout(r, 8_000));
    expect(await salesOf(push.external_id)).toHaveLength(1);
    const [row] = await t.dataSource.query(`SELECT state, cin7_sale_id FROM cin7_order_push WHERE id = $1`, [
      push.id,
    ]);
    expect(row.state).toBe('pushed');
    expect((await salesOf(push.external_id))[0]?.ID.toLowerCase()).toBe(row.cin7_sale_id);
  });

  async function salesOf(externalId: string) {
    return (await storedSales(t, 0)).filter((s) => s.ExternalID === externalId);
  }
});
