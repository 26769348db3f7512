import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { WrittenCustomer, WrittenList, WrittenState } from './price-diff.js';
import type { MirroredCustomer, MirroredProduct } from './price-plan.js';
import { PriceSyncStateEntity } from './price-sync-state.entity.js';
import { BASE_PRICES_KEY } from './price-written.entity.js';

export interface ProductRow extends MirroredProduct {
  sku: string;
  discountRule: string | null;
  lastModifiedOn: Date | null;
}

export interface CustomerRow extends MirroredCustomer {
  lastModifiedOn: Date | null;
}

/** Bulk statements take rows as one JSON parameter: a page of 1,000 rows is one round trip. */
@Injectable()
export class PriceStore {
  constructor(private readonly dataSource: DataSource) {}

  async state(supplierId: string): Promise<PriceSyncStateEntity> {
    const repo = this.dataSource.getRepository(PriceSyncStateEntity);
    const found = await repo.findOneBy({ supplierId });
    if (found) return found;
    await repo.createQueryBuilder().insert().values({ supplierId }).orIgnore().execute();
    return repo.findOneByOrFail({ supplierId });
  }

  async updateState(
    supplierId: string,
    patch: Partial<Omit<PriceSyncStateEntity, 'supplierId' | 'updatedAt'>>,
  ) {
    await this.state(supplierId);
    await this.dataSource.getRepository(PriceSyncStateEntity).update({ supplierId }, patch as never);
  }

  async upsertProducts(
    supplierId: string,
    rows: readonly ProductRow[],
    seenRun: string | null,
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO cin7_price_product (supplier_id, cin7_product_id, sku, prices, discount_rule, last_modified_on, seen_run)
       SELECT $1, x.id, x.sku, x.prices, x.rule, x.modified, $3::uuid
         FROM jsonb_to_recordset($2::jsonb) AS x(id text, sku text, prices jsonb, rule text, modified timestamptz)
       ON CONFLICT (supplier_id, cin7_product_id) DO UPDATE SET sku = EXCLUDED.sku, prices = EXCLUDED.prices,
         discount_rule = EXCLUDED.discount_rule, last_modified_on = EXCLUDED.last_modified_on,
         seen_run = COALESCE(EXCLUDED.seen_run, cin7_price_product.seen_run)`,
      [
        supplierId,
        JSON.stringify(
          rows.map((r) => ({
            id: r.cin7Id,
            sku: r.sku,
            prices: r.prices,
            rule: r.discountRule,
            modified: r.lastModifiedOn?.toISOString() ?? null,
          })),
        ),
        seenRun,
      ],
    );
  }

  async upsertCustomers(
    supplierId: string,
    rows: readonly CustomerRow[],
    seenRun: string | null,
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO cin7_price_customer (supplier_id, cin7_customer_id, name, tier_name, discount, currency,
         custom_prices, last_modified_on, seen_run)
       SELECT $1, x.id, x.name, x.tier, x.discount, x.currency, x.custom, x.modified, $3::uuid
         FROM jsonb_to_recordset($2::jsonb)
           AS x(id text, name text, tier text, discount float8, currency text, custom jsonb, modified timestamptz)
       ON CONFLICT (supplier_id, cin7_customer_id) DO UPDATE SET name = EXCLUDED.name,
         tier_name = EXCLUDED.tier_name, discount = EXCLUDED.discount, currency = EXCLUDED.currency,
         custom_prices = EXCLUDED.custom_prices, last_modified_on = EXCLUDED.last_modified_on,
         seen_run = COALESCE(EXCLUDED.seen_run, cin7_price_customer.seen_run)`,
      [
        supplierId,
        JSON.stringify(
          rows.map((r) => ({
            id: r.cin7Id,
            name: r.name,
            tier: r.tierName,
            discount: r.discount,
            currency: r.currency,
            custom: r.customPrices,
            modified: r.lastModifiedOn?.toISOString() ?? null,
          })),
        ),
        seenRun,
      ],
    );
  }

  async deleteProducts(supplierId: string, cin7Ids: readonly string[]): Promise<void> {
    if (cin7Ids.length === 0) return;
    await this.dataSource.query(
      `DELETE FROM cin7_price_product WHERE supplier_id = $1 AND cin7_product_id = ANY($2::text[])`,
      [supplierId, cin7Ids],
    );
  }

  async deleteCustomers(supplierId: string, cin7Ids: readonly string[]): Promise<void> {
    if (cin7Ids.length === 0) return;
    await this.dataSource.query(
      `DELETE FROM cin7_price_customer WHERE supplier_id = $1 AND cin7_customer_id = ANY($2::text[])`,
      [supplierId, cin7Ids],
    );
  }

  /** After a full pass: rows it did not see are no longer active in Cin7. */
  async deleteUnseen(supplierId: string, runId: string, what: 'products' | 'customers'): Promise<number> {
    const table = what === 'products' ? 'cin7_price_product' : 'cin7_price_customer';
    const [, count] = await this.dataSource.query(
      `DELETE FROM ${table} WHERE supplier_id = $1 AND seen_run IS DISTINCT FROM $2::uuid`,
      [supplierId, runId],
    );
    return Number(count ?? 0);
  }

  async products(supplierId: string): Promise<ProductRow[]> {
    const rows: {
      cin7_product_id: string;
      sku: string;
      prices: number[];
      discount_rule: string | null;
      last_modified_on: Date | null;
    }[] = await this.dataSource.query(
      `SELECT cin7_product_id, sku, prices, discount_rule, last_modified_on FROM cin7_price_product WHERE supplier_id = $1`,
      [supplierId],
    );
    return rows.map((r) => ({
      cin7Id: r.cin7_product_id,
      sku: r.sku,
      prices: r.prices,
      discountRule: r.discount_rule,
      lastModifiedOn: r.last_modified_on,
    }));
  }

  async customers(supplierId: string, cin7Id?: string): Promise<CustomerRow[]> {
    const rows: {
      cin7_customer_id: string;
      name: string;
      tier_name: string | null;
      discount: number;
      currency: string | null;
      custom_prices: { productId: string; price: number }[];
      last_modified_on: Date | null;
    }[] = await this.dataSource.query(
      `SELECT cin7_customer_id, name, tier_name, discount, currency, custom_prices, last_modified_on
         FROM cin7_price_customer WHERE supplier_id = $1 AND ($2::text IS NULL OR cin7_customer_id = $2)`,
      [supplierId, cin7Id ?? null],
    );
    return rows.map((r) => ({
      cin7Id: r.cin7_customer_id,
      name: r.name,
      tierName: r.tier_name,
      discount: Number(r.discount),
      currency: r.currency,
      customPrices: r.custom_prices,
      lastModifiedOn: r.last_modified_on,
    }));
  }

  async written(supplierId: string): Promise<WrittenState & { blockedBefore: Set<string> }> {
    const lists: {
      key: string;
      name: string;
      price_list_id: string | null;
      entries: Record<string, number>;
    }[] = await this.dataSource.query(
      `SELECT key, name, price_list_id, entries FROM cin7_price_list WHERE supplier_id = $1`,
      [supplierId],
    );
    const customers: {
      upstock_customer_id: string;
      list_assigned: boolean;
      list_key: string | null;
      entries: Record<string, number>;
      blocked_written: boolean;
      blocked_reason: string | null;
    }[] = await this.dataSource.query(
      `SELECT upstock_customer_id, list_assigned, list_key, entries, blocked_written, blocked_reason
         FROM cin7_price_customer_state WHERE supplier_id = $1`,
      [supplierId],
    );
    const state: WrittenState & { blockedBefore: Set<string> } = {
      base: {},
      lists: new Map<string, WrittenList>(),
      customers: new Map<string, WrittenCustomer>(),
      blockedBefore: new Set(),
    };
    for (const l of lists) {
      if (l.key === BASE_PRICES_KEY) state.base = l.entries;
      else if (l.price_list_id) {
        state.lists.set(l.key, {
          key: l.key,
          name: l.name,
          priceListId: l.price_list_id,
          entries: l.entries,
        });
      }
    }
    for (const c of customers) {
      state.customers.set(c.upstock_customer_id, {
        upstockCustomerId: c.upstock_customer_id,
        listKey: c.list_assigned ? c.list_key : undefined,
        entries: c.entries,
        blockedReason: c.blocked_written ? c.blocked_reason : undefined,
      });
      if (c.blocked_written && c.blocked_reason !== null) state.blockedBefore.add(c.upstock_customer_id);
    }
    return state;
  }

  async saveWrittenList(
    supplierId: string,
    list: { key: string; name: string; priceListId: string | null; entries: Record<string, number> },
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO cin7_price_list (supplier_id, key, name, price_list_id, entries, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, now())
       ON CONFLICT (supplier_id, key) DO UPDATE SET name = EXCLUDED.name, price_list_id = EXCLUDED.price_list_id,
         entries = EXCLUDED.entries, updated_at = now()`,
      [supplierId, list.key, list.name, list.priceListId, JSON.stringify(list.entries)],
    );
  }

  /** Merges written base prices (base prices are set, never removed). */
  async mergeWrittenBase(
    supplierId: string,
    prices: readonly { productId: string; price: number }[],
  ): Promise<void> {
    if (prices.length === 0) return;
    const patch = Object.fromEntries(prices.map((p) => [p.productId, p.price]));
    await this.dataSource.query(
      `INSERT INTO cin7_price_list (supplier_id, key, name, price_list_id, entries, updated_at)
       VALUES ($1, $2, 'Base price (Tier 1)', NULL, $3::jsonb, now())
       ON CONFLICT (supplier_id, key) DO UPDATE SET entries = cin7_price_list.entries || EXCLUDED.entries,
         updated_at = now()`,
      [supplierId, BASE_PRICES_KEY, JSON.stringify(patch)],
    );
  }

  async saveWrittenCustomers(
    supplierId: string,
    rows: readonly {
      upstockCustomerId: string;
      cin7CustomerId: string;
      listKey?: string | null;
      entries?: Record<string, number>;
      blockedReason?: string | null;
    }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    // Each column is only overwritten when the row carries it (a key absent from the JSON = not written now).
    await this.dataSource.query(
      `INSERT INTO cin7_price_customer_state AS s (supplier_id, upstock_customer_id, cin7_customer_id, list_assigned,
         list_key, entries, blocked_written, blocked_reason, updated_at)
       SELECT $1, x->>'upstockCustomerId', x->>'cin7CustomerId', x ? 'listKey', x->>'listKey',
              COALESCE(x->'entries', '{}'::jsonb), x ? 'blockedReason', x->>'blockedReason', now()
         FROM jsonb_array_elements($2::jsonb) AS x
       ON CONFLICT (supplier_id, upstock_customer_id) DO UPDATE SET
         cin7_customer_id = EXCLUDED.cin7_customer_id,
         list_assigned = s.list_assigned OR EXCLUDED.list_assigned,
         list_key = CASE WHEN EXCLUDED.list_assigned THEN EXCLUDED.list_key ELSE s.list_key END,
         entries = CASE WHEN $3::text[] @> ARRAY[EXCLUDED.upstock_customer_id] THEN EXCLUDED.entries ELSE s.entries END,
         blocked_written = s.blocked_written OR EXCLUDED.blocked_written,
         blocked_reason = CASE WHEN EXCLUDED.blocked_written THEN EXCLUDED.blocked_reason ELSE s.blocked_reason END,
         updated_at = now()`,
      [
        supplierId,
        JSON.stringify(rows),
        rows.filter((r) => r.entries !== undefined).map((r) => r.upstockCustomerId),
      ],
    );
  }
}
