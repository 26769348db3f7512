import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ScheduledSyncs1765140000000 implements MigrationInterface {
  name = 'ScheduledSyncs1765140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE cin7_scheduled_sync_state (
      supplier_id text NOT NULL,
      name text NOT NULL,
      next_due_at timestamptz,
      PRIMARY KEY (supplier_id, name)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE cin7_scheduled_sync_state');
  }
}
