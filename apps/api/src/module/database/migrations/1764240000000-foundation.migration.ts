import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764240000000 implements MigrationInterface {
  name = 'Foundation1764240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE cin7_connection (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      supplier_id text NOT NULL UNIQUE,
      account_id text NOT NULL,
      api_key_encrypted text,
      api_key_last4 text NOT NULL,
      webhook_secret_encrypted text,
      company text NOT NULL,
      base_currency text NOT NULL,
      status text NOT NULL CHECK (status IN ('connected', 'disconnected')),
      connected_at timestamptz NOT NULL,
      disconnected_at timestamptz,
      last_successful_call_at timestamptz,
      paused_until timestamptz,
      last_error text,
      webhook_state text NOT NULL DEFAULT 'not_registered',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE cin7_settings (
      supplier_id text PRIMARY KEY,
      settings jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE cin7_sync_run (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      supplier_id text NOT NULL,
      kind text NOT NULL,
      state text NOT NULL,
      progress jsonb NOT NULL DEFAULT '{"pagesDone":0,"pagesTotal":null,"created":0,"updated":0,"skipped":0}',
      skipped_items jsonb NOT NULL DEFAULT '[]',
      checkpoint jsonb,
      params jsonb NOT NULL DEFAULT '{}',
      result jsonb,
      error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz
    )`);
    await q.query('CREATE INDEX cin7_sync_run_supplier_created ON cin7_sync_run (supplier_id, created_at)');
    // At most one queued-or-running run of a kind per supplier and scope: a second import joins the first.
    await q.query(`CREATE UNIQUE INDEX cin7_sync_run_one_active ON cin7_sync_run (supplier_id, kind, (params->>'scope'))
      WHERE state IN ('queued', 'running', 'paused')`);
    await q.query(`CREATE TABLE cin7_call_log (
      id bigserial PRIMARY KEY,
      connection_id uuid NOT NULL,
      called_at timestamptz NOT NULL,
      priority text NOT NULL
    )`);
    await q.query('CREATE INDEX cin7_call_log_connection_called ON cin7_call_log (connection_id, called_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE cin7_call_log');
    await q.query('DROP TABLE cin7_sync_run');
    await q.query('DROP TABLE cin7_settings');
    await q.query('DROP TABLE cin7_connection');
  }
}
