import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TaxCalculationMethod, TaxRuleRate } from './sale-money.js';

/** What Cin7 decides when the supplier did not (default location, default sale tax rule), cached per supplier. */
@Entity({ name: 'cin7_order_defaults' })
export class SaleDefaultsEntity {
  @PrimaryColumn({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  @Column({ name: 'default_location', type: 'text', nullable: true })
  defaultLocation: string | null;

  @Column({ name: 'location_names', type: 'jsonb' })
  locationNames: string[];

  @Column({ name: 'default_tax_rule', type: 'text', nullable: true })
  defaultTaxRule: string | null;

  /** `GET /ref/tax` (BP L27431-27432); null on rows cached before tax was sent (they are read again). */
  @Column({ name: 'tax_rules', type: 'jsonb', nullable: true })
  taxRules: TaxRuleRate[] | null;

  @Column({ name: 'tax_calculation_method', type: 'text' })
  taxCalculationMethod: TaxCalculationMethod;

  @Column({ name: 'auto_discounts', type: 'boolean' })
  autoDiscounts: boolean;

  /** The freight service product check: the name looked up and whether Cin7 has it (BP L30711). */
  @Column({ name: 'freight_product', type: 'jsonb', nullable: true })
  freightProduct: { name: string; exists: boolean } | null;

  /** Module clock time of the last read from Cin7. */
  @Column({ name: 'refreshed_at', type: 'timestamptz' })
  refreshedAt: Date;
}
