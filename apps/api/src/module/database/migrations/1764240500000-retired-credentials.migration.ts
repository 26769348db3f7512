import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RetiredCredentials1764240500000 implements MigrationInterface {
  name = 'RetiredCredentials1764240500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE cin7_retired_credentials (
      connection_id uuid PRIMARY KEY,
      supplier_id text NOT NULL,
      account_id text NOT NULL,
      api_key_encrypted text NOT NULL,
      webhook_secret_encrypted text,
      retired_at timestamptz NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE cin7_retired_credentials');
  }
}
