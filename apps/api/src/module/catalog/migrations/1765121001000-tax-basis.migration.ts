import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tenant's default sale tax rule and whether it includes tax, cached with the reference books for the panel. */
export class TaxBasis1765121001000 implements MigrationInterface {
  name = 'TaxBasis1765121001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cin7_reference_data
      ADD COLUMN default_sale_tax_rule text, ADD COLUMN prices_include_tax boolean`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE cin7_reference_data DROP COLUMN default_sale_tax_rule, DROP COLUMN prices_include_tax`,
    );
  }
}
