import type { ReferenceData } from '@upstock/cin7-contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The supplier's Cin7 reference books (locations, price tiers, tax rules, carriers, service products), cached: one row a supplier. */
@Entity({ name: 'cin7_reference_data' })
export class ReferenceDataEntity {
  @PrimaryColumn({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  @Column({ type: 'jsonb' })
  locations: ReferenceData['locations'];

  @Column({ name: 'price_tiers', type: 'jsonb' })
  priceTiers: ReferenceData['priceTiers'];

  @Column({ name: 'tax_rules', type: 'jsonb' })
  taxRules: ReferenceData['taxRules'];

  @Column({ type: 'jsonb' })
  carriers: ReferenceData['carriers'];

  @Column({ name: 'service_products', type: 'jsonb', default: () => "'[]'" })
  serviceProducts: ReferenceData['serviceProducts'];

  @Column({ name: 'default_sale_tax_rule', type: 'text', nullable: true })
  defaultSaleTaxRule: string | null;

  @Column({ name: 'prices_include_tax', type: 'boolean', nullable: true })
  pricesIncludeTax: boolean | null;

  @Column({ name: 'refreshed_at', type: 'timestamptz' })
  refreshedAt: Date;
}
