import type { UnsupportedPriceFeature } from '@upstock/cin7-contracts';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PriceChangesRecord } from './price-changes.js';
import type { TierState } from './price-plan.js';

export interface UnsupportedFinding {
  feature: UnsupportedPriceFeature;
  count: number;
  examples: string[];
}

/** One per supplier: cursors, tier names, schedule and the last outcome of the price sync. */
@Entity({ name: 'cin7_price_sync_state' })
export class PriceSyncStateEntity {
  @PrimaryColumn({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  /** The Cin7 account the copy and cursors belong to: a reconnect to another account starts over with a full pass. */
  @Column({ name: 'account_id', type: 'text', nullable: true })
  accountId: string | null;

  /** Cin7's ten tiers with their current and former names (customers hold tiers by name). */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  tiers: TierState[];

  /** Newest product `LastModifiedOn` seen (Cin7's clock): the next incremental read starts here less an overlap. */
  @Column({ name: 'product_cursor', type: 'timestamptz', nullable: true })
  productCursor: Date | null;

  @Column({ name: 'customer_cursor', type: 'timestamptz', nullable: true })
  customerCursor: Date | null;

  /** The module's clock from here on. */
  @Column({ name: 'last_full_at', type: 'timestamptz', nullable: true })
  lastFullAt: Date | null;

  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true })
  lastSuccessAt: Date | null;

  @Column({ name: 'last_success_run_id', type: 'uuid', nullable: true })
  lastSuccessRunId: string | null;

  /** When the scheduler next enqueues a sync (null = as soon as it looks). */
  @Column({ name: 'next_due_at', type: 'timestamptz', nullable: true })
  nextDueAt: Date | null;

  @Column({ name: 'last_changes', type: 'jsonb', nullable: true })
  lastChanges: PriceChangesRecord | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  unsupported: UnsupportedFinding[];

  @Column({ name: 'unsupported_checked_at', type: 'timestamptz', nullable: true })
  unsupportedCheckedAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
