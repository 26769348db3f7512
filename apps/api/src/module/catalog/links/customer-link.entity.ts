import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An address as Cin7 holds it, kept on the link so order pushes need no Cin7 call to fill the sale's addresses. */
export interface LinkedAddress {
  /** Cin7 address ID (null when Cin7 sent none). */
  id: string | null;
  line1: string;
  line2: string | null;
  city: string | null;
  state: string | null;
  postcode: string | null;
  country: string;
}

/**
 * An Upstock customer and its Cin7 twin, made by an import or by matching. Read by prices (tier, discount) and
 * order pushes (Cin7 ID, chosen shipping address, sales representative, tax rule, whether ordering is blocked).
 */
@Entity({ name: 'cin7_customer_link' })
@Index(['supplierId', 'upstockCustomerId'], { unique: true })
@Index(['supplierId', 'cin7CustomerId'], { unique: true })
export class CustomerLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  @Column({ name: 'upstock_customer_id', type: 'text' })
  upstockCustomerId: string;

  /** Lowercase GUID (Cin7 answers in lowercase, webhooks in uppercase). */
  @Column({ name: 'cin7_customer_id', type: 'text' })
  cin7CustomerId: string;

  @Column({ name: 'cin7_name', type: 'text' })
  cin7Name: string;

  @Column({ type: 'text' })
  currency: string;

  /** The Cin7 address ID of the shipping address used on this customer's sales (null: Cin7 has none). */
  @Column({ name: 'shipping_address_id', type: 'text', nullable: true })
  shippingAddressId: string | null;

  @Column({ name: 'billing_address', type: 'jsonb', nullable: true })
  billingAddress: LinkedAddress | null;

  @Column({ name: 'shipping_address', type: 'jsonb', nullable: true })
  shippingAddress: LinkedAddress | null;

  @Column({ name: 'sales_representative', type: 'text', nullable: true })
  salesRepresentative: string | null;

  /** Cin7 price tier name (customers hold tiers by name). */
  @Column({ name: 'price_tier', type: 'text', nullable: true })
  priceTier: string | null;

  /** Customer-level discount, percent 0-100. */
  @Column({ type: 'double precision', default: 0 })
  discount: number;

  @Column({ name: 'tax_rule', type: 'text', nullable: true })
  taxRule: string | null;

  /** The Cin7 customer's `Location` (its own warehouse for sales); null when it has none. */
  @Column({ type: 'text', nullable: true })
  location: string | null;

  /** Why this customer's orders cannot be pushed to Cin7 (e.g. a currency other than the Cin7 base currency). */
  @Column({ name: 'ordering_blocked_reason', type: 'text', nullable: true })
  orderingBlockedReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
