import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What we last knew of one pushed Cin7 sale, and which effects were already applied to its Upstock order.
 * Every effect key is compared before acting, so a replayed or duplicated event changes nothing twice.
 */
@Entity({ name: 'cin7_shipment_state' })
export class ShipmentStateEntity {
  @PrimaryColumn({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  /** Cin7 sale id, lowercase. */
  @PrimaryColumn({ name: 'sale_id', type: 'text' })
  saleId: string;

  @Column({ name: 'order_id', type: 'text' })
  orderId: string;

  /** Cin7 `CombinedShippingStatus` last seen (from saleList or the sale). */
  @Column({ name: 'shipping_status', type: 'text', nullable: true })
  shippingStatus: string | null;

  /** Cin7 sale `Status` last seen. */
  @Column({ name: 'sale_status', type: 'text', nullable: true })
  saleStatus: string | null;

  /** Newest Cin7 modification time seen for the sale (`Updated` in saleList, `LastModifiedOn` on the sale). */
  @Column({ name: 'cin7_updated_at', type: 'timestamptz', nullable: true })
  cin7UpdatedAt: Date | null;

  /** Newest `LastModifiedOn` of a fetched sale applied: an older fetch finishing later is ignored. */
  @Column({ name: 'sale_modified_at', type: 'timestamptz', nullable: true })
  saleModifiedAt: Date | null;

  /** A fetch that started at this time has been applied: events received before it are already covered. */
  @Column({ name: 'fetched_as_of', type: 'timestamptz', nullable: true })
  fetchedAsOf: Date | null;

  /** Shipment (tracking, carrier) last given to the host as shipped; null = not marked shipped. */
  @Column({ name: 'shipped_key', type: 'text', nullable: true })
  shippedKey: string | null;

  /** Partial shipment last written to the timeline. */
  @Column({ name: 'partial_key', type: 'text', nullable: true })
  partialKey: string | null;

  /** The drift currently flagged on the order; null = the totals match. */
  @Column({ name: 'drift_key', type: 'text', nullable: true })
  driftKey: string | null;

  @Column({ name: 'voided_at', type: 'timestamptz', nullable: true })
  voidedAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
