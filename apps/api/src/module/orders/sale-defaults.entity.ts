import { Column, Entity, PrimaryColumn } from 'typeorm';

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

  /** Module clock time of the last read from Cin7. */
  @Column({ name: 'refreshed_at', type: 'timestamptz' })
  refreshedAt: Date;
}
