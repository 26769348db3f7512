import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per Cin7 account and API key (hashed): until when every call on it waits, after Cin7 throttled one. */
@Entity({ name: 'cin7_call_budget' })
export class CallBudgetStateEntity {
  @PrimaryColumn({ name: 'budget_key', type: 'text' })
  budgetKey: string;

  @Column({ name: 'paused_until', type: 'timestamptz', nullable: true })
  pausedUntil: Date | null;
}
