import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/test-app.js';

const route = '/integrations/cin7-core/connection';

describe('connection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ sandbox: { seed: 'demo' } });
  });
  afterAll(() => t?.close());

  const rows = () => t.dataSource.query('SELECT * FROM cin7_connection');

  it('is disconnected until a supplier connects', async () => {
    const res = await t.http.get(route).set(t.as(t.suppliers.kiwi));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'disconnected' });
  });

  it('names the field of malformed input and stores nothing', async () => {
    const res = await t.http
      .post(route)
      .set(t.as(t.suppliers.kiwi))
      .send({ accountId: 'not-a-guid', apiKey: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('accountId');
    expect(res.body.message).toMatch(/Account ID must be the GUID/);
    const missing = await t.http
      .post(route)
      .set(t.as(t.suppliers.kiwi))
      .send({ accountId: t.suppliers.kiwi.account.accountId });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('apiKey');
    expect(await rows()).toHaveLength(0);
  });

  it('says Cin7 rejected the credentials when they are wrong, and stores nothing', async () => {
    const res = await t.http.post(route).set(t.as(t.suppliers.kiwi)).send({
      accountId: t.suppliers.kiwi.account.accountId,
      apiKey: '00000000-0000-0000-0000-000000000000',
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Cin7 rejected the Account ID or API key.');
    expect(await rows()).toHaveLength(0);
  });

  it('answers 503 while Cin7 throttles, and stores nothing', async () => {
    await t.sandbox.admin.setFaults({ throttleBurst: 1 });
    const { accountId, apiKey } = t.suppliers.kiwi.account;
    const res = await t.http.post(route).set(t.as(t.suppliers.kiwi)).send({ accountId, apiKey });
    await t.sandbox.admin.clearFaults();
    expect(res.status).toBe(503);
    expect(res.body.message).toMatch(/limiting calls/);
    expect(await rows()).toHaveLength(0);
  });

  it('connects with the right credentials: company and base currency from Cin7, key encrypted, never returned', async () => {
    const { accountId, apiKey } = t.suppliers.kiwi.account;
    const res = await t.http.post(route).set(t.as(t.suppliers.kiwi)).send({ accountId, apiKey });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'connected',
      accountId: accountId.toLowerCase(),
      apiKeyLast4: apiKey.slice(-4),
      company: t.suppliers.kiwi.account.company,
      baseCurrency: 'NZD',
    });
    expect(JSON.stringify(res.body)).not.toContain(apiKey);
    const [row] = await rows();
    expect(JSON.stringify(row)).not.toContain(apiKey);
    expect(row.api_key_encrypted).toMatch(/^v1\.test1\./);

    const read = await t.http.get(route).set(t.as(t.suppliers.kiwi));
    expect(read.body.company).toBe(t.suppliers.kiwi.account.company);
    expect(read.body.health.lastSuccessfulCallAt).toEqual(expect.any(String));
    expect(JSON.stringify(read.body)).not.toContain(apiKey);
  });

  it("keeps suppliers apart: one supplier's connection is invisible to another", async () => {
    const res = await t.http.get(route).set(t.as(t.suppliers.aussie));
    expect(res.body).toEqual({ status: 'disconnected' });
    const del = await t.http.delete(route).set(t.as(t.suppliers.aussie));
    expect(del.status).toBe(404);
    expect((await t.http.get(route).set(t.as(t.suppliers.kiwi))).body.status).toBe('connected');
  });

  it('refuses requests without a supplier', async () => {
    expect((await t.http.get(route)).status).toBe(401);
    expect((await t.http.get(route).set({ Authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('disconnects: credentials removed, queued runs cancelled, history kept', async () => {
    await t.dataSource.query(
      `INSERT INTO cin7_sync_run (supplier_id, kind, state, params) VALUES ($1, 'import-products', 'queued', '{"scope":"all"}')`,
      [t.suppliers.kiwi.id],
    );
    const res = await t.http.delete(route).set(t.as(t.suppliers.kiwi));
    expect(res.status).toBe(204);
    const [row] = await rows();
    expect(row).toMatchObject({
      status: 'disconnected',
      api_key_encrypted: null,
      webhook_secret_encrypted: null,
    });
    const runs = await t.dataSource.query('SELECT state FROM cin7_sync_run WHERE supplier_id = $1', [
      t.suppliers.kiwi.id,
    ]);
    expect(runs).toEqual([{ state: 'cancelled' }]);
    expect((await t.http.get(route).set(t.as(t.suppliers.kiwi))).body).toEqual({ status: 'disconnected' });
  });
  it('asks before replacing a connection (409), and says when another supplier shares the Cin7 account', async () => {
    const { kiwi, aussie } = t.suppliers;
    await t.connect(kiwi);
    const credentials = () =>
      t.dataSource.query(
        'SELECT account_id, api_key_encrypted, webhook_secret_encrypted, status FROM cin7_connection ORDER BY id',
      );
    const before = await credentials();
    const again = await t.http.post(route).set(t.as(kiwi)).send(kiwi.account);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      field: 'replace',
      message: expect.stringMatching(/already connected to Cin7 .*confirm to go on/),
    });
    expect(await credentials()).toEqual(before);
    expect((await t.http.get(route).set(t.as(kiwi))).body.sharedWith).toBe(0);

    const replaced = await t.http
      .post(route)
      .set(t.as(kiwi))
      .send({ ...kiwi.account, replace: true });
    expect(replaced.status).toBe(201);
    expect(replaced.body.accountChange).toBeUndefined();

    // The aussie supplier connects the kiwi Cin7 account too: both are told they share its calls.
    await t.connect(aussie);
    const shared = await t.http
      .post(route)
      .set(t.as(aussie))
      .send({ ...kiwi.account, replace: true });
    expect(shared.status).toBe(201);
    expect(shared.body.sharedWith).toBe(1);
    expect((await t.http.get(route).set(t.as(kiwi))).body.sharedWith).toBe(1);
  });

  it('clears the links made with the old account when reconnecting to another one, and says so', async () => {
    const { aussie } = t.suppliers;
    // The aussie supplier is on the kiwi account now (previous test); give it links there.
    await t.dataSource.query(
      `INSERT INTO cin7_customer_link (supplier_id, upstock_customer_id, cin7_customer_id, cin7_name, currency)
       VALUES ($1, 'u-1', 'c-1', 'Old Twin', 'NZD')`,
      [aussie.id],
    );
    await t.dataSource.query(
      `INSERT INTO cin7_product_link (supplier_id, upstock_product_id, cin7_product_id, sku, name)
       VALUES ($1, 'p-1', 'cp-1', 'SKU-1', 'Old product'), ($1, 'p-2', 'cp-2', 'SKU-2', 'Old product 2')`,
      [aussie.id],
    );
    await t.http.delete(route).set(t.as(aussie)).expect(204);
    const back = await t.http.post(route).set(t.as(aussie)).send(aussie.account);
    expect(back.status).toBe(201);
    expect(back.body.accountChange).toMatchObject({
      customerLinksCleared: 1,
      productLinksCleared: 2,
      message: expect.stringMatching(
        /different Cin7 account .*1 customer and 2 product links .* were removed/,
      ),
    });
    const left = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM cin7_customer_link WHERE supplier_id = $1) AS c,
              (SELECT count(*)::int FROM cin7_product_link WHERE supplier_id = $1) AS p`,
      [aussie.id],
    );
    expect(left[0]).toEqual({ c: 0, p: 0 });
    // The same account again keeps its links.
    await t.dataSource.query(
      `INSERT INTO cin7_customer_link (supplier_id, upstock_customer_id, cin7_customer_id, cin7_name, currency)
       VALUES ($1, 'u-2', 'c-2', 'New Twin', 'AUD')`,
      [aussie.id],
    );
    const same = await t.http
      .post(route)
      .set(t.as(aussie))
      .send({ ...aussie.account, replace: true });
    expect(same.body.accountChange).toBeUndefined();
    expect(
      await t.dataSource.query('SELECT 1 FROM cin7_customer_link WHERE supplier_id = $1', [aussie.id]),
    ).toHaveLength(1);
  });
});

describe('connection when Cin7 cannot be reached', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ sandbox: { seed: 'empty' } });
  });
  afterAll(() => t?.close());

  it('answers 502 with the reason and stores nothing', async () => {
    await t.sandbox.close();
    const { accountId, apiKey } = t.suppliers.kiwi.account;
    const res = await t.http.post(route).set(t.as(t.suppliers.kiwi)).send({ accountId, apiKey });
    expect(res.status).toBe(502);
    expect(res.body.message).toMatch(/Could not reach Cin7/);
    expect(await t.dataSource.query('SELECT 1 FROM cin7_connection')).toHaveLength(0);
  });
});
