import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Cin7Customer, type Cin7Product, PRODUCT_PAGE_LIMIT_WITH_INCLUDES } from '@upstock/cin7-core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { base, runImport, sandboxCatalog, startImport, supplierRows } from './catalog-fixtures.js';

describe('import customers and products (medium seed)', () => {
  let t: TestApp;
  let products: Cin7Product[];
  let customers: Cin7Customer[];

  beforeAll(async () => {
    t = await createTestApp({ sandbox: { seed: 'medium', rateLimit: { enabled: false } } });
    ({ products, customers } = await sandboxCatalog(t, t.suppliers.kiwi));
  }, 60_000);
  afterAll(() => t?.close());

  const kiwi = () => t.suppliers.kiwi.id;
  const activeStock = () => products.filter((p) => p.Status === 'Active' && p.Type === 'Stock');
  const activeCustomers = () => customers.filter((c) => c.Status === 'Active');

  it('refuses to import before connecting (409) and names a bad kind (400); nothing is queued', async () => {
    const notConnected = await t.http
      .post(`${base}/imports`)
      .set(t.as(t.suppliers.kiwi))
      .send({ kind: 'products' });
    expect(notConnected.status).toBe(409);
    expect(notConnected.body.message).toMatch(/Connect a Cin7 account/);
    await t.connect(t.suppliers.kiwi);
    const bad = await t.http.post(`${base}/imports`).set(t.as(t.suppliers.kiwi)).send({ kind: 'orders' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('kind');
    expect(await t.dataSource.query(`SELECT * FROM cin7_sync_run WHERE kind LIKE 'import-%'`)).toHaveLength(
      0,
    );
  }, 60_000);

  it('lands every active stock product exactly once, linked, with images (default first) and plain-text notes', async () => {
    const job = await runImport(t, t.suppliers.kiwi, 'products');
    const expected = activeStock();
    expect(job.state).toBe('succeeded');
    // Products come with their images, 100 a page (2,000 products: 20 reads, not 2).
    const pages = Math.ceil(products.length / PRODUCT_PAGE_LIMIT_WITH_INCLUDES);
    expect(pages).toBe(20);
    expect(job.progress).toMatchObject({
      pagesDone: pages,
      pagesTotal: pages,
      created: expected.length,
      updated: 0,
    });
    const deprecated = products.filter((p) => p.Status === 'Deprecated');
    // Active service products (the Freight item additional charges name) are skipped too: only stock is imported.
    const activeServices = products.filter((p) => p.Status !== 'Deprecated' && p.Type === 'Service');
    expect(activeServices.length).toBeGreaterThan(0);
    expect(job.result).toMatchObject({
      kind: 'products',
      created: expected.length,
      skipped: deprecated.length + activeServices.length,
    });
    expect(job.result.skippedByReason).toEqual({
      'Deprecated in Cin7': deprecated.length,
      'Service product (only stock products are imported)': activeServices.length,
    });
    expect(job.skippedItems[0]).toMatchObject({ reason: 'Deprecated in Cin7', cin7Id: deprecated[0]?.ID });

    const hostProducts = await supplierRows(t, 'host_product', kiwi());
    const links = await supplierRows(t, 'cin7_product_link', kiwi());
    expect(hostProducts).toHaveLength(expected.length);
    expect(links).toHaveLength(expected.length);
    expect(new Set(hostProducts.map((p) => p.sku)).size).toBe(expected.length);

    const hostById = new Map(hostProducts.map((p) => [p.id, p]));
    const linkByCin7 = new Map(links.map((l) => [l.cin7_product_id, l]));
    for (const p of expected) {
      const link = linkByCin7.get(p.ID);
      const host = link && hostById.get(link.upstock_product_id);
      expect(host).toMatchObject({ sku: p.SKU, name: p.Name });
      expect(Number(host?.base_price)).toBe(p.PriceTier1);
    }
    const withCareSheet = expected.find((p) => p.Attachments.length > 1) as Cin7Product;
    const host = hostById.get(linkByCin7.get(withCareSheet.ID)?.upstock_product_id) as Record<
      string,
      unknown
    >;
    // The care sheet is not an image; the default image is the first.
    expect(host.image_urls).toEqual([withCareSheet.Attachments.find((a) => a.IsDefault)?.DownloadUrl]);
    // Cin7's HTML description ("<p>name</p><p>Generated product <em>#n</em>.</p>") as plain text.
    const n = Number(withCareSheet.SKU.slice(4));
    expect(host.notes).toBe(`${withCareSheet.Name}\nGenerated product #${n}.`);
  }, 60_000);

  it('lands every active customer once with contacts, addresses, tier, discount, rep; other currencies blocked', async () => {
    const job = await runImport(t, t.suppliers.kiwi, 'customers');
    const expected = activeCustomers();
    const foreign = expected.filter((c) => c.Currency !== 'NZD');
    expect(foreign.length).toBeGreaterThan(0);
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({
      kind: 'customers',
      created: expected.length,
      skipped: customers.length - expected.length,
      blocked: foreign.length,
    });
    expect(job.result.summary).toMatch(/another currency than your Cin7 base currency/);
    const withSeveral = expected.filter((c) => c.Addresses.filter((a) => a.Type === 'Shipping').length > 1);
    expect(job.result.severalShippingAddresses).toBe(withSeveral.length);
    expect(job.result.summary).toMatch(/several shipping addresses in Cin7: the default one is used/);

    const hostCustomers = await supplierRows(t, 'host_customer', kiwi());
    const links = await supplierRows(t, 'cin7_customer_link', kiwi());
    expect(hostCustomers).toHaveLength(expected.length);
    expect(links).toHaveLength(expected.length);
    const hostById = new Map(hostCustomers.map((c) => [c.id, c]));

    const several = expected.find(
      (c) => c.Addresses.filter((a) => a.Type === 'Shipping').length === 3 && c.Discount,
    );
    const link = links.find((l) => l.cin7_customer_id === several?.ID) as Record<string, unknown>;
    const host = hostById.get(link.upstock_customer_id) as Record<string, unknown>;
    const defaultShipping = several?.Addresses.find((a) => a.Type === 'Shipping' && a.DefaultForType);
    expect(host).toMatchObject({
      name: several?.Name,
      email: several?.Contacts.find((k) => k.Default)?.Email,
      price_tier: several?.PriceTier,
      currency: several?.Currency,
      ordering_blocked_reason: null,
      billing_address: expect.objectContaining({
        line1: several?.Addresses.find((a) => a.Type === 'Billing')?.Line1,
      }),
    });
    expect(Number(host.discount_percent)).toBe(several?.Discount);
    expect(host.contacts).toHaveLength(several?.Contacts.length ?? -1);
    expect(host.shipping_addresses).toHaveLength(3);
    expect((host.shipping_addresses as { line1: string }[])[0]?.line1).toBe(defaultShipping?.Line1);
    expect(link).toMatchObject({ shipping_address_id: defaultShipping?.ID, price_tier: several?.PriceTier });

    const blocked = links.find((l) => l.cin7_customer_id === foreign[0]?.ID) as Record<string, unknown>;
    expect(blocked.ordering_blocked_reason).toMatch(/Orders in (AUD|NZD) cannot be sent to Cin7/);
    expect(hostById.get(blocked.upstock_customer_id)?.ordering_blocked_reason).toMatch(
      /cannot be sent to Cin7/,
    );

    const status = await t.http.get(`${base}/catalog`).set(t.as(t.suppliers.kiwi));
    expect(status.body).toMatchObject({
      customers: {
        linked: expected.length,
        blocked: foreign.length,
        lastImport: { id: job.id, state: 'succeeded' },
      },
      products: { linked: activeStock().length, lastImport: { kind: 'import-products' } },
    });
  }, 60_000);

  // After the earlier tests' imports in the same minute, its imports wait for the 60-calls-a-minute budget.
  it('a re-import after changes in Cin7 updates the same rows, never duplicates', async () => {
    const product = activeStock()[3] as Cin7Product;
    const customer = activeCustomers()[4] as Cin7Customer;
    await t.sandbox.admin.setProductPrice(0, product.SKU, 1, 777.5);
    await t.sandbox.admin.setCustomerDiscount(0, customer.ID, 12.5);

    const productsJob = await runImport(t, t.suppliers.kiwi, 'products');
    const customersJob = await runImport(t, t.suppliers.kiwi, 'customers');
    expect(productsJob.result).toMatchObject({ created: 0, updated: activeStock().length });
    expect(customersJob.result).toMatchObject({ created: 0, updated: activeCustomers().length });
    expect(await supplierRows(t, 'host_product', kiwi())).toHaveLength(activeStock().length);
    expect(await supplierRows(t, 'host_customer', kiwi())).toHaveLength(activeCustomers().length);

    const [host] = await t.dataSource.query(
      `SELECT p.base_price FROM host_product p JOIN cin7_product_link l ON l.upstock_product_id = p.id::text
        WHERE l.cin7_product_id = $1`,
      [product.ID],
    );
    expect(Number(host.base_price)).toBe(777.5);
    const [link] = await t.dataSource.query(
      'SELECT discount FROM cin7_customer_link WHERE cin7_customer_id = $1',
      [customer.ID],
    );
    expect(link.discount).toBe(12.5);
  }, 180_000);

  // After the earlier tests' imports in the same minute, its imports wait for the 60-calls-a-minute budget.
  it('links a product whose SKU already exists in Upstock instead of duplicating it', async () => {
    const product = activeStock()[7] as Cin7Product;
    await t.dataSource.query('DELETE FROM cin7_product_link WHERE cin7_product_id = $1', [product.ID]);
    const job = await runImport(t, t.suppliers.kiwi, 'products');
    expect(job.result).toMatchObject({ created: 0, linkedExisting: 1 });
    expect(await supplierRows(t, 'host_product', kiwi())).toHaveLength(activeStock().length);
    expect(await supplierRows(t, 'cin7_product_link', kiwi())).toHaveLength(activeStock().length);
  }, 180_000);

  it('joins an import of the same kind that is already queued or running', async () => {
    const first = await startImport(t, t.suppliers.kiwi, 'customers');
    const second = await startImport(t, t.suppliers.kiwi, 'customers');
    expect(second.id).toBe(first.id);
    await t.waitForJob(t.suppliers.kiwi, first.id, 60_000);
  }, 60_000);

  it("keeps suppliers apart: another supplier's import lands in its own rows, and sees none of the first's jobs", async () => {
    const aussie = t.suppliers.aussie;
    await t.connect(aussie);
    const own = await sandboxCatalog(t, aussie);
    const job = await runImport(t, aussie, 'products');
    const expected = own.products.filter((p) => p.Status === 'Active' && p.Type === 'Stock');
    expect(job.result).toMatchObject({ created: expected.length });
    expect(await supplierRows(t, 'cin7_product_link', aussie.id)).toHaveLength(expected.length);
    expect(await supplierRows(t, 'host_product', kiwi())).toHaveLength(activeStock().length);

    const kiwiJobs = await t.http.get(`${base}/jobs`).set(t.as(t.suppliers.kiwi));
    const kiwiJobId = kiwiJobs.body.items[0].id;
    expect((await t.http.get(`${base}/jobs/${kiwiJobId}`).set(t.as(aussie))).status).toBe(404);
    const status = await t.http.get(`${base}/catalog`).set(t.as(aussie));
    expect(status.body).toMatchObject({
      customers: { linked: 0, blocked: 0, lastImport: null },
      products: { linked: expected.length },
    });
  }, 60_000);
});
