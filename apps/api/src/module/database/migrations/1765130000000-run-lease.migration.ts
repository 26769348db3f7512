import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run is held by one attempt of its job at a time: `attempt` fences writes of an attempt that was taken over, and
 * `lease_until` (renewed while the attempt works) keeps a retry from starting while the previous attempt may still
 * be writing.
 */
export class RunLease1765130000000 implements MigrationInterface {
  name = 'RunLease1765130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE cin7_sync_run ADD COLUMN attempt int, ADD COLUMN lease_until timestamptz');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE cin7_sync_run DROP COLUMN attempt, DROP COLUMN lease_until');
  }
}
