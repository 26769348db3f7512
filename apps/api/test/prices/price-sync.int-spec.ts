import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PriceStatus } from '@upstock/cin7-contracts';
import { HostPriceListsPort } from '../../src/host/ports/host-price-lists.port.js';
import { PriceSyncScheduler } from '../../src/module/prices/price-sync.scheduler.js';
import { PriceSyncService } from '../../src/module/prices/price-sync.service.js';
import { runImport } from '../catalog/catalog-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  base,
  changedKeys,
  cin7Pricing,
  expectedPrices,
  faultyFetch,
  hostPrices,
  hostSnapshot,
  pricesSettled,
  syncPrices,
} from './price-fixtures.js';

describe('price sync (small seed, against the sandbox)', () => {
  let t: TestApp;
  const faults = faultyFetch();
  let tierNames: string[];
  const kiwi = () => t.suppliers.kiwi;

  beforeAll(async () => {
    t = await createTestApp({
      sandbox: { seed: 'small', rateLimit: { enabled: false } },
      fetch: faults.fetch,
    });
    tierNames = (await cin7Pricing(t, t.suppliers.kiwi)).tiers.map((tier) => tier.Name);
  });
  afterAll(() => t?.close());

  const status = async (supplier = kiwi()): Promise<PriceStatus> =>
    (await t.http.get(`${base}/prices/status`).set(t.as(supplier)).expect(200)).body;

  it('refuses a sync before connecting (409) and names a bad body field (400)', async () => {
    const res = await t.http.post(`${base}/prices/sync`).set(t.as(kiwi())).send({});
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/Connect a Cin7 account/);
    await t.connect(kiwi());
    const bad = await t.http.post(`${base}/prices/sync`).set(t.as(kiwi())).send({ full: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('full');
  });

  it('first sync: tiers become lists named as in Cin7, Tier 1 the base price, every buyer price is right', async () => {
    await runImport(t, kiwi(), 'products');
    await runImport(t, kiwi(), 'customers');
    await pricesSettled(t, kiwi().id);
    const res = await t.http.post(`${base}/prices/sync`).set(t.as(kiwi())).send({ full: true });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ kind: 'price-sync', state: 'queued' });
    const job = await t.waitForJob(kiwi(), res.body.id, 60_000);
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({ mode: 'full' });

    // Every linked customer × linked product pays what Cin7's data says (tier, custom price, discount).
    const expected = await expectedPrices(t, kiwi(), tierNames);
    expect(expected.size).toBeGreaterThan(500);
    const actual = await hostPrices(t, kiwi().id);
    for (const [key, price] of expected) expect([key, actual.get(key)]).toEqual([key, price]);

    const lists: { key: string; name: string; currency: string }[] = await t.dataSource.query(
      `SELECT key, name, currency FROM host_price_list WHERE supplier_id = $1 ORDER BY key`,
      [kiwi().id],
    );
    // Tiers 2, 3, 4 and 10 have prices in the seed (5-9 are unset); Tier 1 is the base price, not a list.
    expect(lists.filter((l) => !l.key.includes('-less-'))).toEqual([
      { key: 'cin7-tier-10', name: tierNames[9], currency: 'NZD' },
      { key: 'cin7-tier-2', name: tierNames[1], currency: 'NZD' },
      { key: 'cin7-tier-3', name: tierNames[2], currency: 'NZD' },
      { key: 'cin7-tier-4', name: tierNames[3], currency: 'NZD' },
    ]);
    // Customer discounts live in discounted copies of the tier lists, never as a visible discount.
    expect(lists.some((l) => /-less-5$/.test(l.key) && l.name.endsWith('less 5% customer discount'))).toBe(
      true,
    );

    // A customer in another currency keeps its prices and cannot order through the integration.
    const foreign: { ordering_blocked_reason: string | null }[] = await t.dataSource.query(
      `SELECT ordering_blocked_reason FROM host_customer WHERE supplier_id = $1 AND currency <> 'NZD'`,
      [kiwi().id],
    );
    expect(foreign.length).toBeGreaterThan(0);
    for (const f of foreign) expect(f.ordering_blocked_reason).toMatch(/base currency \(NZD\)/);

    // The port's own lookup agrees with the oracle on a customer with a custom price.
    const [withCustom] = await t.dataSource.query(
      `SELECT cp.customer_id, cp.product_id FROM host_customer_price cp
         JOIN host_customer c ON c.id = cp.customer_id WHERE c.supplier_id = $1 LIMIT 1`,
      [kiwi().id],
    );
    const port = t.app.get(HostPriceListsPort);
    expect(await port.priceFor(kiwi().id, withCustom.customer_id, withCustom.product_id)).toBe(
      expected.get(`${withCustom.customer_id}|${withCustom.product_id}`),
    );
  });

  it('an hourly sync with nothing changed in Cin7 costs at most 3 calls and writes nothing', async () => {
    const before = await hostSnapshot(t, kiwi().id);
    const job = await syncPrices(t, kiwi());
    expect(job.state).toBe('succeeded');
    expect(job.result.mode).toBe('incremental');
    expect(job.result.cin7Calls).toBeLessThanOrEqual(3);
    expect(job.result.changes).toMatchObject({
      lists: [],
      customersReassigned: 0,
      customerPricesReplaced: 0,
    });
    expect(changedKeys(before, await hostSnapshot(t, kiwi().id))).toEqual([]);
  });

  it('applies exactly a changed tier price, tier name, custom price and customer discount, nothing else', async () => {
    const { products, customers } = await cin7Pricing(t, kiwi());
    const links = await linkMaps(t, kiwi().id);
    const admin = t.sandbox.admin;
    const before = await hostSnapshot(t, kiwi().id);

    // 1. A Tier 2 price.
    const product = products.find((p) => links.products.has(p.ID) && (p.PriceTier2 ?? 0) > 0);
    if (!product) throw new Error('no product with a Tier 2 price');
    await admin.setProductPrice(0, product.SKU, 2, 12.34);
    // 2. Tier 3's name.
    await admin.renamePriceTier(0, 3, 'Key Accounts');
    // 3. A custom price for a base-currency customer without a discount.
    const customC = customers.find(
      (c) => links.customers.has(c.ID) && c.Currency === 'NZD' && (c.Discount ?? 0) === 0,
    );
    const productY = products.find((p) => links.products.has(p.ID) && p.ID !== product.ID);
    if (!customC || !productY) throw new Error('no customer/product for a custom price');
    await admin.setCustomPrice(0, customC.ID, productY.ID, 7.5);
    // 4. A discount for another customer without one.
    const discountD = customers.find(
      (c) =>
        links.customers.has(c.ID) && c.ID !== customC.ID && c.Currency === 'NZD' && (c.Discount ?? 0) === 0,
    );
    if (!discountD) throw new Error('no customer for a discount');
    await admin.setCustomerDiscount(0, discountD.ID, 10);

    const job = await syncPrices(t, kiwi());
    expect(job.state).toBe('succeeded');
    expect(job.result.mode).toBe('incremental');
    expect(job.result.cin7Calls).toBeLessThanOrEqual(3);

    const after = await hostSnapshot(t, kiwi().id);
    const changed = changedKeys(before, after);
    const X = links.products.get(product.ID);
    const C = links.customers.get(customC.ID);
    const D = links.customers.get(discountD.ID);
    const Y = links.products.get(productY.ID);
    const dTier = tierNames.indexOf(discountD.PriceTier ?? '') + 1;
    const newList = `cin7-tier-${dTier}-less-10`;
    const isExpected = (key: string) =>
      // the tier price, in the Tier 2 list and its discounted copies
      (/^entry\|cin7-tier-2(-less-[\d.]+)?\|/.test(key) && key.endsWith(`|${X}`)) ||
      // the renamed tier's list and its discounted copies
      /^list\|cin7-tier-3(-less-[\d.]+)?$/.test(key) ||
      key === `own|${C}|${Y}` ||
      key === `assign|${D}` ||
      // D's own (custom) prices now carry the discount too
      key.startsWith(`own|${D}|`) ||
      // the new discounted list D now uses (if nobody had that discount on that tier before)
      key === `list|${newList}` ||
      key.startsWith(`entry|${newList}|`);
    expect(changed.filter((k) => !isExpected(k))).toEqual([]);
    expect(changed).toEqual(
      expect.arrayContaining([`entry|cin7-tier-2|${X}`, 'list|cin7-tier-3', `own|${C}|${Y}`, `assign|${D}`]),
    );
    expect(after.get(`entry|cin7-tier-2|${X}`)).toBe('12.34');
    expect(after.get('list|cin7-tier-3')).toBe('Key Accounts (NZD)');
    expect(after.get(`assign|${D}`)).toBe(newList);

    // And every buyer price still follows Cin7 (customers on the renamed tier keep their prices).
    const expected = await expectedPrices(t, kiwi(), tierNames);
    const actual = await hostPrices(t, kiwi().id);
    for (const [key, price] of expected) expect([key, actual.get(key)]).toEqual([key, price]);

    const s = await status();
    expect(s.lastChanges?.lists).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Key Accounts', renamedFrom: tierNames[2] })]),
    );
    expect(s.lastChanges?.customersReassigned).toBe(1);
    // C's new custom price, and D's custom prices (if any) now less the discount.
    expect(s.lastChanges?.customerPricesReplaced).toBe(1 + (discountD.ProductPrices.length > 0 ? 1 : 0));
  });

  it('a failed sync leaves the previous prices intact; the next one applies the change', async () => {
    const { products } = await cin7Pricing(t, kiwi());
    const links = await linkMaps(t, kiwi().id);
    const product = products.find((p) => links.products.has(p.ID));
    if (!product) throw new Error('no linked product');
    const before = await hostSnapshot(t, kiwi().id);
    await t.sandbox.admin.setProductPrice(0, product.SKU, 1, 999.99);

    faults.state.customerStatus = 400;
    try {
      const failed = await syncPrices(t, kiwi());
      expect(failed.state).toBe('failed');
      expect(failed.error).toMatch(/Simulated failure/);
    } finally {
      faults.state.customerStatus = null;
    }
    expect(changedKeys(before, await hostSnapshot(t, kiwi().id))).toEqual([]);
    expect((await status()).lastRun?.state).toBe('failed');

    const job = await syncPrices(t, kiwi());
    expect(job.state).toBe('succeeded');
    const after = await hostSnapshot(t, kiwi().id);
    expect(after.get(`base|${links.products.get(product.ID)}`)).toBe('999.99');
  });

  it("linking a customer syncs that customer's prices (one Cin7 call), and only that customer's", async () => {
    const { customers, products } = await cin7Pricing(t, kiwi());
    const links = await linkMaps(t, kiwi().id);
    const customer = customers.find((c) => links.customers.has(c.ID) && c.Currency === 'NZD');
    const productP = products.find((p) => links.products.has(p.ID));
    const other = products.find(
      (p) => links.products.has(p.ID) && p.ID !== productP?.ID && (p.PriceTier2 ?? 0) > 0,
    );
    if (!customer || !productP || !other) throw new Error('fixtures not found');
    const upstockId = links.customers.get(customer.ID) as string;
    await t.http.delete(`${base}/customers/${upstockId}/link`).set(t.as(kiwi())).expect(204);
    // Unlinking syncs the customer back to the base price (no Cin7 call): that run ends before the link's is looked for.
    const customerRuns = async (): Promise<string[]> =>
      (
        await t.dataSource.query(
          `SELECT id FROM cin7_sync_run WHERE supplier_id = $1 AND kind = 'price-sync' AND params->>'scope' = $2`,
          [kiwi().id, `customer:${upstockId}`],
        )
      ).map((r: { id: string }) => r.id);
    const unlinkRuns = await t.waitFor(
      async () => {
        const ids = await customerRuns();
        return ids.length > 0 ? ids : undefined;
      },
      { what: 'the unlink price sync' },
    );
    for (const id of unlinkRuns) await t.waitForJob(kiwi(), id);

    await t.sandbox.admin.setCustomPrice(0, customer.ID, productP.ID, 3.21);
    // Changed too, but not this customer's business: the customer's sync must not apply it.
    await t.sandbox.admin.setProductPrice(0, other.SKU, 2, 4.56);
    const before = await hostSnapshot(t, kiwi().id);

    const shipping =
      customer.Addresses.find((a) => a.Type === 'Shipping' && a.DefaultForType) ??
      customer.Addresses.find((a) => a.Type === 'Shipping');
    const linked = await t.http
      .put(`${base}/customers/${upstockId}/link`)
      .set(t.as(kiwi()))
      .send({ cin7CustomerId: customer.ID, ...(shipping?.ID ? { shippingAddressId: shipping.ID } : {}) });
    expect(linked.status).toBe(200);
    const run = await t.waitFor(async () => (await customerRuns()).find((id) => !unlinkRuns.includes(id)), {
      what: 'the customer price sync',
    });
    const job = await t.waitForJob(kiwi(), run);
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({ mode: 'customer', cin7Calls: 1 });

    const after = await hostSnapshot(t, kiwi().id);
    const P = links.products.get(productP.ID);
    const expectedPrice = Math.round(3.21 * (1 - (customer.Discount ?? 0) / 100) * 10_000) / 10_000;
    expect(after.get(`own|${upstockId}|${P}`)).toBe(String(expectedPrice));
    expect(changedKeys(before, after).filter((k) => !k.includes(upstockId))).toEqual([]);
  });

  it('makes a full pass again once a day, whatever the interval', async () => {
    // Takes in the Tier 2 price the customer's sync above left for the next sync.
    expect((await syncPrices(t, kiwi())).result.mode).toBe('incremental');
    await t.dataSource.query(
      `UPDATE cin7_price_sync_state SET last_full_at = last_full_at - interval '25 hours' WHERE supplier_id = $1`,
      [kiwi().id],
    );
    const before = await hostSnapshot(t, kiwi().id);
    const job = await syncPrices(t, kiwi());
    expect(job.result.mode).toBe('full');
    // Nothing changed in Cin7 since: the full pass writes nothing either.
    expect(changedKeys(before, await hostSnapshot(t, kiwi().id))).toEqual([]);
    expect((await syncPrices(t, kiwi())).result.mode).toBe('incremental');
  });

  it('reports the Cin7 discount rules it does not apply, and the status says when the next sync is', async () => {
    const s = await status();
    expect(s.unsupported).toEqual([{ feature: 'volume-discounts', count: 1, examples: ['Volume 5%'] }]);
    expect(s.unsupportedCheckedAt).not.toBeNull();
    expect(s.lastSyncAt).not.toBeNull();
    expect(Date.parse(s.nextSyncAt ?? '')).toBeGreaterThan(Date.parse(s.lastSyncAt ?? ''));
    expect(s.running).toBeNull();
    expect(s.priceLists).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'tier', isBase: true, name: tierNames[0] }),
        expect.objectContaining({ source: 'tier', isBase: false, name: 'Key Accounts' }),
        expect.objectContaining({ source: 'customer', customers: 1 }),
      ]),
    );
  });

  it("keeps suppliers apart: another supplier sees none of it and cannot read the sync's job", async () => {
    const s = await status(t.suppliers.aussie);
    expect(s).toMatchObject({
      lastSyncAt: null,
      nextSyncAt: null,
      running: null,
      lastRun: null,
      priceLists: [],
    });
    const kiwiRun = (await status()).lastRun;
    expect(kiwiRun).not.toBeNull();
    await t.http.get(`${base}/jobs/${kiwiRun?.id}`).set(t.as(t.suppliers.aussie)).expect(404);
    const res = await t.http.post(`${base}/prices/sync`).set(t.as(t.suppliers.aussie)).send({});
    expect(res.status).toBe(409);
  });

  it('the scheduler enqueues a supplier once its interval has passed, once per tick across calls', async () => {
    const scheduler = t.app.get(PriceSyncScheduler);
    expect(await scheduler.tick()).toEqual([]);
    await t.dataSource.query(
      `UPDATE cin7_price_sync_state SET next_due_at = now() - interval '1 minute' WHERE supplier_id = $1`,
      [kiwi().id],
    );
    const [first, second] = await Promise.all([scheduler.tick(), scheduler.tick()]);
    expect([...first, ...second]).toEqual([kiwi().id]);
    const s = await status();
    const job = s.running ?? s.lastRun;
    expect(job).not.toBeNull();
    // A scheduled sync runs at background priority: after this file's earlier syncs (and the reference refresh
    // reading every product page) it may wait up to a minute for the call budget, as it would in production.
    expect((await t.waitForJob(kiwi(), job?.id as string, 90_000)).state).toBe('succeeded');
  }, 120_000);

  it('the scheduler moves the next sync at once when the supplier shortens the interval', async () => {
    const scheduler = t.app.get(PriceSyncScheduler);
    await t.dataSource.query(
      `UPDATE cin7_price_sync_state SET next_due_at = now() + interval '50 minutes' WHERE supplier_id = $1`,
      [kiwi().id],
    );
    expect(await scheduler.tick()).toEqual([]);
    const current = (await t.http.get(`${base}/settings`).set(t.as(kiwi()))).body;
    await t.http
      .put(`${base}/settings`)
      .set(t.as(kiwi()))
      .send({ ...current, priceSyncIntervalMinutes: 15 })
      .expect(200);
    expect(await scheduler.tick()).toEqual([kiwi().id]);
    const [row] = await t.dataSource.query(
      `SELECT next_due_at <= now() + interval '15 minutes 5 seconds' AS soon FROM cin7_price_sync_state WHERE supplier_id = $1`,
      [kiwi().id],
    );
    expect(row.soon).toBe(true);

    // A sync that finished a moment after the tick read its clock (or on a replica whose clock is a little ahead)
    // is not taken for a shortened interval: it does not run again at once.
    await t.dataSource.query(
      `UPDATE cin7_price_sync_state SET next_due_at = now() + interval '15 minutes 5 seconds' WHERE supplier_id = $1`,
      [kiwi().id],
    );
    expect(await scheduler.tick()).toEqual([]);
  });
});

describe('price sync: an interrupted run resumes from its checkpoint', () => {
  let t: TestApp;
  const faults = faultyFetch();
  beforeAll(async () => {
    // Time runs 60x so the client's retry backoff against the failing Cin7 takes milliseconds.
    t = await createTestApp({
      sandbox: { seed: 'small', rateLimit: { enabled: false }, timeScale: 60 },
      timeScale: 60,
      fetch: faults.fetch,
    });
  });
  afterAll(() => t?.close());

  it('Cin7 failing on customers pauses the run after the products; the retry does not read them again', async () => {
    const kiwi = t.suppliers.kiwi;
    await t.connect(kiwi);
    await runImport(t, kiwi, 'products');
    await pricesSettled(t, kiwi.id);
    // A run of our own, driven here rather than by the queue's worker.
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO cin7_sync_run (supplier_id, kind, state, params)
       VALUES ($1, 'price-sync', 'queued', '{"scope": "run-by-test", "full": true}') RETURNING id`,
      [kiwi.id],
    );
    const service = t.app.get(PriceSyncService);

    faults.state.customerStatus = 500;
    try {
      await expect(service.run(id)).rejects.toThrow(/Simulated failure/);
    } finally {
      faults.state.customerStatus = null;
    }
    const [paused] = await t.dataSource.query(`SELECT state, checkpoint FROM cin7_sync_run WHERE id = $1`, [
      id,
    ]);
    expect(paused.state).toBe('paused');
    expect(paused.checkpoint).toMatchObject({ mode: 'full', productsPage: 1, customersPage: 0 });

    faults.state.urls = [];
    await service.run(id);
    const productReads = faults.state.urls.filter((u) => /\/product\?/i.test(u));
    faults.state.urls = null;
    const [done] = await t.dataSource.query(`SELECT state, result FROM cin7_sync_run WHERE id = $1`, [id]);
    expect(done.state).toBe('succeeded');
    expect(done.result.mode).toBe('full');
    // Only the page after the last one stored (it confirms the end); page 1 is not read again.
    expect(productReads.length).toBeGreaterThan(0);
    expect(productReads.every((u) => /[?&]Page=2(&|$)/.test(u))).toBe(true);
  });
});

describe('price sync: unsupported Cin7 pricing (demo seed)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ sandbox: { seed: 'demo', rateLimit: { enabled: false } } });
  });
  afterAll(() => t?.close());

  it('reports product-level discounts, volume discounts and deals as not applied', async () => {
    await t.connect(t.suppliers.kiwi);
    const job = await syncPrices(t, t.suppliers.kiwi);
    expect(job.state).toBe('succeeded');
    const res = await t.http.get(`${base}/prices/status`).set(t.as(t.suppliers.kiwi)).expect(200);
    expect(res.body.unsupported).toEqual([
      { feature: 'product-discounts', count: 1, examples: ['Clearance 10%'] },
      { feature: 'volume-discounts', count: 1, examples: ['Tent volume discount'] },
      { feature: 'deals', count: 1, examples: ['Winter warmers'] },
    ]);
  });
});

async function linkMaps(t: TestApp, supplierId: string) {
  const customers: { cin7_customer_id: string; upstock_customer_id: string }[] = await t.dataSource.query(
    `SELECT cin7_customer_id, upstock_customer_id FROM cin7_customer_link WHERE supplier_id = $1`,
    [supplierId],
  );
  const products: { cin7_product_id: string; upstock_product_id: string }[] = await t.dataSource.query(
    `SELECT cin7_product_id, upstock_product_id FROM cin7_product_link WHERE supplier_id = $1`,
    [supplierId],
  );
  return {
    customers: new Map(customers.map((c) => [c.cin7_customer_id, c.upstock_customer_id])),
    products: new Map(products.map((p) => [p.cin7_product_id, p.upstock_product_id])),
  };
}
