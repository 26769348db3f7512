import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Keep both what Cin7 says about a shipment: the tracking number and the carrier's tracking link. */
export class ReferenceHostShipment1764230001000 implements MigrationInterface {
  name = 'ReferenceHostShipment1764230001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE host_order ADD COLUMN shipment_tracking_number text, ADD COLUMN shipment_tracking_url text`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE host_order DROP COLUMN shipment_tracking_number, DROP COLUMN shipment_tracking_url`,
    );
  }
}
