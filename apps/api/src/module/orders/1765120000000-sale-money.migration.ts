import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a sale's money needs from Cin7 (tax rules, TaxCalculationMethod, AutomaticallyApplyDiscounts, the freight
 * service product check), cached with the other sale defaults; and a stable code for refusals the supplier can fix.
 */
export class SaleMoney1765120000000 implements MigrationInterface {
  name = 'SaleMoney1765120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cin7_order_defaults
      ADD COLUMN tax_rules jsonb,
      ADD COLUMN tax_calculation_method text NOT NULL DEFAULT 'Row Total',
      ADD COLUMN auto_discounts boolean NOT NULL DEFAULT false,
      ADD COLUMN freight_product jsonb`);
    await q.query(`ALTER TABLE cin7_order_push ADD COLUMN refusal_code text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cin7_order_push DROP COLUMN refusal_code`);
    await q.query(`ALTER TABLE cin7_order_defaults
      DROP COLUMN tax_rules, DROP COLUMN tax_calculation_method, DROP COLUMN auto_discounts,
      DROP COLUMN freight_product`);
  }
}
