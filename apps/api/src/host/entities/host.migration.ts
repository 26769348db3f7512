import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReferenceHost1764230000000 implements MigrationInterface {
  name = 'ReferenceHost1764230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE host_supplier (id text PRIMARY KEY, name text NOT NULL, token text NOT NULL UNIQUE)`,
    );
    await q.query(`CREATE TABLE host_customer (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(), supplier_id text NOT NULL REFERENCES host_supplier(id),
      name text NOT NULL, email text, currency text, contacts jsonb NOT NULL DEFAULT '[]',
      billing_address jsonb, shipping_addresses jsonb NOT NULL DEFAULT '[]', price_tier text,
      discount_percent numeric NOT NULL DEFAULT 0, sales_representative text, ordering_blocked_reason text,
      price_list_id uuid, created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX host_customer_supplier_name ON host_customer (supplier_id, name)`);
    await q.query(`CREATE TABLE host_product (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(), supplier_id text NOT NULL REFERENCES host_supplier(id),
      sku text NOT NULL, name text NOT NULL, notes text, image_urls jsonb NOT NULL DEFAULT '[]',
      base_price numeric NOT NULL, UNIQUE (supplier_id, sku))`);
    await q.query(`CREATE TABLE host_price_list (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(), supplier_id text NOT NULL REFERENCES host_supplier(id),
      key text NOT NULL, name text NOT NULL, currency text NOT NULL, UNIQUE (supplier_id, key))`);
    await q.query(`CREATE TABLE host_price_list_entry (
      price_list_id uuid NOT NULL REFERENCES host_price_list(id) ON DELETE CASCADE,
      product_id uuid NOT NULL REFERENCES host_product(id), price numeric NOT NULL,
      PRIMARY KEY (price_list_id, product_id))`);
    await q.query(`CREATE TABLE host_customer_price (
      customer_id uuid NOT NULL REFERENCES host_customer(id) ON DELETE CASCADE,
      product_id uuid NOT NULL REFERENCES host_product(id), price numeric NOT NULL,
      PRIMARY KEY (customer_id, product_id))`);
    await q.query(`CREATE TABLE host_order (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(), supplier_id text NOT NULL REFERENCES host_supplier(id),
      number text NOT NULL, reference text, customer_id uuid NOT NULL REFERENCES host_customer(id),
      currency text NOT NULL, status text NOT NULL, order_date date NOT NULL, delivery_date date, tracking text,
      freight numeric, shipped_at timestamptz, shipment_carrier text, totals_mismatch text,
      created_at timestamptz NOT NULL DEFAULT now(), UNIQUE (supplier_id, number))`);
    await q.query(`CREATE INDEX host_order_supplier_created ON host_order (supplier_id, created_at)`);
    await q.query(`CREATE TABLE host_order_line (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(), order_id uuid NOT NULL REFERENCES host_order(id) ON DELETE CASCADE,
      position integer NOT NULL, product_id uuid NOT NULL REFERENCES host_product(id), sku text NOT NULL,
      name text NOT NULL, quantity numeric NOT NULL, unit_price numeric NOT NULL)`);
    await q.query(`CREATE TABLE host_order_comment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(), order_id uuid NOT NULL REFERENCES host_order(id) ON DELETE CASCADE,
      body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE host_notification (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(), supplier_id text NOT NULL REFERENCES host_supplier(id),
      kind text NOT NULL, title text NOT NULL, message text NOT NULL, order_id uuid,
      created_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'host_notification',
      'host_order_comment',
      'host_order_line',
      'host_order',
      'host_customer_price',
      'host_price_list_entry',
      'host_price_list',
      'host_product',
      'host_customer',
      'host_supplier',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
