import pg from 'pg';
import { apiCaller, startApi, startDatabase, startSandbox, waitUntil } from '../support/stack.mjs';

/**
 * Stock availability from Cin7 (issue 16) on the large seed (10,000 products, 2 locations), every product linked:
 * - cin7_calls_full: Cin7 calls of one full pass over both locations, counted by the sandbox (webhook registration
 *   left out). cin7_calls_floor: the rows over 1,000 a page. Goal: calls <= floor + 2.
 * - rows_per_s: availability rows read and written into the host per second of the pass (its run's start to end).
 *   Goal: >= 5,000.
 * - after_delivery_p95_s: 20 sales authorised in Cin7, each of another product; time from the start of each
 *   product's webhook delivery (the sandbox's first attempt, its clock converted to the wall clock) to the host
 *   product updated (host_product.availability_updated_at). Goal: < 5 s.
 */
const SALES = 20;
const LOCATIONS = ['Main Warehouse', 'Showroom'];
const TIME_SCALE = 60;

export default {
  description: '10,000 products, 2 locations: one full pass, then 20 sales in Cin7 by webhook',
  async run({ root, log }) {
    const { Cin7Client, unlimitedBudget } = await import(`${root}/packages/cin7-core/dist/index.js`);
    const { DEMO_ACCOUNTS, withMoney } = await import(`${root}/packages/cin7-sandbox/dist/index.js`);
    const account = DEMO_ACCOUNTS[0];
    const db = await startDatabase();
    // Cin7 delivers a webhook a minute after the event (BP L27931): a fast sandbox clock keeps that to a second.
    const sandbox = await startSandbox({
      seed: 'large',
      rateLimit: { enabled: false },
      timeScale: TIME_SCALE,
    });
    const api = await startApi({
      databaseUrl: db.url,
      cin7BaseUrl: sandbox.baseUrl,
      env: { SCHEDULER_TICK_MS: '3600000' },
    });
    const sql = new pg.Pool({ connectionString: db.url, max: 10 });
    const call = apiCaller(api.url);
    const until = (probe, what, timeoutMs = 300_000) => waitUntil(probe, what, { timeoutMs });
    try {
      await call('POST', '/integrations/cin7-core/connection', {
        accountId: account.accountId,
        apiKey: account.apiKey,
      });
      const [{ id: supplierId }] = (await sql.query(`SELECT supplier_id AS id FROM cin7_connection`)).rows;
      const client = new Cin7Client({
        accountId: account.accountId,
        apiKey: account.apiKey,
        baseUrl: sandbox.baseUrl,
        budget: unlimitedBudget,
      });

      // Every Cin7 product linked to an Upstock twin, written directly (an import is measured elsewhere).
      log('linking 10,000 products…');
      const products = [];
      for await (const page of client.products.pages({ IncludeDeprecated: true }))
        products.push(...page.items);
      await sql.query(
        `WITH p AS (
           INSERT INTO host_product (supplier_id, sku, name, base_price)
           SELECT $1, v.sku, v.name, 1 FROM unnest($2::text[], $3::text[]) AS v(sku, name) RETURNING id, sku)
         INSERT INTO cin7_product_link (supplier_id, upstock_product_id, cin7_product_id, sku, name)
         SELECT $1, p.id::text, v.id, v.sku, v.name FROM p
           JOIN unnest($2::text[], $3::text[], $4::text[]) AS v(sku, name, id) ON v.sku = p.sku`,
        [supplierId, products.map((p) => p.SKU), products.map((p) => p.Name), products.map((p) => p.ID)],
      );
      await until(
        async () =>
          (await call('GET', '/integrations/cin7-core/connection')).health.webhooks === 'registered',
        'shipment webhooks',
      );

      log('full pass over both locations…');
      await sandbox.admin.resetMetrics();
      await call('PUT', '/integrations/cin7-core/stock/settings', { enabled: true, locations: LOCATIONS });
      const pass = await until(async () => {
        const { lastPass } = await call('GET', '/integrations/cin7-core/stock');
        return lastPass && ['succeeded', 'failed'].includes(lastPass.state) ? lastPass : undefined;
      }, 'the full pass');
      if (pass.state !== 'succeeded') throw new Error(`the pass ${pass.state}: ${pass.error}`);
      const metrics = await sandbox.admin.metrics();
      const calls = Object.entries(metrics.callsByEndpoint)
        .filter(([endpoint]) => !/webhooks/i.test(endpoint))
        .reduce((sum, [, n]) => sum + n, 0);
      const rows = (await sandbox.admin.stockRows(0)).length;
      const seconds = (Date.parse(pass.finishedAt) - Date.parse(pass.startedAt)) / 1000;
      log(`pass: ${pass.rowsRead} of ${rows} rows, ${pass.productsUpdated} products updated in ${seconds} s`);
      await until(
        async () => (await client.webhooks.list()).some((w) => w.Type === 'Stock/AvailableStockLevelChanged'),
        'the stock webhook',
      );

      log(`${SALES} sales authorised in Cin7…`);
      const customer = (await client.customers.list({ Limit: 50 })).items.find(
        (c) => c.Currency === account.currency,
      );
      const { rows: candidates } = await sql.query(
        `SELECT l.cin7_product_id, p.id, p.available::float8 AS available FROM cin7_product_link l
           JOIN host_product p ON p.id::text = l.upstock_product_id
          WHERE p.available >= 5 ORDER BY l.sku LIMIT $1`,
        [SALES],
      );
      // Sim time → wall time (the sandbox runs TIME_SCALE times faster from this reference).
      const simRef = (await sandbox.admin.clock()).nowMs;
      const wallRef = Date.now();
      const toWall = (simMs) => wallRef + (simMs - simRef) / TIME_SCALE;
      for (const product of candidates) {
        const header = await client.sales.create({
          CustomerID: customer.ID,
          SkipQuote: true,
          Location: LOCATIONS[0],
        });
        await client.sales.saveOrder(
          withMoney({
            SaleID: header.ID,
            Status: 'AUTHORISED',
            Lines: [
              {
                ProductID: product.cin7_product_id,
                Name: 'bench',
                Quantity: 1,
                Price: 10,
                Total: 10,
                TaxRule: header.TaxRule ?? '',
              },
            ],
          }),
        );
      }
      const ids = candidates.map((c) => c.id);
      await until(async () => {
        const { rows: done } = await sql.query(
          `SELECT count(*)::int AS n FROM host_product p JOIN unnest($1::uuid[], $2::float8[]) AS v(id, before)
             ON p.id = v.id WHERE p.available = v.before - 1`,
          [ids, candidates.map((c) => c.available)],
        );
        return done[0].n === candidates.length;
      }, 'the host updated');
      const { rows: updated } = await sql.query(
        `SELECT id, availability_updated_at AS at FROM host_product WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      const updatedAt = new Map(updated.map((r) => [r.id, r.at.getTime()]));
      // An attempt is recorded once our answer is back, just after the host was updated.
      const deliveries = await until(async () => {
        const found = (await sandbox.admin.webhookDeliveries()).filter(
          (d) => d.type === 'Stock/AvailableStockLevelChanged',
        );
        return found.length >= candidates.length && found.every((d) => d.attempts.length > 0)
          ? found
          : undefined;
      }, 'the deliveries recorded');
      const latencies = candidates.map((product) => {
        const delivery = deliveries.find((d) =>
          d.payload.some?.((row) => row.ID.toLowerCase() === product.cin7_product_id),
        );
        const deliveredAt = toWall(Date.parse(delivery.attempts[0].at));
        return (updatedAt.get(product.id) - deliveredAt) / 1000;
      });
      latencies.sort((a, b) => a - b);
      const p95 = latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.95) - 1)];
      return [
        { metric: 'cin7_calls_full', value: calls, unit: 'calls' },
        { metric: 'cin7_calls_floor', value: Math.ceil(rows / 1000), unit: 'calls' },
        { metric: 'rows_per_s', value: Math.round(pass.rowsRead / seconds), unit: 'rows/s' },
        { metric: 'after_delivery_p95_s', value: Math.round(p95 * 1000) / 1000, unit: 's' },
      ];
    } finally {
      await sql.end();
      await api.stop();
      await sandbox.close();
      await db.stop();
    }
  },
};
