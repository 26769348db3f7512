import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Products carry stock availability (issue 16): what the Cin7 module tells the host through `inventory`. Null until
 * told: the shell shows nothing rather than a made-up figure.
 */
export class ReferenceHostAvailability1765160001000 implements MigrationInterface {
  name = 'ReferenceHostAvailability1765160001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE host_product
      ADD COLUMN available numeric,
      ADD COLUMN in_stock boolean,
      ADD COLUMN on_order numeric,
      ADD COLUMN next_delivery_date text,
      ADD COLUMN availability_updated_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE host_product DROP COLUMN available, DROP COLUMN in_stock, DROP COLUMN on_order,
      DROP COLUMN next_delivery_date, DROP COLUMN availability_updated_at`);
  }
}
