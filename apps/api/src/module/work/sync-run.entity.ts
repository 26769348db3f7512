import type { JobKind, JobProgress, JobState } from '@upstock/cin7-contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export interface SkippedItem {
  cin7Id: string;
  label: string;
  reason: string;
}

/** A unit of background work a supplier can see (GET /jobs): imports, price syncs, polls. */
@Entity({ name: 'cin7_sync_run' })
@Index(['supplierId', 'createdAt'])
export class SyncRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  @Column({ type: 'text' })
  kind: JobKind;

  @Column({ type: 'text' })
  state: JobState;

  @Column({
    type: 'jsonb',
    default: () => `'{"pagesDone":0,"pagesTotal":null,"created":0,"updated":0,"skipped":0}'`,
  })
  progress: JobProgress;

  @Column({ name: 'skipped_items', type: 'jsonb', default: () => `'[]'` })
  skippedItems: SkippedItem[];

  /** Where to resume after a crash (e.g. the next page of an import). */
  @Column({ type: 'jsonb', nullable: true })
  checkpoint: Record<string, unknown> | null;

  /** Input of the run (e.g. the customer of a single-customer price sync). */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  params: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  result: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** The job attempt holding the run; writes of an earlier attempt are refused (see SyncRuns.execute). */
  @Column({ type: 'int', nullable: true })
  attempt: number | null;

  /** Until when the holding attempt is known to be alive (renewed while it works). */
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
