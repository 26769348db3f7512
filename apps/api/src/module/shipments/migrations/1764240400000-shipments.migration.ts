import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Shipments1764240400000 implements MigrationInterface {
  name = 'Shipments1764240400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE cin7_shipment_state (
      supplier_id text NOT NULL,
      sale_id text NOT NULL,
      order_id text NOT NULL,
      shipping_status text,
      sale_status text,
      cin7_updated_at timestamptz,
      sale_modified_at timestamptz,
      fetched_as_of timestamptz,
      shipped_key text,
      partial_key text,
      drift_key text,
      voided_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (supplier_id, sale_id)
    )`);
    await q.query(`CREATE TABLE cin7_shipment_schedule (
      supplier_id text PRIMARY KEY,
      cursor timestamptz,
      next_poll_at timestamptz NOT NULL,
      next_webhook_check_at timestamptz NOT NULL,
      last_poll_at timestamptz,
      last_poll_calls integer,
      last_poll_rows integer
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE cin7_shipment_schedule');
    await q.query('DROP TABLE cin7_shipment_state');
  }
}
