import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Prices1764240200000 implements MigrationInterface {
  name = 'Prices1764240200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE cin7_price_sync_state (
      supplier_id text PRIMARY KEY,
      account_id text,
      tiers jsonb NOT NULL DEFAULT '[]',
      product_cursor timestamptz,
      customer_cursor timestamptz,
      last_full_at timestamptz,
      last_success_at timestamptz,
      last_success_run_id uuid,
      next_due_at timestamptz,
      last_changes jsonb,
      unsupported jsonb NOT NULL DEFAULT '[]',
      unsupported_checked_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE cin7_price_product (
      supplier_id text NOT NULL,
      cin7_product_id text NOT NULL,
      sku text NOT NULL,
      prices jsonb NOT NULL,
      discount_rule text,
      last_modified_on timestamptz,
      seen_run uuid,
      PRIMARY KEY (supplier_id, cin7_product_id)
    )`);
    await q.query(`CREATE TABLE cin7_price_customer (
      supplier_id text NOT NULL,
      cin7_customer_id text NOT NULL,
      name text NOT NULL,
      tier_name text,
      discount double precision NOT NULL DEFAULT 0,
      currency text,
      custom_prices jsonb NOT NULL DEFAULT '[]',
      last_modified_on timestamptz,
      seen_run uuid,
      PRIMARY KEY (supplier_id, cin7_customer_id)
    )`);
    await q.query(`CREATE TABLE cin7_price_list (
      supplier_id text NOT NULL,
      key text NOT NULL,
      name text NOT NULL,
      price_list_id text,
      entries jsonb NOT NULL DEFAULT '{}',
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (supplier_id, key)
    )`);
    await q.query(`CREATE TABLE cin7_price_customer_state (
      supplier_id text NOT NULL,
      upstock_customer_id text NOT NULL,
      cin7_customer_id text NOT NULL,
      list_assigned boolean NOT NULL DEFAULT false,
      list_key text,
      entries jsonb NOT NULL DEFAULT '{}',
      blocked_written boolean NOT NULL DEFAULT false,
      blocked_reason text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (supplier_id, upstock_customer_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE cin7_price_customer_state');
    await q.query('DROP TABLE cin7_price_list');
    await q.query('DROP TABLE cin7_price_customer');
    await q.query('DROP TABLE cin7_price_product');
    await q.query('DROP TABLE cin7_price_sync_state');
  }
}
