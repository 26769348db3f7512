import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CustomerLinkEntity, type LinkedAddress } from './customer-link.entity.js';

export interface ProductLinkWrite {
  upstockProductId: string;
  cin7ProductId: string;
  sku: string;
  name: string;
  saleTaxRule: string | null;
}

export interface CustomerLinkWrite {
  upstockCustomerId: string;
  cin7CustomerId: string;
  cin7Name: string;
  currency: string;
  shippingAddressId: string | null;
  billingAddress: LinkedAddress | null;
  shippingAddress: LinkedAddress | null;
  salesRepresentative: string | null;
  priceTier: string | null;
  discount: number;
  taxRule: string | null;
  /** The Cin7 customer's own `Location`: its sales go there unless the settings choose one. */
  location: string | null;
  orderingBlockedReason: string | null;
}

/**
 * Writes links in bulk: one statement per page of an import (unnest arrays, so 1,000 rows cost one round trip).
 * A link is keyed by the Cin7 twin when importing (a re-import updates it) and by the Upstock customer when
 * matching (re-matching replaces the twin).
 */
@Injectable()
export class LinkStore {
  constructor(private readonly dataSource: DataSource) {}

  async upsertProductLinks(supplierId: string, rows: readonly ProductLinkWrite[]): Promise<void> {
    if (rows.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO cin7_product_link (supplier_id, upstock_product_id, cin7_product_id, sku, name, sale_tax_rule)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT (supplier_id, cin7_product_id) DO UPDATE SET upstock_product_id = EXCLUDED.upstock_product_id,
         sku = EXCLUDED.sku, name = EXCLUDED.name, sale_tax_rule = EXCLUDED.sale_tax_rule, updated_at = now()`,
      [
        supplierId,
        rows.map((r) => r.upstockProductId),
        rows.map((r) => r.cin7ProductId.toLowerCase()),
        rows.map((r) => r.sku),
        rows.map((r) => r.name),
        rows.map((r) => r.saleTaxRule),
      ],
    );
  }

  async upsertCustomerLinks(
    supplierId: string,
    rows: readonly CustomerLinkWrite[],
    conflictOn: 'cin7' | 'upstock' = 'cin7',
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    if (rows.length === 0) return;
    const target = conflictOn === 'cin7' ? 'cin7_customer_id' : 'upstock_customer_id';
    const other = conflictOn === 'cin7' ? 'upstock_customer_id' : 'cin7_customer_id';
    await manager.query(
      `INSERT INTO cin7_customer_link (supplier_id, upstock_customer_id, cin7_customer_id, cin7_name, currency,
         shipping_address_id, billing_address, shipping_address, sales_representative, price_tier, discount,
         tax_rule, ordering_blocked_reason, location)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[],
         $8::jsonb[], $9::text[], $10::text[], $11::float8[], $12::text[], $13::text[], $14::text[])
       ON CONFLICT (supplier_id, ${target}) DO UPDATE SET ${other} = EXCLUDED.${other},
         cin7_name = EXCLUDED.cin7_name, currency = EXCLUDED.currency,
         shipping_address_id = EXCLUDED.shipping_address_id, billing_address = EXCLUDED.billing_address,
         shipping_address = EXCLUDED.shipping_address, sales_representative = EXCLUDED.sales_representative,
         price_tier = EXCLUDED.price_tier, discount = EXCLUDED.discount, tax_rule = EXCLUDED.tax_rule,
         ordering_blocked_reason = EXCLUDED.ordering_blocked_reason, location = EXCLUDED.location,
         updated_at = now()`,
      [
        supplierId,
        rows.map((r) => r.upstockCustomerId),
        rows.map((r) => r.cin7CustomerId.toLowerCase()),
        rows.map((r) => r.cin7Name),
        rows.map((r) => r.currency),
        rows.map((r) => r.shippingAddressId),
        rows.map((r) => (r.billingAddress ? JSON.stringify(r.billingAddress) : null)),
        rows.map((r) => (r.shippingAddress ? JSON.stringify(r.shippingAddress) : null)),
        rows.map((r) => r.salesRepresentative),
        rows.map((r) => r.priceTier),
        rows.map((r) => r.discount),
        rows.map((r) => r.taxRule),
        rows.map((r) => r.orderingBlockedReason),
        rows.map((r) => r.location),
      ],
    );
  }

  /**
   * Links one Upstock customer (matching): replaces its twin if it had one. With `move`, the Cin7 customer's link to
   * another Upstock customer is removed first, in the same transaction, so the supplier never sees both or neither.
   * Answers the Upstock customer the link moved from, or null. Without `move`, a taken twin is a unique violation.
   */
  async linkCustomer(
    supplierId: string,
    row: CustomerLinkWrite,
    options: { move: boolean },
  ): Promise<string | null> {
    return this.dataSource.transaction(async (m) => {
      let movedFrom: string | null = null;
      if (options.move) {
        const [removed]: [{ upstock_customer_id: string }[], number] = await m.query(
          `DELETE FROM cin7_customer_link
            WHERE supplier_id = $1 AND cin7_customer_id = $2 AND upstock_customer_id <> $3
           RETURNING upstock_customer_id`,
          [supplierId, row.cin7CustomerId.toLowerCase(), row.upstockCustomerId],
        );
        movedFrom = removed[0]?.upstock_customer_id ?? null;
      }
      await this.upsertCustomerLinks(supplierId, [row], 'upstock', m);
      return movedFrom;
    });
  }

  /** Answers whether a link was removed. */
  async deleteCustomerLink(supplierId: string, upstockCustomerId: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(CustomerLinkEntity)
      .delete({ supplierId, upstockCustomerId });
    return (result.affected ?? 0) > 0;
  }
}
