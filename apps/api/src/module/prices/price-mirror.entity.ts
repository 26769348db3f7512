import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The module's copy of a Cin7 product's tier prices. Incremental syncs read only what changed in Cin7, while
 * Upstock price lists are replaced whole: the copy lets a list be rebuilt without reading every product again.
 */
@Entity({ name: 'cin7_price_product' })
export class PriceProductEntity {
  @PrimaryColumn({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  /** Lowercase GUID. */
  @PrimaryColumn({ name: 'cin7_product_id', type: 'text' })
  cin7ProductId: string;

  @Column({ type: 'text' })
  sku: string;

  /** PriceTier1..PriceTier10. */
  @Column({ type: 'jsonb' })
  prices: number[];

  /** Name of the Cin7 discount rule the product points to (not applied; reported). */
  @Column({ name: 'discount_rule', type: 'text', nullable: true })
  discountRule: string | null;

  @Column({ name: 'last_modified_on', type: 'timestamptz', nullable: true })
  lastModifiedOn: Date | null;

  /** The full pass that last saw it: rows a full pass did not see are gone from Cin7 (or deprecated). */
  @Column({ name: 'seen_run', type: 'uuid', nullable: true })
  seenRun: string | null;
}

/** The module's copy of a Cin7 customer's pricing: tier, discount, currency and custom prices. */
@Entity({ name: 'cin7_price_customer' })
export class PriceCustomerEntity {
  @PrimaryColumn({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  @PrimaryColumn({ name: 'cin7_customer_id', type: 'text' })
  cin7CustomerId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'tier_name', type: 'text', nullable: true })
  tierName: string | null;

  @Column({ type: 'double precision', default: 0 })
  discount: number;

  @Column({ type: 'text', nullable: true })
  currency: string | null;

  /** `[{ productId (Cin7), price }]`, in the customer's currency. */
  @Column({ name: 'custom_prices', type: 'jsonb', default: () => `'[]'` })
  customPrices: { productId: string; price: number }[];

  @Column({ name: 'last_modified_on', type: 'timestamptz', nullable: true })
  lastModifiedOn: Date | null;

  @Column({ name: 'seen_run', type: 'uuid', nullable: true })
  seenRun: string | null;
}
