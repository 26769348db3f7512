import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Cin7CoreExtensions } from '../../src/module/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  approve,
  base,
  connectAndImport,
  createOrder,
  linkedCustomers,
  linkedProducts,
  storedSaleSchema,
  waitSettled,
} from './order-push.helpers.js';

describe('extension points: a sale hook and a scheduled sync of the host’s own', () => {
  let t: TestApp;
  const runs: { supplierId: string; company: string }[] = [];
  const extensions: Cin7CoreExtensions = {
    saleHooks: [
      {
        adjustSaleHeader: async (header, { order }) => ({
          ...header,
          Note: `${header.Note ?? ''}\nUpstock channel: wholesale (${order.number})`.trim(),
          // A hook cannot break exactly-once: the module keeps its own ExternalID.
          ExternalID: 'hijacked',
        }),
      },
    ],
    scheduledSyncs: [
      {
        name: 'company-check',
        everyMinutes: 60,
        run: async ({ supplierId, cin7 }) => {
          runs.push({ supplierId, company: (await cin7.me.get()).Company });
        },
      },
    ],
  };

  beforeAll(async () => {
    // 30x time, as in the order push tests: Cin7's minute budget is 2 s here.
    t = await createTestApp({
      extensions,
      sandbox: { seed: 'small', timeScale: 30 },
      timeScale: 30,
      schedulerTickMs: 300,
    });
    await connectAndImport(t, t.suppliers.kiwi);
  }, 60_000);
  afterAll(() => t?.close());

  it('sends the hook’s Note in the Cin7 sale (and previews it), keeping the module’s ExternalID', async () => {
    const kiwi = t.suppliers.kiwi;
    const [customer] = await linkedCustomers(t, kiwi);
    const [product] = await linkedProducts(t, kiwi);
    if (!customer || !product) throw new Error('the small seed has linked customers and products');
    const order = await createOrder(t, kiwi, {
      customerId: customer.upstock_customer_id,
      lines: [{ productId: product.upstock_product_id, quantity: 2 }],
    });
    const preview = await t.http.get(`${base}/orders/${order.id}/preview`).set(t.as(kiwi)).expect(200);
    expect(preview.body.header.Note).toContain(`Upstock channel: wholesale (${order.number})`);
    await approve(t, kiwi, order.id);
    const detail = await waitSettled(t, kiwi, order.id);
    expect(detail.sync.state).toBe('pushed');
    const sale = await t.sandbox.admin.getSale(0, detail.sync.cin7SaleId as string);
    expect(storedSaleSchema.parse(sale).ExternalID).toBe(`upstock-order:${order.id}`);
    expect((sale as { Note?: string }).Note).toContain(`Upstock channel: wholesale (${order.number})`);
  });

  it('runs the added sync for each connected supplier, once per period, with a budgeted Cin7 client', async () => {
    await t.waitFor(async () => runs.length > 0 || null, { what: 'the scheduled sync' });
    // Several scheduler ticks later it has still run once: it is due again only in an hour.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(runs).toEqual([{ supplierId: t.suppliers.kiwi.id, company: t.suppliers.kiwi.account.company }]);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM cin7_scheduled_sync_state WHERE name = 'company-check' AND next_due_at > now()`,
    );
    expect(n).toBe(1);
  });
});
