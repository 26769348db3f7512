// The example shop, installed from the packed packages, against the Cin7 sandbox and a real Postgres:
// connect → import → approve → sale in Cin7 (with the shop's sale hook) → shipped back; and the shop's own sync runs.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { generateEncryptionKey } from '@upstock/cin7-api';
import { DEMO_ACCOUNTS, type RunningSandbox, startSandbox } from '@upstock/cin7-sandbox';
import pg from 'pg';
import { PANEL_PATH, startShop } from '../src/main.js';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `host_example_${randomBytes(4).toString('hex')}`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
const serviceSecret = randomBytes(16).toString('hex');
const account = DEMO_ACCOUNTS[0];
const supplier = { id: 'shop-supplier-1', token: randomBytes(12).toString('hex') };
const checks: { supplierId: string; company: string }[] = [];
const prefix = '/integrations/cin7-core';

let sandbox: RunningSandbox;
let shop: Awaited<ReturnType<typeof startShop>>;

async function admin(sql: string, url = adminUrl) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${shop.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${supplier.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

before(async () => {
  await admin(`CREATE DATABASE ${dbName}`);
  sandbox = await startSandbox({ port: 0, seed: 'small' });
  shop = await startShop({
    port: 0,
    databaseUrl,
    cin7BaseUrl: sandbox.baseUrl,
    encryption: { currentKeyId: 'k1', keys: { k1: generateEncryptionKey() } },
    serviceSecret,
    schedulerTickMs: 300,
    onCompanyChecked: (supplierId, company) => checks.push({ supplierId, company }),
  });
  await admin(`INSERT INTO shop_user VALUES ('${supplier.token}', '${supplier.id}')`, databaseUrl);
});

after(async () => {
  await shop?.app.close();
  await sandbox?.close();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
});

let orderId = '';

test('connects and imports the Cin7 catalogue into the shop’s own tables', async () => {
  const connect = await call('POST', `${prefix}/connection`, {
    accountId: account.accountId,
    apiKey: account.apiKey,
  });
  assert.equal(connect.status, 201, JSON.stringify(connect.body));
  for (const kind of ['customers', 'products']) {
    const job = await call('POST', `${prefix}/imports`, { kind });
    assert.equal(job.status, 202);
    const done = await waitFor(`import ${kind}`, async () => {
      const state = (await call('GET', `${prefix}/jobs/${job.body.id}`)).body;
      return ['succeeded', 'failed'].includes(state.state) ? state : null;
    });
    assert.equal(done.state, 'succeeded', JSON.stringify(done));
  }
  const [{ customers, products }] = await admin(
    `SELECT (SELECT count(*)::int FROM shop_customer) AS customers, (SELECT count(*)::int FROM shop_product) AS products`,
    databaseUrl,
  );
  assert.ok(customers > 0 && products > 0);
  // Sales created as Authorised, so Cin7 can ship them.
  const settings = await call('PUT', `${prefix}/settings`, { saleStatus: 'AUTHORISED' });
  assert.equal(settings.status, 200, JSON.stringify(settings.body));
});

test('serves the settings panel’s installed remote from the shop’s own path, every file it imports found', async () => {
  const manifestUrl = `${shop.url}${PANEL_PATH}mf-manifest.json`;
  const manifest = await (await fetch(manifestUrl)).json();
  assert.equal(manifest.name, 'cin7Settings');
  // Built relative ("auto"): its files are found beside the manifest wherever the host serves it.
  assert.equal(manifest.metaData.publicPath, 'auto');
  const expose = manifest.exposes.find((e: { path: string }) => e.path === './SettingsPanel');
  assert.ok(expose, 'the panel exposes ./SettingsPanel');
  // Everything the browser would load: the remote entry and what it imports, and every file the manifest names.
  const entry = new URL(manifest.metaData.remoteEntry.name, manifestUrl).href;
  const named = [...expose.assets.js.sync, ...expose.assets.js.async].map(
    (f: string) => new URL(f, manifestUrl).href,
  );
  const seen = new Set<string>();
  const pending = [entry, ...named];
  while (pending.length > 0) {
    const url = pending.pop() as string;
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await fetch(url);
    assert.equal(res.status, 200, url);
    assert.match(res.headers.get('content-type') ?? '', /javascript/, url);
    const code = await res.text();
    for (const m of code.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      pending.push(new URL(m[1] as string, url).href);
    }
  }
  assert.ok(seen.size > named.length, `the remote entry's imports were followed (${seen.size} files)`);
});

test('refuses a supplier token on the host-to-host approval route', async () => {
  const res = await call('POST', `${prefix}/orders/00000000-0000-4000-8000-000000000000/approved`);
  assert.equal(res.status, 401);
});

test('approves an order in the shop and sends it to Cin7 with the shop’s sale hook', async () => {
  const [customer] = await admin(
    `SELECT c.id FROM shop_customer c JOIN cin7_customer_link l ON l.upstock_customer_id = c.id::text
      WHERE l.ordering_blocked_reason IS NULL AND l.shipping_address IS NOT NULL LIMIT 1`,
    databaseUrl,
  );
  const [product] = await admin(
    `SELECT p.id FROM shop_product p JOIN cin7_product_link l ON l.upstock_product_id = p.id::text
      WHERE p.sku LIKE 'SKU-%' LIMIT 1`,
    databaseUrl,
  );
  assert.ok(customer && product, 'a linked customer and product');
  const created = await call('POST', '/shop/orders', {
    customerId: customer.id,
    lines: [{ productId: product.id, quantity: 2 }],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  orderId = created.body.id;
  const approved = await call('POST', `/shop/orders/${orderId}/approve`);
  assert.equal(approved.status, 201, JSON.stringify(approved.body));
  assert.equal(approved.body.sentToCin7, true);
  const sync = await waitFor('the push', async () => {
    const s = (await call('GET', `${prefix}/orders/${orderId}/sync`)).body?.sync;
    return s && ['pushed', 'failed', 'refused'].includes(s.state) ? s : null;
  });
  assert.equal(sync.state, 'pushed', JSON.stringify(sync));
  const sale = (await sandbox.admin.getSale(0, sync.cin7SaleId)) as { Note?: string; ExternalID?: string };
  assert.match(sale.Note ?? '', new RegExp(`Shop order ${created.body.number} \\(channel: wholesale\\)`));
  assert.equal(sale.ExternalID, `upstock-order:${orderId}`);
});

test('marks the shop’s order shipped when Cin7 ships the sale', async () => {
  const sync = (await call('GET', `${prefix}/orders/${orderId}/sync`)).body.sync;
  await sandbox.admin.shipSale(0, sync.cin7SaleId, {
    trackingUrl: 'https://track.example/shop',
    carrier: 'NZ Post',
  });
  // Cin7 makes a webhook's first attempt a minute after the event: let that minute pass in the sandbox.
  await sandbox.admin.advanceTime(61_000);
  const order = await waitFor('shipped', async () => {
    const o = (await call('GET', `/shop/orders/${orderId}`)).body;
    return o.status === 'shipped' ? o : null;
  });
  assert.equal(order.shippedTracking, 'https://track.example/shop');
});

test('runs the shop’s own scheduled sync on the module’s work engine', async () => {
  await waitFor('the scheduled sync', async () => checks.length > 0);
  assert.deepEqual(checks[0], { supplierId: supplier.id, company: account.company });
});
