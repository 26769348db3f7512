import type { StockSettings } from '@upstock/cin7-contracts';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The supplier's stock choices; absent = DEFAULT_STOCK_SETTINGS (off). */
@Entity({ name: 'cin7_stock_settings' })
export class StockSettingsEntity {
  @PrimaryColumn({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  /** Always complete and valid (parsed by the contracts schema before saving). */
  @Column({ type: 'jsonb' })
  settings: StockSettings;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One per supplier: the pass schedule, the locations the last pass summed, webhook counters. */
@Entity({ name: 'cin7_stock_state' })
export class StockStateEntity {
  @PrimaryColumn({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  /** When the scheduler next starts a pass (null = at its next tick). */
  @Column({ name: 'next_pass_at', type: 'timestamptz', nullable: true })
  nextPassAt: Date | null;

  /** The Cin7 locations the last pass summed: webhooks are summed over the same ones. */
  @Column({ type: 'jsonb', nullable: true })
  locations: string[] | null;

  @Column({ name: 'webhooks_applied', type: 'integer', default: 0 })
  webhooksApplied: number;

  @Column({ name: 'webhooks_hinted', type: 'integer', default: 0 })
  webhooksHinted: number;

  @Column({ name: 'last_webhook_at', type: 'timestamptz', nullable: true })
  lastWebhookAt: Date | null;
}

/**
 * What the module last wrote to the host for one linked product, so only changes are written, and when a webhook
 * or a targeted read last set it (a pass does not overwrite fresher news; a differing delivery soon after is
 * doubted).
 */
@Entity({ name: 'cin7_stock_level' })
export class StockLevelEntity {
  @PrimaryColumn({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  @PrimaryColumn({ name: 'cin7_product_id', type: 'text' })
  cin7ProductId: string;

  @Column({ name: 'upstock_product_id', type: 'text' })
  upstockProductId: string;

  @Column({ type: 'numeric' })
  available: string;

  @Column({ name: 'in_stock', type: 'boolean' })
  inStock: boolean;

  @Column({ name: 'on_order', type: 'numeric' })
  onOrder: string;

  @Column({ name: 'next_delivery_date', type: 'text', nullable: true })
  nextDeliveryDate: string | null;

  @Column({ type: 'text' })
  display: string;

  @Column({ name: 'last_event_at', type: 'timestamptz', nullable: true })
  lastEventAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A pass's per-page sums (see the migration); rows of a finished pass are deleted. */
@Entity({ name: 'cin7_stock_pass_row' })
export class StockPassRowEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId: string;

  @PrimaryColumn({ type: 'integer' })
  page: number;

  @PrimaryColumn({ name: 'cin7_product_id', type: 'text' })
  cin7ProductId: string;

  /** For the report of rows skipped (unlinked products). */
  @Column({ type: 'text', nullable: true })
  sku: string | null;

  @Column({ type: 'numeric' })
  available: string;

  @Column({ name: 'on_order', type: 'numeric' })
  onOrder: string;

  @Column({ name: 'next_delivery_date', type: 'text', nullable: true })
  nextDeliveryDate: string | null;
}
