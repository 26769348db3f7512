import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The Cin7 customer's own Location on its link: its sales go there unless the settings choose a location. */
export class CustomerLocation1765121002000 implements MigrationInterface {
  name = 'CustomerLocation1765121002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cin7_customer_link ADD COLUMN location text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cin7_customer_link DROP COLUMN location`);
  }
}
