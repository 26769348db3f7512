import { Cin7Client, type Cin7Customer, type Cin7Product, unlimitedBudget } from '@upstock/cin7-core';
import type { TestApp, TestSupplier } from '../support/test-app.js';

export const base = '/integrations/cin7-core';

/**
 * Fault switch for the module's Cin7 calls: while `customerStatus` is set, customer reads answer it (400: a sync
 * that fails for good; 500: Cin7 down, the run pauses and resumes). `urls` records every request while not null.
 */
export function faultyFetch() {
  const state: { customerStatus: 400 | 500 | null; urls: string[] | null } = {
    customerStatus: null,
    urls: null,
  };
  const wrapped: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    state.urls?.push(url);
    if (state.customerStatus !== null && /\/customer\?/i.test(url)) {
      return new Response(
        JSON.stringify([{ ErrorCode: state.customerStatus, Exception: 'Simulated failure' }]),
        {
          status: state.customerStatus,
          headers: { 'content-type': 'application/json' },
        },
      );
    }
    return fetch(input, init);
  };
  return { state, fetch: wrapped };
}

/** What Cin7 holds, read directly (not through the module): the oracle of the expected prices. */
export async function cin7Pricing(t: TestApp, supplier: TestSupplier) {
  const client = new Cin7Client({
    accountId: supplier.account.accountId,
    apiKey: supplier.account.apiKey,
    baseUrl: t.sandbox.baseUrl,
    budget: unlimitedBudget,
  });
  const tiers = await client.reference.priceTiers();
  const products: Cin7Product[] = [];
  for await (const page of client.products.pages({})) products.push(...page.items);
  const customers: Cin7Customer[] = [];
  for await (const page of client.customers.pages({ IncludeProductPrices: true }))
    customers.push(...page.items);
  return { tiers, products, customers };
}

const round4 = (n: number) => Math.round((n + Number.EPSILON) * 10_000) / 10_000;

/**
 * The price each linked customer should pay for each linked product, from Cin7's data: the custom price, else the
 * tier price (0 = not set → Tier 1), less the customer discount. Keyed `customerId|productId` (Upstock ids).
 */
export async function expectedPrices(
  t: TestApp,
  supplier: TestSupplier,
  originalTierNames: string[],
): Promise<Map<string, number>> {
  const { tiers, products, customers } = await cin7Pricing(t, supplier);
  const customerLinks: { cin7_customer_id: string; upstock_customer_id: string }[] = await t.dataSource.query(
    `SELECT cin7_customer_id, upstock_customer_id FROM cin7_customer_link WHERE supplier_id = $1`,
    [supplier.id],
  );
  const productLinks: { cin7_product_id: string; upstock_product_id: string }[] = await t.dataSource.query(
    `SELECT cin7_product_id, upstock_product_id FROM cin7_product_link WHERE supplier_id = $1`,
    [supplier.id],
  );
  const productIds = new Map(productLinks.map((l) => [l.cin7_product_id, l.upstock_product_id]));
  const customerIds = new Map(customerLinks.map((l) => [l.cin7_customer_id, l.upstock_customer_id]));
  const codeOf = (name: string | null) => {
    const current = tiers.find((tier) => tier.Name === name);
    if (current) return current.Code;
    const original = originalTierNames.indexOf(name ?? '');
    return original >= 0 ? original + 1 : 1;
  };
  const out = new Map<string, number>();
  for (const c of customers) {
    const customerId = customerIds.get(c.ID);
    if (!customerId) continue;
    const code = codeOf(c.PriceTier);
    for (const p of products) {
      const productId = productIds.get(p.ID);
      if (!productId) continue;
      const tierPrices = [
        p.PriceTier1,
        p.PriceTier2,
        p.PriceTier3,
        p.PriceTier4,
        p.PriceTier5,
        p.PriceTier6,
        p.PriceTier7,
        p.PriceTier8,
        p.PriceTier9,
        p.PriceTier10,
      ];
      const tierPrice = tierPrices[code - 1] ?? 0;
      const custom = c.ProductPrices.find((cp) => cp.ProductID === p.ID)?.Price ?? null;
      const price = custom ?? (tierPrice > 0 ? tierPrice : (p.PriceTier1 ?? 0));
      out.set(`${customerId}|${productId}`, round4(price * (1 - (c.Discount ?? 0) / 100)));
    }
  }
  return out;
}

/** What a buyer pays in the reference host, for every customer × product (same rule as its priceFor). */
export async function hostPrices(t: TestApp, supplierId: string): Promise<Map<string, number>> {
  const rows: { customer_id: string; product_id: string; price: string }[] = await t.dataSource.query(
    `SELECT c.id AS customer_id, p.id AS product_id, COALESCE(cp.price, e.price, p.base_price) AS price
       FROM host_customer c
       JOIN host_product p ON p.supplier_id = c.supplier_id
       LEFT JOIN host_customer_price cp ON cp.customer_id = c.id AND cp.product_id = p.id
       LEFT JOIN host_price_list_entry e ON e.price_list_id = c.price_list_id AND e.product_id = p.id
      WHERE c.supplier_id = $1`,
    [supplierId],
  );
  return new Map(rows.map((r) => [`${r.customer_id}|${r.product_id}`, Number(r.price)]));
}

/** Every price-related value in the host, flattened to `what|ids → value`, to diff before and after a sync. */
export async function hostSnapshot(t: TestApp, supplierId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const lists: { id: string; key: string; name: string; currency: string }[] = await t.dataSource.query(
    `SELECT id, key, name, currency FROM host_price_list WHERE supplier_id = $1`,
    [supplierId],
  );
  for (const l of lists) out.set(`list|${l.key}`, `${l.name} (${l.currency})`);
  const entries: { key: string; product_id: string; price: string }[] = await t.dataSource.query(
    `SELECT l.key, e.product_id, e.price FROM host_price_list_entry e
       JOIN host_price_list l ON l.id = e.price_list_id WHERE l.supplier_id = $1`,
    [supplierId],
  );
  for (const e of entries) out.set(`entry|${e.key}|${e.product_id}`, String(Number(e.price)));
  const customers: { id: string; key: string | null; blocked: string | null }[] = await t.dataSource.query(
    `SELECT c.id, l.key, c.ordering_blocked_reason AS blocked FROM host_customer c
       LEFT JOIN host_price_list l ON l.id = c.price_list_id WHERE c.supplier_id = $1`,
    [supplierId],
  );
  for (const c of customers) {
    out.set(`assign|${c.id}`, c.key ?? 'base');
    out.set(`blocked|${c.id}`, c.blocked ?? '-');
  }
  const own: { customer_id: string; product_id: string; price: string }[] = await t.dataSource.query(
    `SELECT cp.customer_id, cp.product_id, cp.price FROM host_customer_price cp
       JOIN host_customer c ON c.id = cp.customer_id WHERE c.supplier_id = $1`,
    [supplierId],
  );
  for (const o of own) out.set(`own|${o.customer_id}|${o.product_id}`, String(Number(o.price)));
  const products: { id: string; base_price: string }[] = await t.dataSource.query(
    `SELECT id, base_price FROM host_product WHERE supplier_id = $1`,
    [supplierId],
  );
  for (const p of products) out.set(`base|${p.id}`, String(Number(p.base_price)));
  return out;
}

/** Keys whose value differs (added, removed or changed), sorted. */
export function changedKeys(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

export async function syncPrices(t: TestApp, supplier: TestSupplier, body: Record<string, unknown> = {}) {
  const res = await t.http.post(`${base}/prices/sync`).set(t.as(supplier)).send(body);
  if (res.status !== 202)
    throw new Error(`price sync failed to start: ${res.status} ${JSON.stringify(res.body)}`);
  return t.waitForJob(supplier, res.body.id, 60_000);
}

/** Waits until no price sync of the supplier is queued or running (imports enqueue some). */
export async function pricesSettled(t: TestApp, supplierId: string): Promise<void> {
  // An import triggers its price sync just after its own run ends: settled means no active sync and no new one for
  // a moment, or a test's own sync could join the one about to be triggered.
  let seen = -1;
  await t.waitFor(
    async () => {
      const [row] = await t.dataSource.query(
        `SELECT count(*) FILTER (WHERE state IN ('queued', 'running', 'paused'))::int AS active, count(*)::int AS total
           FROM cin7_sync_run WHERE supplier_id = $1 AND kind = 'price-sync'`,
        [supplierId],
      );
      const quiet = row.active === 0 && row.total === seen;
      seen = row.active === 0 ? row.total : -1;
      return quiet;
    },
    { timeoutMs: 60_000, intervalMs: 2_000, what: 'price syncs to settle' },
  );
}
