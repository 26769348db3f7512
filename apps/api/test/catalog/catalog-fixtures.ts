import { Cin7Client, type Cin7Customer, type Cin7Product, unlimitedBudget } from '@upstock/cin7-core';
import type { TestApp, TestSupplier } from '../support/test-app.js';

export const base = '/integrations/cin7-core';

/** Reads the sandbox account directly (not through the module), to know what an import must produce. */
export async function sandboxCatalog(t: TestApp, supplier: TestSupplier) {
  const client = new Cin7Client({
    accountId: supplier.account.accountId,
    apiKey: supplier.account.apiKey,
    baseUrl: t.sandbox.baseUrl,
    budget: unlimitedBudget,
  });
  const products: Cin7Product[] = [];
  for await (const page of client.products.pages({ IncludeAttachments: true, IncludeDeprecated: true })) {
    products.push(...page.items);
  }
  const customers: Cin7Customer[] = [];
  for await (const page of client.customers.pages({ IncludeDeprecated: true })) customers.push(...page.items);
  return { products, customers };
}

export async function startImport(t: TestApp, supplier: TestSupplier, kind: 'customers' | 'products') {
  const res = await t.http.post(`${base}/imports`).set(t.as(supplier)).send({ kind });
  if (res.status !== 202)
    throw new Error(`import failed to start: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; state: string };
}

export async function runImport(t: TestApp, supplier: TestSupplier, kind: 'customers' | 'products') {
  const job = await startImport(t, supplier, kind);
  // Products are read 100 a page (20 calls on the medium seed): an import that follows others within the same
  // minute waits for the module's 60-calls-a-minute budget, as it would in production.
  return t.waitForJob(supplier, job.id, 150_000);
}

export async function supplierRows(
  t: TestApp,
  table: string,
  supplierId: string,
): Promise<Record<string, unknown>[]> {
  return t.dataSource.query(`SELECT * FROM ${table} WHERE supplier_id = $1`, [supplierId]);
}
