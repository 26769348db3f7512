import { type AvailabilityRow, withMoney } from '@upstock/cin7-sandbox';
import type { TestApp, TestSupplier } from '../support/test-app.js';

export const base = '/integrations/cin7-core';

export interface HostAvailability {
  id: string;
  sku: string;
  available: number | null;
  in_stock: boolean | null;
  on_order: number | null;
  next_delivery_date: string | null;
}

/** The host's products of a supplier that are linked to Cin7, with what the host shows of their stock. */
export async function hostAvailability(
  t: TestApp,
  supplier: TestSupplier,
): Promise<Map<string, HostAvailability>> {
  const rows: (HostAvailability & { cin7_product_id: string })[] = await t.dataSource.query(
    `SELECT l.cin7_product_id, p.id, p.sku, p.available::float8 AS available, p.in_stock,
            p.on_order::float8 AS on_order, p.next_delivery_date
       FROM cin7_product_link l JOIN host_product p ON p.id::text = l.upstock_product_id
      WHERE l.supplier_id = $1`,
    [supplier.id],
  );
  return new Map(rows.map((r) => [r.cin7_product_id, r]));
}

/** Cin7's availability summed per product over the given locations (every bin and batch), from the sandbox. */
export function expectedSums(rows: AvailabilityRow[], locations: string[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) {
    if (!locations.includes(row.Location)) continue;
    sums.set(row.ID.toLowerCase(), (sums.get(row.ID.toLowerCase()) ?? 0) + row.Available);
  }
  return sums;
}

/** Authorises a sale of one product in Cin7 itself (the sandbox's API, as a Cin7 user's app would). */
export async function authoriseSaleInCin7(
  t: TestApp,
  supplier: TestSupplier,
  productId: string,
  quantity: number,
): Promise<string> {
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${t.sandbox.baseUrl}${path}`, {
      method,
      headers: {
        'api-auth-accountid': supplier.account.accountId,
        'api-auth-applicationkey': supplier.account.apiKey,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const { Currency } = await api('GET', 'me');
  const customers = (await api('GET', 'customer?Limit=100')).CustomerList as {
    ID: string;
    Currency: string;
  }[];
  const sale = await api('POST', 'sale', {
    CustomerID: customers.find((c) => c.Currency === Currency)?.ID,
    SkipQuote: true,
    Location: 'Main Warehouse',
  });
  await api(
    'POST',
    'sale/order',
    withMoney({
      SaleID: sale.ID,
      Status: 'AUTHORISED',
      Lines: [
        {
          ProductID: productId,
          Name: 'Stock test',
          Quantity: quantity,
          Price: 10,
          Total: quantity * 10,
          TaxRule: sale.TaxRule,
        },
      ],
    }),
  );
  return String(sale.ID);
}
