import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_SETTINGS } from '@upstock/cin7-contracts';
import type { Test } from 'supertest';
import { WEBHOOK_SECRET_HEADER } from '../../src/module/shipments/webhooks/webhook-secret.js';
import {
  base,
  connectAndImport,
  createOrder,
  linkedCustomers,
  linkedProducts,
} from '../orders/order-push.helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every route of the standalone server (module and reference host), found from the running router, sent the bad
 * input a careless client or an attacker sends: NUL characters, lone surrogates, impossible dates, huge and tiny
 * numbers, ids that are not ids, missing bodies and bodies of the wrong type. Any 500 fails the test.
 */

/** Values put in place of every path parameter. */
const BAD_PARAMS = [
  'not-a-uuid',
  '%00',
  '%ED%A0%80', // a lone surrogate, UTF-8 encoded (not valid UTF-8)
  encodeURIComponent('a\u0000b'),
  '00000000-0000-0000-0000-000000000000',
  'x'.repeat(3000),
  "1'%20OR%20'1'='1",
  '%E0%A4%A',
];

/** Query strings tried on every route. */
const BAD_QUERIES = ['limit', 'offset', 'state', 'search', 'kind', 'since', 'full'].flatMap((key) => [
  `${key}=%00`,
  `${key}=%ED%A0%80`,
  `${key}=1e308`,
  `${key}=-1`,
  `${key}=2026-02-30`,
  `${key}=${'x'.repeat(5000)}`,
  `${key}=1&${key}=2`,
  `${key}[a]=1`,
]);

/** Replacements for every leaf of a valid body. */
const BAD_VALUES: unknown[] = [
  'a\u0000b',
  'a\uD800b',
  '\uDC00',
  1e308,
  -1e308,
  1e-9,
  -1,
  0,
  2.5,
  '2026-02-30',
  '2026-13-01',
  'x'.repeat(20_000),
  true,
  null,
  [],
  {},
  '',
];

/** Bodies that are not a JSON object of the route's shape at all. */
const RAW_BODIES: { type?: string; body?: string }[] = [
  {},
  { type: 'text/plain', body: 'hello' },
  { type: 'application/x-www-form-urlencoded', body: 'a=b' },
  { type: 'application/json', body: 'null' },
  { type: 'application/json', body: '[]' },
  { type: 'application/json', body: '"text"' },
  { type: 'application/json', body: '12' },
  { type: 'application/json', body: '{' },
  { type: 'application/json', body: '{"a":"\\u0000"}' },
  { type: 'application/json', body: '{"a":"\\ud800"}' },
];

/** Every leaf path of a JSON value, with a setter that copies the value with that leaf replaced. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [path];
}

function withLeaf(value: unknown, path: (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = withLeaf(copy[head], rest, leaf);
  return copy;
}

interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
}

describe('edge fuzz: no request shape answers 500', () => {
  let t: TestApp;
  let routes: Route[];
  const valid: Record<string, string> = {};
  const seeds: Record<string, unknown> = {};
  const failures: string[] = [];
  let sent = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const kiwi = t.suppliers.kiwi;
    await connectAndImport(t, kiwi);
    const [customer] = await linkedCustomers(t, kiwi);
    const [product] = await linkedProducts(t, kiwi);
    if (!customer || !product) throw new Error('the sandbox seed has no linked customer or product');
    const order = await createOrder(t, kiwi, {
      customerId: customer.upstock_customer_id,
      lines: [{ productId: product.upstock_product_id, quantity: 2 }],
    });
    const [{ id: connectionId }] = await t.dataSource.query(
      `SELECT id FROM cin7_connection WHERE supplier_id = $1`,
      [kiwi.id],
    );
    const [{ id: jobId }] = await t.dataSource.query(`SELECT id FROM cin7_sync_run LIMIT 1`);
    Object.assign(valid, {
      orderId: order.id,
      id: order.id,
      upstockCustomerId: customer.upstock_customer_id,
      connectionId,
      jobId,
    });
    Object.assign(seeds, {
      [`POST ${base}/connection`]: { accountId: kiwi.account.accountId, apiKey: kiwi.account.apiKey },
      [`PUT ${base}/settings`]: { ...DEFAULT_SETTINGS },
      [`POST ${base}/imports`]: { kind: 'customers' },
      [`POST ${base}/prices/sync`]: { full: false },
      [`PUT ${base}/customers/:upstockCustomerId/link`]: { cin7CustomerId: customer.cin7_customer_id },
      [`POST ${base}/webhooks/cin7/:connectionId`]: {
        SaleID: order.id,
        EventType: 'Sale/ShipmentAuthorised',
      },
      'POST /host/customers': { name: 'Fuzz Ltd', email: 'fuzz@example.com', currency: 'NZD' },
      'POST /host/orders': {
        customerId: customer.upstock_customer_id,
        reference: 'PO-1',
        deliveryDate: '2026-12-24',
        freight: 10,
        comment: 'hi',
        lines: [{ productId: product.upstock_product_id, quantity: 1 }],
      },
      'PATCH /host/orders/:id': {
        reference: 'PO-2',
        deliveryDate: '2026-12-24',
        tracking: 'TRK1',
        freight: 5,
        lines: [{ productId: product.upstock_product_id, quantity: 3 }],
      },
      'POST /host/orders/:id/comments': { body: 'a comment' },
    });
    routes = routesOf(t);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  function routesOf(app: TestApp): Route[] {
    const express = app.app.getHttpAdapter().getInstance() as {
      router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
    };
    const found = express.router.stack.flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods)
            .filter((m): m is Route['method'] => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
            .map((method) => ({ method, path: layer.route?.path ?? '' }))
        : [],
    );
    // Deleting the connection last, so every other route is tried against a connected supplier.
    return found.sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
  }

  const fill = (path: string, bad?: { name: string; value: string }) =>
    path.replace(/:(\w+)/g, (_, name: string) =>
      bad && bad.name === name
        ? bad.value
        : ((path.includes('/jobs/') && name === 'id' ? valid.jobId : valid[name]) ?? 'unknown'),
    );

  /** Sends with both a supplier's token and the host service's headers: whichever the route wants. */
  async function send(
    route: Route,
    url: string,
    prepare: (req: Test) => Test = (r) => r,
    what = '',
  ): Promise<void> {
    const req = t.http[route.method](url)
      .set(t.as(t.suppliers.kiwi))
      .set(t.asHost(t.suppliers.kiwi))
      .set(route.path.includes('/webhooks/') ? { [WEBHOOK_SECRET_HEADER]: 'wrong' } : {});
    const res = await prepare(req).catch((error: Error) => ({ status: 599, text: error.message }));
    sent++;
    if (res.status >= 500 && res.status !== 502 && res.status !== 503) {
      failures.push(
        `${route.method.toUpperCase()} ${url.slice(0, 160)} ${what.slice(0, 300)} → ${res.status} ${res.text.slice(0, 200)}`,
      );
    }
  }

  it('finds the module’s and the host’s routes', () => {
    const paths = routes.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([`PUT ${base}/settings`, 'POST /host/orders', `POST ${base}/connection`]),
    );
    expect(routes.length).toBeGreaterThan(35);
  });

  it('answers bad path ids and query strings with 4xx', async () => {
    failures.length = 0;
    for (const route of routes) {
      const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
      for (const name of names) {
        for (const value of BAD_PARAMS) await send(route, fill(route.path, { name, value }));
      }
      if (route.method === 'get') {
        for (const query of BAD_QUERIES) await send(route, `${fill(route.path)}?${query}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('answers bad bodies with 4xx on every write route', async () => {
    failures.length = 0;
    for (const route of routes.filter((r) => r.method !== 'get')) {
      const url = fill(route.path);
      for (const raw of RAW_BODIES) {
        await send(route, url, (req) => {
          const typed = raw.type ? req.set('Content-Type', raw.type) : req;
          return raw.body === undefined ? typed : typed.send(raw.body);
        });
      }
      const seed = seeds[`${route.method.toUpperCase()} ${route.path}`];
      if (!seed) continue;
      for (const leaf of leaves(seed)) {
        for (const value of BAD_VALUES) {
          const body = withLeaf(seed, leaf, value) as object;
          await send(route, url, (req) => req.send(body), JSON.stringify(body));
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(1000);
  }, 600_000);

  it('never reads a missing or non-JSON settings body as "all defaults"', async () => {
    const kiwi = t.suppliers.kiwi;
    const custom = { ...DEFAULT_SETTINGS, freightServiceName: 'Shipping' };
    await t.http.put(`${base}/settings`).set(t.as(kiwi)).send(custom).expect(200);
    const none = await t.http.put(`${base}/settings`).set(t.as(kiwi));
    expect(none.status).toBe(400);
    const text = await t.http
      .put(`${base}/settings`)
      .set(t.as(kiwi))
      .set('Content-Type', 'text/plain')
      .send('{}');
    expect(text.status).toBe(415);
    const nul = await t.http
      .put(`${base}/settings`)
      .set(t.as(kiwi))
      .send({ ...custom, location: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect(nul.body.field).toBe('location');
    expect((await t.http.get(`${base}/settings`).set(t.as(kiwi))).body.freightServiceName).toBe('Shipping');
  });

  it('refuses impossible dates and quantities below 1 or beyond what can be stored, naming the field', async () => {
    const kiwi = t.suppliers.kiwi;
    const post = (body: object) => t.http.post('/host/orders').set(t.as(kiwi)).send(body);
    const order = seeds['POST /host/orders'] as { lines: { productId: string; quantity: number }[] };
    const date = await post({ ...order, deliveryDate: '2026-02-30' });
    expect([date.status, date.body.field]).toEqual([400, 'deliveryDate']);
    for (const quantity of [1e-9, 0.5, 1e308]) {
      const res = await post({ ...order, lines: [{ ...order.lines[0], quantity }] });
      expect([res.status, res.body.field]).toEqual([400, 'lines.0.quantity']);
    }
    const freight = await post({ ...order, freight: 1e308 });
    expect([freight.status, freight.body.field]).toEqual([400, 'freight']);
  });
});
