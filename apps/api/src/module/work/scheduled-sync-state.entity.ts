import { Column, Entity, PrimaryColumn } from 'typeorm';

/** When each host-added scheduled sync is next due for a supplier (claimed with one UPDATE across replicas). */
@Entity({ name: 'cin7_scheduled_sync_state' })
export class ScheduledSyncStateEntity {
  @PrimaryColumn({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  @PrimaryColumn({ type: 'text' })
  name: string;

  @Column({ name: 'next_due_at', type: 'timestamptz', nullable: true })
  nextDueAt: Date | null;
}
