import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Stock availability from Cin7 (issue 16): the supplier's choice, the pass schedule, and what was last written. */
export class Stock1765160000000 implements MigrationInterface {
  name = 'Stock1765160000000';

  async up(q: QueryRunner): Promise<void> {
    // No row = the defaults: stock sync off, so an existing connection changes nothing until the supplier opts in.
    await q.query(`CREATE TABLE cin7_stock_settings (
      supplier_id text PRIMARY KEY,
      settings jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE cin7_stock_state (
      supplier_id text PRIMARY KEY,
      next_pass_at timestamptz,
      locations jsonb,
      webhooks_applied integer NOT NULL DEFAULT 0,
      webhooks_hinted integer NOT NULL DEFAULT 0,
      last_webhook_at timestamptz
    )`);
    await q.query(`CREATE TABLE cin7_stock_level (
      supplier_id text NOT NULL,
      cin7_product_id text NOT NULL,
      upstock_product_id text NOT NULL,
      available numeric NOT NULL,
      in_stock boolean NOT NULL,
      on_order numeric NOT NULL,
      next_delivery_date text,
      display text NOT NULL,
      last_event_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (supplier_id, cin7_product_id)
    )`);
    // A pass's rows per page, summed per product at its end: writing a page again (a resumed pass) replaces it.
    await q.query(`CREATE TABLE cin7_stock_pass_row (
      run_id uuid NOT NULL,
      page integer NOT NULL,
      cin7_product_id text NOT NULL,
      sku text,
      available numeric NOT NULL,
      on_order numeric NOT NULL,
      next_delivery_date text,
      PRIMARY KEY (run_id, page, cin7_product_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE cin7_stock_pass_row');
    await q.query('DROP TABLE cin7_stock_level');
    await q.query('DROP TABLE cin7_stock_state');
    await q.query('DROP TABLE cin7_stock_settings');
  }
}
