import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Cin7Customer } from '@upstock/cin7-core';
import { createTestApp, type TestApp, type TestSupplier } from '../support/test-app.js';
import { base, runImport, sandboxCatalog } from './catalog-fixtures.js';

// Price syncs run in background workers; a test waits for one or two of them.
jest.setTimeout(90_000);

const shippingOf = (c: Cin7Customer) => c.Addresses.filter((a) => a.Type === 'Shipping');

interface LinkRow {
  upstockCustomerId: string;
  cin7CustomerId: string;
  cin7Name: string;
  upstockName: string | null;
  shippingAddressId: string | null;
}

describe('managing links: the linked customers, change of address, unlink, moving a link, product links', () => {
  let t: TestApp;
  let kiwi: TestSupplier;
  let aussie: TestSupplier;
  let cin7: Cin7Customer[];

  beforeAll(async () => {
    t = await createTestApp({ sandbox: { seed: 'small', rateLimit: { enabled: false } } });
    ({ kiwi, aussie } = t.suppliers);
    cin7 = (await sandboxCatalog(t, kiwi)).customers.filter((c) => c.Status === 'Active');
    await t.connect(kiwi);
    await runImport(t, kiwi, 'products');
    await runImport(t, kiwi, 'customers');
  }, 120_000);
  afterAll(() => t?.close());

  const get = (path: string, supplier = kiwi) => t.http.get(`${base}${path}`).set(t.as(supplier));
  const link = (id: string, body: Record<string, unknown>) =>
    t.http.put(`${base}/customers/${id}/link`).set(t.as(kiwi)).send(body);
  const linkRows = () =>
    t.dataSource.query('SELECT * FROM cin7_customer_link WHERE supplier_id = $1 ORDER BY id', [kiwi.id]);
  const allLinked = async (): Promise<LinkRow[]> => (await get('/customers/linked?limit=200')).body.items;
  const priceSyncScopes = async (): Promise<string[]> =>
    (
      await t.dataSource.query(
        `SELECT params FROM cin7_sync_run WHERE kind = 'price-sync' AND supplier_id = $1 ORDER BY created_at`,
        [kiwi.id],
      )
    ).map(
      (r: { params: { scope: string; reason?: string } }) => `${r.params.scope}:${r.params.reason ?? ''}`,
    );

  /**
   * Waits for the supplier's price syncs (the import's, a link's, one asked again) to end. A link change while a
   * whole-supplier sync is still queued joins it (it covers the customer) instead of recording the customer's own
   * run; the tests that look for that run wait first, or they would depend on how fast the worker took the queue.
   */
  const priceSyncsFinished = () =>
    t.waitFor(
      async () => {
        const [open] = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM cin7_sync_run WHERE supplier_id = $1 AND kind = 'price-sync'
             AND state IN ('queued', 'running', 'paused')`,
          [kiwi.id],
        );
        return open.n === 0;
      },
      { timeoutMs: 60_000, what: 'price syncs to finish' },
    );

  it('lists the linked customers by Cin7 name with the Upstock name, searched and paged', async () => {
    const linkedCount = (await t.dataSource.query(linkCountSql, [kiwi.id]))[0].n;
    const all = await get('/customers/linked?limit=200');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(Number(linkedCount));
    const names = all.body.items.map((l: LinkRow) => l.cin7Name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'en')));
    expect(all.body.items.every((l: LinkRow) => l.upstockName === l.cin7Name)).toBe(true);

    const page = await get('/customers/linked?limit=2&offset=2');
    expect(page.body.items.map((l: LinkRow) => l.cin7Name)).toEqual(names.slice(2, 4));
    const target = all.body.items[3] as LinkRow;
    const found = await get(`/customers/linked?search=${encodeURIComponent(target.cin7Name.slice(2, 9))}`);
    expect(found.body.items.map((l: LinkRow) => l.cin7Name)).toContain(target.cin7Name);
    expect(found.body.total).toBeLessThan(all.body.total);
    // LIKE wildcards are searched for, not obeyed.
    expect((await get('/customers/linked?search=%25')).body.total).toBe(0);

    const bad = await get('/customers/linked?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'limit', message: expect.stringMatching(/between 1 and 200/) });
    // Another supplier sees none of them.
    expect((await get('/customers/linked', aussie)).body).toMatchObject({ items: [], total: 0 });
  });

  it('changes the shipping address of a linked customer (choices read from Cin7), and its prices resync', async () => {
    const twin = cin7.find((c) => shippingOf(c).length >= 2 && c.Currency === 'NZD') as Cin7Customer;
    const row = (await allLinked()).find((l) => l.cin7CustomerId === twin.ID) as LinkRow;
    const choices = await get(`/customers/${row.upstockCustomerId}/link/addresses`);
    expect(choices.status).toBe(200);
    expect(choices.body.current).toBe(row.shippingAddressId);
    expect(choices.body.items.map((a: { id: string }) => a.id)).toEqual(shippingOf(twin).map((a) => a.ID));
    const other = shippingOf(twin).find((a) => a.ID !== row.shippingAddressId);
    await priceSyncsFinished();
    const changed = await link(row.upstockCustomerId, {
      cin7CustomerId: twin.ID,
      shippingAddressId: other?.ID,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      shippingAddressId: other?.ID,
      shippingAddress: { line1: other?.Line1 },
    });
    expect(await priceSyncScopes()).toContain(`customer:${row.upstockCustomerId}:`);
    expect((await get('/customers/not-linked-id/link/addresses')).status).toBe(404);
  });

  it('offers to move a link that is taken (409 naming who holds it), and moves it when confirmed', async () => {
    const created = await t.http
      .post('/host/customers')
      .set(t.as(kiwi))
      .send({ name: 'New Branch Ltd', email: null });
    const newcomer = created.body.id as string;
    const twin = cin7.find((c) => shippingOf(c).length === 1 && c.Currency === 'NZD') as Cin7Customer;
    const holder = (await allLinked()).find((l) => l.cin7CustomerId === twin.ID) as LinkRow;
    const before = await linkRows();

    const taken = await link(newcomer, { cin7CustomerId: twin.ID });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({
      field: 'cin7CustomerId',
      message: `Cin7 customer "${twin.Name}" is linked to "${holder.upstockName}". Move the link to "New Branch Ltd"? "${holder.upstockName}" will no longer be linked.`,
      details: {
        linkedUpstockCustomerId: holder.upstockCustomerId,
        linkedUpstockCustomerName: holder.upstockName,
        cin7Name: twin.Name,
      },
    });
    expect(taken.body.message).not.toContain(holder.upstockCustomerId);
    expect(await linkRows()).toEqual(before);
    expect((await link(newcomer, { cin7CustomerId: twin.ID, move: 'yes' })).status).toBe(400);

    await priceSyncsFinished();
    const moved = await link(newcomer, { cin7CustomerId: twin.ID, move: true });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ upstockCustomerId: newcomer, cin7CustomerId: twin.ID });
    expect((await get(`/customers/${holder.upstockCustomerId}/link`)).status).toBe(404);
    expect((await linkRows()).length).toBe(before.length);
    const unmatched = await get('/customers/unmatched');
    expect(unmatched.body.items.map((c: { id: string }) => c.id)).toContain(holder.upstockCustomerId);
    const scopes = await priceSyncScopes();
    expect(scopes).toContain(`customer:${newcomer}:`);
    expect(scopes).toContain(`customer:${holder.upstockCustomerId}:`);
  });

  it('a link change while a whole-supplier price sync is queued joins it: no run of its own', async () => {
    await priceSyncsFinished();
    const twin = cin7.find((c) => shippingOf(c).length >= 2 && c.Currency === 'NZD') as Cin7Customer;
    const row = (await allLinked()).find((l) => l.cin7CustomerId === twin.ID) as LinkRow;
    // The import's sync, not yet taken by a worker (no job: nothing takes it while this test looks).
    const [queued] = await t.dataSource.query(
      `INSERT INTO cin7_sync_run (supplier_id, kind, state, params)
       VALUES ($1, 'price-sync', 'queued', '{"scope":"all","reason":"customers"}') RETURNING id`,
      [kiwi.id],
    );
    try {
      const before = await priceSyncScopes();
      const other = shippingOf(twin).find((a) => a.ID !== row.shippingAddressId);
      expect(
        (await link(row.upstockCustomerId, { cin7CustomerId: twin.ID, shippingAddressId: other?.ID })).status,
      ).toBe(200);
      expect(await priceSyncScopes()).toEqual(before);
    } finally {
      await t.dataSource.query(`DELETE FROM cin7_sync_run WHERE id = $1`, [queued.id]);
    }
  });

  it('unlinks: the customer goes back to the base price with the price sync that follows', async () => {
    // The import's price sync gives customers their tier's list; wait for it, then pick one that has a list.
    await priceSyncsFinished();
    const [withList] = await t.dataSource.query(
      `SELECT c.id, l.cin7_customer_id, l.shipping_address_id FROM host_customer c JOIN cin7_customer_link l ON l.upstock_customer_id = c.id::text
        WHERE c.supplier_id = $1 AND c.price_list_id IS NOT NULL LIMIT 1`,
      [kiwi.id],
    );
    expect(withList).toBeDefined();
    const res = await t.http.delete(`${base}/customers/${withList.id}/link`).set(t.as(kiwi));
    expect(res.status).toBe(204);
    await t.waitFor(
      async () => {
        const [row] = await t.dataSource.query('SELECT price_list_id FROM host_customer WHERE id = $1', [
          withList.id,
        ]);
        return row.price_list_id === null;
      },
      { timeoutMs: 60_000, what: 'the unlinked customer back on the base price' },
    );
    // Relinked, its prices come back with the customer's own sync.
    const relinked = await link(withList.id, {
      cin7CustomerId: withList.cin7_customer_id,
      ...(withList.shipping_address_id ? { shippingAddressId: withList.shipping_address_id } : {}),
    });
    expect(relinked.status).toBe(200);
    await t.waitFor(
      async () => {
        const [row] = await t.dataSource.query('SELECT price_list_id FROM host_customer WHERE id = $1', [
          withList.id,
        ]);
        return row.price_list_id !== null;
      },
      { timeoutMs: 60_000, what: 'the relinked customer back on its list' },
    );
  });

  it('lists product links with their Cin7 SKU and whether Upstock still carries it', async () => {
    const all = await get('/products/links?limit=200');
    expect(all.status).toBe(200);
    const [{ n }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM cin7_product_link WHERE supplier_id = $1',
      [kiwi.id],
    );
    expect(all.body.total).toBe(n);
    expect(all.body.items.every((p: { state: string }) => p.state === 'linked')).toBe(true);
    const first = all.body.items[0] as { upstockProductId: string; cin7Sku: string; name: string };
    await t.dataSource.query(`UPDATE host_product SET sku = sku || '-OLD' WHERE id = $1`, [
      first.upstockProductId,
    ]);
    const bySku = await get(`/products/links?search=${encodeURIComponent(first.cin7Sku)}`);
    expect(bySku.body.items[0]).toMatchObject({ cin7Sku: first.cin7Sku, state: 'sku-differs' });
    expect((await get('/products/links', aussie)).body.total).toBe(0);
    expect((await get('/products/links?offset=-1')).status).toBe(400);
  });
});

const linkCountSql = 'SELECT count(*)::int AS n FROM cin7_customer_link WHERE supplier_id = $1';
