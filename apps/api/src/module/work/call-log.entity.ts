import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per Cin7 call sent, per connection: the shared sliding window behind the 60-calls-a-minute budget.
 * Rows older than the window are pruned as calls are taken.
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
}
