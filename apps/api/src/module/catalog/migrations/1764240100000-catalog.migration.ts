import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Links (customers, products) and the reference-data cache. */
export class Catalog1764240100000 implements MigrationInterface {
  name = 'Catalog1764240100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE cin7_customer_link (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      supplier_id text NOT NULL,
      upstock_customer_id text NOT NULL,
      cin7_customer_id text NOT NULL,
      cin7_name text NOT NULL,
      currency text NOT NULL,
      shipping_address_id text,
      billing_address jsonb,
      shipping_address jsonb,
      sales_representative text,
      price_tier text,
      discount double precision NOT NULL DEFAULT 0,
      tax_rule text,
      ordering_blocked_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      'CREATE UNIQUE INDEX cin7_customer_link_upstock ON cin7_customer_link (supplier_id, upstock_customer_id)',
    );
    await q.query(
      'CREATE UNIQUE INDEX cin7_customer_link_cin7 ON cin7_customer_link (supplier_id, cin7_customer_id)',
    );
    await q.query(`CREATE TABLE cin7_product_link (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      supplier_id text NOT NULL,
      upstock_product_id text NOT NULL,
      cin7_product_id text NOT NULL,
      sku text NOT NULL,
      name text NOT NULL,
      sale_tax_rule text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      'CREATE UNIQUE INDEX cin7_product_link_upstock ON cin7_product_link (supplier_id, upstock_product_id)',
    );
    await q.query(
      'CREATE UNIQUE INDEX cin7_product_link_cin7 ON cin7_product_link (supplier_id, cin7_product_id)',
    );
    await q.query(`CREATE TABLE cin7_reference_data (
      supplier_id text PRIMARY KEY,
      locations jsonb NOT NULL,
      price_tiers jsonb NOT NULL,
      tax_rules jsonb NOT NULL,
      carriers jsonb NOT NULL,
      refreshed_at timestamptz NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE cin7_reference_data');
    await q.query('DROP TABLE cin7_product_link');
    await q.query('DROP TABLE cin7_customer_link');
  }
}
