import type { OrderSyncDetail } from '@upstock/cin7-contracts';
import { z } from 'zod';
import type { TestApp, TestSupplier } from '../support/test-app.js';

export const base = '/integrations/cin7-core';

export interface LinkedCustomer {
  upstock_customer_id: string;
  cin7_customer_id: string;
  cin7_name: string;
  sales_representative: string | null;
  tax_rule: string | null;
  billing_address: Record<string, string | null> | null;
  shipping_address: Record<string, string | null> | null;
  currency: string;
}

export interface LinkedProduct {
  upstock_product_id: string;
  cin7_product_id: string;
  sku: string;
  name: string;
  sale_tax_rule: string | null;
}

/** Connects the supplier and imports its Cin7 customers and products (links with addresses, reps, tax rules). */
export async function connectAndImport(t: TestApp, supplier: TestSupplier): Promise<void> {
  await t.connect(supplier);
  for (const kind of ['customers', 'products'] as const) {
    const res = await t.http.post(`${base}/imports`).set(t.as(supplier)).send({ kind });
    if (res.status !== 202) throw new Error(`import ${kind}: ${res.status} ${JSON.stringify(res.body)}`);
    const job = await t.waitForJob(supplier, res.body.id);
    if (job.state !== 'succeeded') throw new Error(`import ${kind} ended ${job.state}: ${job.error}`);
  }
}

export async function linkedCustomers(t: TestApp, supplier: TestSupplier): Promise<LinkedCustomer[]> {
  return t.dataSource.query(
    `SELECT upstock_customer_id, cin7_customer_id, cin7_name, sales_representative, tax_rule, billing_address,
            shipping_address, currency
       FROM cin7_customer_link WHERE supplier_id = $1 AND ordering_blocked_reason IS NULL ORDER BY cin7_name`,
    [supplier.id],
  );
}

/** Stock products (no services, no freight item), in a stable order. */
export async function linkedProducts(t: TestApp, supplier: TestSupplier): Promise<LinkedProduct[]> {
  return t.dataSource.query(
    `SELECT upstock_product_id, cin7_product_id, sku, name, sale_tax_rule
       FROM cin7_product_link WHERE supplier_id = $1 AND sku LIKE 'SKU-%' ORDER BY sku`,
    [supplier.id],
  );
}

export interface OrderInput {
  customerId: string;
  lines: { productId: string; quantity: number }[];
  reference?: string | null;
  deliveryDate?: string | null;
  freight?: number | null;
  comment?: string;
}

/** A buyer's order in the reference host, with optional extra comments and tracking; answers the host order. */
export async function createOrder(
  t: TestApp,
  supplier: TestSupplier,
  input: OrderInput,
  extra: { comments?: string[]; tracking?: string } = {},
) {
  const res = await t.http.post('/host/orders').set(t.as(supplier)).send(input);
  if (res.status !== 201) throw new Error(`create order: ${res.status} ${JSON.stringify(res.body)}`);
  const id: string = res.body.id;
  for (const body of extra.comments ?? []) {
    await t.http.post(`/host/orders/${id}/comments`).set(t.as(supplier)).send({ body }).expect(201);
  }
  if (extra.tracking) {
    await t.http
      .patch(`/host/orders/${id}`)
      .set(t.as(supplier))
      .send({ tracking: extra.tracking })
      .expect(200);
  }
  return (await t.http.get(`/host/orders/${id}`).set(t.as(supplier))).body as {
    id: string;
    number: string;
    orderDate: string;
    total: number;
  };
}

/**
 * Approves in the host, then reports the approval through the module's route too: the host records the push in its
 * own transaction when it has the module's hook, and a second report changes nothing.
 */
export async function approve(t: TestApp, supplier: TestSupplier, orderId: string): Promise<void> {
  await t.http.post(`/host/orders/${orderId}/approve`).set(t.as(supplier)).expect(201);
  const res = await t.http.post(`${base}/orders/${orderId}/approved`).set(t.asHost(supplier));
  if (res.status !== 202) throw new Error(`approved: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function waitSettled(
  t: TestApp,
  supplier: TestSupplier,
  orderId: string,
  timeoutMs = 20_000,
): Promise<OrderSyncDetail> {
  return t.waitFor(
    async () => {
      const res = await t.http.get(`${base}/orders/${orderId}/sync`).set(t.as(supplier));
      const state = res.body?.sync?.state;
      return state === 'pushed' || state === 'failed' || state === 'refused'
        ? (res.body as OrderSyncDetail)
        : null;
    },
    { timeoutMs, what: `push of order ${orderId}` },
  );
}

export async function putSettings(t: TestApp, supplier: TestSupplier, patch: Record<string, unknown>) {
  const current = (await t.http.get(`${base}/settings`).set(t.as(supplier))).body;
  const res = await t.http
    .put(`${base}/settings`)
    .set(t.as(supplier))
    .send({ ...current, ...patch });
  if (res.status !== 200) throw new Error(`settings: ${res.status} ${JSON.stringify(res.body)}`);
}

/** The sandbox renders dates as `YYYY-MM-DDT00:00:00`. */
export function cin7Date(date: string): string {
  return `${date}T00:00:00`;
}

/** A sale as the sandbox's admin API renders it (Cin7's GET /sale shape), read with the fields the tests check. */
export const storedSaleSchema = z.looseObject({
  ID: z.string(),
  ExternalID: z.string().nullable(),
  Order: z.object({
    SaleOrderNumber: z.string(),
    Status: z.string(),
    Lines: z.array(z.record(z.string(), z.unknown())),
    AdditionalCharges: z.array(z.record(z.string(), z.unknown())),
    TotalBeforeTax: z.number(),
    Tax: z.number(),
    Total: z.number(),
  }),
  Fulfilments: z
    .array(
      z.object({
        Pick: z.object({ Status: z.string() }),
        Pack: z.object({ Status: z.string() }),
        Ship: z.object({ Status: z.string() }),
      }),
    )
    .optional(),
});
export type StoredSale = z.infer<typeof storedSaleSchema>;

/** `account`: the sandbox's account index (0 NZ, 1 AU, 2 tax inclusive, 3 no freight product). */
export async function storedSales(t: TestApp, account: number): Promise<StoredSale[]> {
  return (await t.sandbox.admin.listSales(account)).map((s) => storedSaleSchema.parse(s));
}
