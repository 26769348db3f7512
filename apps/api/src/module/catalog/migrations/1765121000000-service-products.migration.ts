import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The supplier's Cin7 service products, cached with the other reference books (the freight setting's choices). */
export class ServiceProducts1765121000000 implements MigrationInterface {
  name = 'ServiceProducts1765121000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cin7_reference_data ADD COLUMN service_products jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cin7_reference_data DROP COLUMN service_products`);
  }
}
