import type { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `'pending', 'pushing', 'pushed', 'failed', 'refused', 'shipped'`;

/**
 * Pushes can be `held`: approved while Cin7 was disconnected, kept until the supplier sends them (issue 15). The
 * state check is the one the orders migration declared inline (Postgres named it cin7_order_push_state_check).
 */
export class HeldOrders1765150000000 implements MigrationInterface {
  name = 'HeldOrders1765150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cin7_order_push DROP CONSTRAINT cin7_order_push_state_check,
      ADD CONSTRAINT cin7_order_push_state_check CHECK (state IN (${BEFORE}, 'held'))`);
    await q.query(
      `CREATE INDEX cin7_order_push_waiting ON cin7_order_push (supplier_id, approved_at DESC)
        WHERE state IN ('held', 'refused')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX cin7_order_push_waiting');
    // Nothing was sent for a held push: it reads as refused (the supplier can still send it with a retry).
    await q.query(`UPDATE cin7_order_push SET state = 'refused' WHERE state = 'held'`);
    await q.query(`ALTER TABLE cin7_order_push DROP CONSTRAINT cin7_order_push_state_check,
      ADD CONSTRAINT cin7_order_push_state_check CHECK (state IN (${BEFORE}))`);
  }
}
