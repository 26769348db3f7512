import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Cin7Client, unlimitedBudget } from '@upstock/cin7-core';
import { WEBHOOK_SECRET_HEADER } from '../../src/module/shipments/webhooks/webhook-secret.js';
import { StockSyncScheduler } from '../../src/module/stock/stock-sync.scheduler.js';
import { runImport } from '../catalog/catalog-fixtures.js';
import { createTestApp, type TestApp, type TestSupplier } from '../support/test-app.js';
import { authoriseSaleInCin7, base, expectedSums, hostAvailability } from './stock-fixtures.js';

/** Sandbox and API clocks run this much faster than real time: the call budget refills in two real seconds. */
const TIME_SCALE = 30;
const STOCK_TYPE = 'Stock/AvailableStockLevelChanged';

describe('stock availability from Cin7', () => {
  let t: TestApp;
  let kiwi: TestSupplier;
  let aussie: TestSupplier;
  let cin7: Cin7Client;

  beforeAll(async () => {
    t = await createTestApp({
      sandbox: { seed: 'small', rateLimit: { enabled: false }, timeScale: TIME_SCALE },
      timeScale: TIME_SCALE,
    });
    ({ kiwi, aussie } = t.suppliers);
    for (const s of [kiwi, aussie]) {
      await t.connect(s);
      const job = await runImport(t, s, 'products');
      expect(job.state).toBe('succeeded');
    }
    cin7 = new Cin7Client({ ...kiwi.account, baseUrl: t.sandbox.baseUrl, budget: unlimitedBudget });
  }, 120_000);
  afterAll(() => t?.close(), 60_000);

  const status = async (s: TestSupplier) => (await t.http.get(`${base}/stock`).set(t.as(s))).body;
  const putSettings = (s: TestSupplier, body: object) =>
    t.http.put(`${base}/stock/settings`).set(t.as(s)).send(body);
  const waitPass = async (s: TestSupplier, after?: string) =>
    t.waitFor(
      async () => {
        const pass = (await status(s)).lastPass;
        return pass && pass.runId !== after && ['succeeded', 'failed'].includes(pass.state)
          ? pass
          : undefined;
      },
      { what: 'a stock pass', timeoutMs: 60_000 },
    );
  const stockCalls = async () =>
    (await t.sandbox.admin.metrics()).callsByEndpoint['GET ref/productavailability'] ?? 0;
  const stockHooks = async (client = cin7) =>
    (await client.webhooks.list()).filter((w) => w.Type === STOCK_TYPE);
  /** Waits until the host shows Cin7's availability in Main Warehouse for a product. */
  const waitHost = (cin7Id: string, sku: string) =>
    t.waitFor(
      async () => {
        const want =
          expectedSums(await t.sandbox.admin.stockRows(0, sku), ['Main Warehouse']).get(cin7Id) ?? 0;
        return (await hostAvailability(t, kiwi)).get(cin7Id)?.available === want ? want : undefined;
      },
      { what: `host availability of ${sku}` },
    );

  it('is off by default: nothing read, no stock webhook, and bad settings are refused with nothing saved', async () => {
    const s = await status(kiwi);
    expect(s.settings).toEqual({ enabled: false, locations: [], display: 'QUANTITY' });
    expect(s.lastPass).toBeNull();
    expect(await stockHooks()).toHaveLength(0);
    expect(await stockCalls()).toBe(0);
    const dup = await putSettings(kiwi, { enabled: true, locations: ['Showroom', 'showroom'] });
    expect(dup.status).toBe(400);
    expect(JSON.stringify(dup.body)).toMatch(/listed twice/);
    expect((await putSettings(kiwi, { enabled: 'yes' })).status).toBe(400);
    expect((await putSettings(kiwi, { enabled: true, extra: 1 })).status).toBe(400);
    expect((await status(kiwi)).settings.enabled).toBe(false);
    expect((await t.http.post(`${base}/stock/sync`).set(t.as(kiwi))).status).toBe(409);
  }, 60_000);

  it('a full pass equals Cin7 in the sale location, bins and batches summed; a product without rows shows 0', async () => {
    expect((await putSettings(kiwi, { enabled: true })).status).toBe(200);
    const pass = await waitPass(kiwi);
    expect(pass.state).toBe('succeeded');
    const rows = await t.sandbox.admin.stockRows(0);
    const want = expectedSums(rows, ['Main Warehouse']);
    const host = await hostAvailability(t, kiwi);
    expect(host.size).toBeGreaterThan(10);
    let withoutRows = 0;
    for (const [cin7Id, product] of host) {
      expect({ sku: product.sku, available: product.available }).toEqual({
        sku: product.sku,
        available: want.get(cin7Id) ?? 0,
      });
      if (!rows.some((r) => r.ID.toLowerCase() === cin7Id)) withoutRows++;
    }
    expect(withoutRows).toBeGreaterThan(0);
    // Bins and batches of one product are added up, and goods on order come with the next delivery date.
    const split = rows.find((r) => r.Bin === 'Bin A' && r.Location === 'Main Warehouse');
    expect(host.get(String(split?.ID).toLowerCase())?.available).toBe(
      want.get(String(split?.ID).toLowerCase()),
    );
    const onOrder = rows.find((r) => r.OnOrder > 0 && r.Location === 'Main Warehouse');
    expect(host.get(String(onOrder?.ID).toLowerCase())).toMatchObject({
      on_order: onOrder?.OnOrder,
      next_delivery_date: String(onOrder?.NextDeliveryDate).slice(0, 10),
    });
    expect(pass.rowsRead).toBe(rows.filter((r) => r.Location === 'Main Warehouse').length);
    // One location: Cin7 filters it, so a pass costs its rows over 1,000 a page.
    expect(await stockCalls()).toBe(1);
    expect((await status(kiwi)).effectiveLocations).toEqual(['Main Warehouse']);
    const hooks = await t.waitFor(
      async () => {
        const found = await stockHooks();
        return found.length ? found : undefined;
      },
      { what: 'the stock webhook registered' },
    );
    expect(hooks[0]?.ExternalURL).toMatch(/\/webhooks\/cin7\/[0-9a-f-]{36}\/stock$/);
  }, 60_000);

  it('sums every chosen location, and reports unknown locations and unlinked products as skipped', async () => {
    const before = (await status(kiwi)).lastPass.runId;
    expect(
      (await putSettings(kiwi, { enabled: true, locations: ['Main Warehouse', 'Showroom', 'Nowhere'] }))
        .status,
    ).toBe(200);
    const pass = await waitPass(kiwi, before);
    expect(pass.state).toBe('succeeded');
    const want = expectedSums(await t.sandbox.admin.stockRows(0), ['Main Warehouse', 'Showroom']);
    for (const [cin7Id, product] of await hostAvailability(t, kiwi))
      expect([product.sku, product.available]).toEqual([product.sku, want.get(cin7Id) ?? 0]);
    expect(pass.skippedItems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ label: 'Nowhere', reason: expect.stringMatching(/No such location/) }),
      ]),
    );
    // Deprecated products are not imported, so their rows have no Upstock twin.
    expect(pass.skippedItems.some((i: { reason: string }) => /Not linked/.test(i.reason))).toBe(true);
    const back = (await status(kiwi)).lastPass.runId;
    expect((await putSettings(kiwi, { enabled: true })).status).toBe(200);
    expect((await waitPass(kiwi, back)).state).toBe('succeeded');
  }, 60_000);

  it('authorising a sale in Cin7 lowers availability after one webhook delivery, with no read of Cin7', async () => {
    const host = await hostAvailability(t, kiwi);
    const [cin7Id, product] = [...host].find(([, p]) => (p.available ?? 0) >= 5) ?? [];
    if (!cin7Id || !product) throw new Error('no product with stock');
    const calls = await stockCalls();
    await authoriseSaleInCin7(t, kiwi, cin7Id, 3);
    const now = await t.waitFor(
      async () => {
        const value = (await hostAvailability(t, kiwi)).get(cin7Id)?.available;
        return value !== product.available ? value : undefined;
      },
      { what: 'availability lowered' },
    );
    expect(now).toBe((product.available ?? 0) - 3);
    expect(await stockCalls()).toBe(calls);
    // The module applies the delivery before it answers it: the sandbox records the answer just after.
    const answered = await t.waitFor(
      async () => {
        const last = (await t.sandbox.admin.webhookDeliveries()).filter((d) => d.type === STOCK_TYPE).at(-1);
        return last && last.state !== 'pending' ? last : undefined;
      },
      { what: 'the delivery answered' },
    );
    expect(answered.state).toBe('delivered');
  }, 60_000);

  it('a cut payload is a hint: the product is read from Cin7', async () => {
    const rows = await t.sandbox.admin.stockRows(0);
    const split = rows.find((r) => r.Bin === 'Bin A' && r.Available >= 2);
    if (!split) throw new Error('no product split over bins');
    await t.sandbox.admin.setConfig({ stockWebhookRowCap: 1 });
    try {
      const calls = await stockCalls();
      await authoriseSaleInCin7(t, kiwi, split.ID, 1);
      await waitHost(split.ID.toLowerCase(), split.SKU);
      expect(await stockCalls()).toBe(calls + 1);
    } finally {
      await t.sandbox.admin.setConfig({ stockWebhookRowCap: 100 });
    }
  }, 60_000);

  it('duplicate and out-of-order deliveries are harmless', async () => {
    const host = await hostAvailability(t, kiwi);
    const [cin7Id, product] = [...host].find(([id, p]) => (p.available ?? 0) >= 4 && id) ?? [];
    if (!cin7Id || !product) throw new Error('no product with stock');
    await authoriseSaleInCin7(t, kiwi, cin7Id, 1);
    await waitHost(cin7Id, product.sku);
    const first = (await t.sandbox.admin.webhookDeliveries()).filter((d) => d.type === STOCK_TYPE).at(-1);
    await authoriseSaleInCin7(t, kiwi, cin7Id, 1);
    const truth = await waitHost(cin7Id, product.sku);
    const [{ id: connectionId }] = await t.dataSource.query(
      `SELECT id FROM cin7_connection WHERE supplier_id = $1`,
      [kiwi.id],
    );
    const secret = (await stockHooks())[0]?.ExternalHeaders.find(
      (h) => h.Key === WEBHOOK_SECRET_HEADER,
    )?.Value;
    const deliver = (payload: unknown) =>
      t.http
        .post(`${base}/webhooks/cin7/${connectionId}/stock`)
        .set(WEBHOOK_SECRET_HEADER, String(secret))
        .send(payload as object);
    // The older delivery again, after the newer one: it disagrees with fresh news, so Cin7 is read instead.
    const calls = await stockCalls();
    expect((await deliver(first?.payload)).status).toBe(200);
    await t.waitFor(async () => ((await stockCalls()) > calls ? true : undefined), {
      what: 'a read of Cin7',
    });
    await waitHost(cin7Id, product.sku);
    expect((await hostAvailability(t, kiwi)).get(cin7Id)?.available).toBe(truth);
    // A forged delivery changes nothing.
    expect(
      (
        await t.http
          .post(`${base}/webhooks/cin7/${connectionId}/stock`)
          .set(WEBHOOK_SECRET_HEADER, 'nope')
          .send([])
      ).status,
    ).toBe(401);
  }, 60_000);

  it('a missed webhook is made good by the next pass', async () => {
    const host = await hostAvailability(t, kiwi);
    const [cin7Id, product] = [...host].reverse().find(([, p]) => (p.available ?? 0) >= 3) ?? [];
    if (!cin7Id || !product) throw new Error('no product with stock');
    await t.sandbox.admin.setConfig({ webhooks: { enabled: false } });
    try {
      await authoriseSaleInCin7(t, kiwi, cin7Id, 2);
    } finally {
      await t.sandbox.admin.setConfig({ webhooks: { enabled: true } });
    }
    expect((await hostAvailability(t, kiwi)).get(cin7Id)?.available).toBe(product.available);
    const before = (await status(kiwi)).lastPass.runId;
    const started = await t.http.post(`${base}/stock/sync`).set(t.as(kiwi));
    expect(started.status).toBe(202);
    expect((await waitPass(kiwi, before)).state).toBe('succeeded');
    expect((await hostAvailability(t, kiwi)).get(cin7Id)?.available).toBe((product.available ?? 0) - 2);
  }, 60_000);

  it('keeps suppliers apart', async () => {
    expect((await status(aussie)).settings.enabled).toBe(false);
    expect([...(await hostAvailability(t, aussie)).values()].every((p) => p.available === null)).toBe(true);
    const au = new Cin7Client({ ...aussie.account, baseUrl: t.sandbox.baseUrl, budget: unlimitedBudget });
    expect(await stockHooks(au)).toHaveLength(0);
    // Kiwi's secret does not open Aussie's webhook route.
    const [{ id: aussieConnection }] = await t.dataSource.query(
      `SELECT id FROM cin7_connection WHERE supplier_id = $1`,
      [aussie.id],
    );
    const secret = (await stockHooks())[0]?.ExternalHeaders.find(
      (h) => h.Key === WEBHOOK_SECRET_HEADER,
    )?.Value;
    const res = await t.http
      .post(`${base}/webhooks/cin7/${aussieConnection}/stock`)
      .set(WEBHOOK_SECRET_HEADER, String(secret))
      .send([]);
    expect(res.status).toBe(401);
    // Aussie turning stock on touches only its own products.
    const kiwiBefore = await hostAvailability(t, kiwi);
    expect((await putSettings(aussie, { enabled: true, display: 'IN_STOCK_ONLY' })).status).toBe(200);
    expect((await waitPass(aussie)).state).toBe('succeeded');
    const aussieHost = [...(await hostAvailability(t, aussie)).values()];
    expect(aussieHost.every((p) => p.available === null && typeof p.in_stock === 'boolean')).toBe(true);
    expect(aussieHost.some((p) => p.in_stock)).toBe(true);
    expect(await hostAvailability(t, kiwi)).toEqual(kiwiBefore);
    // Turned off: Aussie's products show no stock figure any more (nobody keeps it fresh); Kiwi's stay.
    expect((await putSettings(aussie, { enabled: false })).status).toBe(200);
    expect([...(await hostAvailability(t, aussie)).values()].every((p) => p.in_stock === null)).toBe(true);
    expect(await hostAvailability(t, kiwi)).toEqual(kiwiBefore);
    await t.waitFor(async () => ((await stockHooks(au)).length === 0 ? true : undefined), {
      what: "Aussie's stock webhook removed",
    });
  }, 60_000);

  it('disconnecting stops the sync and removes the stock webhook', async () => {
    expect(await stockHooks()).toHaveLength(1);
    expect((await t.http.delete(`${base}/connection`).set(t.as(kiwi))).status).toBe(204);
    await t.waitFor(async () => ((await stockHooks()).length === 0 ? true : undefined), {
      what: 'the stock webhook removed',
    });
    // Its shipment webhooks went too; Aussie's registrations are untouched.
    expect(await cin7.webhooks.list()).toHaveLength(0);
    // Both suppliers have stock on and are due; only the connected one gets a pass.
    expect((await putSettings(aussie, { enabled: true })).status).toBe(200);
    await t.dataSource.query(`UPDATE cin7_stock_state SET next_pass_at = NULL`);
    const started = await t.app.get(StockSyncScheduler).tick();
    expect(started).toEqual([aussie.id]);
    expect((await t.http.post(`${base}/stock/sync`).set(t.as(kiwi))).status).toBe(409);
  }, 60_000);
});
