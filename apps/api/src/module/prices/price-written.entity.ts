import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Key of the written base prices (Tier 1) in cin7_price_list: not an Upstock price list. */
export const BASE_PRICES_KEY = 'base';

/**
 * What the module last wrote to an Upstock price list (or, under BASE_PRICES_KEY, to the base prices): the
 * next sync writes a list only when its entries or name differ, and reports exactly what changed.
 */
@Entity({ name: 'cin7_price_list' })
export class WrittenPriceListEntity {
  @PrimaryColumn({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  /** `cin7-tier-<code>` or `cin7-tier-<code>-less-<discount>`: stable across tier renames. */
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  name: string;

  /** The Upstock price list id (null for the base prices). */
  @Column({ name: 'price_list_id', type: 'text', nullable: true })
  priceListId: string | null;

  /** Upstock product id → price. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  entries: Record<string, number>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** What the module last wrote for a linked Upstock customer: list assignment, own prices, ordering block. */
@Entity({ name: 'cin7_price_customer_state' })
export class WrittenCustomerPricesEntity {
  @PrimaryColumn({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  @PrimaryColumn({ name: 'upstock_customer_id', type: 'text' })
  upstockCustomerId: string;

  @Column({ name: 'cin7_customer_id', type: 'text' })
  cin7CustomerId: string;

  @Column({ name: 'list_assigned', type: 'boolean', default: false })
  listAssigned: boolean;

  /** Price list key; null = the base price. Meaningful when listAssigned. */
  @Column({ name: 'list_key', type: 'text', nullable: true })
  listKey: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  entries: Record<string, number>;

  @Column({ name: 'blocked_written', type: 'boolean', default: false })
  blockedWritten: boolean;

  @Column({ name: 'blocked_reason', type: 'text', nullable: true })
  blockedReason: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
