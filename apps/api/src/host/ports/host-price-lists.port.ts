import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PriceEntry, PriceListsPort } from '../../module/ports/index.js';

@Injectable()
export class HostPriceListsPort implements PriceListsPort {
  constructor(private readonly dataSource: DataSource) {}

  /** Delete-and-insert in one transaction: readers see the old list or the new one, never a mix. */
  replacePriceList(
    supplierId: string,
    list: { key: string; name: string; currency: string; entries: PriceEntry[] },
  ): Promise<string> {
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO host_price_list (supplier_id, key, name, currency) VALUES ($1, $2, $3, $4)
         ON CONFLICT (supplier_id, key) DO UPDATE SET name = EXCLUDED.name, currency = EXCLUDED.currency
         RETURNING id`,
        [supplierId, list.key, list.name, list.currency],
      );
      const id: string = row.id;
      await m.query(`DELETE FROM host_price_list_entry WHERE price_list_id = $1`, [id]);
      await m.query(
        `INSERT INTO host_price_list_entry (price_list_id, product_id, price)
         SELECT $1, v.product_id, v.price FROM unnest($2::uuid[], $3::numeric[]) AS v(product_id, price)
         JOIN host_product p ON p.id = v.product_id AND p.supplier_id = $4`,
        [id, list.entries.map((e) => e.productId), list.entries.map((e) => e.price), supplierId],
      );
      return id;
    });
  }

  async assignCustomers(
    supplierId: string,
    assignments: { customerId: string; priceListId: string | null }[],
  ): Promise<void> {
    if (assignments.length === 0) return;
    await this.dataSource.query(
      `UPDATE host_customer c SET price_list_id = v.price_list_id
         FROM unnest($2::uuid[], $3::uuid[]) AS v(customer_id, price_list_id)
        WHERE c.id = v.customer_id AND c.supplier_id = $1`,
      [supplierId, assignments.map((a) => a.customerId), assignments.map((a) => a.priceListId)],
    );
  }

  replaceCustomerPrices(supplierId: string, customerId: string, entries: PriceEntry[]): Promise<void> {
    return this.dataSource.transaction(async (m) => {
      const owned = await m.query(`SELECT 1 FROM host_customer WHERE id = $1 AND supplier_id = $2`, [
        customerId,
        supplierId,
      ]);
      if (owned.length === 0)
        throw new Error(`Customer ${customerId} does not belong to supplier ${supplierId}`);
      await m.query(`DELETE FROM host_customer_price WHERE customer_id = $1`, [customerId]);
      await m.query(
        `INSERT INTO host_customer_price (customer_id, product_id, price)
         SELECT $1, v.product_id, v.price FROM unnest($2::uuid[], $3::numeric[]) AS v(product_id, price)`,
        [customerId, entries.map((e) => e.productId), entries.map((e) => e.price)],
      );
    });
  }

  async priceFor(supplierId: string, customerId: string, productId: string): Promise<number | null> {
    const [row] = await this.dataSource.query(
      `SELECT COALESCE(cp.price, e.price, p.base_price) AS price
         FROM host_product p
         JOIN host_customer c ON c.id = $2 AND c.supplier_id = $1
         LEFT JOIN host_customer_price cp ON cp.customer_id = c.id AND cp.product_id = p.id
         LEFT JOIN host_price_list_entry e ON e.price_list_id = c.price_list_id AND e.product_id = p.id
        WHERE p.id = $3 AND p.supplier_id = $1`,
      [supplierId, customerId, productId],
    );
    return row ? Number(row.price) : null;
  }
}
