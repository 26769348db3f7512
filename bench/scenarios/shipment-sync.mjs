import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { apiCaller, startApi, startDatabase, startSandbox, waitUntil } from '../support/stack.mjs';

/**
 * Shipments coming back (issue 7), with 1,000 open orders pushed to Cin7, at time scale 1 with Cin7's own webhook
 * timing (first delivery one minute after the event, BP L27929-27930):
 * - ship_to_upstock_p95_s: 20 sales shipped in the sandbox at once; time from each ship to the Upstock order showing
 *   shipped (host_order.status), webhooks on. Goal: at most 65 s (Upstock's own integration takes about 10 minutes).
 * - after_delivery_p95_s: of that, the time from the webhook's delivery to shipped in Upstock. Goal: under 5 s.
 * - cin7_calls_per_cycle: webhooks off, 20 more sales shipped, then one reconciling poll cycle; Cin7 calls it made,
 *   counted by the sandbox. Goal: at most 21 (one saleList page + one GET /sale per shipped sale).
 * The open orders are spread over 50 simulated minutes (as real orders are), and 10 simulated minutes pass between
 * poll cycles, as with the default interval.
 */
const OPEN_ORDERS = 1000;
const SHIPPED_PER_CYCLE = 20;

export default {
  description: `${OPEN_ORDERS} open orders; ${SHIPPED_PER_CYCLE} shipped by webhook, ${SHIPPED_PER_CYCLE} by one poll cycle`,
  async run({ root, log }) {
    const { Cin7Client, unlimitedBudget } = await import(`${root}/packages/cin7-core/dist/index.js`);
    const { DEMO_ACCOUNTS, withMoney } = await import(`${root}/packages/cin7-sandbox/dist/index.js`);
    const account = DEMO_ACCOUNTS[0];
    const db = await startDatabase();
    const sandbox = await startSandbox({ seed: 'small', rateLimit: { enabled: false } });
    // The scheduler stays out of the way: cycles are triggered explicitly (POST /shipments/poll).
    const api = await startApi({
      databaseUrl: db.url,
      cin7BaseUrl: sandbox.baseUrl,
      env: { SCHEDULER_TICK_MS: '3600000' },
    });
    const sql = new pg.Pool({ connectionString: db.url, max: 10 });
    const call = apiCaller(api.url);
    const until = (probe, what, timeoutMs = 120_000) => waitUntil(probe, what, { timeoutMs });
    try {
      await call('POST', '/integrations/cin7-core/connection', {
        accountId: account.accountId,
        apiKey: account.apiKey,
      });
      await until(
        async () =>
          (await call('GET', '/integrations/cin7-core/connection')).health.webhooks === 'registered',
        'webhooks',
      );
      const [{ id: supplierId }] = (await sql.query(`SELECT supplier_id AS id FROM cin7_connection`)).rows;

      const client = new Cin7Client({
        accountId: account.accountId,
        apiKey: account.apiKey,
        baseUrl: sandbox.baseUrl,
        budget: unlimitedBudget,
      });
      const [customers, products, locations] = await Promise.all([
        client.customers.list({ Limit: 20 }),
        client.products.list({ Limit: 20 }),
        client.reference.locations(),
      ]);
      const customer = customers.items.find((c) => c.Currency === account.currency);
      const product = products.items.find((p) => p.Type !== 'Service' && (p.PriceTier1 ?? 0) > 0);
      const location = (locations.find((l) => l.IsDefault) ?? locations[0]).Name;
      const {
        rows: [hostCustomer],
      } = await sql.query(
        `INSERT INTO host_customer (supplier_id, name, currency) VALUES ($1, $2, $3) RETURNING id`,
        [supplierId, customer.Name, account.currency],
      );
      const {
        rows: [hostProduct],
      } = await sql.query(
        `INSERT INTO host_product (supplier_id, sku, name, base_price) VALUES ($1, $2, $3, $4) RETURNING id`,
        [supplierId, product.SKU, product.Name, product.PriceTier1],
      );

      log(`pushing ${OPEN_ORDERS} orders to the sandbox…`);
      const pushed = [];
      const pushOne = async (i) => {
        const {
          rows: [order],
        } = await sql.query(
          `INSERT INTO host_order (supplier_id, number, customer_id, currency, status, order_date, freight)
           VALUES ($1, $2, $3, $4, 'approved', current_date, 0) RETURNING id`,
          [supplierId, `UP-${10_000 + i}`, hostCustomer.id, account.currency],
        );
        await sql.query(
          `INSERT INTO host_order_line (order_id, position, product_id, sku, name, quantity, unit_price)
           VALUES ($1, 0, $2, $3, $4, 1, $5)`,
          [order.id, hostProduct.id, product.SKU, product.Name, product.PriceTier1],
        );
        const header = await client.sales.create({
          CustomerID: customer.ID,
          SkipQuote: true,
          Location: location,
          ExternalID: `upstock-order:${order.id}`,
        });
        const saved = await client.sales.saveOrder(
          withMoney({
            SaleID: header.ID,
            Status: 'AUTHORISED',
            Lines: [
              {
                ProductID: product.ID,
                SKU: product.SKU,
                Name: product.Name,
                Quantity: 1,
                Price: product.PriceTier1,
                Total: product.PriceTier1,
                TaxRule: header.TaxRule ?? '',
              },
            ],
          }),
        );
        const { nowMs } = await sandbox.admin.clock();
        await sql.query(
          `INSERT INTO cin7_order_push (supplier_id, upstock_order_id, state, external_id, cin7_sale_id, cin7_order_number,
             order_number, attempts, approved_at, sent_at, currency, sent_total)
           VALUES ($1, $2, 'pushed', $3, $4, $5, $6, 1, $7, $7, $8, $9)`,
          [
            supplierId,
            order.id,
            `upstock-order:${order.id}`,
            header.ID,
            saved.SaleOrderNumber,
            `UP-${10_000 + i}`,
            new Date(nowMs),
            account.currency,
            product.PriceTier1,
          ],
        );
        pushed.push({ orderId: order.id, saleId: header.ID });
      };
      for (let batch = 0; batch < OPEN_ORDERS / 20; batch++) {
        await Promise.all(Array.from({ length: 20 }, (_, k) => pushOne(batch * 20 + k)));
        await sandbox.admin.advanceTime(60_000);
      }

      // Steady state: earlier cycles have seen these open sales (a poll fetches each sale of ours once when it first
      // lists it, 1,000 calls here, which is not what a cycle costs). Recorded as the poll records a listed row.
      const pushedBySale = new Map(pushed.map((p) => [p.saleId.toLowerCase(), p]));
      let seeded = 0;
      for await (const page of client.sales.pages({ UpdatedSince: new Date(0), Limit: 1000 })) {
        for (const row of page.items) {
          const p = pushedBySale.get(row.SaleID.toLowerCase());
          if (!p) continue;
          seeded++;
          await sql.query(
            `INSERT INTO cin7_shipment_state (supplier_id, sale_id, order_id, shipping_status, sale_status, cin7_updated_at)
             VALUES ($1, $2, $3, $4, $5, $6)`,
            [supplierId, p.saleId, p.orderId, row.CombinedShippingStatus, row.Status, row.Updated],
          );
        }
      }

      if (seeded !== OPEN_ORDERS) throw new Error(`listed ${seeded} of ${OPEN_ORDERS} open sales`);

      const lastPoll = async () => (await call('GET', '/integrations/cin7-core/shipments')).lastPollAt;
      const cycle = async () => {
        const before = await lastPoll();
        await call('POST', '/integrations/cin7-core/shipments/poll');
        await until(async () => (await lastPoll()) !== before, 'poll cycle');
      };
      log('baseline poll cycle…');
      await cycle();
      await sandbox.admin.advanceTime(10 * 60_000);

      log(`shipping ${SHIPPED_PER_CYCLE} sales at once, webhooks on (first delivery a minute later)…`);
      await sandbox.admin.clearWebhookDeliveries();
      const batch = pushed.slice(0, SHIPPED_PER_CYCLE);
      const shippedAt = new Map();
      for (const { saleId } of batch) {
        shippedAt.set(saleId, performance.now());
        await sandbox.admin.shipSale(0, saleId, { trackingNumber: `BENCH-${saleId.slice(0, 8)}` });
      }
      const seenAt = new Map(); // saleId -> { wall, sim }
      await until(
        async () => {
          const { rows } = await sql.query(`SELECT id, status FROM host_order WHERE id = ANY($1)`, [
            batch.map((b) => b.orderId),
          ]);
          const sim = (await sandbox.admin.clock()).nowMs;
          const wall = performance.now();
          for (const row of rows) {
            const b = batch.find((x) => x.orderId === row.id);
            if (row.status === 'shipped' && b && !seenAt.has(b.saleId)) seenAt.set(b.saleId, { wall, sim });
          }
          return seenAt.size === batch.length;
        },
        'shipped by webhook',
        180_000,
      );
      const deliveries = await sandbox.admin.webhookDeliveries();
      const deliveredAt = (saleId) => {
        const d = deliveries.find(
          (x) =>
            x.type === 'Sale/ShipmentAuthorised' &&
            String(x.payload.SaleTaskID).toLowerCase() === saleId.toLowerCase() &&
            x.state === 'delivered',
        );
        const attempt = d?.attempts.at(-1);
        return attempt ? Date.parse(attempt.at) : Number.NaN;
      };
      const p95Of = (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        return sorted[Math.ceil(sorted.length * 0.95) - 1];
      };
      const toUpstock = batch.map((b) => (seenAt.get(b.saleId).wall - shippedAt.get(b.saleId)) / 1000);
      const afterDelivery = batch.map((b) => (seenAt.get(b.saleId).sim - deliveredAt(b.saleId)) / 1000);
      if (afterDelivery.some((v) => Number.isNaN(v))) throw new Error('a webhook was not delivered');
      const p95 = p95Of(toUpstock);
      const afterP95 = p95Of(afterDelivery);

      log(`shipping ${SHIPPED_PER_CYCLE} more, webhooks off, one poll cycle…`);
      await sandbox.admin.setConfig({ webhooks: { enabled: false } });
      const polled = pushed.slice(SHIPPED_PER_CYCLE, 2 * SHIPPED_PER_CYCLE);
      for (const { saleId } of polled)
        await sandbox.admin.shipSale(0, saleId, { trackingNumber: `POLL-${saleId.slice(0, 8)}` });
      await sandbox.admin.advanceTime(10 * 60_000);
      await sandbox.admin.resetMetrics();
      await cycle();
      const calls = (await sandbox.admin.metrics()).callsByAccount[account.accountId] ?? 0;
      const {
        rows: [{ n: shipped }],
      } = await sql.query(
        `SELECT count(*)::int AS n FROM host_order WHERE status = 'shipped' AND id = ANY($1)`,
        [polled.map((p) => p.orderId)],
      );
      log(
        `ship → Upstock p95 ${p95.toFixed(1)} s, after delivery p95 ${afterP95.toFixed(2)} s; poll shipped ${shipped}/${SHIPPED_PER_CYCLE} with ${calls} calls`,
      );
      if (shipped !== SHIPPED_PER_CYCLE)
        throw new Error(`the poll cycle shipped ${shipped} of ${SHIPPED_PER_CYCLE}`);
      return [
        { metric: 'cin7_calls_per_cycle', value: calls, unit: 'calls' },
        { metric: 'ship_to_upstock_p95_s', value: Math.round(p95 * 10) / 10, unit: 's' },
        { metric: 'after_delivery_p95_s', value: Math.round(afterP95 * 100) / 100, unit: 's' },
      ];
    } finally {
      await sql.end();
      await api.stop();
      await sandbox.close();
      await db.stop();
    }
  },
};
