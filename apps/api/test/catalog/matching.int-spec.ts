import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Cin7Customer } from '@upstock/cin7-core';
import { createTestApp, type TestApp, type TestSupplier } from '../support/test-app.js';
import { base, sandboxCatalog } from './catalog-fixtures.js';

const shippingOf = (c: Cin7Customer) => c.Addresses.filter((a) => a.Type === 'Shipping');

describe('matching customers with their Cin7 twin (small seed)', () => {
  let t: TestApp;
  let cin7: Cin7Customer[];
  let kiwi: TestSupplier;
  let aussie: TestSupplier;

  beforeAll(async () => {
    t = await createTestApp({ sandbox: { seed: 'small', rateLimit: { enabled: false } } });
    ({ kiwi, aussie } = t.suppliers);
    cin7 = (await sandboxCatalog(t, kiwi)).customers.filter((c) => c.Status === 'Active');
  }, 60_000);
  afterAll(() => t?.close());

  const hostCustomer = async (supplier: TestSupplier, name: string): Promise<string> => {
    const res = await t.http.post('/host/customers').set(t.as(supplier)).send({ name, email: null });
    if (res.status !== 201) throw new Error(`host customer: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  };
  const link = (supplier: TestSupplier, id: string, body: Record<string, unknown>) =>
    t.http.put(`${base}/customers/${id}/link`).set(t.as(supplier)).send(body);
  const linkRows = () => t.dataSource.query('SELECT * FROM cin7_customer_link');
  const withShipping = (n: number, currency = 'NZD') =>
    cin7.find((c) => shippingOf(c).length === n && c.Currency === currency) as Cin7Customer;

  it('needs a connection: search answers 409 before connecting, and the reference data is empty', async () => {
    const search = await t.http.get(`${base}/customers/search?q=Kauri`).set(t.as(kiwi));
    expect(search.status).toBe(409);
    const reference = await t.http.get(`${base}/reference`).set(t.as(kiwi));
    expect(reference.body).toEqual({
      locations: [],
      priceTiers: [],
      taxRules: [],
      carriers: [],
      serviceProducts: [],
      defaultSaleTaxRule: null,
      pricesIncludeTax: null,
      refreshedAt: null,
    });
    expect((await t.http.post(`${base}/reference/refresh`).set(t.as(kiwi))).status).toBe(409);
  });

  it('loads the reference data in the background after connecting', async () => {
    await t.connect(kiwi);
    const reference = await t.waitFor(async () => {
      const res = await t.http.get(`${base}/reference`).set(t.as(kiwi));
      return res.body.refreshedAt ? res.body : undefined;
    });
    expect(reference.priceTiers).toHaveLength(10);
    expect(reference.priceTiers[0]).toEqual({ code: 1, name: expect.any(String) });
    expect(reference.locations.length).toBeGreaterThan(0);
    expect(reference.locations.filter((l: { isDefault: boolean }) => l.isDefault)).toHaveLength(1);
    expect(reference.taxRules[0]).toEqual(
      expect.objectContaining({ name: expect.any(String), forSale: expect.any(Boolean) }),
    );
    expect(reference.carriers.length).toBeGreaterThan(0);
    expect(reference.serviceProducts).toContain('Freight');
    // The small seed's default sale tax rule is tax exclusive (GST added on top of Upstock prices).
    expect(reference.defaultSaleTaxRule).toEqual(expect.any(String));
    expect(reference.pricesIncludeTax).toBe(false);
    const refresh = await t.http.post(`${base}/reference/refresh`).set(t.as(kiwi));
    expect(refresh.status).toBe(202);
    // Another supplier sees nothing of it.
    expect((await t.http.get(`${base}/reference`).set(t.as(aussie))).body.refreshedAt).toBeNull();
  });

  it('saves a freight service product Cin7 has (from the cache, no call) and refuses one it has not, naming the field', async () => {
    const settings = `${base}/settings`;
    const current = (await t.http.get(settings).set(t.as(kiwi))).body;
    // Background work after connecting (import, refresh) reads products too; a save's look-up is interactive.
    const productCalls = async () =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM cin7_call_log WHERE priority = 'interactive'`,
        )
      )[0].n as number;
    const before = await productCalls();
    const missing = await t.http
      .put(settings)
      .set(t.as(kiwi))
      .send({ ...current, freightServiceName: 'Courier delivery' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ field: 'freightServiceName' });
    expect(missing.body.message).toContain('"Courier delivery"');
    // Not in the cache: one exact look-up, nothing saved.
    expect(await productCalls()).toBe(before + 1);
    expect((await t.http.get(settings).set(t.as(kiwi))).body).toEqual(current);

    await t.http
      .put(settings)
      .set(t.as(kiwi))
      .send({ ...current, freightServiceName: 'Hauling' })
      .expect(400);
    const cached = await t.http
      .put(settings)
      .set(t.as(kiwi))
      .send({ ...current, freightServiceName: 'FREIGHT ' });
    expect(cached.status).toBe(200);
    expect(await productCalls()).toBe(before + 2);
  });

  it('searches Cin7 customers by name prefix and by contact email, with their address choices', async () => {
    const target = withShipping(3);
    const byName = await t.http
      .get(`${base}/customers/search`)
      .query({ q: target.Name.slice(0, 12) })
      .set(t.as(kiwi));
    expect(byName.status).toBe(200);
    expect(byName.body.items.map((c: { id: string }) => c.id)).toContain(target.ID);
    const email = target.Contacts.find((k) => k.Default)?.Email as string;
    const byEmail = await t.http.get(`${base}/customers/search`).query({ q: email }).set(t.as(kiwi));
    expect(byEmail.body.items).toHaveLength(1);
    expect(byEmail.body.items[0]).toMatchObject({
      id: target.ID,
      name: target.Name,
      email,
      linkedUpstockCustomerId: null,
      shippingAddresses: expect.arrayContaining([expect.objectContaining({ id: shippingOf(target)[1]?.ID })]),
    });
    expect(byEmail.body.items[0].shippingAddresses).toHaveLength(3);
    const missing = await t.http.get(`${base}/customers/search`).set(t.as(kiwi));
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('q');
  });

  it('links a customer with one shipping address, and queues a price sync for that customer', async () => {
    const twin = withShipping(1);
    const id = await hostCustomer(kiwi, 'Corner Store');
    const res = await link(kiwi, id, { cin7CustomerId: twin.ID.toUpperCase() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      upstockCustomerId: id,
      cin7CustomerId: twin.ID,
      cin7Name: twin.Name,
      currency: 'NZD',
      shippingAddressId: shippingOf(twin)[0]?.ID,
      shippingAddress: expect.objectContaining({ line1: shippingOf(twin)[0]?.Line1 }),
      priceTier: twin.PriceTier,
      orderingBlockedReason: null,
    });
    expect((await t.http.get(`${base}/customers/${id}/link`).set(t.as(kiwi))).body.cin7CustomerId).toBe(
      twin.ID,
    );
    const runs = await t.dataSource.query(
      `SELECT params FROM cin7_sync_run WHERE kind = 'price-sync' AND supplier_id = $1`,
      [kiwi.id],
    );
    expect(runs.map((r: { params: { scope: string } }) => r.params.scope)).toContain(`customer:${id}`);
  });

  it('asks which shipping address to use when there are several (400 naming them), and uses the one chosen', async () => {
    const twin = withShipping(3);
    const id = await hostCustomer(kiwi, 'Three Doors Ltd');
    const before = await linkRows();
    const unchosen = await link(kiwi, id, { cin7CustomerId: twin.ID });
    expect(unchosen.status).toBe(400);
    expect(unchosen.body.field).toBe('shippingAddressId');
    for (const a of shippingOf(twin)) expect(unchosen.body.message).toContain(a.ID);
    expect(unchosen.body.details.choices).toHaveLength(3);

    const foreignAddress = shippingOf(withShipping(2))[0]?.ID;
    const wrong = await link(kiwi, id, { cin7CustomerId: twin.ID, shippingAddressId: foreignAddress });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/is not a shipping address of/);
    expect(await linkRows()).toEqual(before);

    const chosen = shippingOf(twin)[2];
    const ok = await link(kiwi, id, { cin7CustomerId: twin.ID, shippingAddressId: chosen?.ID });
    expect(ok.status).toBe(200);
    expect(ok.body.shippingAddressId).toBe(chosen?.ID);
    expect(ok.body.shippingAddress.line1).toBe(chosen?.Line1);
  });

  it('marks a customer in another currency: linked, but its orders cannot be pushed', async () => {
    const twin = withShipping(1, 'AUD');
    const id = await hostCustomer(kiwi, 'Over The Ditch Pty');
    const res = await link(kiwi, id, { cin7CustomerId: twin.ID });
    expect(res.status).toBe(200);
    expect(res.body.orderingBlockedReason).toMatch(/Orders in AUD cannot be sent to Cin7/);
    const host = await t.http.get(`/host/customers/${id}`).set(t.as(kiwi));
    expect(host.body.orderingBlockedReason).toMatch(/cannot be sent to Cin7/);
  });

  it('refuses unknown customers, unknown Cin7 customers and a Cin7 customer linked elsewhere; nothing changes', async () => {
    const id = await hostCustomer(kiwi, 'Nobody Yet');
    const before = await linkRows();
    const twin = withShipping(1);
    expect(
      (await link(kiwi, '00000000-0000-4000-8000-000000000000', { cin7CustomerId: twin.ID })).status,
    ).toBe(404);
    expect((await link(kiwi, 'not-an-id', { cin7CustomerId: twin.ID })).status).toBe(404);
    const unknownTwin = await link(kiwi, id, { cin7CustomerId: '11111111-2222-4333-8444-555555555555' });
    expect(unknownTwin.status).toBe(404);
    expect(unknownTwin.body.field).toBe('cin7CustomerId');
    const malformed = await link(kiwi, id, { cin7CustomerId: 'Kiwi Outdoors' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.field).toBe('cin7CustomerId');
    const taken = await link(kiwi, id, { cin7CustomerId: twin.ID });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toMatch(/is linked to "Corner Store"\. Move the link to "Nobody Yet"\?/);
    expect(await linkRows()).toEqual(before);
  });

  it('lists the Upstock customers not matched yet, paged', async () => {
    const all = await t.http.get(`${base}/customers/unmatched`).set(t.as(kiwi));
    expect(all.status).toBe(200);
    expect(all.body.items.map((c: { name: string }) => c.name)).toEqual(['Nobody Yet']);
    expect(all.body).toMatchObject({ total: 1, limit: 50, offset: 0 });
    const page = await t.http
      .get(`${base}/customers/unmatched`)
      .query({ limit: 1, offset: 1 })
      .set(t.as(kiwi));
    expect(page.body).toMatchObject({ items: [], total: 1, limit: 1, offset: 1 });
    const bad = await t.http.get(`${base}/customers/unmatched`).query({ limit: 0 }).set(t.as(kiwi));
    expect(bad.status).toBe(400);
  });

  it('unlinks (204), clears the block, and a second unlink is 404', async () => {
    const twin = withShipping(1, 'AUD');
    const [row] = await t.dataSource.query(
      'SELECT upstock_customer_id FROM cin7_customer_link WHERE cin7_customer_id = $1',
      [twin.ID],
    );
    const id = row.upstock_customer_id;
    expect((await t.http.delete(`${base}/customers/${id}/link`).set(t.as(kiwi))).status).toBe(204);
    expect((await t.http.get(`${base}/customers/${id}/link`).set(t.as(kiwi))).status).toBe(404);
    expect((await t.http.delete(`${base}/customers/${id}/link`).set(t.as(kiwi))).status).toBe(404);
    expect((await t.http.get(`/host/customers/${id}`).set(t.as(kiwi))).body.orderingBlockedReason).toBeNull();
    const unmatched = await t.http.get(`${base}/customers/unmatched`).set(t.as(kiwi));
    expect(unmatched.body.total).toBe(2);
  });

  it("keeps suppliers apart: another supplier's customers and links answer 404, its search sees its own Cin7", async () => {
    const [row] = await t.dataSource.query('SELECT upstock_customer_id FROM cin7_customer_link LIMIT 1');
    const kiwiCustomer = row.upstock_customer_id;
    await t.connect(aussie);
    const aussieId = await hostCustomer(aussie, 'Bondi Surf Co');
    const twin = withShipping(1);
    expect((await t.http.get(`${base}/customers/${kiwiCustomer}/link`).set(t.as(aussie))).status).toBe(404);
    expect((await link(aussie, kiwiCustomer, { cin7CustomerId: twin.ID })).status).toBe(404);
    expect((await t.http.delete(`${base}/customers/${kiwiCustomer}/link`).set(t.as(aussie))).status).toBe(
      404,
    );
    // A kiwi Cin7 customer is not in the aussie Cin7 account.
    expect((await link(aussie, aussieId, { cin7CustomerId: twin.ID })).status).toBe(404);
    const search = await t.http.get(`${base}/customers/search`).query({ q: twin.Name }).set(t.as(aussie));
    // The aussie account has its own customers (names may repeat across accounts, ids never do).
    expect(search.body.items.map((c: { id: string }) => c.id)).not.toContain(twin.ID);
    expect(search.body.items.every((c: { currency: string }) => c.currency === 'AUD')).toBe(true);
    const unmatched = await t.http.get(`${base}/customers/unmatched`).set(t.as(aussie));
    expect(unmatched.body.items.map((c: { name: string }) => c.name)).toEqual(['Bondi Surf Co']);
    expect((await t.http.get(`${base}/customers/${aussieId}/link`).set(t.as(kiwi))).status).toBe(404);
  });

  it('finds the unmatched among more customers than one read of the host (pages read together), in order', async () => {
    // 1,234 more Upstock customers, none linked: with the linked ones, the scan spans several host pages of 500.
    await t.dataSource.query(
      `INSERT INTO host_customer (supplier_id, name)
       SELECT $1, 'Bulk ' || lpad(n::text, 4, '0') FROM generate_series(1, 1234) n`,
      [kiwi.id],
    );
    const expected: { id: string }[] = await t.dataSource.query(
      `SELECT c.id FROM host_customer c
        WHERE c.supplier_id = $1
          AND NOT EXISTS (SELECT 1 FROM cin7_customer_link l
                           WHERE l.supplier_id = c.supplier_id AND l.upstock_customer_id = c.id::text)
        ORDER BY c.name`,
      [kiwi.id],
    );
    expect(expected.length).toBeGreaterThan(1234);
    const page = await t.http
      .get(`${base}/customers/unmatched`)
      .query({ limit: 30, offset: 990 })
      .set(t.as(kiwi));
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: expected.length, limit: 30, offset: 990 });
    expect(page.body.items.map((c: { id: string }) => c.id)).toEqual(
      expected.slice(990, 1020).map((r) => r.id),
    );
    const found = await t.http
      .get(`${base}/customers/unmatched`)
      .query({ search: 'bulk 1234' })
      .set(t.as(kiwi));
    expect(found.body).toMatchObject({ total: 1, items: [expect.objectContaining({ name: 'Bulk 1234' })] });
  });
});
