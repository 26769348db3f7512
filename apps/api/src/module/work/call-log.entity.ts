import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per Cin7 call sent, per Cin7 account and API key (`budget_key`, a hash): the shared window behind the
 * 60-calls-a-minute budget. A call holds its slot from `called_at` until a minute after `answered_at` (database
 * time). Rows out of the window are pruned as calls are taken.
 */
@Entity({ name: 'cin7_call_log' })
@Index(['connectionId', 'calledAt'])
export class CallLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'connection_id', type: 'uuid' })
  connectionId: string;

  @Column({ name: 'called_at', type: 'timestamptz' })
  calledAt: Date;

  @Column({ type: 'text' })
  priority: string;

  @Column({ name: 'budget_key', type: 'text', nullable: true })
  budgetKey: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;
}
