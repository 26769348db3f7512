import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1764240300000 implements MigrationInterface {
  name = 'Orders1764240300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE cin7_order_push (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      supplier_id text NOT NULL,
      upstock_order_id text NOT NULL,
      state text NOT NULL CHECK (state IN ('pending', 'pushing', 'pushed', 'failed', 'refused', 'shipped')),
      external_id text NOT NULL,
      cin7_sale_id uuid,
      cin7_order_number text,
      order_number text,
      header_sent_at timestamptz,
      lines_sent_at timestamptz,
      sent_snapshot jsonb,
      sent_total numeric(18, 4),
      currency text,
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      customer_name text,
      totals_mismatch text,
      shipped_at timestamptz,
      lease_owner text,
      lease_until timestamptz,
      next_attempt_at timestamptz,
      enqueued_at timestamptz,
      approved_at timestamptz NOT NULL,
      sent_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT cin7_order_push_supplier_order UNIQUE (supplier_id, upstock_order_id)
    )`);
    await q.query(
      'CREATE INDEX cin7_order_push_supplier_state ON cin7_order_push (supplier_id, state, updated_at)',
    );
    // The sweeper's question: which unfinished pushes are due?
    await q.query(`CREATE INDEX cin7_order_push_due ON cin7_order_push (next_attempt_at)
      WHERE state IN ('pending', 'pushing')`);
    // Shipments find the push of a Cin7 sale.
    await q.query('CREATE INDEX cin7_order_push_sale ON cin7_order_push (supplier_id, cin7_sale_id)');
    await q.query(`CREATE TABLE cin7_order_push_event (
      id bigserial PRIMARY KEY,
      push_id uuid NOT NULL REFERENCES cin7_order_push (id) ON DELETE CASCADE,
      supplier_id text NOT NULL,
      attempt integer NOT NULL,
      step text NOT NULL,
      outcome text NOT NULL,
      message text,
      cin7_order_number text,
      at timestamptz NOT NULL
    )`);
    await q.query('CREATE INDEX cin7_order_push_event_push ON cin7_order_push_event (push_id, id)');
    await q.query(`CREATE TABLE cin7_order_defaults (
      supplier_id text PRIMARY KEY,
      default_location text,
      location_names jsonb NOT NULL DEFAULT '[]',
      default_tax_rule text,
      refreshed_at timestamptz NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE cin7_order_defaults');
    await q.query('DROP TABLE cin7_order_push_event');
    await q.query('DROP TABLE cin7_order_push');
  }
}
