import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The example shop's own tables: its users, customers, products, prices and orders (not the module's). */
export class Shop1765140100000 implements MigrationInterface {
  name = 'Shop1765140100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE shop_user (token text PRIMARY KEY, supplier_id text NOT NULL)`);
    await q.query(`CREATE TABLE shop_customer (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(), supplier_id text NOT NULL, name text NOT NULL,
      email text, currency text, blocked_reason text)`);
    await q.query(`CREATE TABLE shop_product (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(), supplier_id text NOT NULL, sku text NOT NULL,
      name text NOT NULL, base_price numeric NOT NULL, UNIQUE (supplier_id, sku))`);
    await q.query(`CREATE TABLE shop_price (
      supplier_id text NOT NULL, list_key text NOT NULL, product_id uuid NOT NULL, price numeric NOT NULL,
      PRIMARY KEY (supplier_id, list_key, product_id))`);
    await q.query(`CREATE TABLE shop_order (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(), supplier_id text NOT NULL, number text NOT NULL,
      customer_id uuid NOT NULL REFERENCES shop_customer(id), currency text NOT NULL, status text NOT NULL,
      order_date date NOT NULL DEFAULT current_date, shipped_tracking text, totals_mismatch text)`);
    await q.query(`CREATE TABLE shop_order_line (
      order_id uuid NOT NULL REFERENCES shop_order(id), position int NOT NULL, product_id uuid NOT NULL,
      quantity numeric NOT NULL, unit_price numeric NOT NULL, PRIMARY KEY (order_id, position))`);
    await q.query(
      `CREATE TABLE shop_notification (supplier_id text NOT NULL, kind text NOT NULL, message text)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['shop_notification', 'shop_order_line', 'shop_order', 'shop_price', 'shop_product'])
      await q.query(`DROP TABLE ${t}`);
    await q.query('DROP TABLE shop_customer');
    await q.query('DROP TABLE shop_user');
  }
}
