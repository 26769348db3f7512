import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cin7 limits calls per account and API key, not per supplier: the call log is keyed by a hash of both (never the
 * key itself), a call holds its slot until a minute after its answer, and a throttle pauses everyone on the key.
 */
export class CallBudgetKey1765130001000 implements MigrationInterface {
  name = 'CallBudgetKey1765130001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE cin7_call_log ADD COLUMN budget_key text, ADD COLUMN answered_at timestamptz');
    await q.query('CREATE INDEX cin7_call_log_budget_called ON cin7_call_log (budget_key, called_at)');
    await q.query('CREATE TABLE cin7_call_budget (budget_key text PRIMARY KEY, paused_until timestamptz)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE cin7_call_budget');
    await q.query('DROP INDEX cin7_call_log_budget_called');
    await q.query('ALTER TABLE cin7_call_log DROP COLUMN budget_key, DROP COLUMN answered_at');
  }
}
